import { MemoryError } from '../../errors.js'
import type { HistoryEvent, MemoryRecord, MemoryStatus, Page } from '../../types.js'
import { decodeCursor, encodeCursor } from '../list-cursor.js'
import type { ListQuery, StoreStats } from '../store.js'
import type { StoreContext } from './context.js'
import { allOf, filterCondition, statusCondition } from './filters.js'
import { type EventRow, type RecordRow, recordColumns, toEvent, toRecord } from './row-mapping.js'

const RECORD_COLUMNS = recordColumns('m')

/** The records with these ids in the tenant; ids travel as one JSON parameter. */
export function getMemories(ctx: StoreContext, tenantId: string, ids: readonly string[]): MemoryRecord[] {
  if (ids.length === 0) return []
  const rows = ctx
    .sql(
      `SELECT ${RECORD_COLUMNS} FROM memories m
       WHERE m.tenant_id = ? AND m.id IN (SELECT value FROM json_each(?))`,
    )
    .all(tenantId, JSON.stringify(ids)) as RecordRow[]
  return rows.map(toRecord)
}

/** One page, newest first, resuming strictly after the cursor's (createdAt, id). */
export function listMemories(ctx: StoreContext, query: ListQuery): Page<MemoryRecord> {
  checkLimit(query.limit)
  const after = query.cursor ? decodeCursor(query.cursor) : null
  const where = allOf(
    { sql: 'm.tenant_id = ? AND m.user_id = ?', params: [query.tenantId, query.userId] },
    statusCondition(query.statuses),
    filterCondition(query.filter),
    after === null ? { sql: '', params: [] } : { sql: ' AND (m.created_at, m.id) < (?, ?)', params: after },
  )
  const rows = ctx
    .sql(
      `SELECT ${RECORD_COLUMNS} FROM memories m WHERE ${where.sql}
       ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    )
    .all(...where.params, query.limit + 1) as RecordRow[]
  const items = rows.slice(0, query.limit).map(toRecord)
  const last = items.at(-1)
  const more = rows.length > query.limit && last !== undefined
  return { items, nextCursor: more ? encodeCursor(last.createdAt, last.id) : null }
}

/** A memory's events, oldest first (append order breaks ties of `at`). */
export function readHistory(ctx: StoreContext, tenantId: string, memoryId: string): HistoryEvent[] {
  const rows = ctx
    .sql('SELECT * FROM memory_events WHERE tenant_id = ? AND memory_id = ? ORDER BY at, seq')
    .all(tenantId, memoryId) as EventRow[]
  return rows.map(toEvent)
}

/** Counts for one tenant; `sizeBytes` is the whole file's size. */
export function readStats(ctx: StoreContext, tenantId: string, userId?: string): StoreStats {
  const where = userId === undefined ? 'tenant_id = ?' : 'tenant_id = ? AND user_id = ?'
  const params = userId === undefined ? [tenantId] : [tenantId, userId]
  const groups = ctx
    .sql(`SELECT status, type, count(*) AS n FROM memories WHERE ${where} GROUP BY status, type`)
    .all(...params) as { status: MemoryStatus; type: string; n: number }[]
  const users = ctx
    .sql(`SELECT count(DISTINCT user_id) AS n FROM memories WHERE ${where}`)
    .get(...params) as {
    n: number
  }
  const byStatus: Record<MemoryStatus, number> = { active: 0, superseded: 0, archived: 0 }
  const byType: Record<string, number> = {}
  let memories = 0
  for (const group of groups) {
    memories += group.n
    byStatus[group.status] = (byStatus[group.status] ?? 0) + group.n
    byType[group.type] = (byType[group.type] ?? 0) + group.n
  }
  const confidence: StoreStats['confidence'] = [0, 0, 0, 0, 0]
  const buckets = ctx
    .sql(
      `SELECT min(4, CAST(confidence / 2 AS INTEGER)) AS bucket, count(*) AS n, sum(corroborations > 0) AS c
       FROM memories WHERE ${where} AND status = 'active' GROUP BY bucket`,
    )
    .all(...params) as { bucket: number; n: number; c: number }[]
  let corroborated = 0
  for (const b of buckets) {
    confidence[b.bucket] = b.n
    corroborated += b.c
  }
  let sizeBytes: number | null = null
  if (ctx.fileBacked) {
    const pages = ctx
      .sql('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()')
      .get() as {
      n: number
    }
    sizeBytes = pages.n
  }
  return { memories, users: users.n, byStatus, byType, confidence, corroborated, sizeBytes }
}

/** `INVALID_INPUT` unless `limit` is a positive integer. */
export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new MemoryError('INVALID_INPUT', `limit must be a positive integer, got ${limit}`)
  }
}
