import pg from 'pg'
import { MemoryError, storeFailed } from '../../errors.js'
import type { AccessHistory } from '../../score/activation.js'
import type { MemoryStore, StoredMemory } from '../store.js'
import { accessHistories, accessTimes, recordAccess } from './accesses.js'
import { adjustAssociations } from './associations.js'
import { createAutoAnalyze } from './auto-analyze.js'
import { byClaims } from './claims.js'
import { createContext, type PgContext } from './context.js'
import { byEntities, entitiesOf, readEntities } from './entities.js'
import { insertEvents } from './events.js'
import { claimJobs, enqueueJob, finishJob, jobCounts } from './jobs.js'
import { keyword, sqlTermScore } from './keyword.js'
import { lastRun, readEvent, readUsers, saveRun } from './lifecycle-reads.js'
import { tryLock } from './locks.js'
import { applyMigrations } from './migrations.js'
import { nearest } from './nearest.js'
import { patchMemory } from './patch.js'
import { openPool, type PostgresStoreOptions } from './pool.js'
import { getMemories, listMemories, readHistory, readStats } from './reads.js'
import { removeMemory, removeUser } from './removal.js'
import { SCAN_START, type ScanPosition, scanBatch } from './scan.js'
import { createPgScopeIndexes } from './scope-indexes.js'
import { readSignals } from './signals.js'
import { readTermCounts } from './text-stats.js'
import { openVectorSpace } from './vector-space.js'
import { insertMemories, replaceVectors, updateMemory } from './writes.js'

/** Scopes with this many memories or more are searched through node-local indexes by default. */
const DEFAULT_MIN_SCOPE_SIZE = 10_000

/**
 * A store on PostgreSQL with pgvector: HNSW (cosine) for vectors, a GIN-indexed
 * tsvector scored by BM25 for keywords. Several processes may share one database (e.g.
 * server nodes): every write is a transaction, migrations take an advisory lock, and
 * jobs are claimed with `FOR UPDATE SKIP LOCKED`.
 *
 * @example
 * const store = await createPostgresStore({ connectionString: 'postgres://app@db:5432/recall' })
 * const memory = await createMemory({ store })
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<MemoryStore> {
  const { pool, owned, schema } = openPool(options, pg.Pool)
  const ctx: PgContext = createContext(pool, options.preparedStatements !== false)
  const analyzer = createAutoAnalyze(ctx)
  try {
    await applyMigrations(ctx, { schema })
  } catch (error) {
    if (owned) await pool.end().catch(() => undefined)
    throw storeFailed(error, 'opening the Postgres store')
  }
  let closed = false
  const indexes =
    options.indexes === false
      ? null
      : createPgScopeIndexes(ctx, {
          minScopeSize: options.indexes?.minScopeSize ?? DEFAULT_MIN_SCOPE_SIZE,
          termScore: sqlTermScore,
        })

  const run = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    if (closed) throw new MemoryError('CLOSED', 'the Postgres store is closed')
    try {
      return await work()
    } catch (error) {
      throw storeFailed(error, `postgres ${what}`)
    }
  }

  return {
    name: 'postgres',
    openVectorSpace: (space, opts) =>
      run('openVectorSpace', () => openVectorSpace(ctx, space, opts?.reset === true)),
    insert: (writes) =>
      run('insert', async () => {
        await insertMemories(ctx, writes)
        await analyzer.wrote(writes.length)
      }),
    update: (write, expectedVersion) => run('update', () => updateMemory(ctx, write, expectedVersion)),
    remove: (tenantId, id, tombstone) => run('remove', () => removeMemory(ctx, tenantId, id, tombstone)),
    removeUser: (scope) => run('removeUser', () => removeUser(ctx, scope)),
    get: (tenantId, ids) => run('get', () => getMemories(ctx, tenantId, ids)),
    signals: (tenantId, ids) => run('signals', () => readSignals(ctx, tenantId, ids)),
    list: (query) => run('list', () => listMemories(ctx, query)),
    history: (tenantId, memoryId) => run('history', () => readHistory(ctx, tenantId, memoryId)),
    nearest: (query) => run('nearest', () => nearest(ctx, indexes, query)),
    keyword: (query) => run('keyword', () => keyword(ctx, indexes, query)),
    patch: (tenantId, id, changes, events, expectedVersion) =>
      run('patch', () => patchMemory(ctx, tenantId, id, changes, events, expectedVersion)),
    recordAccess: (tenantId, ids, at) => run('recordAccess', () => recordAccess(ctx, tenantId, ids, at)),
    accessTimes: (tenantId, ids) => run('accessTimes', () => accessTimes(ctx, tenantId, ids)),
    async *accessHistories(query): AsyncGenerator<AccessHistory[]> {
      if (closed) throw new MemoryError('CLOSED', 'the Postgres store is closed')
      try {
        yield* accessHistories(ctx, query)
      } catch (error) {
        throw storeFailed(error, 'postgres accessHistories')
      }
    },
    byEntities: (query) => run('byEntities', () => byEntities(ctx, query)),
    byClaims: (query) => run('byClaims', () => byClaims(ctx, query)),
    event: (tenantId, eventId) => run('event', () => readEvent(ctx, tenantId, eventId)),
    appendEvents: (tenantId, userId, events) =>
      run('appendEvents', () =>
        ctx.tx((c) =>
          insertEvents(
            c,
            events.map((e) => ({ tenantId, userId, e })),
          ),
        ),
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
    claimJobs: (opts) => run('claimJobs', () => claimJobs(ctx, opts)),
    finishJob: (id, outcome) => run('finishJob', () => finishJob(ctx, id, outcome)),
    jobCounts: (tenantId) => run('jobCounts', () => jobCounts(ctx, tenantId)),
    stats: (tenantId, userId) => run('stats', () => readStats(ctx, tenantId, userId)),
    tryLock: (key) => run('tryLock', () => tryLock(ctx, key)),
    close: async () => {
      // Closing twice is harmless, so shutdown paths need not track who closed first.
      if (closed) return
      closed = true
      indexes?.close()
      // A pool the caller passed in is theirs to end.
      if (!owned) return
      try {
        await pool.end()
      } catch (error) {
        throw storeFailed(error, 'postgres close')
      }
    },
  }
}
