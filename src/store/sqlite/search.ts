import type { Candidate, CandidateQuery, TextQuery, VectorQuery } from '../store.js'
import type { StoreContext } from './context.js'
import { allOf, filterCondition, type SqlCondition, statusCondition } from './filters.js'
import { ftsTable } from './fts-tables.js'
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
  const knn = (k: number) =>
    ctx
      .sql(
        `WITH knn AS MATERIALIZED (
           SELECT rowid, distance FROM memory_vectors WHERE embedding MATCH ? AND k = ? AND scope_id = ?
         )
         SELECT m.id, knn.distance FROM knn JOIN memories m ON m.rid = knn.rowid
         WHERE ${where.sql} ORDER BY knn.distance, m.id LIMIT ?`,
      )
      .all(blob, k, BigInt(scopeId), ...where.params, query.limit) as { id: string; distance: number }[]
  // Fast path: with no filter beyond status, nearly every neighbour qualifies, so one
  // oversampled KNN usually fills the page without counting the partition.
  if (isEmptyFilter(query) && query.limit * OVERSAMPLE <= KNN_MAX_K) {
    const rows = knn(query.limit * OVERSAMPLE)
    if (rows.length === query.limit) return rows.map(toCandidate)
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
  const k = Math.min(
    total,
    matching === total ? query.limit : Math.ceil((query.limit * total * OVERSAMPLE) / matching),
  )
  if (matching >= EXACT_SCAN_BELOW && k <= KNN_MAX_K) {
    const rows = knn(k)
    // Complete if it found `limit` rows, or if k already covered the whole partition.
    if (rows.length === query.limit || k === total) return rows.map(toCandidate)
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

/**
 * BM25 keyword matches within one user's scope, scored with the tenant's own statistics
 * (its own FTS5 table, see `fts-tables.ts`). Each term becomes a quoted FTS5 phrase
 * (inner quotes doubled), so operators and punctuation in user text are only ever words.
 */
export function keyword(ctx: StoreContext, query: TextQuery): Candidate[] {
  checkLimit(query.limit)
  const phrases = query.terms
    // FTS5 reads its query as a C string: a NUL would end it inside an open quote.
    .map((term) => term.replaceAll('\0', ''))
    .filter((term) => term.trim() !== '')
    .map((term) => `"${term.replaceAll('"', '""')}"`)
  if (phrases.length === 0) return []
  const scopeId = findScope(ctx, query.tenantId, query.userId)
  const table = ftsTable(ctx, query.tenantId)
  if (scopeId === null || table === null) return []
  // The scope column narrows the match inside the index; its weight 0 keeps it out of the score.
  const match = `scope : "${scopeId}" AND content : (${phrases.join(' OR ')})`
  const where = candidateCondition(query)
  const rows = ctx
    .sql(
      `SELECT m.id, bm25(${table}, 1.0, 0.0) AS rank
       FROM ${table} JOIN memories m ON m.rid = ${table}.rowid
       WHERE ${table} MATCH ? AND ${where.sql} ORDER BY rank, m.id LIMIT ?`,
    )
    .all(match, ...where.params, query.limit) as { id: string; rank: number }[]
  return rows.map((row) => ({ id: row.id, score: Math.max(0, -row.rank) }))
}

/** The WHERE clause every candidate read shares: the scope, the statuses and the filter, over `m`. */
export function candidateCondition(query: CandidateQuery): SqlCondition {
  return allOf(
    { sql: 'm.tenant_id = ? AND m.user_id = ?', params: [query.tenantId, query.userId] },
    statusCondition(query.statuses),
    filterCondition(query.filter),
  )
}

function isEmptyFilter(query: CandidateQuery): boolean {
  const f = query.filter
  if (!f) return true
  return !f.tags?.length && !f.types?.length && !f.metadata && f.from === undefined && f.to === undefined
}

function toCandidate(row: { id: string; distance: number }): Candidate {
  return { id: row.id, score: 1 - row.distance }
}
