import { MemoryError } from '../../errors.js'
import type { AccessHistory } from '../../score/activation.js'
import type { MemoryRecord } from '../../types.js'
import { checkLimit } from '../sqlite/reads.js'
import { type AccessHistoryQuery, RECENT_ACCESSES } from '../store.js'
import type { PgContext } from './context.js'
import { Where } from './filters.js'
import { type MemoryRow, RECORD_COLUMNS, toRecord } from './row-mapping.js'

/**
 * Counts one retrieval per distinct id at `at`: `accessCount` += 1, `lastAccessedAt` =
 * `at`, and `at` joins the memory's recent times (the newest `RECENT_ACCESSES` kept, by
 * instant). Neither `version` nor `updatedAt` changes; unknown ids are skipped. Rows are
 * locked in id order, so concurrent retrievals of the same memories queue, never deadlock.
 * Returns the found records as the update left them.
 */
export async function recordAccess(
  ctx: PgContext,
  tenantId: string,
  ids: readonly string[],
  at: string,
): Promise<MemoryRecord[]> {
  const instant = typeof at === 'string' ? Date.parse(at) : Number.NaN
  if (Number.isNaN(instant)) {
    throw new MemoryError('INVALID_INPUT', `access time must be an ISO 8601 instant, got ${String(at)}`)
  }
  if (ids.length === 0) return []
  // One statement, so one round trip: the rows are locked in id order (concurrent
  // retrievals of the same memories queue, never deadlock), and the new time takes its
  // place by instant, after any equal one, the newest RECENT_ACCESSES kept (as `withAccess`).
  // Its commit does not wait for the WAL to reach disk (`synchronous_commit` off for this
  // transaction only): every search records its page, and a server crash can lose at most
  // the last fraction of a second of access times, never a memory or a consistent state.
  const rows = await ctx.query<MemoryRow>(
    `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
     locked AS (
       SELECT id, recent_accesses FROM memories WHERE tenant_id = $1 AND id = ANY($2::text[])
       ORDER BY id FOR UPDATE
     )
     UPDATE memories m SET access_count = m.access_count + 1, last_accessed_at = $3,
       recent_accesses = ARRAY(
         SELECT t FROM (
           SELECT u.t, u.ord FROM unnest(l.recent_accesses) WITH ORDINALITY AS u(t, ord)
           UNION ALL SELECT $3::text, ${Number.MAX_SAFE_INTEGER}
         ) times ORDER BY t::timestamptz DESC, ord LIMIT ${RECENT_ACCESSES}
       )
     FROM locked l, relaxed WHERE m.tenant_id = $1 AND m.id = l.id
     RETURNING ${RETURNED}`,
    [tenantId, [...new Set(ids)], at],
  )
  return rows.map(toRecord)
}

const RETURNED = RECORD_COLUMNS.split(', ')
  .map((column) => `m.${column}`)
  .join(', ')

/** Each found memory's recent access times, newest first; never retrieved is []. */
export async function accessTimes(
  ctx: PgContext,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map()
  const rows = await ctx.query<{ id: string; recent_accesses: string[] }>(
    'SELECT id, recent_accesses FROM memories WHERE tenant_id = $1 AND id = ANY($2::text[])',
    [tenantId, ids],
  )
  return new Map(rows.map((row) => [row.id, row.recent_accesses]))
}

/**
 * The access histories of the scope's active memories, `batchSize` at a time, reading only
 * the three columns activation needs. One cursor over one snapshot, so the whole read is a
 * single pass whatever the planner knows of the table (keyset pages re-planned per batch
 * degrade badly on a table not yet analysed). The connection is held while the caller
 * iterates, and given back when it stops, early or not.
 */
export async function* accessHistories(
  ctx: PgContext,
  query: AccessHistoryQuery,
): AsyncGenerator<AccessHistory[]> {
  const batchSize = query.batchSize ?? 2000
  checkLimit(batchSize)
  const where = new Where()
  where.and(`tenant_id = ${where.param(query.tenantId)}`)
  if (query.userId !== undefined) where.and(`user_id = ${where.param(query.userId)}`)
  const client = await ctx.pool.connect()
  let finished = false
  let broken: Error | undefined
  try {
    await client.query('BEGIN READ ONLY')
    await client.query(
      `DECLARE access_histories NO SCROLL CURSOR FOR
       SELECT observed_at, access_count, recent_accesses FROM memories WHERE ${where.sql} AND status = 'active'`,
      where.params,
    )
    for (;;) {
      const { rows } = await client.query<{
        observed_at: string
        access_count: number
        recent_accesses: string[]
      }>(`FETCH ${batchSize} FROM access_histories`)
      if (rows.length > 0)
        yield rows.map((row) => ({
          encodedAt: row.observed_at,
          accessCount: row.access_count,
          recentAccesses: row.recent_accesses,
        }))
      if (rows.length < batchSize) break
    }
    await client.query('COMMIT')
    finished = true
  } finally {
    // Stopped early or failed: end the transaction; a connection that cannot is dropped.
    if (!finished)
      await client.query('ROLLBACK').catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error))
      })
    client.release(broken)
  }
}
