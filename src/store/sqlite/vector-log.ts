import type { Hnsw } from '../hnsw.js'
import type { StoreContext } from './context.js'

/** Where the vector change log stands. */
export interface LogPosition {
  /** The vector table's generation (see migration 5). */
  generation: string
  /** The last change logged (0 before any). */
  last: number
  /** The oldest change still kept; later ones are all there. */
  oldest: number
}

/** An index of one scope and how far into the change log it reflects the store. */
export interface IndexState {
  hnsw: Hnsw
  generation: string
  applied: number
  /** A vector the index held was deleted since it was built: its saved files must go. */
  purged: boolean
  /** The `applied` of the file last saved or loaded; -1 when there is none. */
  saved: number
}

/** Reads the log's position. Call inside a transaction when later reads must agree with it. */
export function logPosition(ctx: StoreContext): LogPosition {
  const generation =
    (ctx.sql('SELECT generation FROM vector_space WHERE slot = 1').pluck().get() as string | undefined) ?? ''
  const last =
    (ctx.sql("SELECT seq FROM sqlite_sequence WHERE name = 'vector_changes'").pluck().get() as
      | number
      | undefined) ?? 0
  const oldest = (ctx.sql('SELECT min(seq) FROM vector_changes').pluck().get() as number | null) ?? last + 1
  return { generation, last, oldest }
}

/** The vector stored for row `rid` and the scope it is in, or undefined. */
export function storedVector(
  ctx: StoreContext,
  rid: number,
): { scope_id: number; embedding: Buffer } | undefined {
  return ctx.sql('SELECT scope_id, embedding FROM memory_vectors WHERE rowid = ?').get(BigInt(rid)) as
    | { scope_id: number; embedding: Buffer }
    | undefined
}

/**
 * Applies the changes logged for the scope since the index was last brought up to date:
 * each changed row is read as it is now (so replaying a change twice, or a row id reused
 * by a later memory, leaves the right vector). Returns false when the index cannot catch
 * up: another generation, changes pruned before it read them, or more changes than
 * `maxChanges` (a rebuild is then cheaper).
 */
export function catchUp(ctx: StoreContext, scopeId: number, index: IndexState, maxChanges: number): boolean {
  return ctx.db.transaction(() => {
    const log = logPosition(ctx)
    if (log.generation !== index.generation) return false
    if (index.applied >= log.last) return true
    if (log.oldest > index.applied + 1) return false
    const rids = ctx
      .sql('SELECT DISTINCT rid FROM vector_changes WHERE scope_id = ? AND seq > ? AND seq <= ?')
      .pluck()
      .all(scopeId, index.applied, log.last) as number[]
    if (rids.length > maxChanges) return false
    const dimensions = index.hnsw.dimensions()
    for (const rid of rids) {
      const key = BigInt(rid)
      const had = index.hnsw.has(key)
      if (had) index.hnsw.remove(key)
      const row = storedVector(ctx, rid)
      if (row !== undefined && row.scope_id === scopeId)
        index.hnsw.add(BigUint64Array.of(key), floats(row.embedding, dimensions))
      else if (had) index.purged = true
    }
    index.applied = log.last
    return true
  })()
}

/** A stored vector blob as floats (copied: the driver's buffer may not be 4-byte aligned). */
export function floats(blob: Buffer, dimensions: number): Float32Array {
  const out = new Float32Array(dimensions)
  new Uint8Array(out.buffer).set(blob.subarray(0, dimensions * 4))
  return out
}
