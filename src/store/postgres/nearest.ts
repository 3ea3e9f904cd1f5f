import { checkLimit } from '../sqlite/reads.js'
import { isEmptyFilter } from '../sqlite/search.js'
import type { Candidate, VectorQuery } from '../store.js'
import type { PgContext } from './context.js'
import { candidateWhere } from './filters.js'
import { vectorText } from './row-mapping.js'
import { hasStatus, type PgScopeIndexes, passingFilter, type ScopeIndex } from './scope-indexes.js'
import { checkVector, requireSpace } from './vector-space.js'

// The first search of the node-local graph asks for this many times the page (more with
// a filter), then this many times as many while the filter leaves the page short, up to MAX_K.
const FIRST_K = 2
const FIRST_K_FILTERED = 8
const GROWTH = 4
const MAX_K = 4096

// Up to this many candidate rows, comparing the query with each one is exact and cheap.
const EXACT_SCAN_UP_TO = 5000

/**
 * Nearest neighbours by cosine similarity (`1 - cosine distance`) within one user's
 * scope. A scope of few memories is scored exactly; a large one goes
 * through the HNSW index with pgvector's iterative scan, which keeps walking the graph
 * until enough rows pass the filter, and falls back to the exact scan if it still
 * comes back short (approximate search must never silently drop matches that exist).
 */
export async function nearest(
  ctx: PgContext,
  indexes: PgScopeIndexes | null,
  query: VectorQuery,
): Promise<Candidate[]> {
  checkVector(requireSpace(ctx), query.vector, 'query')
  checkLimit(query.limit)
  const index = indexes === null ? null : await indexes.forScope(query)
  if (index !== null) {
    const page = await fromIndex(ctx, index, query)
    if (page !== null) return page
  }
  const where = candidateWhere(query)
  // How big the scope is, counted no further than the threshold: an index-only walk of
  // at most EXACT_SCAN_UP_TO + 1 entries, however large the scope.
  const [count] = await ctx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM memory_vectors WHERE tenant_id = $1 AND user_id = $2 LIMIT ${EXACT_SCAN_UP_TO + 1}
     ) s`,
    [query.tenantId, query.userId],
  )
  const scope = count?.n ?? 0
  if (scope === 0) return []
  const vector = where.param(vectorText(query.vector))
  const limit = where.param(query.limit)
  if (scope > EXACT_SCAN_UP_TO) {
    const rows = await ctx.tx(async (client) => {
      // Relaxed order finds more matches per step; the rows are sorted exactly below. A
      // walk of 40 (pgvector's default) missed the best of 6,000 points laid on a circle;
      // 200 finds them in most builds of the index, not all (the chain has a gap).
      await client.query(
        `SET LOCAL hnsw.iterative_scan = relaxed_order; SET LOCAL hnsw.ef_search = ${Math.min(1000, Math.max(200, query.limit * 4))}`,
      )
      const result = await client.query<{ id: string; distance: number }>(
        `SELECT m.id, v.embedding <=> ${vector}::vector AS distance
         FROM memory_vectors v JOIN memories m ON m.tenant_id = v.tenant_id AND m.id = v.memory_id
         WHERE v.tenant_id = $1 AND v.user_id = $2 AND ${where.sql} ORDER BY v.embedding <=> ${vector}::vector LIMIT ${limit}`,
        where.params,
      )
      return result.rows
    })
    if (rows.length >= query.limit) return sortAndMap(rows)
  }
  // Materialized so the filter runs first and the ordering is exact, never through the index.
  const rows = await ctx.query<{ id: string; distance: number }>(
    `WITH hits AS MATERIALIZED (
       SELECT m.id, v.embedding FROM memories m
       JOIN memory_vectors v ON v.tenant_id = m.tenant_id AND v.memory_id = m.id
       WHERE ${where.sql}
     )
     SELECT id, embedding <=> ${vector}::vector AS distance FROM hits ORDER BY distance, id LIMIT ${limit}`,
    where.params,
  )
  return sortAndMap(rows)
}

/**
 * Nearest neighbours through the scope's node-local HNSW graph, each at its exact
 * distance (from the full-precision copy the index keeps). Statuses are checked in the
 * index, any other filter in SQL; while too few pass it asks for more (as the SQLite
 * store does, see `approximate-search.ts`). Null when even `MAX_K` neighbours do not fill
 * the page, or the graph could not reach as many as asked: the SQL search then answers.
 */
async function fromIndex(ctx: PgContext, index: ScopeIndex, query: VectorQuery): Promise<Candidate[] | null> {
  const total = index.vectors.size()
  const local = isEmptyFilter(query)
  let k = Math.ceil(query.limit * (local ? FIRST_K : FIRST_K_FILTERED))
  for (;;) {
    const asked = Math.min(k, total)
    const hits = index.vectors.search(query.vector, asked)
    if (hits.keys.length < asked) return null
    const rows: { id: string; distance: number }[] = []
    for (const big of hits.keys) {
      const key = Number(big)
      const id = index.idOf(key)
      if (id !== undefined && (!local || hasStatus(index, key, query.statuses)))
        rows.push({ id, distance: index.distance(key, query.vector) })
    }
    const passing = local
      ? null
      : await passingFilter(
          ctx,
          rows.map((row) => row.id),
          query,
        )
    const page = passing === null ? rows : rows.filter((row) => passing.has(row.id))
    if (page.length >= query.limit || asked >= total) return sortAndMap(page).slice(0, query.limit)
    if (k >= MAX_K) return null
    k = Math.min(MAX_K, k * GROWTH)
  }
}

function sortAndMap(rows: { id: string; distance: number }[]): Candidate[] {
  return rows
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => ({ id: row.id, score: 1 - row.distance }))
}
