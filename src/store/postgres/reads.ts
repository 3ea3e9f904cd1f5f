import type { HistoryEvent, MemoryRecord, MemoryStatus, Page } from '../../types.js'
import { decodeCursor, encodeCursor } from '../list-cursor.js'
import { checkLimit } from '../sqlite/reads.js'
import type { ListQuery, StoreStats } from '../store.js'
import type { PgContext } from './context.js'
import { addFilter, addStatuses, Where } from './filters.js'
import { type EventRow, type MemoryRow, RECORD_COLUMNS, toEvent, toRecord } from './row-mapping.js'

/** The records with these ids in the tenant. */
export async function getMemories(
  ctx: PgContext,
  tenantId: string,
  ids: readonly string[],
): Promise<MemoryRecord[]> {
  if (ids.length === 0) return []
  const rows = await ctx.query<MemoryRow>(
    `SELECT ${RECORD_COLUMNS} FROM memories WHERE tenant_id = $1 AND id = ANY($2::text[])`,
    [tenantId, ids],
  )
  return rows.map(toRecord)
}

/** One page, newest first, resuming strictly after the cursor's (createdAt, id). */
export async function listMemories(ctx: PgContext, query: ListQuery): Promise<Page<MemoryRecord>> {
  checkLimit(query.limit)
  const after = query.cursor ? decodeCursor(query.cursor) : null
  const where = new Where()
  where.and(`m.tenant_id = ${where.param(query.tenantId)} AND m.user_id = ${where.param(query.userId)}`)
  addStatuses(where, query.statuses)
  addFilter(where, query.filter)
  if (after !== null) where.and(`(m.created_at, m.id) < (${where.param(after[0])}, ${where.param(after[1])})`)
  const rows = await ctx.query<MemoryRow>(
    `SELECT ${prefixed('m')} FROM memories m WHERE ${where.sql}
     ORDER BY m.created_at DESC, m.id DESC LIMIT ${where.param(query.limit + 1)}`,
    where.params,
  )
  const items = rows.slice(0, query.limit).map(toRecord)
  const last = items.at(-1)
  const more = rows.length > query.limit && last !== undefined
  return { items, nextCursor: more ? encodeCursor(last.createdAt, last.id) : null }
}

/** A memory's events, oldest first (append order breaks ties of `at`). */
export async function readHistory(
  ctx: PgContext,
  tenantId: string,
  memoryId: string,
): Promise<HistoryEvent[]> {
  const rows = await ctx.query<EventRow>(
    'SELECT * FROM memory_events WHERE tenant_id = $1 AND memory_id = $2 ORDER BY at, seq',
    [tenantId, memoryId],
  )
  return rows.map(toEvent)
}

/** Counts for one tenant (or one user); `sizeBytes` is the size of the store's tables. */
export async function readStats(ctx: PgContext, tenantId: string, userId?: string): Promise<StoreStats> {
  const where = userId === undefined ? 'tenant_id = $1' : 'tenant_id = $1 AND user_id = $2'
  const params = userId === undefined ? [tenantId] : [tenantId, userId]
  const groups = await ctx.query<{ status: MemoryStatus; type: string; n: number }>(
    `SELECT status, type, count(*)::int AS n FROM memories WHERE ${where} GROUP BY status, type`,
    params,
  )
  const [users] = await ctx.query<{ n: number }>(
    `SELECT count(DISTINCT user_id)::int AS n FROM memories WHERE ${where}`,
    params,
  )
  const byStatus: Record<MemoryStatus, number> = { active: 0, superseded: 0, archived: 0 }
  const byType: Record<string, number> = {}
  let memories = 0
  for (const group of groups) {
    memories += group.n
    byStatus[group.status] = (byStatus[group.status] ?? 0) + group.n
    byType[group.type] = (byType[group.type] ?? 0) + group.n
  }
  const confidence: StoreStats['confidence'] = [0, 0, 0, 0, 0]
  const buckets = await ctx.query<{ bucket: number; n: number; c: number }>(
    `SELECT least(4, floor(confidence / 2))::int AS bucket, count(*)::int AS n,
       count(*) FILTER (WHERE corroborations > 0)::int AS c
     FROM memories WHERE ${where} AND status = 'active' GROUP BY 1`,
    params,
  )
  let corroborated = 0
  for (const b of buckets) {
    confidence[b.bucket] = b.n
    corroborated += b.c
  }
  const [size] = await ctx.query<{ n: string | null }>(
    `SELECT sum(pg_total_relation_size(c.oid))::bigint AS n FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'`,
  )
  const sizeBytes = size?.n == null ? null : Number(size.n)
  return { memories, users: users?.n ?? 0, byStatus, byType, confidence, corroborated, sizeBytes }
}

/** The record columns qualified by `alias`. */
export function prefixed(alias: string): string {
  return RECORD_COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ')
}
