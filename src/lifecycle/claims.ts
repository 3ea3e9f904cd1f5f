import { entityKey } from '../extract/entity-key.js'
import { type ClauseRead, readClause } from './claim-clause.js'
import { tidyClaims } from './claim-compare.js'
import { pairClaims } from './claim-rules-pairs.js'
import type { Subject } from './claim-subject.js'
import { expandContractions, isCased, type Segment, splitSegments, statements } from './claim-text.js'
import type { Claim } from './claim-types.js'

export { claimKey, conflicts, sameClaim } from './claim-compare.js'
export { ATTRIBUTES, type Claim, isExclusive } from './claim-types.js'

/** What the clauses of one text share. */
export interface ClaimContext {
  /** The user the memory belongs to: first-person statements are about `entityKey(self)`. */
  self: string
}

/** Sentence openings that make everything after them hearsay, belief or condition: "According to Bob, ...". */
const NOT_ASSERTED =
  /^(?:according to|apparently|reportedly|rumou?r has it|i heard|i have heard|i think|i guess|i believe|i suppose|i assume|it seems|supposedly|allegedly|if|unless|when|whenever|once|imagine|what if)\b/i

/** Joiners after which a piece that is no clause is glued back to the one before. */
const GLUE = /^(?:and|or|nor)$/

/** Drops the one-value claims of the last real clause: a list follows ("Paris, London and Rome"). */
function dropExclusive(reads: Array<{ read: ClauseRead }>): void {
  const last = reads.findLast((r) => r.read.clauseLike)
  if (last) last.read = { ...last.read, claims: last.read.claims.filter((c) => !c.exclusive) }
}

/** Words that bring another person into a sentence, so "she" may not be its one named subject. */
const OTHERS =
  /\b(?:mother|mom|mum|father|dad|sister|brother|friend|wife|husband|partner|boyfriend|girlfriend|boss|neighbou?r|colleague|daughter|son|aunt|uncle|cousin|roommate)\b/i

/**
 * "Mia adopted a cat, so she now has three": "she"/"he" is the subject carried from the
 * clause before, when that subject is the only person the sentence names (written with
 * a capital, no other capitalised word, no relative). Otherwise the segment is left as it is.
 */
function resolvePronoun(segment: Segment, carry: Subject | null, sentence: string): Segment {
  const m = /^((?:(?:so|and|but|then|now)\s+)*)(?:she|he)\s+(?=\p{Ll})/iu.exec(segment.text)
  const key = carry?.key
  if (!m || !key || !/^\p{L}+$/u.test(key) || OTHERS.test(sentence)) return segment
  const names = new Set(
    (sentence.match(/\b\p{Lu}[\p{L}'-]*/gu) ?? []).map((w) => w.toLowerCase().replace(/'s$/, '')),
  )
  names.delete('i')
  const first = /^\p{L}+/u.exec(sentence)?.[0].toLowerCase() ?? ''
  if (first !== key) names.delete(first)
  if (names.size !== 1 || !names.has(key)) return segment
  const name = key.charAt(0).toUpperCase() + key.slice(1)
  return { ...segment, text: `${m[1]}${name} ${segment.text.slice(m[0].length)}` }
}

function sentenceClaims(sentence: string, self: string, cased: boolean): Claim[] {
  if (NOT_ASSERTED.test(sentence)) return []
  const reads: Array<{ segment: Segment; read: ClauseRead; carryIn: Subject | null }> = []
  let carry: Subject | null = null
  const segments = splitSegments(sentence)
  for (let i = 0; i < segments.length; i++) {
    let segment = segments[i] as Segment
    const next = segments[i + 1]
    // "Frank and Priya broke up": a pair the splitter cut in two.
    const pair = next?.joiner === 'and' ? pairClaims(`${segment.text} and ${next.text}`, self, cased) : null
    if (pair) {
      reads.push({ segment, read: { clauseLike: true, claims: pair, carry: null }, carryIn: carry })
      carry = null
      i++
      continue
    }
    segment = resolvePronoun(segment, carry, sentence)
    const prev = reads[reads.length - 1]
    let read = readClause(segment, carry, self, cased)
    if (!read.clauseLike && prev && GLUE.test(segment.joiner)) {
      // Not a clause of its own: glue it back ("Procter and Gamble", "sushi and ramen").
      const merged = {
        text: `${prev.segment.text} ${segment.joiner} ${segment.text}`,
        joiner: prev.segment.joiner,
      }
      read = readClause(merged, prev.carryIn, self, cased)
      reads[reads.length - 1] = { segment: merged, read, carryIn: prev.carryIn }
      if (!read.clauseLike) dropExclusive(reads)
      carry = read.clauseLike ? read.carry : prev.carryIn
      continue
    }
    // "..., then Berlin", "Paris, London, Rome": more values follow, the first is not the answer.
    if (!read.clauseLike && (segment.joiner === 'then' || /\b(?:and|or|nor)\b/i.test(segment.text)))
      dropExclusive(reads)
    reads.push({ segment, read, carryIn: carry })
    if (read.clauseLike) carry = read.carry
  }
  return reads.flatMap((r) => r.read.claims)
}

/**
 * What a text asserts about whom, offline and in well under a millisecond per sentence:
 * residence, origin, employer, occupation, school, relationship, age, birthday, name,
 * contact details, diet, allergies, favourites, likes and dislikes, pets and things
 * owned, the car driven (see `ATTRIBUTES`). Precision comes before recall: when unsure,
 * no claim. The decisions:
 *
 * - Subjects: "I", "the user" are `entityKey(context.self)`; "we", "our" and
 *   "X and others" count for the speaker (or X) only for residence, relationship and
 *   pets/things owned. "My sister Emma" is `emma`; a relative one has only one of
 *   ("my mother", "my husband", "my boss") is `<self>'s mother`; "my sister" or "my
 *   friend" without a name, and pronouns, give no claim. "My husband John" also says
 *   partner john; "my dog Max" says owns:dog and pet:dog max.
 * - Tense: present and perfect states assert ("lives", "has lived", "is living");
 *   a plain past state asserts nothing ("lived in Paris"); "used to", "no longer",
 *   "not anymore", "stopped" give polarity -1; completed changes assert their result
 *   ("moved to", "joined", "turned 35", "got married"; "left Google" is employer -1);
 *   changes in progress ("I'm moving to") are plans and assert nothing.
 * - Places: "from X" is origin, "grew up in" hometown, "born in" birthplace, never
 *   residence; visits are nothing. Countries and states take a `:country` / `:region`
 *   qualifier so "lives in France" and "lives in Paris" do not contradict.
 * - Not asserted: questions, wishes, plans, modals, hedges, conditions, hearsay
 *   ("according to"), quoted speech, and one-value attributes given a list ("lives in
 *   Paris and Rome"). Claims a text contradicts itself on are dropped.
 *
 * @example
 * extractClaims("I moved to Berlin last year and I don't like sushi.", { self: 'alice' })
 * // [{ subject: 'alice', attribute: 'residence', value: 'berlin', polarity: 1, exclusive: true },
 * //  { subject: 'alice', attribute: 'likes:sushi', value: 'sushi', polarity: -1, exclusive: false }]
 */
export function extractClaims(text: string, context: ClaimContext): Claim[] {
  const self = entityKey(context.self)
  const sentences = statements(text).map(expandContractions)
  const cased = isCased(sentences)
  return tidyClaims(sentences.flatMap((s) => sentenceClaims(s, self, cased)))
}
