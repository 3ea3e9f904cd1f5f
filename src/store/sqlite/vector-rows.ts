import type { StoreContext } from './context.js'
import { vectorBlob } from './row-mapping.js'
import { hasVectorTable } from './vector-space.js'

/** How many recent vector changes the log keeps; an index further behind is rebuilt. */
export const CHANGES_KEPT = 200_000
// Pruning runs when a change's sequence number is a multiple of this.
const PRUNE_EVERY = 4096

/**
 * Stores the vector of a memory row that has none yet, counts it in its scope and logs
 * the change; the caller sets the row's `has_vector` (a new row is written with it, which
 * saves rewriting the row). Call inside a write transaction.
 */
export function addVector(ctx: StoreContext, rid: number, scopeId: number, vector: Float32Array): void {
  // vec0 wants true integers; better-sqlite3 binds plain numbers as floats.
  ctx
    .sql('INSERT INTO memory_vectors (rowid, scope_id, embedding) VALUES (?, ?, ?)')
    .run(BigInt(rid), BigInt(scopeId), vectorBlob(vector))
  ctx.sql('UPDATE scopes SET vectors = vectors + 1 WHERE scope_id = ?').run(scopeId)
  logChange(ctx, scopeId, rid)
}

/** Writes or overwrites the vector of memory `rid`, which may move from scope `from` to `to`. */
export function replaceVector(
  ctx: StoreContext,
  rid: number,
  from: number,
  to: number,
  vector: Float32Array,
): void {
  deleteVector(ctx, rid, from)
  addVector(ctx, rid, to, vector)
  ctx.sql('UPDATE memories SET has_vector = 1 WHERE rid = ?').run(rid)
}

/** Deletes the vector of memory `rid` in scope `scopeId`, if there is one. */
export function deleteVector(ctx: StoreContext, rid: number, scopeId: number): void {
  if (!hasVectorTable(ctx)) return
  const { changes } = ctx.sql('DELETE FROM memory_vectors WHERE rowid = ?').run(BigInt(rid))
  if (changes === 0) return
  ctx.sql('UPDATE memories SET has_vector = 0 WHERE rid = ?').run(rid)
  ctx.sql('UPDATE scopes SET vectors = vectors - 1 WHERE scope_id = ?').run(scopeId)
  logChange(ctx, scopeId, rid)
}

function logChange(ctx: StoreContext, scopeId: number, rid: number): void {
  const seq = Number(
    ctx.sql('INSERT INTO vector_changes (scope_id, rid) VALUES (?, ?)').run(scopeId, rid).lastInsertRowid,
  )
  if (seq % PRUNE_EVERY === 0) ctx.sql('DELETE FROM vector_changes WHERE seq <= ?').run(seq - CHANGES_KEPT)
}
