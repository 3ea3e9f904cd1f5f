import type { HistoryEvent, JsonObject, MemoryStatus } from '../../types.js'
import { summariseUsers } from '../list-cursor.js'
import type { UserSummary } from '../store.js'
import type { StoreContext } from './context.js'
import { type EventRow, toEvent } from './row-mapping.js'

/** One history event by id, with the user it belongs to. */
export function readEvent(
  ctx: StoreContext,
  tenantId: string,
  eventId: string,
): { userId: string; event: HistoryEvent } | null {
  const row = ctx
    .sql('SELECT * FROM memory_events WHERE tenant_id = ? AND event_id = ?')
    .get(tenantId, eventId) as (EventRow & { user_id: string }) | undefined
  return row ? { userId: row.user_id, event: toEvent(row) } : null
}

/** Stores the last lifecycle report of a user ('' for the tenant). */
export function saveRun(
  ctx: StoreContext,
  tenantId: string,
  userId: string | null,
  report: JsonObject,
): void {
  ctx
    .sql(
      `INSERT INTO lifecycle_runs (tenant_id, user_id, at, report) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET at = excluded.at, report = excluded.report`,
    )
    .run(tenantId, userId ?? '', new Date().toISOString(), JSON.stringify(report))
}

export function lastRun(ctx: StoreContext, tenantId: string, userId: string | null): JsonObject | null {
  const row = ctx
    .sql('SELECT report FROM lifecycle_runs WHERE tenant_id = ? AND user_id = ?')
    .get(tenantId, userId ?? '') as { report: string } | undefined
  return row ? (JSON.parse(row.report) as JsonObject) : null
}

/** The tenant's users in id order, with counts by status. */
export function readUsers(
  ctx: StoreContext,
  tenantId: string,
  options: { limit: number; after?: string | undefined },
): UserSummary[] {
  const rows = ctx
    .sql(
      `SELECT s.user_id, m.status, count(m.rid) AS n
       FROM (SELECT user_id FROM scopes WHERE tenant_id = ? AND user_id > ? ORDER BY user_id LIMIT ?) s
       LEFT JOIN memories m ON m.tenant_id = ? AND m.user_id = s.user_id
       GROUP BY s.user_id, m.status ORDER BY s.user_id`,
    )
    .all(tenantId, options.after ?? '', options.limit, tenantId) as {
    user_id: string
    status: MemoryStatus | null
    n: number
  }[]
  return summariseUsers(rows)
}
