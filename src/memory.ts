import type { z } from 'zod'
import { retryOnConflict } from './conflicts.js'
import type { AssembledContext } from './context/assemble.js'
import type { Embedder } from './embed/embedder.js'
import { createLocalEmbedder } from './embed/local/local-embedder.js'
import { type EmbedPurpose, embedForTenant, reindexStore } from './embedding.js'
import { MemoryError } from './errors.js'
import { queryEntityKeys } from './extract/entities.js'
import type { Extractor } from './extract/extractor.js'
import { createHeuristicExtractor } from './extract/heuristic-extractor.js'
import { entityGraph, type MemoryGraph } from './graph.js'
import { isId } from './ids.js'
import { indexedWrite } from './indexing.js'
import { createAnalysisPool } from './ingest/analysis-pool.js'
import {
  type ConversationResult,
  EXTRACT_JOB,
  type IngestDeps,
  ingestConversation,
  runExtractJob,
} from './ingest/conversation.js'
import { createJobWorker } from './ingest/job-worker.js'
import { createTurns } from './ingest/turns.js'
import { planAdd } from './lifecycle/add-check.js'
import { type LifecycleConfig, type LifecycleOptions, lifecycleConfig } from './lifecycle/config.js'
import { type ConsolidationReport, consolidateUser, newReport } from './lifecycle/consolidate.js'
import { forgetInTenantRun } from './lifecycle/forget-in-runs.js'
import { createJudge } from './lifecycle/judge.js'
import { applyChanges, restatementInput } from './lifecycle/patches.js'
import { restoreMemory, type UndoResult, undoEvent } from './lifecycle/undo.js'
import {
  checkContent,
  DEFAULT_MAX_CONTENT_BYTES,
  historyEvent,
  newRecord,
  snapshot,
  updatedRecord,
} from './records.js'
import { retrieve } from './retrieval.js'
import type {
  AddInput,
  ContextInput,
  ConversationInput,
  FeedbackInput,
  GraphInput,
  ListInput,
  SearchInput,
  UpdateInput,
} from './schemas.js'
import {
  addInputSchema,
  consolidateInputSchema,
  contextInputSchema,
  conversationInputSchema,
  exportInputSchema,
  feedbackInputSchema,
  graphInputSchema,
  idSchema,
  listInputSchema,
  parseInput,
  searchInputSchema,
  updateInputSchema,
  userScopeSchema,
  usersInputSchema,
} from './schemas.js'
import { activationHistogram } from './score/activation-histogram.js'
import { type ScoringConfig, scoringConfig } from './score/config.js'
import { createSqliteStore } from './store/sqlite/sqlite-store.js'
import type { MemoryStore, MemoryWrite, StoreStats, UserSummary } from './store/store.js'
import { exportLines, type ImportResult, importLines } from './transfer.js'
import type { HistoryEvent, JsonObject, MemoryRecord, Page, SearchHit } from './types.js'

/** Options of `createMemory`. */
export interface MemoryOptions {
  /** SQLite file, or ':memory:'. Ignored when `store` is given. @default './.recall/memory.db' */
  path?: string
  /** A store to use instead of the embedded SQLite one. `close()` closes it. */
  store?: MemoryStore
  /** How text becomes vectors. @default the offline word-vector embedder */
  embedder?: Embedder
  /** The tenant every operation is confined to. @default 'default' */
  tenantId?: string
  /** Largest accepted content, in UTF-8 bytes. @default 65536 */
  maxContentBytes?: number
  /**
   * What to do when the store holds vectors of another embedder: fail with
   * `EMBEDDER_MISMATCH`, or re-embed every memory now. @default 'error'
   */
  onEmbedderChange?: 'error' | 'reindex'
  /** Ranking weights and constants; see `ScoringConfig` for each default. */
  scoring?: Partial<ScoringConfig>
  /**
   * How facts are drawn from conversations given to `add({ messages })`.
   * @default the offline heuristic extractor
   */
  extractor?: Extractor
  /**
   * Extract in a persisted background job, so `add` returns as soon as the
   * messages are stored (`flush()` waits for the jobs). @default true for any
   * extractor but the offline heuristic one, which is fast enough to run inline
   */
  extractInBackground?: boolean
  /**
   * How long a background job stays claimed by this process. If the process
   * dies, another one takes the job over after this; jobs are idempotent, so a
   * slow job taken over twice stores nothing twice. @default 120000
   */
  jobLeaseMs?: number
  /** The clock, for tests and replays. @default () => new Date() */
  now?: () => Date
  /** Merging, supersession, decay and archiving; see `LifecycleConfig` for each default. */
  lifecycle?: LifecycleOptions
  /**
   * Threads that read entities and claims out of large `addMany` batches beside the
   * caller's (they start with the first batch of 64 or more); 0 keeps all of it on the
   * caller's thread. @default the number of cores less one
   */
  analysisThreads?: number
}

/** How far one piece of feedback moves confidence (0–10) and association strength. */
const FEEDBACK_CONFIDENCE_STEP = 0.5

/** Progress of a long operation. */
export type ProgressHandler = (done: number, total: number | null) => void

/** The embedded memory: every method is confined to the tenant it was created for. */
export interface Memory {
  /** Stores one memory. */
  add(input: AddInput): Promise<MemoryRecord>
  /**
   * Stores a conversation: every message as an `episode` memory, and the facts
   * extracted from them as `fact` memories linked to their messages. Sending
   * the same messages again creates nothing new.
   */
  add(input: ConversationInput): Promise<ConversationResult>
  /** Waits until background extraction of this tenant has finished. */
  flush(options?: { timeoutMs?: number }): Promise<void>
  /** Stores several memories in one transaction: all or none. */
  addMany(inputs: readonly AddInput[]): Promise<MemoryRecord[]>
  /** The memory, or null if there is none with this id. */
  get(id: string): Promise<MemoryRecord | null>
  /** A user's memories, newest first, one page at a time. */
  list(input: ListInput): Promise<Page<MemoryRecord>>
  /** Writes a new version; the old one stays in history. `NOT_FOUND` if absent. */
  update(id: string, patch: UpdateInput): Promise<MemoryRecord>
  /** Removes the memory's content everywhere; history keeps a tombstone. `NOT_FOUND` if absent. */
  delete(id: string): Promise<void>
  /** The memory's audit trail, oldest first. `NOT_FOUND` if it never existed. */
  history(id: string): Promise<HistoryEvent[]>
  /** The user's memories most relevant to a query, best first; `explain` adds each score's parts. */
  search(input: SearchInput): Promise<SearchHit[]>
  /**
   * The block to inject into a prompt: the best memories that fit `maxTokens`,
   * deduplicated, each with its source and date, fenced as data.
   */
  context(input: ContextInput): Promise<AssembledContext>
  /**
   * Says whether a retrieved memory helped: reinforces it (an access, more
   * confidence) or weakens it, and adjusts the association between the query's
   * entities and the memory, so later rankings adapt.
   */
  feedback(input: FeedbackInput): Promise<MemoryRecord>
  /** Forgets a user entirely: memories, indexes and history. */
  deleteAll(input: { userId: string }): Promise<{ deleted: number }>
  /** Every memory (of one user, or of the tenant) as JSON lines, each ending in a newline. */
  export(input?: { userId?: string }): AsyncIterable<string>
  /** Reads what `export` wrote; memories whose id already exists are skipped. */
  import(
    lines: AsyncIterable<string | Uint8Array> | Iterable<string>,
    options?: { onProgress?: ProgressHandler },
  ): Promise<ImportResult>
  /** Re-embeds every stored memory with the current embedder. */
  reindex(options?: { onProgress?: ProgressHandler; signal?: AbortSignal }): Promise<{ reindexed: number }>
  /** Counts for the tenant, or for one of its users. */
  stats(input?: { userId?: string }): Promise<StoreStats>
  /** The entity graph around an entity or a memory of one user: entities, memories and their links. */
  graph(input: GraphInput): Promise<MemoryGraph>
  /**
   * A full lifecycle pass over one user (or every user of the tenant): merges
   * restatements, supersedes contradicted facts, archives expired and decayed
   * memories. With `dryRun`, reports what it would do and changes nothing.
   */
  consolidate(input?: { userId?: string; dryRun?: boolean }): Promise<ConsolidationReport>
  /** Counts by status and type, confidence, activation, corroboration and the last consolidation. */
  status(input?: { userId?: string }): Promise<MemoryStatusReport>
  /** Brings an archived (or superseded) memory back to active. `NOT_FOUND` if absent. */
  restore(id: string): Promise<MemoryRecord>
  /** Reverses a lifecycle decision (a merged, superseded, archived or restored event); once. */
  undo(eventId: string): Promise<UndoResult>
  /** The tenant's users with their memory counts by status, by user id, one page at a time. */
  users(input?: { limit?: number; cursor?: string | null }): Promise<Page<UserSummary>>
  /** Lets the adds in progress finish, then closes the store. Later calls fail with `CLOSED`. */
  close(): Promise<void>
}

/** What `memory.status()` reports. */
export interface MemoryStatusReport extends StoreStats {
  /**
   * Active memories by base-level activation now (recency and frequency of use, as
   * the ranking computes it), normalised to [0, 1] and counted in ten buckets
   * [0, 0.1), …, [0.9, 1]: bucket `i` is activation B in [i − 10, i − 9).
   */
  activation: number[]
  /** The last `consolidate()` over this user (or the tenant), or null. */
  lastConsolidation: ConsolidationReport | null
}

/**
 * One store, embedder and background worker shared by many tenants: what a
 * server holds. Each `tenant(id)` is a `Memory` confined to that tenant.
 */
export interface MemoryEngine {
  /** The memory of one tenant. Its `close()` closes nothing; close the engine. */
  tenant(tenantId: string): Memory
  /** The store the engine writes to (for health checks and key storage). */
  readonly store: MemoryStore
  /** Stops the worker, lets the adds in progress finish, and closes the store. */
  close(): Promise<void>
}

/**
 * Opens a memory on the embedded SQLite store (or the given store).
 *
 * @example
 * const memory = await createMemory({ path: './recall.db' })
 * await memory.add({ content: 'Alice moved to Berlin in March 2024', userId: 'alice' })
 * const hits = await memory.search({ query: 'where does Alice live?', userId: 'alice' })
 */
export async function createMemory(options: MemoryOptions = {}): Promise<Memory> {
  const engine = await createMemoryEngine(options)
  return { ...engine.tenant(options.tenantId ?? 'default'), close: () => engine.close() }
}

/**
 * Opens a memory engine for several tenants on one store: what the server uses.
 * Takes the same options as `createMemory` but `tenantId`.
 */
export async function createMemoryEngine(
  options: Omit<MemoryOptions, 'tenantId'> = {},
): Promise<MemoryEngine> {
  const maxBytes = options.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES
  const now = options.now ?? (() => new Date())
  const scoring = scoringConfig(options.scoring)
  const embedder = options.embedder ?? (await createLocalEmbedder())
  const store = options.store ?? (await createSqliteStore({ path: options.path ?? './.recall/memory.db' }))
  const space = { id: embedder.id, dimensions: embedder.dimensions }

  const embedTexts = (
    tenant: string,
    texts: readonly string[],
    purpose: EmbedPurpose,
    signal?: AbortSignal,
  ) => embedForTenant(embedder, store, tenant, texts, purpose, signal)
  const reindex = (opts: { onProgress?: ProgressHandler; signal?: AbortSignal } = {}) =>
    reindexStore({ store, embedder, ...opts })

  try {
    await store.openVectorSpace(space)
  } catch (error) {
    if (
      !(MemoryError.is(error) && error.code === 'EMBEDDER_MISMATCH' && options.onEmbedderChange === 'reindex')
    ) {
      await store.close()
      throw error
    }
    await reindex()
  }

  const analysis = createAnalysisPool({ threads: options.analysisThreads })

  async function writesFor(records: readonly MemoryRecord[], event: 'created'): Promise<MemoryWrite[]> {
    // Background jobs write for the tenant that queued them, which may not be this one.
    const tenant = records[0]?.tenantId ?? 'default'
    // Other threads read entities and claims while this one embeds.
    const pending = analysis.start(records)
    const vectors = await embedTexts(
      tenant,
      records.map((r) => r.content),
      'store',
    )
    const analyses = await pending.finish()
    const at = now()
    return records.map((record, i) =>
      indexedWrite(
        record,
        vectors[i] as Float32Array,
        [historyEvent(record.id, event, at, 'user', { after: snapshot(record) })],
        analyses[i],
      ),
    )
  }

  const lifecycle = lifecycleConfig(options.lifecycle)
  const judge = lifecycle.judge ? createJudge(lifecycle.judge) : null
  // Settling reads what is stored and writes what it decided, so a tenant's batches
  // settle one at a time, in the order they came: two adds at once see each other. Their
  // embedding and analysis do not wait, so a caller with batches in flight keeps the
  // analysis threads busy while the store writes.
  const settleTurn = createTurns()
  // Adds in progress, which close() lets finish before it closes the store.
  const adding = new Set<Promise<unknown>>()
  /** Inserts new records after settling restatements and contradictions; returns what each input became. */
  function insertSettled(records: readonly MemoryRecord[]): Promise<MemoryRecord[]> {
    const added = settle(records)
    adding.add(added)
    const forget = () => adding.delete(added)
    added.then(forget, forget)
    return added
  }
  async function settle(records: readonly MemoryRecord[]): Promise<MemoryRecord[]> {
    const tenant = records[0]?.tenantId ?? 'default'
    const turn = settleTurn(tenant)
    try {
      const writes = await writesFor(records, 'created')
      await turn.ready
      const plan = await planAdd({ store, tenantId: tenant, config: lifecycle, now: now(), judge }, writes)
      if (plan.inserts.length > 0) await store.insert(plan.inserts)
      // A crash here leaves a restatement or contradiction unsettled, never lost: consolidate() settles it.
      const merged: string[] = []
      await applyChanges(store, tenant, plan.changes.values(), (_record, change) => {
        if (change.merges > 0) merged.push(change.id)
      })
      // A restatement is a presentation of what it restates.
      if (merged.length > 0) await store.recordAccess(tenant, merged, now().toISOString())
      return plan.results
    } finally {
      turn.done()
    }
  }

  const extractor = options.extractor ?? createHeuristicExtractor()
  const ingestDeps: IngestDeps = {
    tenantId: 'default',
    store,
    extractor,
    background: options.extractInBackground ?? !extractor.id.startsWith('heuristic'),
    now,
    maxContentBytes: maxBytes,
    insert: insertSettled,
    wake: () => worker.wake(),
  }
  const worker = createJobWorker({
    store,
    kind: EXTRACT_JOB,
    now,
    leaseMs: options.jobLeaseMs ?? 120_000,
    run: (job) => runExtractJob(ingestDeps, job),
  })
  // Resume extraction jobs a previous process left behind.
  worker.wake()

  const shared: Shared = {
    store,
    embedder,
    space,
    scoring,
    lifecycle,
    maxBytes,
    now,
    worker,
    ingestDeps,
    writesFor,
    insertSettled,
    embedTexts,
    reindex,
  }
  const tenants = new Map<string, Memory>()
  const tenant = (tenantId: string) => {
    const known = tenants.get(tenantId)
    if (known) return known
    const memory = tenantMemory(tenantId, shared)
    tenants.set(tenantId, memory)
    return memory
  }
  // In long-running processes, a periodic pass over every tenant this engine has served.
  let running: Promise<unknown> | null = null
  const timer =
    lifecycle.consolidateEveryMs === null
      ? null
      : setInterval(() => {
          running ??= Promise.allSettled([...tenants.values()].map((m) => m.consolidate())).finally(() => {
            running = null
          })
        }, lifecycle.consolidateEveryMs)
  timer?.unref()
  let closed: Promise<void> | null = null
  return {
    store,
    tenant,
    close() {
      closed ??= (async () => {
        if (timer) clearInterval(timer)
        await running
        await worker.stop()
        await Promise.allSettled(adding)
        await analysis.close()
        await store.close()
      })()
      return closed
    },
  }
}

interface Shared {
  store: MemoryStore
  embedder: Embedder
  space: { id: string; dimensions: number }
  scoring: ScoringConfig
  lifecycle: LifecycleConfig
  maxBytes: number
  now: () => Date
  worker: ReturnType<typeof createJobWorker>
  ingestDeps: IngestDeps
  writesFor: (records: readonly MemoryRecord[], event: 'created') => Promise<MemoryWrite[]>
  insertSettled: (records: readonly MemoryRecord[]) => Promise<MemoryRecord[]>
  embedTexts: (tenant: string, texts: readonly string[], purpose: EmbedPurpose) => Promise<Float32Array[]>
  reindex: Memory['reindex']
}

/** The public API confined to one tenant. */
function tenantMemory(tenantId: string, shared: Shared): Memory {
  const {
    store,
    embedder,
    space,
    scoring,
    maxBytes,
    now,
    worker,
    writesFor,
    insertSettled,
    embedTexts,
    reindex,
  } = shared
  const ingestDeps = { ...shared.ingestDeps, tenantId }

  async function addMany(inputs: readonly unknown[]): Promise<MemoryRecord[]> {
    if (!Array.isArray(inputs)) throw new MemoryError('INVALID_INPUT', 'addMany takes an array of memories')
    if (inputs.length === 0) return []
    const at = now()
    const records = inputs.map((input, i) => {
      try {
        return newRecord(parseInput(addInputSchema, input, 'memory'), tenantId, at, maxBytes)
      } catch (error) {
        if (MemoryError.is(error) && inputs.length > 1)
          throw new MemoryError(error.code, `Item ${i}: ${error.message}`, {
            details: { index: i, ...error.details },
          })
        throw error
      }
    })
    return insertSettled(records)
  }

  async function search(q: z.output<typeof searchInputSchema>): Promise<SearchHit[]> {
    const at = q.now ? new Date(q.now) : now()
    const seen = at.toISOString()
    // The hits come back as the access left them (its count and time included).
    const read = q.recordAccess ? (ids: string[]) => store.recordAccess(tenantId, ids, seen) : undefined
    const retrieved = await retrieve({ store, embedder, scoring, tenantId }, q, at, read)
    return retrieved.map(({ record: memory, ranked }) =>
      q.explain
        ? { memory, score: ranked.score, breakdown: { ...ranked.breakdown } }
        : { memory, score: ranked.score },
    )
  }

  function checkId(id: unknown): string {
    return parseInput(idSchema, id, 'id')
  }

  return {
    async add(input: AddInput | ConversationInput): Promise<never> {
      if (typeof input === 'object' && input !== null && 'messages' in input) {
        const req = parseInput(conversationInputSchema, input, 'conversation')
        return (await ingestConversation(ingestDeps, req)) as never
      }
      const [record] = await addMany([input])
      return record as never
    },

    async flush(opts = {}) {
      const timeoutMs = opts.timeoutMs ?? 60_000
      await worker.drain(tenantId, timeoutMs).catch((error: Error) => {
        throw new MemoryError('TIMEOUT', `flush: ${error.message}`, { cause: error })
      })
    },
    addMany,

    async get(id) {
      if (!isId(id)) throw new MemoryError('INVALID_INPUT', 'Invalid id: must be a memory id (a UUID)')
      const [record] = await store.get(tenantId, [id])
      return record ?? null
    },

    async list(input) {
      const q = parseInput(listInputSchema, input, 'list request')
      return store.list({
        tenantId,
        userId: q.userId,
        limit: q.limit,
        cursor: q.cursor,
        filter: q.filters,
        statuses: q.status,
      })
    },

    async update(id, patch) {
      const memoryId = checkId(id)
      const changes = parseInput(updateInputSchema, patch, 'update')
      if (changes.content !== undefined) checkContent(changes.content, maxBytes)
      // Optimistic concurrency: re-read and re-apply when another writer got in first.
      for (let attempt = 0; ; attempt++) {
        const [current] = await store.get(tenantId, [memoryId])
        if (!current) throw new MemoryError('NOT_FOUND', `No memory with id ${memoryId}`)
        const at = now()
        const next = updatedRecord(current, changes, at, maxBytes)
        const event = historyEvent(memoryId, 'updated', at, 'user', {
          before: snapshot(current),
          after: snapshot(next),
        })
        try {
          // Only new content needs new vectors, terms and entities.
          if (next.content === current.content)
            return await store.patch(
              tenantId,
              memoryId,
              { metadata: next.metadata, tags: next.tags },
              [event],
              current.version,
            )
          const [vector] = await embedTexts(tenantId, [next.content], 'store')
          await store.update(indexedWrite(next, vector as Float32Array, [event]), current.version)
          return next
        } catch (error) {
          if (!(await retryOnConflict(error, attempt))) throw error
        }
      }
    },

    async delete(id) {
      const memoryId = checkId(id)
      const removed = await store.remove(tenantId, memoryId, historyEvent(memoryId, 'deleted', now(), 'user'))
      if (!removed) throw new MemoryError('NOT_FOUND', `No memory with id ${memoryId}`)
    },

    async history(id) {
      const memoryId = checkId(id)
      const events = await store.history(tenantId, memoryId)
      if (events.length === 0) throw new MemoryError('NOT_FOUND', `No memory with id ${memoryId}`)
      return events
    },

    search: async (input) => search(parseInput(searchInputSchema, input, 'search')),

    async context(input) {
      const q = parseInput(contextInputSchema, input, 'context request')
      const at = q.now ? new Date(q.now) : now()
      // Enough candidates to fill any budget; the assembler stops at maxTokens.
      const limit = Math.min(100, Math.max(10, Math.ceil(q.maxTokens / 25)))
      const hits = await search({ ...q, limit, offset: 0, explain: false })
      // Loaded on first use: the tokenizer's tables cost start-up time every other call would pay.
      const { assembleContext } = await import('./context/assemble.js')
      return assembleContext({ hits, maxTokens: q.maxTokens, format: q.format, query: q.query, now: at })
    },

    async feedback(input) {
      const f = parseInput(feedbackInputSchema, input, 'feedback')
      for (let attempt = 0; ; attempt++) {
        const [record] = await store.get(tenantId, [f.memoryId])
        if (!record) throw new MemoryError('NOT_FOUND', `No memory with id ${f.memoryId}`)
        const at = now()
        const step = f.useful ? FEEDBACK_CONFIDENCE_STEP : -FEEDBACK_CONFIDENCE_STEP
        const confidence = Math.min(10, Math.max(0, record.confidence + step))
        const keys = f.query ? queryEntityKeys(f.query) : []
        const event = historyEvent(record.id, 'feedback', at, f.actor ?? 'user')
        event.details = {
          useful: f.useful,
          confidenceBefore: record.confidence,
          confidenceAfter: confidence,
          ...(f.query ? { query: f.query } : {}),
        }
        try {
          const updated = await store.patch(tenantId, record.id, { confidence }, [event], record.version)
          const scope = { tenantId, userId: record.userId }
          if (keys.length > 0) await store.adjustAssociations(scope, record.id, keys, step)
          if (f.useful) await store.recordAccess(tenantId, [record.id], at.toISOString())
          return (await store.get(tenantId, [record.id]))[0] ?? updated
        } catch (error) {
          if (!(await retryOnConflict(error, attempt))) throw error
        }
      }
    },

    async deleteAll(input) {
      const { userId } = parseInput(userScopeSchema, input, 'deleteAll request')
      // A pass over the whole tenant may have named the user's memories in its report.
      // This goes first: the store's removal, the last write, clears its log after it.
      await forgetInTenantRun(store, tenantId, userId)
      return { deleted: await store.removeUser({ tenantId, userId }) }
    },

    export(input = {}) {
      const { userId } = parseInput(exportInputSchema, input, 'export request')
      return exportLines(store.scan({ tenantId, userId }), space, now(), (ids) =>
        store.accessTimes(tenantId, ids),
      )
    },

    async import(lines, opts = {}) {
      return importLines(lines, {
        tenantId,
        space,
        store,
        maxContentBytes: maxBytes,
        embed: (texts) => embedTexts(tenantId, texts, 'store'),
        onProgress: opts.onProgress,
      })
    },

    reindex,

    stats(input = {}) {
      const { userId } = parseInput(exportInputSchema, input, 'stats request')
      return store.stats(tenantId, userId)
    },

    async graph(input) {
      const q = parseInput(graphInputSchema, input, 'graph request')
      return entityGraph(store, { tenantId, userId: q.userId }, q)
    },

    async consolidate(input = {}) {
      const q = parseInput(consolidateInputSchema, input, 'consolidate request')
      const at = now()
      const report = newReport(q.dryRun, at)
      // One pass per scope at a time across every process on the store; a dry run changes nothing.
      const release = q.dryRun ? null : await store.tryLock(`consolidate:${tenantId}:${q.userId ?? '*'}`)
      if (!q.dryRun && release === null) return { ...report, skipped: true }
      try {
        const deps = { store, tenantId, config: shared.lifecycle, decay: scoring.decay, now: at }
        if (q.userId !== undefined) await consolidateUser(deps, q.userId, q.dryRun, report)
        else
          for (let after: string | undefined; ; ) {
            const page = await store.users(tenantId, { limit: 500, after })
            if (page.length === 0) break
            for (const user of page) await consolidateUser(deps, user.userId, q.dryRun, report)
            after = page.at(-1)?.userId
          }
        report.finishedAt = now().toISOString()
        if (!q.dryRun) await store.saveRun(tenantId, q.userId ?? null, report as unknown as JsonObject)
        return report
      } finally {
        await release?.()
      }
    },

    async status(input = {}) {
      const { userId } = parseInput(exportInputSchema, input, 'status request')
      const at = now()
      const [stats, tenantRun, userRun, activation] = await Promise.all([
        store.stats(tenantId, userId),
        store.lastRun(tenantId, null),
        userId === undefined ? null : store.lastRun(tenantId, userId),
        activationHistogram(store.accessHistories({ tenantId, userId }), at, scoring.decay),
      ])
      // A pass over the whole tenant covered this user too: the later of the two.
      const runs = [tenantRun, userRun].filter((r) => r !== null) as unknown as ConsolidationReport[]
      const last = runs.sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0] ?? null
      return { ...stats, activation, lastConsolidation: last }
    },

    restore: async (id) => restoreMemory({ store, tenantId, now }, checkId(id)),

    async users(input = {}) {
      const q = parseInput(usersInputSchema, input, 'users request')
      const items = await store.users(tenantId, { limit: q.limit + 1, after: q.cursor ?? undefined })
      const page = items.slice(0, q.limit)
      return { items: page, nextCursor: items.length > q.limit ? (page.at(-1)?.userId ?? null) : null }
    },

    async undo(eventId) {
      const id = parseInput(idSchema, eventId, 'event id')
      return undoEvent(
        {
          store,
          tenantId,
          now,
          async recreate(kept, userId, undone) {
            const record = newRecord(
              parseInput(addInputSchema, { ...restatementInput(kept), userId }, 'merged memory'),
              tenantId,
              now(),
              maxBytes,
            )
            const [write] = await writesFor(
              [{ ...record, id: typeof kept.memoryId === 'string' ? kept.memoryId : record.id }],
              'created',
            )
            const created = write as MemoryWrite
            ;(created.events[0] as HistoryEvent).details = { undoes: undone }
            await store.insert([created])
            return created.record
          },
        },
        id,
      )
    },

    // The engine owns the store; `createMemory` replaces this with engine.close().
    async close() {},
  }
}
