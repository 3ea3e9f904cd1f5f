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
    // FOR UPDATE: the memory cannot be removed before the strengths are written, and
    // feedbacks on it queue to rewrite its copy of them one after another.
    const { rows } = await client.query(
      'SELECT 1 FROM memories WHERE tenant_id = $1 AND user_id = $2 AND id = $3 FOR UPDATE',
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
    // Ranking reads the memory's strengths from its row (migration 5).
    await client.query(
      `UPDATE memories m SET learned = coalesce((
         SELECT json_agg(json_build_object('key', a.key, 'weight', a.weight) ORDER BY a.key)
         FROM associations a WHERE a.tenant_id = $1 AND a.memory_id = $2), '[]'::json)
       WHERE m.tenant_id = $1 AND m.id = $2`,
      [scope.tenantId, memoryId],
    )
  })
}
