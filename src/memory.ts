import type { Embedder } from './embed/embedder.js'
import { createLocalEmbedder } from './embed/local/local-embedder.js'
import { type EmbedPurpose, embedForTenant, reindexStore } from './embedding.js'
import { MemoryError } from './errors.js'
import { isId } from './ids.js'
import {
  checkContent,
  DEFAULT_MAX_CONTENT_BYTES,
  historyEvent,
  newRecord,
  snapshot,
  updatedRecord,
} from './records.js'
import type { AddInput, ListInput, SearchInput, UpdateInput } from './schemas.js'
import {
  addInputSchema,
  exportInputSchema,
  idSchema,
  listInputSchema,
  parseInput,
  searchInputSchema,
  updateInputSchema,
  userScopeSchema,
} from './schemas.js'
import { DEFAULT_RELEVANCE_WEIGHTS, fuseRelevance, type RelevanceWeights } from './score/relevance.js'
import { createSqliteStore } from './store/sqlite/sqlite-store.js'
import type { MemoryStore, MemoryWrite, StoreStats } from './store/store.js'
import { keywordTerms } from './text/stop-words.js'
import { words } from './text/words.js'
import { exportLines, type ImportResult, importLines } from './transfer.js'
import type { HistoryEvent, MemoryRecord, Page, SearchHit } from './types.js'

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
  /** Weights of the relevance fusion. @default { dense: 0.5, keyword: 0.5 } */
  relevanceWeights?: RelevanceWeights
  /** The clock, for tests and replays. @default () => new Date() */
  now?: () => Date
}

/** Progress of a long operation. */
export type ProgressHandler = (done: number, total: number | null) => void

/** The embedded memory: every method is confined to the tenant it was created for. */
export interface Memory {
  /** Stores one memory. */
  add(input: AddInput): Promise<MemoryRecord>
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
  /** The user's memories most relevant to a query, best first. */
  search(input: SearchInput): Promise<SearchHit[]>
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
  /** Counts for the tenant. */
  stats(): Promise<StoreStats>
  /** Closes the store. Later calls fail with `CLOSED`. */
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
  const tenantId = options.tenantId ?? 'default'
  const maxBytes = options.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES
  const now = options.now ?? (() => new Date())
  const weights = options.relevanceWeights ?? DEFAULT_RELEVANCE_WEIGHTS
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

  async function writesFor(records: readonly MemoryRecord[], event: 'created'): Promise<MemoryWrite[]> {
    const vectors = await embedTexts(
      tenantId,
      records.map((r) => r.content),
      'store',
    )
    const at = now()
    return records.map((record, i) => ({
      record,
      vector: vectors[i] as Float32Array,
      terms: words(record.content),
      events: [historyEvent(record.id, event, at, 'user', { after: snapshot(record) })],
    }))
  }

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
    await store.insert(await writesFor(records, 'created'))
    return records
  }

  function checkId(id: unknown): string {
    return parseInput(idSchema, id, 'id')
  }

  return {
    async add(input) {
      const [record] = await addMany([input])
      return record as MemoryRecord
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
        const [vector] = await embedTexts(tenantId, [next.content], 'store')
        const event = historyEvent(memoryId, 'updated', at, 'user', {
          before: snapshot(current),
          after: snapshot(next),
        })
        try {
          await store.update(
            { record: next, vector: vector as Float32Array, terms: words(next.content), events: [event] },
            current.version,
          )
          return next
        } catch (error) {
          if (!(MemoryError.is(error) && error.code === 'CONFLICT') || attempt >= 4) throw error
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

    async search(input) {
      const q = parseInput(searchInputSchema, input, 'search')
      const pool = Math.max(50, q.limit * 5)
      const scope = {
        tenantId,
        userId: q.userId,
        statuses: ['active'] as const,
        filter: q.filters,
        limit: pool,
      }
      const [vector] = await embedTexts(tenantId, [q.query], 'query')
      const [dense, keyword] = await Promise.all([
        store.nearest({ ...scope, vector: vector as Float32Array }),
        store.keyword({ ...scope, terms: keywordTerms(words(q.query)) }),
      ])
      const ranked = fuseRelevance(dense, keyword, weights).slice(0, q.limit)
      if (ranked.length === 0) return []
      const records = new Map(
        (
          await store.get(
            tenantId,
            ranked.map((r) => r.id),
          )
        ).map((r) => [r.id, r]),
      )
      const at = now().toISOString()
      await store.recordAccess(
        tenantId,
        ranked.map((r) => r.id),
        at,
      )
      const hits: SearchHit[] = []
      for (const r of ranked) {
        const record = records.get(r.id)
        if (!record) continue
        const memory = { ...record, accessCount: record.accessCount + 1, lastAccessedAt: at }
        hits.push(
          q.explain
            ? {
                memory,
                score: r.relevance,
                breakdown: { relevance: r.relevance, dense: r.dense, keyword: r.keyword },
              }
            : { memory, score: r.relevance },
        )
      }
      return hits
    },

    async deleteAll(input) {
      const { userId } = parseInput(userScopeSchema, input, 'deleteAll request')
      return { deleted: await store.removeUser({ tenantId, userId }) }
    },

    export(input = {}) {
      const { userId } = parseInput(exportInputSchema, input, 'export request')
      return exportLines(store.scan({ tenantId, userId }), space, now())
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

    stats: () => store.stats(tenantId),
    close: () => store.close(),
  }
}
