import { MemoryError } from '../../errors.js'
import type { Scope } from '../../types.js'
import { ASSOCIATION_LIMIT } from '../store.js'
import type { PgContext } from './context.js'

/**
 * Adds `delta` to the strength between each distinct key and the memory, clamped to
 * ±`ASSOCIATION_LIMIT` (a pair starts at 0). `NOT_FOUND` if the scope holds no such memory.
 */
export async function adjustAssociations(
  ctx: PgContext,
  scope: Scope,
  memoryId: string,
  keys: readonly string[],
  delta: number,
): Promise<void> {
  if (typeof delta !== 'number' || !Number.isFinite(delta)) {
    throw new MemoryError('INVALID_INPUT', `association delta must be a finite number, got ${String(delta)}`)
  }
  if (!keys.every((key) => typeof key === 'string' && key !== '')) {
    throw new MemoryError('INVALID_INPUT', 'association keys must be non-empty strings')
  }
  await ctx.tx(async (client) => {
    // FOR SHARE: the memory cannot be removed before the strengths are written.
    const { rows } = await client.query(
      'SELECT 1 FROM memories WHERE tenant_id = $1 AND user_id = $2 AND id = $3 FOR SHARE',
      [scope.tenantId, scope.userId, memoryId],
    )
    if (rows.length === 0) throw new MemoryError('NOT_FOUND', `memory ${memoryId} not found`)
    await client.query(
      `INSERT INTO associations (tenant_id, memory_id, key, user_id, weight)
       SELECT $1, $2, k, $3, greatest(-$5::float8, least($5::float8, $4::float8))
       FROM unnest($6::text[]) AS k ORDER BY k
       ON CONFLICT (tenant_id, memory_id, key)
       DO UPDATE SET weight = greatest(-$5::float8, least($5::float8, associations.weight + $4::float8))`,
      [scope.tenantId, memoryId, scope.userId, delta, ASSOCIATION_LIMIT, [...new Set(keys)]],
    )
  })
}
