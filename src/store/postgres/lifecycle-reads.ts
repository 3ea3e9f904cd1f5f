import type { HistoryEvent, JsonObject, MemoryStatus } from '../../types.js'
import { summariseUsers } from '../list-cursor.js'
import type { UserSummary } from '../store.js'
import type { PgContext } from './context.js'
import { type EventRow, toEvent } from './row-mapping.js'

/** One history event by id, with the user it belongs to. */
export async function readEvent(
  ctx: PgContext,
  tenantId: string,
  eventId: string,
): Promise<{ userId: string; event: HistoryEvent } | null> {
  const [row] = await ctx.query<EventRow & { user_id: string }>(
    'SELECT * FROM memory_events WHERE tenant_id = $1 AND event_id = $2 ORDER BY seq LIMIT 1',
    [tenantId, eventId],
  )
  return row ? { userId: row.user_id, event: toEvent(row) } : null
}

/** Stores the last lifecycle report of a user ('' for the tenant). */
export async function saveRun(
  ctx: PgContext,
  tenantId: string,
  userId: string | null,
  report: JsonObject,
): Promise<void> {
  await ctx.query(
    `INSERT INTO lifecycle_runs (tenant_id, user_id, at, report) VALUES ($1, $2, $3, $4::json)
     ON CONFLICT (tenant_id, user_id) DO UPDATE SET at = excluded.at, report = excluded.report`,
    [tenantId, userId ?? '', new Date().toISOString(), JSON.stringify(report)],
  )
}

/** The last report saved for the user (or the tenant), or null. */
export async function lastRun(
  ctx: PgContext,
  tenantId: string,
  userId: string | null,
): Promise<JsonObject | null> {
  const [row] = await ctx.query<{ report: JsonObject }>(
    'SELECT report FROM lifecycle_runs WHERE tenant_id = $1 AND user_id = $2',
    [tenantId, userId ?? ''],
  )
  return row?.report ?? null
}

/** The tenant's users in id order, with counts by status. */
export async function readUsers(
  ctx: PgContext,
  tenantId: string,
  options: { limit: number; after?: string | undefined },
): Promise<UserSummary[]> {
  const rows = await ctx.query<{ user_id: string; status: MemoryStatus | null; n: number }>(
    `SELECT s.user_id, m.status, count(m.id)::int AS n
     FROM (SELECT user_id FROM scopes WHERE tenant_id = $1 AND user_id > $2 ORDER BY user_id LIMIT $3) s
     LEFT JOIN memories m ON m.tenant_id = $1 AND m.user_id = s.user_id
     GROUP BY s.user_id, m.status ORDER BY s.user_id`,
    [tenantId, options.after ?? '', options.limit],
  )
  return summariseUsers(rows)
}
