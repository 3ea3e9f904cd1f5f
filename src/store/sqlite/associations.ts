import { MemoryError } from '../../errors.js'
import type { Scope } from '../../types.js'
import { ASSOCIATION_LIMIT, type Association } from '../store.js'
import type { StoreContext } from './context.js'

/**
 * Learned strengths between `keys` and the scope's memories `memoryIds`, ordered by
 * memory id, then key. Pairs never adjusted are absent; a pair adjusted back to 0 stays.
 */
export function readAssociations(
  ctx: StoreContext,
  scope: Scope,
  keys: readonly string[],
  memoryIds: readonly string[],
): Association[] {
  if (keys.length === 0 || memoryIds.length === 0) return []
  return ctx
    .sql(
      `SELECT a.key, m.id AS memoryId, a.weight
       FROM memories m JOIN associations a ON a.rid = m.rid
       WHERE m.tenant_id = ? AND m.user_id = ? AND m.id IN (SELECT value FROM json_each(?))
         AND a.key IN (SELECT value FROM json_each(?))
       ORDER BY m.id, a.key`,
    )
    .all(scope.tenantId, scope.userId, JSON.stringify(memoryIds), JSON.stringify(keys)) as Association[]
}

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
