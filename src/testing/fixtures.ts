import { randomUUID } from 'node:crypto'
import type { MemoryWrite, NewJob, StoredClaim, VectorSpace } from '../store/store.js'
import { words } from '../text/words.js'
import type { EntityKind, EntityMention, HistoryEvent, MemoryRecord } from '../types.js'

/** The small vector space the conformance suite opens: 4 hand-made dimensions. */
export const TEST_SPACE: VectorSpace = { id: 'test:4', dimensions: 4 }

/** The instant `minutes` after 2024-01-01T00:00:00Z, in `toISOString()` form as stores keep it. */
export function isoAt(minutes: number): string {
  return new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString()
}

/** A Float32Array from plain numbers. */
export function vector(...values: number[]): Float32Array {
  return Float32Array.from(values)
}

/** A valid record; every field can be overridden. Ids default to fresh UUIDs. */
export function memoryRecord(overrides: Partial<MemoryRecord> = {}): MemoryRecord {
  return {
    id: randomUUID(),
    tenantId: 'tenant-a',
    userId: 'user-1',
    agentId: null,
    sessionId: null,
    content: 'The sky is blue',
    type: 'fact',
    source: null,
    observedAt: isoAt(0),
    createdAt: isoAt(0),
    updatedAt: isoAt(0),
    metadata: {},
    tags: [],
    confidence: 5,
    status: 'active',
    accessCount: 0,
    lastAccessedAt: null,
    version: 1,
    validTo: null,
    supersededBy: null,
    expiresAt: null,
    corroborations: 0,
    ...overrides,
  }
}

/** A valid event for `memoryId`: `created` by `user` at `isoAt(0)` unless overridden. */
export function historyEvent(memoryId: string, overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return { id: randomUUID(), memoryId, event: 'created', at: isoAt(0), actor: 'user', ...overrides }
}

/** Record overrides plus what a write carries beside the record. */
export interface MemoryWriteOverrides extends Partial<MemoryRecord> {
  /** @default [1, 0, 0, 0] */
  vector?: Float32Array | number[]
  /** @default words(content) */
  terms?: string[]
  /** @default one `created` event whose `after` snapshots the record */
  events?: HistoryEvent[]
  /** @default [] */
  entities?: EntityMention[]
  /** @default [] */
  claims?: StoredClaim[]
}

/**
 * A valid write in `TEST_SPACE`.
 *
 * @example
 * await store.insert([memoryWrite({ id: 'm1', content: 'likes tea', vector: [0, 1, 0, 0] })])
 */
export function memoryWrite(overrides: MemoryWriteOverrides = {}): MemoryWrite {
  const { vector: values, terms, events, entities, claims, ...fields } = overrides
  const record = memoryRecord(fields)
  const snapshot = { content: record.content, metadata: record.metadata, tags: record.tags }
  return {
    record,
    vector: values instanceof Float32Array ? values : Float32Array.from(values ?? [1, 0, 0, 0]),
    terms: terms ?? words(record.content),
    events: events ?? [historyEvent(record.id, { at: record.createdAt, after: snapshot })],
    entities: entities ?? [],
    claims: claims ?? [],
  }
}

/**
 * A mention of `name`, keyed by its lower-cased form.
 *
 * @example
 * memoryWrite({ content: 'Alice moved to Paris', entities: [mention('Alice'), mention('Paris', 'place')] })
 */
export function mention(name: string, kind: EntityKind = 'person'): EntityMention {
  return { key: name.toLowerCase(), name, kind }
}

/** A valid job of kind `extract` for the default scope, due at `isoAt(0)`. Ids default to fresh UUIDs. */
export function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    id: randomUUID(),
    tenantId: 'tenant-a',
    userId: 'user-1',
    kind: 'extract',
    payload: { messages: [{ role: 'user', content: 'I moved to Lisbon' }] },
    runAfter: isoAt(0),
    ...overrides,
  }
}
