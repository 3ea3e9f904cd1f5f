import type { EntityInfo, EntityKind, Scope } from '../../types.js'
import { checkLimit } from '../sqlite/reads.js'
import type { EntityCandidate, EntityQuery } from '../store.js'
import type { PgContext } from './context.js'
import { candidateWhere } from './filters.js'

/**
 * Memories of the scope linked to any of `keys`, most shared keys first, then newest
 * (by `createdAt`, then `id`). Each candidate's keys follow the query's order.
 */
export async function byEntities(ctx: PgContext, query: EntityQuery): Promise<EntityCandidate[]> {
  checkLimit(query.limit)
  if (query.keys.length === 0) return []
  const where = candidateWhere(query, [query.keys])
  const rows = await ctx.query<{ id: string; keys: string[] }>(
    `WITH hits AS (
       SELECT l.memory_id, count(*) AS shared, array_agg(l.key) AS keys FROM memory_entities l
       WHERE l.tenant_id = ${where.param(query.tenantId)} AND l.user_id = ${where.param(query.userId)}
         AND l.key = ANY($1::text[])
       GROUP BY l.memory_id
     )
     SELECT m.id, hits.keys FROM hits JOIN memories m ON m.tenant_id = $2 AND m.id = hits.memory_id
     WHERE ${where.sql}
     ORDER BY hits.shared DESC, m.created_at DESC, m.id DESC LIMIT ${where.param(query.limit)}`,
    where.params,
  )
  const order = firstIndex(query.keys)
  const rank = (key: string) => order.get(key) ?? 0
  return rows.map((row) => ({ id: row.id, keys: row.keys.sort((a, b) => rank(a) - rank(b)) }))
}

/** The scope's entities with these keys, in the keys' order, with their fan. */
export async function readEntities(
  ctx: PgContext,
  scope: Scope,
  keys: readonly string[],
): Promise<EntityInfo[]> {
  if (keys.length === 0) return []
  const rows = await ctx.query<EntityInfo>(
    `SELECT e.key, e.name, e.kind, e.fan
     FROM entities e WHERE e.tenant_id = $1 AND e.user_id = $2 AND e.key = ANY($3::text[])`,
    [scope.tenantId, scope.userId, keys],
  )
  const order = firstIndex(keys)
  return rows
    .sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0))
    .map(({ key, name, kind, fan }) => ({ key, name, kind, fan }))
}

/** The entities each found memory mentions, in the order its write listed them, with their fan. */
export async function entitiesOf(
  ctx: PgContext,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, EntityInfo[]>> {
  const result = new Map<string, EntityInfo[]>()
  if (ids.length === 0) return result
  const rows = await ctx.query<{
    id: string
    key: string | null
    name: string
    kind: EntityKind
    fan: number
  }>(
    `SELECT m.id, e.key, e.name, e.kind, e.fan FROM memories m
     LEFT JOIN memory_entities l ON l.tenant_id = m.tenant_id AND l.memory_id = m.id
     LEFT JOIN entities e ON e.tenant_id = l.tenant_id AND e.user_id = l.user_id AND e.key = l.key
     WHERE m.tenant_id = $1 AND m.id = ANY($2::text[])
     ORDER BY m.id, l.position`,
    [tenantId, ids],
  )
  for (const row of rows) {
    let mentions = result.get(row.id)
    if (mentions === undefined) {
      mentions = []
      result.set(row.id, mentions)
    }
    if (row.key !== null) mentions.push({ key: row.key, name: row.name, kind: row.kind, fan: row.fan })
  }
  return result
}

function firstIndex(keys: readonly string[]): Map<string, number> {
  const order = new Map<string, number>()
  for (const [i, key] of keys.entries()) if (!order.has(key)) order.set(key, i)
  return order
}
