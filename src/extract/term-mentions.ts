import { STOP_WORDS } from '../text/stop-words.js'
import type { EntityKind } from '../types.js'
import { entityKey, singular } from './entity-key.js'
import { GENERIC_NOUNS } from './generic-nouns.js'
import type { MentionCandidate } from './merge-mentions.js'
import type { TaggedTerm } from './tag-terms.js'

type Named = 'person' | 'organization' | 'place'
type Role = Named | 'proper' | 'noun' | 'break'

const ORG_WORD =
  /\b(?:university|college|school|academy|institute|inc|corp|corporation|company|llc|ltd|bank|clinic|hospital|foundation|association|society|club|church|agency|labs?|studios?|records|airlines?|council|committee|ministry|department)$/i
const PLACE_WORD =
  /\b(?:park|lake|river|mountains?|mount|beach|island|islands|street|avenue|road|city|county|valley|bay|canyon|falls|forest|desert|coast|square|bridge|harbou?r|village)$/i
const WORK_WORD =
  /^(?:work|works|worked|working|job|jobs|intern|internship|employed|hired|interview|career)$/i
/** Verbs after which a gerund names an activity: "went camping", "loves painting". */
const ACTIVITY_VERB =
  /^(?:go|goes|went|going|gone|love|loves|loved|enjoy|enjoys|enjoyed|like|likes|liked|hate|hates|started|start|quit|tried|try|took|take|doing|do|did)$/i
const MAX_TOPIC_WORDS = 4

function roleOf(term: TaggedTerm, prev: TaggedTerm | undefined, next: TaggedTerm | undefined): Role {
  const { tags } = term
  if (!/\p{L}/u.test(term.text) || ['Pronoun', 'Expression', 'Determiner', 'Date'].some((t) => tags.has(t))) {
    return 'break'
  }
  if (tags.has('Person') || tags.has('Honorific')) return 'person'
  if (tags.has('Organization')) return 'organization'
  if (tags.has('Place')) return 'place'
  if (tags.has('Noun') && (tags.has('Acronym') || (!tags.has('ProperNoun') && !tags.has('Value'))))
    return 'noun'
  if (tags.has('ProperNoun') || (/^\p{Lu}/u.test(term.text) && !term.sentenceStart && !tags.has('Verb'))) {
    return 'proper'
  }
  if (tags.has('Gerund') && prev) {
    // "a camping trip", "my painting": a noun. "went camping": an activity. "playing guitar": a verb.
    if (prev.tags.has('Possessive') || prev.tags.has('Determiner')) return 'noun'
    if (ACTIVITY_VERB.test(prev.text) && !next?.tags.has('Noun')) return 'noun'
  }
  return 'break'
}

/** Whether `next` continues the phrase that `prev` is in: nothing but spaces between, no possessive. */
function joins(prev: TaggedTerm, next: TaggedTerm): boolean {
  const gap = prev.tags.has('Honorific') ? /^\.?[ \t]+$/ : /^[ \t-]*$/
  return gap.test(prev.post) && !prev.tags.has('Possessive') && next.start - prev.end === prev.post.length
}

/** Kind of a capitalised name compromise did not know: guessed from its last word and what precedes it. */
function properKind(name: string, before: readonly TaggedTerm[]): EntityKind {
  if (ORG_WORD.test(name)) return 'organization'
  if (PLACE_WORD.test(name)) return 'place'
  const prev = before.at(-1)?.text.toLowerCase()
  if (prev === 'in' || prev === 'near') return 'place'
  if ((prev === 'at' || prev === 'for') && before.slice(-4, -1).some((t) => WORK_WORD.test(t.text))) {
    return 'organization'
  }
  return 'topic'
}

/** A noun compound as a topic; its last word singular, its last two words as a topic too. */
function nounMentions(run: readonly TaggedTerm[], text: string): MentionCandidate[] {
  const kept = run.slice(-MAX_TOPIC_WORDS)
  const last = kept.at(-1)
  const lower = kept.map((t) => entityKey(t.text))
  if (!last || lower.every((w) => GENERIC_NOUNS.has(w) || STOP_WORDS.has(w) || w.length < 2)) return []
  if (last.tags.has('Plural')) lower[lower.length - 1] = singular(lower.at(-1) ?? '')
  const from = (i: number): MentionCandidate => {
    const start = kept[i]?.start ?? last.start
    return { index: start, kind: 'topic', name: text.slice(start, last.end), key: lower.slice(i).join(' ') }
  }
  // "LGBTQ support group" should also meet "support group" said elsewhere.
  return kept.length > 2 ? [from(0), from(kept.length - 2)] : [from(0)]
}

/**
 * Names and topics in tagged text: runs of person, organisation or place words (a
 * capitalised unknown word extends a name), capitalised names compromise does not know,
 * and noun compounds. Terms tagged `Date` are skipped: dates are found separately.
 */
export function termMentions(terms: readonly TaggedTerm[], text: string): MentionCandidate[] {
  const out: MentionCandidate[] = []
  let i = 0
  while (i < terms.length) {
    const role = roleOf(terms[i] as TaggedTerm, terms[i - 1], terms[i + 1])
    if (role === 'break') {
      i++
      continue
    }
    let j = i + 1
    while (j < terms.length && joins(terms[j - 1] as TaggedTerm, terms[j] as TaggedTerm)) {
      const nextRole = roleOf(terms[j] as TaggedTerm, terms[j - 1], terms[j + 1])
      // Unknown capitalised words extend a name ("Taylor Swift", "Mayo Clinic"); kinds never mix.
      const grows = nextRole === role || (role !== 'noun' && nextRole === 'proper')
      if (!grows) break
      j++
    }
    const run = terms.slice(i, j)
    const first = run[0] as TaggedTerm
    const last = run.at(-1) as TaggedTerm
    const name = text.slice(first.start, last.end)
    if (role === 'noun') out.push(...nounMentions(run, text))
    else if (role === 'proper')
      out.push({ index: first.start, kind: properKind(name, terms.slice(0, i)), name })
    else {
      // "Dr. Patel" and "Patel" are one person.
      const named = run.find((t) => !t.tags.has('Honorific'))
      const key = named ? entityKey(text.slice(named.start, last.end)) : ''
      out.push({ index: first.start, kind: role, name, key })
    }
    i = j
  }
  return out
}
