import { STOP_WORDS } from '../text/stop-words.js'
import type { EntityKind, EntityMention } from '../types.js'
import { entityKey } from './entity-key.js'
import { GENERIC_NOUNS } from './generic-nouns.js'

/** A possible mention, before deduplication. */
export interface MentionCandidate {
  /** Where it starts in the text; mentions come out in this order. */
  index: number
  kind: EntityKind
  /** As written. A trailing possessive is dropped for display. */
  name: string
  /** Precomputed key (canonical dates, singular topics); `entityKey(name)` otherwise. */
  key?: string
}

/** When two mentions share a key, the more specific kind wins: a person beats a topic. */
const RANK: Readonly<Record<EntityKind, number>> = { person: 5, organization: 4, place: 3, date: 2, topic: 1 }

/**
 * One mention per key, in order of first mention. The most specific kind wins, and its
 * spelling with it ("grace" the topic, then "Grace" the person, gives person `Grace`).
 * Topics that are only a stop word or a generic noun are dropped.
 */
export function mergeMentions(candidates: readonly MentionCandidate[]): EntityMention[] {
  const byKey = new Map<string, EntityMention>()
  for (const c of [...candidates].sort((a, b) => a.index - b.index)) {
    const key = c.key ?? entityKey(c.name)
    if (key === '' || (c.kind === 'topic' && (STOP_WORDS.has(key) || GENERIC_NOUNS.has(key)))) continue
    const name = c.name.replace(/['’]s?$/, '').trim()
    const seen = byKey.get(key)
    if (!seen) byKey.set(key, { key, name, kind: c.kind })
    else if (RANK[c.kind] > RANK[seen.kind]) Object.assign(seen, { name, kind: c.kind })
  }
  return [...byKey.values()]
}
