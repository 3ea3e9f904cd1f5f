import { MemoryError } from '../../errors.js'
import type { AccessHistory } from '../../score/activation.js'
import type { MemoryRecord } from '../../types.js'
import { type AccessHistoryQuery, RECENT_ACCESSES } from '../store.js'
import type { StoreContext } from './context.js'
import { checkLimit, getMemories } from './reads.js'

/**
 * Counts one retrieval per distinct id at `at`: `accessCount` += 1, `lastAccessedAt` =
 * `at`, and `at` joins the memory's recent times, of which the newest `RECENT_ACCESSES`
 * are kept. Neither `version` nor `updatedAt` changes; unknown ids are skipped. Returns
 * the found records as they are after it.
 */
export function recordAccess(
  ctx: StoreContext,
  tenantId: string,
  ids: readonly string[],
  at: string,
): MemoryRecord[] {
  const instant = typeof at === 'string' ? Date.parse(at) : Number.NaN
  if (Number.isNaN(instant)) {
    throw new MemoryError('INVALID_INPUT', `access time must be an ISO 8601 instant, got ${String(at)}`)
  }
  if (ids.length === 0) return []
  const write = ctx.sql(
    `UPDATE memories SET access_count = access_count + 1, last_accessed_at = ?, recent_accesses = ?
     WHERE rid = ?`,
  )
  return ctx.db
    .transaction(() => {
      // One read for the batch; `IN` also makes repeated ids count once.
      const rows = ctx
        .sql(
          `SELECT rid, recent_accesses FROM memories
           WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?))`,
        )
        .all(tenantId, JSON.stringify(ids)) as { rid: number; recent_accesses: string }[]
      for (const row of rows) {
        const times = withAccess(JSON.parse(row.recent_accesses) as string[], at)
        write.run(at, JSON.stringify(times), row.rid)
      }
      return getMemories(ctx, tenantId, ids)
    })
    .immediate()
}

/** Each found memory's recent access times, newest first; never retrieved is []. */
export function accessTimes(
  ctx: StoreContext,
  tenantId: string,
  ids: readonly string[],
): Map<string, string[]> {
  if (ids.length === 0) return new Map()
  const rows = ctx
    .sql(
      `SELECT id, recent_accesses FROM memories
       WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?))`,
    )
    .all(tenantId, JSON.stringify(ids)) as { id: string; recent_accesses: string }[]
  return new Map(rows.map((row) => [row.id, JSON.parse(row.recent_accesses) as string[]]))
}

/** Where the previous batch of access histories ended: (createdAt, id). */
export type HistoryPosition = [string, string]

/** id, created_at, observed_at, access_count, recent_accesses: raw rows spare an object each. */
type HistoryRow = [string, string, string, number, string]

/**
 * One batch of active memories' access histories, by (createdAt, id) strictly after
 * `position`, reading only the three columns activation needs. Keyset paging on the
 * tenant's (or user's) created index, so each batch costs the same however deep.
 */
export function accessHistoryBatch(
  ctx: StoreContext,
  query: AccessHistoryQuery,
  position: HistoryPosition,
): { items: AccessHistory[]; next: HistoryPosition | null } {
  const batchSize = query.batchSize ?? 2000
  checkLimit(batchSize)
  const scope = query.userId === undefined ? [query.tenantId] : [query.tenantId, query.userId]
  const rows = ctx
    .sql(
      `SELECT id, created_at, observed_at, access_count, recent_accesses FROM memories
       WHERE tenant_id = ? ${scope.length > 1 ? 'AND user_id = ?' : ''} AND (created_at, id) > (?, ?)
         AND status = 'active'
       ORDER BY created_at, id LIMIT ?`,
    )
    .raw(true)
    .all(...scope, ...position, batchSize) as HistoryRow[]
  const items = rows.map(([, , encodedAt, accessCount, recent]) => ({
    encodedAt,
    accessCount,
    recentAccesses: recent === '[]' ? [] : (JSON.parse(recent) as string[]),
  }))
  const last = rows.at(-1)
  return { items, next: last === undefined || rows.length < batchSize ? null : [last[1], last[0]] }
}

/**
 * `times` (newest first) with `at` in its place, cut to the newest `RECENT_ACCESSES`.
 * Ordered by instant, not text, so that `...:00Z` and `...:00.000Z` compare as equal;
 * an access older than a full list's oldest is counted but not kept.
 */
export function withAccess(times: readonly string[], at: string): string[] {
  const instant = Date.parse(at)
  const index = times.findIndex((time) => Date.parse(time) < instant)
  const next = index === -1 ? [...times, at] : [...times.slice(0, index), at, ...times.slice(index)]
  return next.slice(0, RECENT_ACCESSES)
}
