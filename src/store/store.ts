import type { AccessHistory } from '../score/activation.js'
import type {
  EntityInfo,
  EntityMention,
  HistoryEvent,
  JsonObject,
  MemoryFilter,
  MemoryRecord,
  MemoryStatus,
  Page,
  Scope,
} from '../types.js'

/**
 * The store contract. A store persists memories and returns raw candidates;
 * it never ranks across strategies (that is `score/`'s job), so every backend
 * ranks identically. Every method is confined to one tenant.
 *
 * Errors: a store throws `MemoryError` (`NOT_FOUND`, `CONFLICT`,
 * `EMBEDDER_MISMATCH`, `CLOSED`) for contract cases and wraps everything else
 * as `STORE_FAILED`.
 */
export interface MemoryStore {
  /** Backend name, e.g. `sqlite`. */
  readonly name: string

  /**
   * Binds the store to an embedder's vector space. The first call on an empty
   * store records it; later calls with another space throw `EMBEDDER_MISMATCH`
   * so that vectors of two spaces never mix. With `reset`, every stored vector
   * is dropped and the new space adopted (callers re-embed with `replaceVectors`).
   */
  openVectorSpace(space: VectorSpace, options?: { reset?: boolean }): Promise<void>

  /** Writes new memories and their events in one transaction. `CONFLICT` if an id exists. */
  insert(writes: readonly MemoryWrite[]): Promise<void>

  /**
   * Replaces one memory (record, vector, terms) and appends its events, only if
   * its stored `version` still equals `expectedVersion` (else `CONFLICT`;
   * `NOT_FOUND` if it is gone).
   */
  update(write: MemoryWrite, expectedVersion: number): Promise<void>

  /**
   * Deletes a memory from every table and index, strips content from its past
   * events and appends `tombstone`. Returns false if there was nothing to delete.
   */
  remove(tenantId: string, id: string, tombstone: HistoryEvent): Promise<boolean>

  /** Deletes every trace of one user: memories, vectors, index entries, term counts, history. */
  removeUser(scope: Scope): Promise<number>

  /** The records with these ids in the tenant, in no particular order; missing ids are skipped. */
  get(tenantId: string, ids: readonly string[]): Promise<MemoryRecord[]>

  /**
   * What ranking needs of each of these memories, in one read and far smaller than their
   * records (retrieval scores a few hundred candidates and reads whole records only for
   * the page it returns). In no particular order; missing ids are skipped.
   */
  signals(tenantId: string, ids: readonly string[]): Promise<CandidateSignals[]>

  /** Newest first (by `createdAt`, then `id`), with an opaque cursor. */
  list(query: ListQuery): Promise<Page<MemoryRecord>>

  /** A memory's events, oldest first; also answers for deleted memories (tombstones). */
  history(tenantId: string, memoryId: string): Promise<HistoryEvent[]>

  /** Nearest neighbours by cosine similarity (`score` in [-1, 1], higher is closer). */
  nearest(query: VectorQuery): Promise<Candidate[]>

  /** Keyword matches ranked by BM25 (`score` ≥ 0, higher is better). Never throws on odd terms. */
  keyword(query: TextQuery): Promise<Candidate[]>

  /**
   * Changes fields that need no re-embedding (confidence, status, metadata, tags)
   * and appends events, only if the stored `version` still equals
   * `expectedVersion` (else `CONFLICT`; `NOT_FOUND` if gone). Bumps `version`
   * and sets `updatedAt`. Returns the new record.
   */
  patch(
    tenantId: string,
    id: string,
    changes: RecordPatch,
    events: readonly HistoryEvent[],
    expectedVersion: number,
  ): Promise<MemoryRecord>

  /**
   * Counts a retrieval of these memories at `at`: `accessCount` += 1,
   * `lastAccessedAt` = at, and `at` joins the memory's recent access times. Returns the
   * found memories as they are after it (in no particular order), so that a search reads
   * the records it returns and counts their use in one step.
   */
  recordAccess(tenantId: string, ids: readonly string[], at: string): Promise<MemoryRecord[]>

  /**
   * The most recent access times of each memory, newest first, at most
   * `RECENT_ACCESSES` each (older ones survive only in `accessCount`, which
   * keeps activation's cost bounded). Memories never retrieved map to [].
   */
  accessTimes(tenantId: string, ids: readonly string[]): Promise<Map<string, string[]>>

  /**
   * The access history of every active memory of the tenant (or of one user), in
   * batches: only what base-level activation needs (observed time, access count,
   * recent access times), so distributions over many memories never load records.
   */
  accessHistories(query: AccessHistoryQuery): AsyncIterable<AccessHistory[]>

  /** Memories of the scope with a claim under any of these keys, with their claims under them. */
  byClaims(query: ClaimQuery): Promise<{ id: string; claims: StoredClaim[] }[]>

  /** One history event by id, with the memory it belongs to, or null. */
  event(tenantId: string, eventId: string): Promise<{ userId: string; event: HistoryEvent } | null>

  /** Appends events to a memory's history without changing the memory (e.g. `undone` markers). */
  appendEvents(tenantId: string, userId: string, events: readonly HistoryEvent[]): Promise<void>

  /** Records the report of a lifecycle pass over a user (or the whole tenant, `userId` null). */
  saveRun(tenantId: string, userId: string | null, report: JsonObject): Promise<void>

  /** The last report saved for the user (or the tenant), or null. */
  lastRun(tenantId: string, userId: string | null): Promise<JsonObject | null>

  /** The tenant's users with counts by status, by user id, one page at a time. */
  users(tenantId: string, options: { limit: number; after?: string | undefined }): Promise<UserSummary[]>

  /** Memories of the scope linked to any of these entity keys, with the keys each shares. */
  byEntities(query: EntityQuery): Promise<EntityCandidate[]>

  /** The scope's entities with these keys, and their fan (memories linked, any status). */
  entities(scope: Scope, keys: readonly string[]): Promise<EntityInfo[]>

  /** The entities each memory mentions, with their fan in its scope. Memories without any map to []. */
  entitiesOf(tenantId: string, ids: readonly string[]): Promise<Map<string, EntityInfo[]>>

  /** Adds `delta` to the strength between each key and the memory, clamped to [-ASSOCIATION_LIMIT, ASSOCIATION_LIMIT]. */
  adjustAssociations(scope: Scope, memoryId: string, keys: readonly string[], delta: number): Promise<void>

  /** How often each term occurs in the tenant's stored content, and the total. */
  termCounts(tenantId: string, terms: readonly string[]): Promise<TermCounts>

  /** Streams stored memories with their vectors, events and associations, in batches (export, reindex). */
  scan(query: ScanQuery): AsyncIterable<StoredMemory[]>

  /** Overwrites vectors without touching records (reindex). */
  replaceVectors(items: readonly { tenantId: string; id: string; vector: Float32Array }[]): Promise<void>

  /** Persists a background job (e.g. LLM extraction) so it survives a restart. */
  enqueueJob(job: NewJob): Promise<Job>

  /**
   * Claims up to `limit` pending jobs (oldest first) for `worker`, marking them
   * running with a lease until `leaseUntil`; a running job whose lease expired
   * (its worker died) can be claimed again. Never hands one job to two workers
   * at once.
   */
  claimJobs(options: {
    worker: string
    limit: number
    now: string
    leaseUntil: string
    kinds?: readonly string[]
  }): Promise<Job[]>

  /** Marks a claimed job done, or failed with an error (retried while attempts remain, then `failed`). */
  finishJob(id: string, outcome: { ok: true } | { ok: false; error: string; retryAt?: string }): Promise<void>

  /** Counts of jobs by status, for `flush` and status reports (optionally for one tenant). */
  jobCounts(tenantId?: string): Promise<Record<JobStatus, number>>

  /**
   * Takes the lock named `key` if no one holds it (in any process sharing this store), and
   * returns its release; null, at once, when it is held. For work that must not run twice
   * at the same time across server nodes, such as `consolidate()`. A holder that dies
   * loses the lock: when its connection ends (PostgreSQL), or once the lease it stopped
   * renewing runs out (SQLite, `lockLeaseMs`).
   */
  tryLock(key: string): Promise<(() => Promise<void>) | null>

  /** Counts for `stats` and status reports. */
  stats(tenantId: string, userId?: string): Promise<StoreStats>

  /** Flushes and releases the store. Later calls throw `CLOSED`. */
  close(): Promise<void>
}

/** What ranking reads of one candidate memory (`MemoryStore.signals`), as its record has it. */
export interface CandidateSignals {
  id: string
  status: MemoryStatus
  supersededBy: string | null
  validTo: string | null
  sessionId: string | null
  observedAt: string
  confidence: number
  accessCount: number
  /** The newest access times, newest first, as `accessTimes` returns them. */
  recentAccesses: string[]
  /** The keys of the entities it mentions, in no particular order. */
  entityKeys: string[]
  /**
   * What feedback taught: its strength with each key ever adjusted (`adjustAssociations`),
   * in no particular order; a pair adjusted back to 0 stays.
   */
  learned: { key: string; weight: number }[]
}

/** An embedder's identity, recorded by the store. */
export interface VectorSpace {
  id: string
  dimensions: number
}

/** A memory as written: the record plus what the store indexes beside it. */
export interface MemoryWrite {
  record: MemoryRecord
  /** Dense vector in the store's vector space. */
  vector: Float32Array
  /** The content's words (see `text/words.ts`), repeated as they occur; feeds term counts. */
  terms: readonly string[]
  /** Events to append to the memory's history in the same transaction. */
  events: readonly HistoryEvent[]
  /** Entities the content mentions; on update they replace the previous links. */
  entities: readonly EntityMention[]
  /** What the content asserts (see `lifecycle/claims.ts`); on update they replace the previous ones. */
  claims: readonly StoredClaim[]
}

/** A claim as the store indexes it: `key` is subject and attribute, looked up exactly. */
export interface StoredClaim {
  key: string
  value: string
  polarity: 1 | -1
  exclusive: boolean
}

/** Memories whose claims have any of these keys. */
export interface ClaimQuery extends CandidateQuery {
  keys: readonly string[]
}

/** Fields `patch` may change. */
export type RecordPatch = Partial<
  Pick<
    MemoryRecord,
    | 'confidence'
    | 'status'
    | 'metadata'
    | 'tags'
    | 'validTo'
    | 'supersededBy'
    | 'expiresAt'
    | 'corroborations'
  >
>

/** A user of a tenant with the count of their memories by status. */
export interface UserSummary {
  userId: string
  byStatus: Record<MemoryStatus, number>
}

/** How many recent access times a store keeps exactly per memory. */
export const RECENT_ACCESSES = 16

/** Bound of a learned association strength, either way. */
export const ASSOCIATION_LIMIT = 5

export interface EntityQuery extends CandidateQuery {
  /** Entity keys (see `EntityMention.key`). */
  keys: readonly string[]
}

/** A memory reached through the entity graph. */
export interface EntityCandidate {
  id: string
  /** Which of the queried keys the memory is linked to. */
  keys: string[]
}

/** A memory as read back in bulk. */
export interface StoredMemory {
  record: MemoryRecord
  vector: Float32Array | null
  events: HistoryEvent[]
  /** Learned strengths between keys and this memory (from feedback), by key. */
  associations: { key: string; weight: number }[]
}

/** Narrowing shared by `nearest` and `keyword`. */
export interface CandidateQuery extends Scope {
  /** Only memories whose status is one of these. */
  statuses: readonly MemoryStatus[]
  filter?: MemoryFilter | undefined
  limit: number
}

export interface VectorQuery extends CandidateQuery {
  vector: Float32Array
}

export interface TextQuery extends CandidateQuery {
  /** Plain words; the store escapes them. Any one matching is enough (OR). */
  terms: readonly string[]
}

export interface ListQuery extends Scope {
  statuses?: readonly MemoryStatus[] | undefined
  filter?: MemoryFilter | undefined
  limit: number
  cursor?: string | null | undefined
}

export interface AccessHistoryQuery {
  tenantId: string
  /** Omit for every user of the tenant. */
  userId?: string | undefined
  /** @default 2000 */
  batchSize?: number | undefined
}

export interface ScanQuery {
  /** Omit to scan every tenant (reindex). */
  tenantId?: string | undefined
  userId?: string | undefined
  /** @default 500 */
  batchSize?: number | undefined
}

/** A raw candidate from one retrieval strategy. */
export interface Candidate {
  id: string
  score: number
}

export interface TermCounts {
  /** Total number of terms stored in the tenant. */
  total: number
  /** Count per requested term (absent = 0). */
  counts: Map<string, number>
}

export interface StoreStats {
  memories: number
  users: number
  byStatus: Record<MemoryStatus, number>
  byType: Record<string, number>
  /** Active memories by confidence: [0–2), [2–4), [4–6), [6–8), [8–10]. */
  confidence: [number, number, number, number, number]
  /** Active memories that restatements have corroborated at least once. */
  corroborated: number
  /** Bytes on disk, when the backend can tell. */
  sizeBytes: number | null
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed'

/** A job to enqueue. */
export interface NewJob {
  id: string
  tenantId: string
  userId: string
  /** What to do, e.g. `extract`. */
  kind: string
  /** Everything the job needs, as JSON. */
  payload: JsonObject
  /** Attempts allowed before the job is `failed`. @default 3 */
  maxAttempts?: number
  /** Not claimable before this time (ISO). */
  runAfter: string
}

/** A persisted job. */
export interface Job extends Required<NewJob> {
  status: JobStatus
  attempts: number
  lastError: string | null
  createdAt: string
  updatedAt: string
}
