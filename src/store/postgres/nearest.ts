import { checkLimit } from '../sqlite/reads.js'
import type { Candidate, VectorQuery } from '../store.js'
import type { PgContext } from './context.js'
import { candidateWhere } from './filters.js'
import { vectorText } from './row-mapping.js'
import { checkVector, requireSpace } from './vector-space.js'

// Up to this many candidate rows, comparing the query with each one is exact and cheap.
const EXACT_SCAN_UP_TO = 5000

/**
 * Nearest neighbours by cosine similarity (`1 - cosine distance`) within one user's
 * scope. A scope of few memories is scored exactly; a large one goes
 * through the HNSW index with pgvector's iterative scan, which keeps walking the graph
 * until enough rows pass the filter, and falls back to the exact scan if it still
 * comes back short (approximate search must never silently drop matches that exist).
 */
export async function nearest(ctx: PgContext, query: VectorQuery): Promise<Candidate[]> {
  checkVector(requireSpace(ctx), query.vector, 'query')
  checkLimit(query.limit)
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
      // Relaxed order finds more matches per step; the rows are sorted exactly below.
      await client.query(
        `SET LOCAL hnsw.iterative_scan = relaxed_order; SET LOCAL hnsw.ef_search = ${Math.min(1000, Math.max(40, query.limit * 2))}`,
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

function sortAndMap(rows: { id: string; distance: number }[]): Candidate[] {
  return rows
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => ({ id: row.id, score: 1 - row.distance }))
}
