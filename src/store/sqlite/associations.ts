import { MemoryError } from '../../errors.js'
import type { Scope } from '../../types.js'
import { ASSOCIATION_LIMIT } from '../store.js'
import type { StoreContext } from './context.js'

/**
 * Adds `delta` to the strength between each distinct key and the memory, clamped to
 * ±`ASSOCIATION_LIMIT` (a pair starts at 0). Keys need not be entities of the scope.
 * `NOT_FOUND` if the scope holds no such memory: strengths live and die with a memory.
 */
export function adjustAssociations(
  ctx: StoreContext,
  scope: Scope,
  memoryId: string,
  keys: readonly string[],
  delta: number,
): void {
  if (typeof delta !== 'number' || !Number.isFinite(delta)) {
    throw new MemoryError('INVALID_INPUT', `association delta must be a finite number, got ${String(delta)}`)
  }
  if (!keys.every((key) => typeof key === 'string' && key !== '')) {
    throw new MemoryError('INVALID_INPUT', 'association keys must be non-empty strings')
  }
  const upsert = ctx.sql(
    `INSERT INTO associations (rid, key, weight) VALUES (@rid, @key, max(-@limit, min(@limit, @delta)))
     ON CONFLICT (rid, key) DO UPDATE SET weight = max(-@limit, min(@limit, weight + @delta))`,
  )
  ctx.db
    .transaction(() => {
      const row = ctx
        .sql('SELECT rid FROM memories WHERE tenant_id = ? AND user_id = ? AND id = ?')
        .get(scope.tenantId, scope.userId, memoryId) as { rid: number } | undefined
      if (row === undefined) throw new MemoryError('NOT_FOUND', `memory ${memoryId} not found`)
      for (const key of new Set(keys)) upsert.run({ rid: row.rid, key, delta, limit: ASSOCIATION_LIMIT })
    })
    .immediate()
}

/** Deletes a memory's associations (before its row goes). */
export function deleteAssociations(ctx: StoreContext, rid: number): void {
  ctx.sql('DELETE FROM associations WHERE rid = ?').run(rid)
}
