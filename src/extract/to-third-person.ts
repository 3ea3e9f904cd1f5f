import { isAdverb, isPastForm, thirdPersonSingular } from './verb-forms.js'

const WORD = /([\p{L}\p{N}]+(?:'\p{L}+)*)/u
const PAST_CUE =
  /\b(?:yesterday|ago|last|earlier|previously|once|back then|used to|when (?:i|we) (?:was|were))\b/i
const ONLY_SPACE = /^[ \t]+$/
/** Past forms that open a sentence as adjectives or participles, not as a verb with "I" left out. */
const NOT_IMPLIED: ReadonlySet<string> = new Set(
  `been done gone seen known given taken eaten driven written broken chosen forgotten fallen shown
  spoken stolen frozen hidden born excited tired bored interested worried scared stressed obsessed
  pleased thrilled amazed surprised confused blessed exhausted disappointed embarrassed annoyed
  relieved impressed inspired overwhelmed motivated determined used supposed related based located
  named called needed red`.split(/\s+/),
)

/** Chat openings with "I" left out: "Gonna visit my grandma" means "I'm going to". */
const IMPLIED_OPENINGS: Readonly<Record<string, string>> = {
  gonna: 'is going to',
  wanna: 'wants to',
  gotta: 'has to',
}

/** "Went to the gym" in chat means "I went to the gym": a sentence that opens with a past verb. */
function impliedSubject(parts: readonly string[]): boolean {
  if (parts[0] !== '') return false
  let j = 1
  while (j < parts.length && ONLY_SPACE.test(parts[j + 1] ?? '') && isAdverb(parts[j] ?? '')) j += 2
  const word = (parts[j] ?? '').toLowerCase()
  return /^\p{Lu}/u.test(parts[1] ?? '') && isPastForm(word) && !NOT_IMPLIED.has(word)
}

/**
 * True when the "I" at `i` is part of a joint subject ("My sister and I love"), so its
 * verb stays plural. Only a short phrase without an "I" of its own may come before the
 * "and": in "I have a cat and I watch TV" the second "I" starts a clause of its own.
 */
function jointSubject(parts: readonly string[], i: number): boolean {
  if (/^(?:and|or)$/i.test(parts[i + 2] ?? '') && ONLY_SPACE.test(parts[i + 1] ?? '')) return true
  if (!/^(?:and|or|nor)$/i.test(parts[i - 2] ?? '')) return false
  let count = 0
  for (let j = i - 4; j >= 1; j -= 2) {
    if (/[,;:]/.test(parts[j + 1] ?? '')) break
    if ((parts[j] ?? '').toLowerCase() === 'i' || ++count > 3) return false
  }
  return count > 0
}

/** Whether a sentence has a cue word of the past ("yesterday", "ago", "last"). */
export function talksAboutPast(sentence: string): boolean {
  return PAST_CUE.test(sentence)
}

/** Options for `toThirdPerson`. */
export interface ThirdPersonOptions {
  /** Whether the sentence is about the past, for verbs like "read" and "put". @default guessed from cue words such as "yesterday" */
  past?: boolean | undefined
}

/**
 * Rewrites a first-person sentence about `name`, as said by them: "I" -> name (and
 * the verb after it agrees: "I take" -> "Caroline takes"), "I'm" -> "name is",
 * "I've" -> "name has", "I'll" -> "name will", "I'd" -> "name would" before a base verb
 * else "name had", "my"/"mine" -> "name's", "me"/"myself" -> name, "by myself" ->
 * "alone". "We" and "us" become "name and others"; "our" becomes "their" once the name
 * has been said, else "name's". A sentence that opens with a past verb or "gonna" gets
 * the name as its subject ("Went hiking" -> "Caroline went hiking"). Other words are left alone.
 *
 * @example
 * toThirdPerson("I'd love to take my dog to the beach.", 'Caroline')
 * // "Caroline would love to take Caroline's dog to the beach."
 */
export function toThirdPerson(sentence: string, name: string, options: ThirdPersonOptions = {}): string {
  const parts = sentence.replace(/[’‘]/g, "'").split(WORD)
  const past = options.past ?? talksAboutPast(sentence)
  const lowerAt = (i: number) => (parts[i] ?? '').toLowerCase()
  const spaceBefore = (i: number) => ONLY_SPACE.test(parts[i - 1] ?? '')
  /** Index of the first word after `i` that is not an adverb, if only spaces lead to it. */
  const verbAfter = (i: number): number | null => {
    let j = i + 2
    while (j < parts.length && spaceBefore(j) && isAdverb(parts[j] ?? '')) j += 2
    return j < parts.length && spaceBefore(j) ? j : null
  }
  const wouldOrHad = (i: number): string => {
    const j = verbAfter(i)
    const next = j === null ? '' : lowerAt(j)
    return next === 'better' || (next !== '' && isPastForm(next, past)) ? 'had' : 'would'
  }
  let named = false
  const opening = parts[0] === '' ? IMPLIED_OPENINGS[(parts[1] ?? '').toLowerCase()] : undefined
  if (opening !== undefined || impliedSubject(parts)) {
    parts[1] = `${name} ${opening ?? (parts[1] ?? '').toLowerCase()}`
    named = true
  }

  for (let i = 1; i < parts.length; i += 2) {
    const word = parts[i] ?? ''
    // "I-95", "US", "IM" are not pronouns.
    if (/-$/.test(parts[i - 1] ?? '') || /^-/.test(parts[i + 1] ?? '') || word === 'US' || word === 'IM')
      continue
    const lower = word.toLowerCase()
    const plural = `${name} and others`
    let out: string | null
    switch (lower) {
      case 'i': {
        out = name
        const j = verbAfter(i)
        const joint = jointSubject(parts, i)
        if (j !== null && !joint) parts[j] = thirdPersonSingular(parts[j] ?? '', { past })
        break
      }
      case "i'm":
      case 'im':
        out = `${name} is`
        break
      case "i've":
        out = `${name} has`
        break
      case "i'll":
        out = `${name} will`
        break
      case "i'd":
        out = `${name} ${wouldOrHad(i)}`
        break
      case 'me':
        out = name
        break
      case 'my':
      case 'mine':
        out = `${name}'s`
        break
      case 'myself':
        if (lowerAt(i - 2) === 'by' && spaceBefore(i)) {
          parts[i - 2] = 'alone'
          parts[i - 1] = ''
          out = ''
        } else out = name
        break
      case 'we':
      case 'us':
        out = plural
        break
      case "we're":
        out = `${plural} are`
        break
      case "we've":
        out = `${plural} have`
        break
      case "we'll":
        out = `${plural} will`
        break
      case "we'd":
        out = `${plural} ${wouldOrHad(i)}`
        break
      case 'our':
        out = named ? 'their' : `${name}'s`
        break
      case 'ours':
        out = named ? 'theirs' : `${name}'s`
        break
      case 'ourselves':
        out = named ? 'themselves' : plural
        break
      default:
        out = null
    }
    if (out === null) continue
    parts[i] = out
    named = true
  }
  return parts.join('')
}
