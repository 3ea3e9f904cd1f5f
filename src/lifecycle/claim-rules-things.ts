import { singular } from '../extract/entity-key.js'
import { leadingNumber } from './claim-numbers.js'
import { plainPhrase } from './claim-phrase.js'
import { bareValue, claimFor, endsValue, pattern, type Rule, whichever } from './claim-rule.js'
import type { ClaimDraft } from './claim-types.js'
import { personValue } from './claim-values.js'
import { beVerdict, changeVerdict, stateVerdict } from './claim-verb-group.js'
import { verbForms } from './claim-verbs.js'
import { CAR_MAKES, OWNABLE, PHRASE_STOPS } from './claim-words.js'

const DIETS: Readonly<Record<string, string>> = {
  vegan: 'vegan',
  'plant-based': 'vegan',
  vegetarian: 'vegetarian',
  veggie: 'vegetarian',
  pescatarian: 'pescatarian',
  pescetarian: 'pescatarian',
  omnivore: 'omnivore',
  carnivore: 'omnivore',
  'meat-eater': 'omnivore',
  'meat eater': 'omnivore',
}
const DIET =
  '(vegan|plant-based|vegetarian|veggie|pescatarian|pescetarian|omnivore|carnivore|meat-eater|meat eater)'
/** After a diet word only stop words may follow: "a vegan chef" is a chef. */
const dietEnds = (after: string) => endsValue(after)

const DIET_IS = pattern(`(?:an?\\s+)?(?:(?:strict|full|committed|lifelong|full-time)\\s+)?${DIET}(.*)$`)
const DIET_ON = pattern(`on\\s+an?\\s+(?:strict\\s+)?${DIET}\\s+diet\\b(.*)$`)
const WENT = pattern(
  `(${verbForms('go', 'become', 'turn', 'switch')})\\s+(?:to\\s+)?(?:an?\\s+)?(?:being\\s+)?${DIET}(.*)$`,
)
const FOLLOW = pattern(
  `(${verbForms('eat', 'follow', 'have')})\\s+an?\\s+(?:strict\\s+)?${DIET}\\s+diet\\b(.*)$`,
)
const EAT_MEAT = pattern(`(${verbForms('eat')})\\s+(?:meat|animal products)(?![\\p{L}-])(.*)$`)
const GAVE_UP_MEAT = pattern(
  `(${verbForms('give', 'cut', 'quit')})\\s+(?:up|out)?\\s*(?:meat|animal products)(?![\\p{L}-])(.*)$`,
)

const OWN = pattern(
  `(${verbForms('have', 'get', 'adopt', 'buy')})\\s+(an?|one|two|three|four|five|\\d+|no|my\\s+own)\\s+(.+)$`,
)
const SOLD = pattern(`(${verbForms('sell')})\\s+(?:my|our)\\s+(?:old\\s+)?([\\p{L}]+)(.*)$`)
const DRIVE = pattern(`(${verbForms('drive')})\\s+an?\\s+(.+)$`)
/** What may follow an owned thing: "a dog [named Max]", "a car [yesterday]", not "a dog [walker]". */
const thingEnds = (after: string) => /^\s+(?:named|called)\s/i.test(after) || endsValue(after)

function dietClaims(word: string, after: string, polarity: 1 | -1 | null): ClaimDraft[] {
  if (!dietEnds(after)) return []
  return claimFor('diet', bareValue(DIETS[word.toLowerCase()] ?? null), polarity)
}

const diet: Rule = ({ rest, group, event }) =>
  whichever<ClaimDraft[]>(rest, [
    [
      DIET_IS,
      (m) =>
        group.be !== null && dietEnds(m[2] ?? '')
          ? dietClaims(m[1] ?? '', m[2] ?? '', beVerdict(group))
          : null,
    ],
    [DIET_ON, (m) => (group.be !== null ? dietClaims(m[1] ?? '', m[2] ?? '', beVerdict(group)) : null)],
    [WENT, (m) => dietClaims(m[2] ?? '', m[3] ?? '', changeVerdict(m[1] ?? '', group, event))],
    [FOLLOW, (m) => dietClaims(m[2] ?? '', m[3] ?? '', stateVerdict(m[1] ?? '', group))],
    [EAT_MEAT, (m) => dietClaims('omnivore', m[2] ?? '', stateVerdict(m[1] ?? '', group))],
    [
      GAVE_UP_MEAT,
      (m) => (changeVerdict(m[1] ?? '', group, event) ? dietClaims('omnivore', m[2] ?? '', -1) : []),
    ],
  ])

/** The owned thing among the first three words ("a new puppy" -> dog), lower-case words before it. */
function ownedThing(text: string): { thing: string; after: string } | null {
  const words = [...text.matchAll(/[\p{L}-]+/gu)].slice(0, 4)
  for (let i = 0; i < Math.min(3, words.length); i++) {
    const word = words[i]?.[0] ?? ''
    const next = words[i + 1]
    const pair = next ? OWNABLE[singular(`${word} ${next[0]}`.toLowerCase())] : undefined
    const thing = pair ?? OWNABLE[singular(word.toLowerCase())]
    const end = pair ? next : words[i]
    // "a hot dog", "a toy car": the word before makes it something else.
    if (thing && /^(?:hot|corn|top|sea|rocking|toy|stuffed|fat|cool|copy)$/i.test(words[i - 1]?.[0] ?? ''))
      return null
    if (thing && end) return { thing, after: text.slice(end.index + end[0].length) }
    if (!/^\p{Ll}/u.test(word)) return null
  }
  return null
}

/**
 * "has two cats": `count:cat` 2, only for a present "have", a number of two or more and
 * the thing straight after it ("two more cats", "a cat" say nothing of how many).
 */
function countOf(number: string, text: string, thing: string, having: boolean): ClaimDraft[] {
  const n = leadingNumber(number)?.n ?? 0
  const noun = /^\s*([\p{L}-]+)/u.exec(text)?.[1]?.toLowerCase() ?? ''
  if (!having || n < 2 || OWNABLE[singular(noun)] !== thing || singular(noun) === noun) return []
  return claimFor(`count:${thing}`, bareValue(String(n)), 1)
}

const own: Rule = ({ rest, group, cased, event }) => {
  const m = OWN.exec(rest)
  if (!m) return null
  const found = ownedThing(m[3] ?? '')
  if (!found || !thingEnds(found.after)) return null
  const { thing, after } = found
  const verb = m[1] ?? ''
  const having = /^(?:have|has|had|having)$/i.test(verb) || (group.have === 'present' && /^got$/i.test(verb))
  let verdict = having ? stateVerdict(verb, group) : changeVerdict(verb, group, event)
  if (/^no$/i.test(m[2] ?? '')) verdict = verdict === 1 ? -1 : null
  const out = claimFor(`owns:${thing}`, bareValue(thing), verdict)
  out.push(...countOf(m[2] ?? '', m[3] ?? '', thing, having && verdict === 1))
  const named = /^\s+(?:named|called)\s+(.+)$/i.exec(after)
  if (named && verdict === 1) out.push(...claimFor(`pet:${thing}`, personValue(named[1] ?? '', cased), 1))
  return out
}

const sold: Rule = ({ rest, group, event }) => {
  const m = SOLD.exec(rest)
  const thing = m ? OWNABLE[(m[2] ?? '').toLowerCase()] : undefined
  if (!m || !thing || !thingEnds(m[3] ?? '')) return null
  return changeVerdict(m[1] ?? '', group, event) ? claimFor(`owns:${thing}`, bareValue(thing), -1) : []
}

/**
 * A car's make and model from the words after "a" ("an old Honda Civic" -> "honda civic"):
 * from the first make or (in cased text) capitalised word, at most three words.
 */
export function carOf(text: string, cased: boolean): string | null {
  const p = plainPhrase(text, 5, PHRASE_STOPS)
  if (!p) return null
  const start = p.words.findIndex((w) => CAR_MAKES.has(w.toLowerCase()) || (cased && /^\p{Lu}/u.test(w)))
  if (start < 0 || p.words.length - start > 3) return null
  return p.words
    .slice(start)
    .map((w) => w.toLowerCase())
    .join(' ')
}

const drive: Rule = ({ rest, group, cased }) => {
  const m = DRIVE.exec(rest)
  if (!m) return null
  return claimFor('car', bareValue(carOf(m[2] ?? '', cased)), stateVerdict(m[1] ?? '', group))
}

/** Diet, things owned and the car driven. */
export const THING_RULES: readonly Rule[] = [diet, own, sold, drive]
