import type { ScanQuery, StoredMemory } from '../store.js'
import type { StoreContext } from './context.js'
import { checkLimit, readHistory } from './reads.js'
import { blobVector, type MemoryRow, toRecord } from './row-mapping.js'
import { hasVectorTable } from './vector-space.js'

/** Where the previous batch ended: (createdAt, id, rid), so equal pairs across tenants stay distinct. */
export type ScanPosition = [string, string, number]

/** The scan's first position: before every row. */
export const SCAN_START: ScanPosition = ['', '', -1]

/**
 * One batch of a scan, oldest first, strictly after `position`. Keyset paging (not
 * OFFSET) keeps every memory exactly once even if others are written between batches.
 */
export function scanBatch(
  ctx: StoreContext,
  query: ScanQuery,
  position: ScanPosition,
): { items: StoredMemory[]; next: ScanPosition | null } {
  const batchSize = query.batchSize ?? 500
  checkLimit(batchSize)
  const conditions = ['(m.created_at, m.id, m.rid) > (?, ?, ?)']
  const params: unknown[] = [...position]
  if (query.tenantId !== undefined) {
    conditions.push('m.tenant_id = ?')
    params.push(query.tenantId)
  }
  if (query.userId !== undefined) {
    conditions.push('m.user_id = ?')
    params.push(query.userId)
  }
  const rows = ctx
    .sql(
      `SELECT * FROM memories m WHERE ${conditions.join(' AND ')} ORDER BY m.created_at, m.id, m.rid LIMIT ?`,
    )
    .all(...params, batchSize) as MemoryRow[]
  const withVectors = hasVectorTable(ctx)
  const items = rows.map((row) => ({
    record: toRecord(row),
    vector: withVectors && row.has_vector === 1 ? readVector(ctx, row.rid) : null,
    events: readHistory(ctx, row.tenant_id, row.id),
    associations: ctx
      .sql('SELECT key, weight FROM associations WHERE rid = ? ORDER BY key')
      .all(row.rid) as StoredMemory['associations'],
  }))
  const last = rows.at(-1)
  const next: ScanPosition | null =
    last === undefined || rows.length < batchSize ? null : [last.created_at, last.id, last.rid]
  return { items, next }
}

function readVector(ctx: StoreContext, rid: number): Float32Array | null {
  const row = ctx.sql('SELECT embedding FROM memory_vectors WHERE rowid = ?').get(BigInt(rid)) as
    | { embedding: Buffer }
    | undefined
  return row === undefined ? null : blobVector(row.embedding)
}
