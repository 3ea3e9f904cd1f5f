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

/** Replaces the claims of one memory row, observed at `observedAt` (none: removes them). */
export function replaceClaims(
  ctx: StoreContext,
  scopeId: number,
  rid: number,
  claims: readonly StoredClaim[],
  observedAt = '',
): void {
  ctx.sql('DELETE FROM memory_claims WHERE rid = ?').run(rid)
  insertClaims(ctx, scopeId, rid, claims, observedAt)
}

/** Adds the claims of a memory row that has none yet (a new one). */
export function insertClaims(
  ctx: StoreContext,
  scopeId: number,
  rid: number,
  claims: readonly StoredClaim[],
  observedAt: string,
): void {
  const insert = ctx.sql(
    `INSERT OR IGNORE INTO memory_claims (rid, scope_id, claim_key, value, polarity, exclusive, observed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const c of claims)
    insert.run(rid, scopeId, c.key, c.value, c.polarity, c.exclusive ? 1 : 0, observedAt)
}

interface ClaimRow {
  id: string
  key: string
  value: string
  polarity: 1 | -1
  exclusive: number
  observed_at: string
}

/**
 * Memories of the scope with a claim under any of the keys: the `limit` newest claim rows
 * (by `observedAt`, then id, both descending), grouped by memory. Each key is read off the
 * index newest first and only as far as the page (`limit + 1` rows): exact, unless a key
 * was cut within the page's oldest instant, when every row is read and sorted instead.
 */
export function byClaims(ctx: StoreContext, query: ClaimQuery): { id: string; claims: StoredClaim[] }[] {
  if (query.keys.length === 0) return []
  const scopeId = findScope(ctx, query.tenantId, query.userId)
  if (scopeId === null) return []
  const where = candidateCondition(query)
  const columns = 'm.id, c.claim_key AS key, c.value, c.polarity, c.exclusive, c.observed_at'
  const newest = ctx.sql(
    `SELECT ${columns} FROM memory_claims c CROSS JOIN memories m ON m.rid = c.rid
     WHERE c.scope_id = ? AND c.claim_key = ? AND ${where.sql}
     ORDER BY c.observed_at DESC LIMIT ?`,
  )
  const perKey = [...new Set(query.keys)].map(
    (key) => newest.all(scopeId, key, ...where.params, query.limit + 1) as ClaimRow[],
  )
  const rows = perKey.flat().sort(newestFirst).slice(0, query.limit)
  const edge = rows.at(-1)?.observed_at
  const cut = perKey.some((list) => list.length > query.limit && list.at(-1)?.observed_at === edge)
  return grouped(cut ? allRows(ctx, scopeId, query, columns) : rows)
}

/** Every claim row of the keys, sorted: for a page whose oldest instant a key was cut within. */
function allRows(ctx: StoreContext, scopeId: number, query: ClaimQuery, columns: string): ClaimRow[] {
  const where = candidateCondition(query)
  return ctx
    .sql(
      `SELECT ${columns} FROM memory_claims c CROSS JOIN memories m ON m.rid = c.rid
       WHERE c.scope_id = ? AND c.claim_key IN (SELECT value FROM json_each(?)) AND ${where.sql}
       ORDER BY c.observed_at DESC, m.id DESC LIMIT ?`,
    )
    .all(scopeId, JSON.stringify(query.keys), ...where.params, query.limit) as ClaimRow[]
}

function newestFirst(a: ClaimRow, b: ClaimRow): number {
  if (a.observed_at !== b.observed_at) return a.observed_at < b.observed_at ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

function grouped(rows: readonly ClaimRow[]): { id: string; claims: StoredClaim[] }[] {
  const byId = new Map<string, StoredClaim[]>()
  for (const r of rows) {
    const list = byId.get(r.id) ?? []
    list.push({ key: r.key, value: r.value, polarity: r.polarity, exclusive: r.exclusive === 1 })
    byId.set(r.id, list)
  }
  return [...byId].map(([id, claims]) => ({ id, claims }))
}
