import { createHash } from 'node:crypto'
import { extractEntities } from './extract/entities.js'
import { claimKey, extractClaims } from './lifecycle/claims.js'
import type { MemoryWrite, StoredClaim } from './store/store.js'
import { words } from './text/words.js'
import type { HistoryEvent, MemoryRecord } from './types.js'

/** Keys of index entries that are not claims: `#same:` + a hash of the normalised text finds exact restatements. */
export const SAME_TEXT = '#same:'

/** Text with case, punctuation and spacing set aside: two memories equal here say the same. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The index key under which every memory with the same normalised text is found. */
export function sameTextKey(content: string): string {
  return SAME_TEXT + createHash('sha1').update(normaliseText(content)).digest('base64url')
}

/** What a memory's content asserts, in the form the store indexes, plus its same-text key. */
export function storedClaims(record: Pick<MemoryRecord, 'content' | 'userId'>): StoredClaim[] {
  // Shouted text has no capitals to tell names by; lower case reads better.
  const text = /\p{Ll}/u.test(record.content) ? record.content : record.content.toLowerCase()
  const claims: StoredClaim[] = extractClaims(text, { self: record.userId }).map((c) => ({
    key: claimKey(c),
    value: c.value,
    polarity: c.polarity,
    exclusive: c.exclusive,
  }))
  claims.push({ key: sameTextKey(record.content), value: '', polarity: 1, exclusive: false })
  return claims
}

/** What the store indexes beside a memory's text: its words, entities and claims. */
export type ContentAnalysis = Pick<MemoryWrite, 'terms' | 'entities' | 'claims'>

/**
 * Reads a memory's content for the indexes: a pure function of content and user (claims
 * in the first person are about the user), so any thread may compute it.
 */
export function analyseContent(record: Pick<MemoryRecord, 'content' | 'userId'>): ContentAnalysis {
  return {
    terms: words(record.content),
    entities: extractEntities(record.content),
    claims: storedClaims(record),
  }
}

/** A record with everything the store indexes beside it: words, entities and claims. */
export function indexedWrite(
  record: MemoryRecord,
  vector: Float32Array,
  events: readonly HistoryEvent[],
  analysis: ContentAnalysis = analyseContent(record),
): MemoryWrite {
  return { record, vector, events, ...analysis }
}
