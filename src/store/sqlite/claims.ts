import { MemoryError } from '../../errors.js'
import type { ClaimQuery, StoredClaim } from '../store.js'
import type { StoreContext } from './context.js'
import { findScope } from './scopes.js'
import { candidateCondition } from './search.js'

/** `INVALID_INPUT` unless every claim has the stored shape. */
export function checkClaims(claims: readonly StoredClaim[], what: string): void {
  for (const c of claims)
    if (
      typeof c.key !== 'string' ||
      typeof c.value !== 'string' ||
      (c.polarity !== 1 && c.polarity !== -1) ||
      typeof c.exclusive !== 'boolean'
    )
      throw new MemoryError('INVALID_INPUT', `${what}: malformed claim ${JSON.stringify(c)}`)
}

/** Replaces the claims of one memory row (none: removes them). */
export function replaceClaims(
  ctx: StoreContext,
  scopeId: number,
  rid: number,
  claims: readonly StoredClaim[],
): void {
  ctx.sql('DELETE FROM memory_claims WHERE rid = ?').run(rid)
  const insert = ctx.sql(
    `INSERT OR IGNORE INTO memory_claims (rid, scope_id, claim_key, value, polarity, exclusive)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  for (const c of claims) insert.run(rid, scopeId, c.key, c.value, c.polarity, c.exclusive ? 1 : 0)
}

/** Memories of the scope with a claim under any of the keys, newest first. */
export function byClaims(ctx: StoreContext, query: ClaimQuery): { id: string; claims: StoredClaim[] }[] {
  if (query.keys.length === 0) return []
  const scopeId = findScope(ctx, query.tenantId, query.userId)
  if (scopeId === null) return []
  const where = candidateCondition(query)
  const rows = ctx
    .sql(
      `SELECT m.id, c.claim_key AS key, c.value, c.polarity, c.exclusive
       FROM memory_claims c CROSS JOIN memories m ON m.rid = c.rid
       WHERE c.scope_id = ? AND c.claim_key IN (SELECT value FROM json_each(?)) AND ${where.sql}
       ORDER BY m.observed_at DESC, m.id DESC LIMIT ?`,
    )
    .all(scopeId, JSON.stringify(query.keys), ...where.params, query.limit) as {
    id: string
    key: string
    value: string
    polarity: 1 | -1
    exclusive: number
  }[]
  const byId = new Map<string, StoredClaim[]>()
  for (const r of rows) {
    const list = byId.get(r.id) ?? []
    list.push({ key: r.key, value: r.value, polarity: r.polarity, exclusive: r.exclusive === 1 })
    byId.set(r.id, list)
  }
  return [...byId].map(([id, claims]) => ({ id, claims }))
}
