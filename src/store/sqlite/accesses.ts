import { MemoryError } from '../../errors.js'
import { RECENT_ACCESSES } from '../store.js'
import type { StoreContext } from './context.js'

/**
 * Counts one retrieval per distinct id at `at`: `accessCount` += 1, `lastAccessedAt` =
 * `at`, and `at` joins the memory's recent times, of which the newest `RECENT_ACCESSES`
 * are kept. Neither `version` nor `updatedAt` changes; unknown ids are skipped.
 */
export function recordAccess(ctx: StoreContext, tenantId: string, ids: readonly string[], at: string): void {
  const instant = typeof at === 'string' ? Date.parse(at) : Number.NaN
  if (Number.isNaN(instant)) {
    throw new MemoryError('INVALID_INPUT', `access time must be an ISO 8601 instant, got ${String(at)}`)
  }
  if (ids.length === 0) return
  const write = ctx.sql(
    `UPDATE memories SET access_count = access_count + 1, last_accessed_at = ?, recent_accesses = ?
     WHERE rid = ?`,
  )
  ctx.db
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
