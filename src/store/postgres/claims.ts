import type { ClaimQuery, StoredClaim } from '../store.js'
import type { PgContext, Queryable } from './context.js'
import type { MemoryKey } from './entity-links.js'
import { candidateWhere } from './filters.js'

/** Replaces the claims of one memory (none: removes them). */
export async function replaceClaims(
  client: Queryable,
  memory: MemoryKey,
  claims: readonly StoredClaim[],
): Promise<void> {
  await client.query('DELETE FROM memory_claims WHERE tenant_id = $1 AND memory_id = $2', [
    memory.tenantId,
    memory.id,
  ])
  if (claims.length === 0) return
  await client.query(
    `INSERT INTO memory_claims (tenant_id, memory_id, user_id, claim_key, value, polarity, exclusive)
     SELECT $1, $2, $3, x.key, x.value, x.polarity, x.exclusive
     FROM json_to_recordset($4::json) AS x(key text, value text, polarity smallint, exclusive boolean)
     ON CONFLICT DO NOTHING`,
    [
      memory.tenantId,
      memory.id,
      memory.userId,
      JSON.stringify(claims.map((c) => ({ ...c, key: encode(c.key), value: encode(c.value) }))),
    ],
  )
}

/** Stores the claims of memories that are new (no claims yet), in one statement. */
export async function insertClaims(
  client: Queryable,
  memories: readonly { memory: MemoryKey; claims: readonly StoredClaim[] }[],
): Promise<void> {
  const rows = memories.flatMap(({ memory, claims }) =>
    claims.map((c) => ({
      tenant_id: memory.tenantId,
      memory_id: memory.id,
      user_id: memory.userId,
      key: encode(c.key),
      value: encode(c.value),
      polarity: c.polarity,
      exclusive: c.exclusive,
    })),
  )
  if (rows.length === 0) return
  await client.query(
    `INSERT INTO memory_claims (tenant_id, memory_id, user_id, claim_key, value, polarity, exclusive)
     SELECT x.tenant_id, x.memory_id, x.user_id, x.key, x.value, x.polarity, x.exclusive
     FROM json_to_recordset($1::json)
       AS x(tenant_id text, memory_id text, user_id text, key text, value text, polarity smallint, exclusive boolean)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  )
}

/** Memories of the scope with a claim under any of the keys, newest first. */
export async function byClaims(
  ctx: PgContext,
  query: ClaimQuery,
): Promise<{ id: string; claims: StoredClaim[] }[]> {
  if (query.keys.length === 0) return []
  const where = candidateWhere(query, [query.keys.map(encode)])
  const rows = await ctx.query<{
    id: string
    key: string
    value: string
    polarity: 1 | -1
    exclusive: boolean
  }>(
    `SELECT m.id, c.claim_key AS key, c.value, c.polarity, c.exclusive
     FROM memory_claims c JOIN memories m ON m.tenant_id = c.tenant_id AND m.id = c.memory_id
     WHERE c.tenant_id = m.tenant_id AND c.user_id = m.user_id AND c.claim_key = ANY($1::text[])
       AND ${where.sql}
     ORDER BY m.observed_at DESC, m.id DESC LIMIT ${where.param(query.limit)}`,
    where.params,
  )
  const byId = new Map<string, StoredClaim[]>()
  for (const r of rows) {
    const list = byId.get(r.id) ?? []
    list.push({ key: decode(r.key), value: decode(r.value), polarity: r.polarity, exclusive: r.exclusive })
    byId.set(r.id, list)
  }
  return [...byId].map(([id, claims]) => ({ id, claims }))
}

// Claim keys join subject and attribute with NUL, which Postgres text cannot hold: keys
// and values are stored as their JSON string literals, which keep equality and order of
// the lookups (exact matches only) and decode exactly.
function encode(text: string): string {
  return JSON.stringify(text)
}

function decode(stored: string): string {
  return JSON.parse(stored) as string
}
