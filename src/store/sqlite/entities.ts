import type { EntityInfo, EntityKind, Scope } from '../../types.js'
import type { EntityCandidate, EntityQuery } from '../store.js'
import type { StoreContext } from './context.js'
import { checkLimit } from './reads.js'
import { findScope } from './scopes.js'
import { candidateCondition } from './search.js'

interface EntityRow {
  key: string
  name: string
  kind: EntityKind
}

/**
 * Memories of the scope linked to any of `keys`, most shared keys first, then newest
 * (by `createdAt`, then `id`, as `list` orders). Each candidate's keys follow the
 * query's order. The link table's primary key (entity, memory) makes this a range read
 * per key, whatever the size of the scope.
 */
export function byEntities(ctx: StoreContext, query: EntityQuery): EntityCandidate[] {
  checkLimit(query.limit)
  if (query.keys.length === 0) return []
  const scopeId = findScope(ctx, query.tenantId, query.userId)
  if (scopeId === null) return []
  const where = candidateCondition(query)
  // Materialized so the links are grouped before any memory row is read, and CROSS JOIN
  // so that SQLite reads only the hits' rows by rowid: left to choose, it walks every
  // memory of the user through (tenant, user, created_at) and probes the hits.
  const rows = ctx
    .sql(
      `WITH hits AS MATERIALIZED (
         SELECT l.rid, count(*) AS shared, json_group_array(e.key) AS keys
         FROM entities e JOIN memory_entities l ON l.entity_id = e.entity_id
         WHERE e.scope_id = ? AND e.key IN (SELECT value FROM json_each(?))
         GROUP BY l.rid
       )
       SELECT m.id, hits.keys FROM hits CROSS JOIN memories m ON m.rid = hits.rid
       WHERE ${where.sql}
       ORDER BY hits.shared DESC, m.created_at DESC, m.id DESC LIMIT ?`,
    )
    .all(scopeId, JSON.stringify(query.keys), ...where.params, query.limit) as { id: string; keys: string }[]
  const byQuery = inQueryOrder(query.keys)
  return rows.map((row) => ({ id: row.id, keys: byQuery(JSON.parse(row.keys) as string[]) }))
}

/** The scope's entities with these keys, in the keys' order, with their fan. */
export function readEntities(ctx: StoreContext, scope: Scope, keys: readonly string[]): EntityInfo[] {
  if (keys.length === 0) return []
  const scopeId = findScope(ctx, scope.tenantId, scope.userId)
  if (scopeId === null) return []
  const rows = ctx
    .sql(
      `SELECT e.key, e.name, e.kind, e.fan
       FROM entities e WHERE e.scope_id = ? AND e.key IN (SELECT value FROM json_each(?))`,
    )
    .all(scopeId, JSON.stringify(keys)) as (EntityRow & { fan: number })[]
  const order = firstIndex(keys)
  return rows
    .sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0))
    .map(({ key, name, kind, fan }) => ({ key, name, kind, fan }))
}

/**
 * The entities each found memory mentions, in the order its write listed them, with
 * their fan. Name and kind are the entity's current ones (the latest mention in the scope).
 */
export function entitiesOf(
  ctx: StoreContext,
  tenantId: string,
  ids: readonly string[],
): Map<string, EntityInfo[]> {
  const result = new Map<string, EntityInfo[]>()
  if (ids.length === 0) return result
  const rows = ctx
    .sql(
      `SELECT m.id, e.key, e.name, e.kind, e.fan FROM memories m
       LEFT JOIN memory_entities l ON l.rid = m.rid
       LEFT JOIN entities e ON e.entity_id = l.entity_id
       WHERE m.tenant_id = ? AND m.id IN (SELECT value FROM json_each(?))
       ORDER BY m.id, l.position`,
    )
    .all(tenantId, JSON.stringify(ids)) as ({ id: string } & (
    | (EntityRow & { fan: number })
    | { [K in keyof EntityRow | 'fan']: null }
  ))[]
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

function inQueryOrder(keys: readonly string[]): (found: string[]) => string[] {
  const order = firstIndex(keys)
  return (found) => found.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
}
