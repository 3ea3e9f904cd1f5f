import type { Embedder } from '../embed/embedder.js'
import { embedForTenant } from '../embedding.js'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { MemoryStore } from '../store/store.js'
import type { CorpusQuery } from './scale-corpus.js'

const TENANT = 'default'

/**
 * How many of the exact nearest neighbours the store's (approximate) search finds, at 10
 * and at 100 (the candidates retrieval takes), for the queries' scopes. Exact answers
 * come from a second connection to the same SQLite file with the index turned off.
 * Null when the scope is small enough to be searched exactly anyway.
 */
export async function indexRecall(options: {
  store: MemoryStore
  path: string
  embedder: Embedder
  queries: readonly CorpusQuery[]
  /** The store's threshold for approximate search. */
  minScopeSize: number
}): Promise<{ recallAt10: number; recallAt100: number; queries: number } | null> {
  const { store, embedder, queries } = options
  const userId = queries[0]?.userId
  if (userId === undefined || (await store.stats(TENANT, userId)).memories < options.minScopeSize) return null
  const exact = await createSqliteStore({ path: options.path, vectorIndex: false })
  try {
    await exact.openVectorSpace({ id: embedder.id, dimensions: embedder.dimensions })
    let at10 = 0
    let at100 = 0
    for (const q of queries) {
      const [vector] = await embedForTenant(embedder, store, TENANT, [q.query], 'query')
      const query = {
        tenantId: TENANT,
        userId: q.userId,
        statuses: ['active' as const],
        limit: 100,
        vector: vector as Float32Array,
      }
      const found = await store.nearest(query)
      const truth = await exact.nearest(query)
      at10 += overlap(found.slice(0, 10), truth.slice(0, 10))
      at100 += overlap(found, truth)
    }
    return { recallAt10: at10 / queries.length, recallAt100: at100 / queries.length, queries: queries.length }
  } finally {
    await exact.close()
  }
}

/** The share of `truth` that `found` holds. */
function overlap(found: readonly { id: string }[], truth: readonly { id: string }[]): number {
  if (truth.length === 0) return 1
  const ids = new Set(found.map((c) => c.id))
  return truth.filter((c) => ids.has(c.id)).length / truth.length
}
