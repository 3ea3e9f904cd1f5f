/** Lifecycle state of a memory. Only `active` memories are searched by default. */
export type MemoryStatus = 'active' | 'superseded' | 'archived'

/** A JSON value, as accepted in `metadata`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** A JSON object, as stored in `metadata`. */
export type JsonObject = { [key: string]: JsonValue }

/** Who a memory belongs to. Every read and write is confined to one scope. */
export interface Scope {
  /** Isolation boundary between customers of one deployment. @default 'default' */
  tenantId: string
  /** The end user the memory is about. */
  userId: string
}

/** One stored memory, as returned by every read. */
export interface MemoryRecord {
  id: string
  tenantId: string
  userId: string
  agentId: string | null
  sessionId: string | null
  content: string
  /** Caller-chosen kind, e.g. `fact`, `episode`, `preference`. @default 'fact' */
  type: string
  /** Where the memory came from: free text or a URI. */
  source: string | null
  /** When it was true or said (ISO 8601). */
  observedAt: string
  createdAt: string
  updatedAt: string
  metadata: JsonObject
  tags: string[]
  /** 0 (doubtful) to 10 (certain). @default 5 */
  confidence: number
  status: MemoryStatus
  accessCount: number
  lastAccessedAt: string | null
  /** Incremented by every change; used for optimistic concurrency. */
  version: number
  /** When it stopped being true: the `observedAt` of the memory that superseded it. */
  validTo: string | null
  /** The memory that superseded this one. */
  supersededBy: string | null
  /** When it is archived automatically (time to live). */
  expiresAt: string | null
  /** How many later memories restated this one and were merged into it. */
  corroborations: number
}

/** What happened to a memory, as shown by `memory.history(id)`. */
export type HistoryEventKind =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'imported'
  | 'feedback'
  /** A restatement was merged into this memory (details: the restatement, rule, score). */
  | 'merged'
  /** A newer memory contradicted this one (details: by, rule, inputs, score). */
  | 'superseded'
  /** Decay, a cap or its time to live moved it to the archive. */
  | 'archived'
  | 'restored'
  /** A lifecycle decision was reversed (details: the event undone). */
  | 'undone'

/** The part of a memory that a history event records before and after a change. */
export interface MemorySnapshot {
  content: string
  metadata: JsonObject
  tags: string[]
}

/** One entry of a memory's audit trail. */
export interface HistoryEvent {
  id: string
  memoryId: string
  event: HistoryEventKind
  at: string
  /** Who caused it: `user`, `system`, or a caller-supplied name. */
  actor: string
  before?: MemorySnapshot
  after?: MemorySnapshot
  /** Extra facts about the decision (rule, inputs, score). */
  details?: JsonObject
}

/** Filters that narrow `search` and `list`. Every condition must hold. */
export interface MemoryFilter {
  /** The memory must carry every one of these tags. */
  tags?: string[]
  /** Exact match on each key: the memory's metadata value must equal the given scalar. */
  metadata?: Record<string, string | number | boolean | null>
  /** Earliest `observedAt`, inclusive (ISO 8601). */
  from?: string
  /** Latest `observedAt`, inclusive (ISO 8601). */
  to?: string
  /** Only these memory types. */
  types?: string[]
}

/** A ranked search result. */
export interface SearchHit {
  memory: MemoryRecord
  score: number
  /** Each scoring component's contribution; present when `explain: true`. */
  breakdown?: Record<string, number>
}

/** A page of `list` results. */
export interface Page<T> {
  items: T[]
  /** Pass back as `cursor` to get the next page; `null` on the last page. */
  nextCursor: string | null
}

/** What kind of thing an entity is. */
export type EntityKind = 'person' | 'place' | 'organization' | 'date' | 'topic'

/** An entity mentioned by a memory. `key` identifies it within a user's scope. */
export interface EntityMention {
  /** Normalised identity: lower-case, possessives and articles stripped (`alice`, `new york`). */
  key: string
  /** How it was written, for display (`Alice`, `New York`). */
  name: string
  kind: EntityKind
}

/** An entity of a user's scope with its fan: how many memories mention it. */
export interface EntityInfo extends EntityMention {
  fan: number
}
