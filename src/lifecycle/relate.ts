import { normaliseText as normalise, SAME_TEXT } from '../indexing.js'
import type { StoredClaim } from '../store/store.js'
import { STOP_WORDS } from '../text/stop-words.js'
import { words } from '../text/words.js'

/** What the lifecycle knows of a memory when comparing it with another. */
export interface Comparable {
  content: string
  claims: readonly StoredClaim[]
}

/** How a newer memory relates to an older one, and why. */
export type Relation =
  | { kind: 'duplicate'; rule: 'exact' | 'same-claims' | 'paraphrase' | 'judge'; score: number }
  | {
      kind: 'contradiction'
      rule: 'claim-conflict' | 'judge'
      score: number
      conflicts: [StoredClaim, StoredClaim][]
    }
  | { kind: 'unrelated'; similarity: number }

/** Content words beyond which two statements of the same claims say different things. */
const MAX_EXTRA_WORDS = 3

/** Words written with a capital letter (lower-cased): names, mostly. */
const capitalised = (s: string) => words(s.match(/\p{Lu}[\p{L}'’-]*/gu)?.join(' ') ?? '')
/** Content words, a plural s set aside ("seats" and "seat" are one word here). */
const contentWords = (s: string) =>
  new Set(
    words(s)
      .filter((w) => !STOP_WORDS.has(w))
      .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)),
  )
const numbers = (s: string) => (s.match(/\d+(?:[.,]\d+)?/g) ?? []).sort().join(' ')
const NEGATION = /\b(?:not|no|never|n't|none|nobody|nothing|neither|nor|without|no longer|anymore)\b|n't\b/i

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number
    const y = b[i] as number
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}

/** Attributes that change together: a new employer makes the old job title stale too. */
const DOMAINS: Readonly<Record<string, string>> = {
  employer: 'work',
  occupation: 'work',
  relationship: 'partner',
  partner: 'partner',
  school: 'study',
}

/** The subject and domain of a claim key (subject NUL attribute[:qualifier]). */
function domainOf(key: string): string {
  const [subject, attribute = ''] = key.split('\u0000')
  const base = attribute.split(':')[0] as string
  return `${subject}\u0000${DOMAINS[base] ?? attribute}`
}

const isClaim = (c: StoredClaim) => !c.key.startsWith(SAME_TEXT)
const claimId = (c: StoredClaim) => `${c.key}\u0000${c.value}\u0000${c.polarity}`

/** Same subject and attribute, and: the same value asserted and denied, or two values of a one-valued attribute. */
function conflicting(a: StoredClaim, b: StoredClaim): boolean {
  if (a.key !== b.key) return false
  if (a.polarity !== b.polarity) return a.value === b.value
  return a.polarity === 1 && a.exclusive && a.value !== b.value
}

/**
 * How `newer` relates to `older`, by rules that prefer missing a relation to
 * inventing one (a wrong supersession hides a true fact):
 * - **exact**: the same text once case, punctuation and spacing are set aside;
 * - **claim-conflict**: they assert different values of a one-valued attribute
 *   of the same subject (lives in Paris / moved to Berlin), or opposite
 *   polarities of the same one (likes sushi / hates sushi), and every other claim
 *   of the older memory is answered by the newer one or belongs with what changed
 *   (a job title with the employer), so nothing else it said is hidden;
 * - **same-claims**: the same claims, in words that differ by at most a few;
 * - **paraphrase**: no claims to go by, but the same words give or take a
 *   detail (never one swapped for another), the same names in the same order,
 *   the same numbers and negation, and vectors almost parallel.
 */
export function relate(
  newer: Comparable,
  older: Comparable,
  /** Cosine similarity of their vectors, when known. */
  similarity: number | null,
  paraphraseSimilarity: number,
): Relation {
  if (normalise(newer.content) === normalise(older.content))
    return { kind: 'duplicate', rule: 'exact', score: 1 }
  newer = { content: newer.content, claims: newer.claims.filter(isClaim) }
  older = { content: older.content, claims: older.claims.filter(isClaim) }

  const conflicts: [StoredClaim, StoredClaim][] = []
  for (const a of newer.claims) for (const b of older.claims) if (conflicting(a, b)) conflicts.push([a, b])
  if (conflicts.length > 0) {
    const newerKeys = new Set(newer.claims.map((c) => c.key))
    const settled = new Set(conflicts.map(([, b]) => domainOf(b.key)))
    // What else the older memory said must be answered too, or be part of what changed
    // ("works at Initech as an engineer" → "now works at Hooli": the job goes with the employer).
    if (older.claims.every((c) => newerKeys.has(c.key) || settled.has(domainOf(c.key))))
      return { kind: 'contradiction', rule: 'claim-conflict', score: 1, conflicts }
    return { kind: 'unrelated', similarity: similarity ?? 0 }
  }

  const a = contentWords(newer.content)
  const b = contentWords(older.content)
  const shared = [...a].filter((w) => b.has(w)).length
  const sameNumbers = numbers(newer.content) === numbers(older.content)
  const sameNegation = NEGATION.test(newer.content) === NEGATION.test(older.content)
  if (newer.claims.length > 0 && older.claims.length > 0) {
    const ids = new Set(newer.claims.map(claimId))
    const same = newer.claims.length === older.claims.length && older.claims.every((c) => ids.has(claimId(c)))
    if (same && sameNumbers && a.size - shared <= MAX_EXTRA_WORDS && b.size - shared <= MAX_EXTRA_WORDS)
      return { kind: 'duplicate', rule: 'same-claims', score: Math.max(similarity ?? 1, 0) }
    return { kind: 'unrelated', similarity: similarity ?? 0 }
  }
  const jaccard = shared / Math.max(1, a.size + b.size - shared)
  // A detail more or less, never a word swapped: "every morning" is not "every evening".
  const nested = shared === a.size || shared === b.size
  // Words only one of them has must not be names: "Ines bought a camera" is not "Chidi bought a camera".
  // Nor name them in another order: "Alice owes Bob" is not "Bob owes Alice".
  const newerNames = capitalised(newer.content)
  const olderNames = capitalised(older.content)
  const names = new Set([...newerNames, ...olderNames])
  const namesDiffer =
    [...a, ...b].some((w) => !(a.has(w) && b.has(w)) && names.has(w)) ||
    newerNames.join(' ') !== olderNames.join(' ')
  if (
    sameNumbers &&
    sameNegation &&
    !namesDiffer &&
    nested &&
    jaccard >= 0.75 &&
    similarity !== null &&
    similarity >= paraphraseSimilarity
  )
    return { kind: 'duplicate', rule: 'paraphrase', score: similarity }
  return { kind: 'unrelated', similarity: similarity ?? 0 }
}
