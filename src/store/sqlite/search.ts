import type { Candidate, CandidateQuery, VectorQuery } from '../store.js'
import type { StoreContext } from './context.js'
import { allOf, filterCondition, type SqlCondition, statusCondition } from './filters.js'
import { checkLimit } from './reads.js'
import { vectorBlob } from './row-mapping.js'
import { findScope } from './scopes.js'
import { checkVector, requireSpace } from './vector-space.js'

// sqlite-vec refuses a KNN `k` above this.
const KNN_MAX_K = 4096
// Ask KNN for this many times the rows the filter's selectivity says we need.
const OVERSAMPLE = 2
// Below this many filtered rows, scoring each one directly beats a KNN over the partition.
const EXACT_SCAN_BELOW = 256

/**
 * Nearest neighbours by cosine similarity within one user's scope. vec0 finds the
 * partition's k nearest and the filter is applied after; when the filter is selective
 * that could miss rows, so we size k by a cheap count and fall back to an exact scan
 * over the filtered rows whenever KNN could have missed any.
 */
export function nearest(ctx: StoreContext, query: VectorQuery): Candidate[] {
  checkVector(requireSpace(ctx), query.vector, 'query')
  checkLimit(query.limit)
  const scopeId = findScope(ctx, query.tenantId, query.userId)
  if (scopeId === null) return []
  const where = candidateCondition(query)
  const blob = vectorBlob(query.vector)
  const knn = (k: number, limit: number) =>
    ctx
      .sql(
        `WITH knn AS MATERIALIZED (
           SELECT rowid, distance FROM memory_vectors WHERE embedding MATCH ? AND k = ? AND scope_id = ?
         )
         SELECT m.id, knn.distance FROM knn JOIN memories m ON m.rid = knn.rowid
         WHERE ${where.sql} ORDER BY knn.distance, m.id LIMIT ?`,
      )
      .all(blob, k, BigInt(scopeId), ...where.params, limit) as { id: string; distance: number }[]
  // A page is settled when the KNN covered the whole partition, or when it found one row
  // past the page that lies strictly farther (no tie straddles the page's edge, so every
  // row as close as the page's last was among the k nearest).
  const settled = (rows: { distance: number }[], k: number, total: number) =>
    k >= total || (rows.length === query.limit + 1 && strictlyBefore(rows, query.limit, (r) => r.distance))
  // Fast path: with no filter beyond status, nearly every neighbour qualifies, so one
  // oversampled KNN usually settles the page without counting the partition.
  if (isEmptyFilter(query) && query.limit * OVERSAMPLE <= KNN_MAX_K) {
    const rows = knn(query.limit * OVERSAMPLE, query.limit + 1)
    if (settled(rows, query.limit * OVERSAMPLE, Number.POSITIVE_INFINITY))
      return rows.slice(0, query.limit).map(toCandidate)
  }
  const count = (sql: string, params: unknown[]) =>
    (
      ctx.sql(`SELECT count(*) AS n FROM memories m WHERE m.has_vector = 1 AND ${sql}`).get(...params) as {
        n: number
      }
    ).n
  const matching = count(where.sql, where.params)
  if (matching === 0) return []
  const total = count('m.tenant_id = ? AND m.user_id = ?', [query.tenantId, query.userId])
  const wanted = query.limit + 1
  const k = Math.min(total, Math.ceil((wanted * total * OVERSAMPLE) / matching))
  if (matching >= EXACT_SCAN_BELOW && k <= KNN_MAX_K) {
    const rows = knn(k, wanted)
    if (settled(rows, k, total)) return rows.slice(0, query.limit).map(toCandidate)
  }
  // Materialized so the filter runs before any vector is read; otherwise the planner may
  // fetch vectors first and evaluate costly JSON conditions after.
  const rows = ctx
    .sql(
      `WITH hits AS MATERIALIZED (SELECT m.rid, m.id FROM memories m WHERE m.has_vector = 1 AND ${where.sql})
       SELECT hits.id, vec_distance_cosine(v.embedding, ?) AS distance
       FROM hits CROSS JOIN memory_vectors v ON v.rowid = hits.rid
       ORDER BY distance, hits.id LIMIT ?`,
    )
    .all(...where.params, blob, query.limit) as { id: string; distance: number }[]
  return rows.map(toCandidate)
}

/** The WHERE clause every candidate read shares: the scope, the statuses and the filter, over `m`. */
export function candidateCondition(query: CandidateQuery): SqlCondition {
  return allOf(
    { sql: 'm.tenant_id = ? AND m.user_id = ?', params: [query.tenantId, query.userId] },
    statusCondition(query.statuses),
    filterCondition(query.filter),
  )
}

/** True when the query narrows by status only. */
export function isEmptyFilter(query: CandidateQuery): boolean {
  const f = query.filter
  if (!f) return true
  return !f.tags?.length && !f.types?.length && !f.metadata && f.from === undefined && f.to === undefined
}

function toCandidate(row: { id: string; distance: number }): Candidate {
  return { id: row.id, score: 1 - row.distance }
}

/** True when row `i - 1` sorts strictly before row `i`: no tie straddles a cut after `i` rows. */
function strictlyBefore<T>(rows: readonly T[], i: number, key: (row: T) => number): boolean {
  const before = rows[i - 1]
  const at = rows[i]
  return before !== undefined && at !== undefined && key(before) < key(at)
}
