import type { Hnsw } from '../hnsw.js'
import type { Candidate, VectorQuery } from '../store.js'
import type { StoreContext } from './context.js'
import { checkLimit } from './reads.js'
import { findScope } from './scopes.js'
import { candidateCondition, isEmptyFilter, nearest } from './search.js'
import type { VectorIndexes } from './vector-index.js'
import { checkVector, requireSpace } from './vector-space.js'

// The first HNSW search asks for this many times the page: more with a filter, which
// leaves fewer of the neighbours standing.
const FIRST_K = 2
const FIRST_K_FILTERED = 8
// While the filter leaves the page short, ask again for this many times as many.
const GROWTH = 4
// Past this many neighbours a filter is too selective for the index: search exactly.
const MAX_K = 4096

/**
 * Nearest neighbours, through the scope's HNSW index when it has one (large scopes) and
 * exactly otherwise. The index holds every vector of the scope whatever its status;
 * status and filter are checked on the neighbours it returns (post-filtering), asking
 * for more while fewer than `limit` pass, and falling back to exact search when even
 * `MAX_K` neighbours do not fill the page.
 */
export async function nearestIndexed(
  ctx: StoreContext,
  indexes: VectorIndexes | null,
  query: VectorQuery,
): Promise<Candidate[]> {
  checkVector(requireSpace(ctx), query.vector, 'query')
  checkLimit(query.limit)
  const scopeId = findScope(ctx, query.tenantId, query.userId)
  const hnsw = indexes === null || scopeId === null ? null : await indexes.forScope(scopeId)
  return (hnsw === null ? null : approximate(ctx, hnsw, query)) ?? nearest(ctx, query)
}

function approximate(ctx: StoreContext, hnsw: Hnsw, query: VectorQuery): Candidate[] | null {
  const where = candidateCondition(query)
  const total = hnsw.size()
  let k = query.limit * (isEmptyFilter(query) ? FIRST_K : FIRST_K_FILTERED)
  for (;;) {
    const asked = Math.min(k, total)
    const hits = hnsw.search(query.vector, asked)
    // A graph walk can fall short of k even when the index holds more vectors (parts of
    // the graph it cannot reach from the entry point): then only an exact search is whole.
    if (hits.keys.length < asked) return null
    const distance = new Map<number, number>()
    for (const [i, key] of hits.keys.entries()) distance.set(Number(key), hits.distances[i] as number)
    const rows = ctx
      // CROSS JOIN so that SQLite reads the hits' rows by rowid: left to choose, it walks
      // every memory of the user through (tenant, user, created_at) and probes the list.
      .sql(
        `SELECT m.rid, m.id FROM json_each(?) hits CROSS JOIN memories m ON m.rid = hits.value
         WHERE ${where.sql}`,
      )
      .all(JSON.stringify([...distance.keys()]), ...where.params) as { rid: number; id: string }[]
    if (rows.length >= query.limit || asked >= total) {
      // Distances from the graph's 16-bit vectors, within 1e-3 of the stored ones: reading
      // those back from sqlite-vec cost 55 µs a row, five times the whole search.
      return rows
        .map((row) => ({ id: row.id, distance: distance.get(row.rid) ?? 2 }))
        .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, query.limit)
        .map((row) => ({ id: row.id, score: 1 - row.distance }))
    }
    if (k >= MAX_K) return null
    k = Math.min(MAX_K, k * GROWTH)
  }
}
