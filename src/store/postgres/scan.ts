import { checkLimit } from '../sqlite/reads.js'
import type { ScanQuery, StoredMemory } from '../store.js'
import type { PgContext } from './context.js'
import { Where } from './filters.js'
import { prefixed } from './reads.js'
import { type EventRow, type MemoryRow, parseVector, toEvent, toRecord } from './row-mapping.js'

/** Where the previous batch ended: (createdAt, id, tenantId), unique across tenants. */
export type ScanPosition = [string, string, string]

/** The scan's first position: before every row. */
export const SCAN_START: ScanPosition = ['', '', '']

/**
 * One batch of a scan, oldest first, strictly after `position`. Keyset paging (not
 * OFFSET) yields every memory exactly once even if others are written between batches.
 */
export async function scanBatch(
  ctx: PgContext,
  query: ScanQuery,
  position: ScanPosition,
): Promise<{ items: StoredMemory[]; next: ScanPosition | null }> {
  const batchSize = query.batchSize ?? 500
  checkLimit(batchSize)
  const where = new Where()
  where.and(
    `(m.created_at, m.id, m.tenant_id) > (${position.map((p) => `${where.param(p)}::text`).join(', ')})`,
  )
  if (query.tenantId !== undefined) where.and(`m.tenant_id = ${where.param(query.tenantId)}`)
  if (query.userId !== undefined) where.and(`m.user_id = ${where.param(query.userId)}`)
  const [hasVectors] = await ctx.query<{ present: boolean }>(
    "SELECT to_regclass('memory_vectors') IS NOT NULL AS present",
  )
  const vectorJoin = hasVectors?.present
    ? 'LEFT JOIN memory_vectors v ON v.tenant_id = m.tenant_id AND v.memory_id = m.id'
    : ''
  const rows = await ctx.query<MemoryRow & { embedding: string | null }>(
    `SELECT ${prefixed('m')}, ${vectorJoin ? 'v.embedding::text' : 'NULL'} AS embedding
     FROM memories m ${vectorJoin} WHERE ${where.sql}
     ORDER BY m.created_at, m.id, m.tenant_id LIMIT ${where.param(batchSize)}`,
    where.params,
  )
  const events = await ctx.query<EventRow & { tenant_id: string }>(
    `SELECT e.* FROM memory_events e JOIN json_to_recordset($1::json) AS x(tenant_id text, id text)
       ON e.tenant_id = x.tenant_id AND e.memory_id = x.id
     ORDER BY e.at, e.seq`,
    [JSON.stringify(rows.map((row) => ({ tenant_id: row.tenant_id, id: row.id })))],
  )
  const byMemory = new Map<string, EventRow[]>()
  for (const event of events) {
    const key = JSON.stringify([event.tenant_id, event.memory_id])
    const list = byMemory.get(key)
    if (list === undefined) byMemory.set(key, [event])
    else list.push(event)
  }
  const learned = await ctx.query<{ tenant_id: string; memory_id: string; key: string; weight: number }>(
    `SELECT a.tenant_id, a.memory_id, a.key, a.weight FROM associations a
       JOIN json_to_recordset($1::json) AS x(tenant_id text, id text)
       ON a.tenant_id = x.tenant_id AND a.memory_id = x.id
     ORDER BY a.key`,
    [JSON.stringify(rows.map((row) => ({ tenant_id: row.tenant_id, id: row.id })))],
  )
  const strengths = new Map<string, StoredMemory['associations']>()
  for (const { tenant_id, memory_id, key, weight } of learned) {
    const id = JSON.stringify([tenant_id, memory_id])
    strengths.set(id, [...(strengths.get(id) ?? []), { key, weight }])
  }
  const items = rows.map((row) => ({
    record: toRecord(row),
    vector: row.embedding === null ? null : parseVector(row.embedding),
    events: (byMemory.get(JSON.stringify([row.tenant_id, row.id])) ?? []).map(toEvent),
    associations: strengths.get(JSON.stringify([row.tenant_id, row.id])) ?? [],
  }))
  const last = rows.at(-1)
  const next: ScanPosition | null =
    last === undefined || rows.length < batchSize ? null : [last.created_at, last.id, last.tenant_id]
  return { items, next }
}
