import { resolve } from 'node:path'
import { MemoryError, storeFailed } from '../../errors.js'
import type { AccessHistory } from '../../score/activation.js'
import type { MemoryStore, StoredMemory } from '../store.js'
import { accessHistoryBatch, accessTimes, type HistoryPosition, recordAccess } from './accesses.js'
import { nearestIndexed } from './approximate-search.js'
import { adjustAssociations } from './associations.js'
import { type Checkpointer, foldLog, startCheckpointer } from './checkpointer.js'
import { byClaims } from './claims.js'
import { CHECKPOINT_PAGES, openContext, type StoreContext } from './context.js'
import { byEntities, entitiesOf, readEntities } from './entities.js'
import { claimJobs, enqueueJob, finishJob, jobCounts } from './jobs.js'
import { createKeywordIndexes } from './keyword-index.js'
import { keyword } from './keyword-search.js'
import { lastRun, readEvent, readUsers, saveRun } from './lifecycle-reads.js'
import { DEFAULT_LOCK_LEASE_MS, lockTable } from './locks.js'
import { patchMemory } from './patch.js'
import { getMemories, listMemories, readHistory, readStats } from './reads.js'
import { removeMemory, removeUser } from './removal.js'
import { SCAN_START, type ScanPosition, scanBatch } from './scan.js'
import { findScope } from './scopes.js'
import { readSignals } from './signals.js'
import { readTermCounts } from './term-counts.js'
import { createVectorIndexes, type VectorIndexOptions } from './vector-index.js'
import { openVectorSpace } from './vector-space.js'
import { appendEvents, insertMemories, replaceVectors, updateMemory } from './writes.js'

/** Scopes with this many vectors or more are searched through in-memory indexes (HNSW, BM25) by default. */
export const DEFAULT_MIN_SCOPE_SIZE = 10_000

/** Options of `createSqliteStore`. */
export interface SqliteStoreOptions {
  /** Database file (parent directories are created), or `:memory:` for a throwaway store. */
  path: string
  /** How long a write waits for another process's lock before failing, in ms. @default 5000 */
  busyTimeoutMs?: number
  /**
   * How long a `tryLock` lock outlives a holder that stopped renewing it (its process
   * died), in ms. Holders renew every third of it. @default 30000
   */
  lockLeaseMs?: number
  /**
   * The approximate (HNSW) index that serves nearest-neighbour search in large scopes;
   * `false` searches every scope exactly. @default {} (scopes of 10,000 vectors or more)
   */
  vectorIndex?: VectorIndexOptions | false
  /**
   * The in-memory BM25 index that serves keyword search in large scopes, scoring exactly
   * as FTS5 does at a fraction of its cost there; `false` leaves every scope to FTS5.
   * @default {} (scopes of 10,000 memories or more)
   */
  keywordIndex?: { minScopeSize?: number } | false
  /**
   * A thread that copies the write-ahead log into the file every `intervalMs`, so writes
   * (and the access records of searches) never pause for it; `false` leaves checkpoints
   * to the writing connection, every 250 pages. Files only. @default { intervalMs: 100 }
   */
  backgroundCheckpoints?: { intervalMs?: number } | false
}

/**
 * The embedded store: one SQLite file with FTS5 for keywords and sqlite-vec for
 * vectors. Files use WAL, so readers in other processes are not blocked by a writer.
 *
 * @example
 * const store = await createSqliteStore({ path: '.recall/memory.db' })
 * await store.openVectorSpace({ id: embedder.id, dimensions: embedder.dimensions })
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<MemoryStore> {
  let ctx: StoreContext
  try {
    ctx = await openContext(options)
  } catch (error) {
    throw storeFailed(error, `opening SQLite store at ${options.path}`)
  }
  let closed = false
  const checkpointer =
    ctx.fileBacked && options.backgroundCheckpoints !== false
      ? startBackgroundCheckpoints(ctx, resolve(options.path), options.backgroundCheckpoints?.intervalMs)
      : null
  const locks = lockTable(ctx, options.lockLeaseMs ?? DEFAULT_LOCK_LEASE_MS)
  const indexOptions = options.vectorIndex === false ? null : (options.vectorIndex ?? {})
  const indexes =
    indexOptions === null
      ? null
      : createVectorIndexes(ctx, {
          minScopeSize: indexOptions.minScopeSize ?? DEFAULT_MIN_SCOPE_SIZE,
          directory: indexOptions.directory ?? (ctx.fileBacked ? `${resolve(options.path)}.hnsw` : null),
        })

  const keywordIndexes =
    options.keywordIndex === false
      ? null
      : createKeywordIndexes(ctx, {
          minScopeSize: options.keywordIndex?.minScopeSize ?? DEFAULT_MIN_SCOPE_SIZE,
        })

  // better-sqlite3 is synchronous; the contract is async so that other backends can be.
  const run = <T>(what: string, work: () => T): Promise<T> => {
    if (closed) return Promise.reject(closedError())
    try {
      return Promise.resolve(work())
    } catch (error) {
      return Promise.reject(storeFailed(error, `sqlite ${what}`))
    }
  }
  const runAsync = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    if (closed) throw closedError()
    try {
      return await work()
    } catch (error) {
      throw storeFailed(error, `sqlite ${what}`)
    }
  }
  // Saved index files of a scope hold its vectors: a deletion makes them stale at once.
  const discardFiles = (scopeId: number | null | undefined) => {
    if (indexes !== null && scopeId !== null && scopeId !== undefined) indexes.discardFiles(scopeId)
  }
  const scopeOf = (tenantId: string, id: string) =>
    ctx.sql('SELECT scope_id FROM memories WHERE tenant_id = ? AND id = ?').pluck().get(tenantId, id) as
      | number
      | undefined

  return {
    name: 'sqlite',
    openVectorSpace: (space, opts) =>
      run('openVectorSpace', () => openVectorSpace(ctx, space, opts?.reset === true)),
    insert: (writes) =>
      run('insert', () => withBackstop(ctx, checkpointer, writes.length, () => insertMemories(ctx, writes))),
    update: (write, expectedVersion) => run('update', () => updateMemory(ctx, write, expectedVersion)),
    remove: (tenantId, id, tombstone) =>
      run('remove', () => {
        const scopeId = scopeOf(tenantId, id)
        const removed = removeMemory(ctx, tenantId, id, tombstone)
        if (removed) discardFiles(scopeId)
        return removed
      }),
    removeUser: (scope) =>
      runAsync('removeUser', async () => {
        const scopeId = findScope(ctx, scope.tenantId, scope.userId)
        const removed = removeUser(ctx, scope)
        discardFiles(scopeId)
        // A forgotten user's text must not outlive the call in the log's old pages.
        if (ctx.fileBacked) await foldLog(ctx.db)
        return removed
      }),
    get: (tenantId, ids) => run('get', () => getMemories(ctx, tenantId, ids)),
    signals: (tenantId, ids) => run('signals', () => readSignals(ctx, tenantId, ids)),
    list: (query) => run('list', () => listMemories(ctx, query)),
    history: (tenantId, memoryId) => run('history', () => readHistory(ctx, tenantId, memoryId)),
    nearest: (query) => runAsync('nearest', () => nearestIndexed(ctx, indexes, query)),
    keyword: (query) => runAsync('keyword', () => keyword(ctx, keywordIndexes, query)),
    patch: (tenantId, id, changes, events, expectedVersion) =>
      run('patch', () => patchMemory(ctx, tenantId, id, changes, events, expectedVersion)),
    recordAccess: (tenantId, ids, at) => run('recordAccess', () => recordAccess(ctx, tenantId, ids, at)),
    accessTimes: (tenantId, ids) => run('accessTimes', () => accessTimes(ctx, tenantId, ids)),
    async *accessHistories(query): AsyncGenerator<AccessHistory[]> {
      let position: HistoryPosition | null = ['', '']
      while (position !== null) {
        const from: HistoryPosition = position
        const batch = await run('accessHistories', () => accessHistoryBatch(ctx, query, from))
        if (batch.items.length > 0) yield batch.items
        position = batch.next
      }
    },
    byEntities: (query) => run('byEntities', () => byEntities(ctx, query)),
    byClaims: (query) => run('byClaims', () => byClaims(ctx, query)),
    event: (tenantId, eventId) => run('event', () => readEvent(ctx, tenantId, eventId)),
    appendEvents: (tenantId, userId, events) =>
      run('appendEvents', () =>
        ctx.db.transaction(() => appendEvents(ctx, tenantId, userId, events)).immediate(),
      ),
    saveRun: (tenantId, userId, report) => run('saveRun', () => saveRun(ctx, tenantId, userId, report)),
    lastRun: (tenantId, userId) => run('lastRun', () => lastRun(ctx, tenantId, userId)),
    users: (tenantId, options) => run('users', () => readUsers(ctx, tenantId, options)),
    entities: (scope, keys) => run('entities', () => readEntities(ctx, scope, keys)),
    entitiesOf: (tenantId, ids) => run('entitiesOf', () => entitiesOf(ctx, tenantId, ids)),
    adjustAssociations: (scope, memoryId, keys, delta) =>
      run('adjustAssociations', () => adjustAssociations(ctx, scope, memoryId, keys, delta)),
    termCounts: (tenantId, terms) => run('termCounts', () => readTermCounts(ctx, tenantId, terms)),
    async *scan(query): AsyncGenerator<StoredMemory[]> {
      let position: ScanPosition | null = SCAN_START
      while (position !== null) {
        const from: ScanPosition = position
        const batch = await run('scan', () => scanBatch(ctx, query, from))
        if (batch.items.length > 0) yield batch.items
        position = batch.next
      }
    },
    replaceVectors: (items) => run('replaceVectors', () => replaceVectors(ctx, items)),
    enqueueJob: (job) => run('enqueueJob', () => enqueueJob(ctx, job)),
    claimJobs: (options) => run('claimJobs', () => claimJobs(ctx, options)),
    finishJob: (id, outcome) => run('finishJob', () => finishJob(ctx, id, outcome)),
    jobCounts: (tenantId) => run('jobCounts', () => jobCounts(ctx, tenantId)),
    stats: (tenantId, userId) => run('stats', () => readStats(ctx, tenantId, userId)),
    tryLock: (key) => run('tryLock', () => locks.tryLock(key)),
    close: async () => {
      // Closing twice is harmless, so shutdown paths need not track who closed first.
      if (closed) return
      closed = true
      try {
        locks.releaseAll()
        await checkpointer?.close()
        try {
          keywordIndexes?.close()
          indexes?.close()
        } finally {
          // Fold the WAL into the main file and truncate it, so the file alone is the data.
          if (ctx.fileBacked) ctx.db.pragma('wal_checkpoint(TRUNCATE)')
          ctx.db.close()
        }
      } catch (error) {
        throw storeFailed(error, 'sqlite close')
      }
    },
  }
}

// While a thread checkpoints, this connection folds the log back only if the thread
// falls far behind (a bulk import), as SQLite's own automatic checkpoint does at 1,000 pages.
const BACKSTOP_PAGES = 4000
/** Inserts of this many memories or more are bulk: see `BULK_BACKSTOP_PAGES`. */
const BULK_WRITES = 256
/**
 * The backstop while a bulk insert commits. A batch of 1,000 into a store of a million
 * dirties some 15,000 pages, so every commit crossed 4,000 and copied the log back itself
 * before returning; the thread does that work meanwhile instead. Other writes keep the low
 * mark: searches read pages through the log, and a long log slowed them (p95 at 100,000
 * memories 10–14 ms against 8.8 with the mark at 32,000 for every write).
 */
const BULK_BACKSTOP_PAGES = 32_000

/** Runs a write of `count` memories, with the bulk backstop if it is one and a thread checkpoints. */
function withBackstop<T>(
  ctx: StoreContext,
  checkpointer: Checkpointer | null,
  count: number,
  write: () => T,
): T {
  if (count < BULK_WRITES || !checkpointer?.running) return write()
  ctx.db.pragma(`wal_autocheckpoint = ${BULK_BACKSTOP_PAGES}`)
  try {
    return write()
  } finally {
    ctx.db.pragma(`wal_autocheckpoint = ${checkpointer.running ? BACKSTOP_PAGES : CHECKPOINT_PAGES}`)
  }
}

/**
 * Moves checkpoints off the connection that writes (see `checkpointer.ts`); if the
 * thread stops, this connection checkpoints as before.
 */
function startBackgroundCheckpoints(ctx: StoreContext, path: string, intervalMs: number | undefined) {
  const checkpointer = startCheckpointer(path, {
    intervalMs,
    onStopped: () => {
      if (ctx.db.open) ctx.db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`)
    },
  })
  ctx.db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`)
  return checkpointer
}

function closedError(): MemoryError {
  return new MemoryError('CLOSED', 'the SQLite store is closed')
}
