import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Memory } from '../memory.js'
import { DEFAULT_MIN_SCOPE_SIZE } from '../store/sqlite/sqlite-store.js'
import type { MemoryStore } from '../store/store.js'
import { percentile } from './metrics.js'
import { DEFAULT_WARMUP, type ScaleOptions, type ScaleRow } from './run-scale.js'
import { type CorpusLayout, corpusQueries } from './scale-corpus.js'
import { indexRecall } from './scale-recall.js'

/**
 * The figures of one ingested corpus: the first search of the large scope (which builds
 * or loads its index) timed apart, latency percentiles in the large scope and across
 * small scopes, memory, disk and, on SQLite, the index's recall against exact search.
 */
export async function measureScale(run: {
  memory: Memory
  store: MemoryStore
  layout: CorpusLayout
  queries: number
  ingestMs: number
  dir: string
  options: ScaleOptions
  say: (line: string) => void
}): Promise<ScaleRow> {
  const { memory, layout, queries, say } = run
  const stats = await memory.stats()
  const warmup = run.options.warmup ?? DEFAULT_WARMUP
  // The timed questions come first in each sequence, the warm-up ones after them.
  const allLarge = corpusQueries(layout, 'large', queries + 1 + warmup)
  const allSmall = layout.smallUsers === 0 ? [] : corpusQueries(layout, 'small', queries + warmup)
  const large = allLarge.slice(0, queries + 1)
  const small = allSmall.slice(0, queries)
  const first = performance.now()
  await memory.search({ ...(large[0] as (typeof large)[number]), limit: 10 })
  const firstSearchMs = performance.now() - first
  say(`  first search of the large scope: ${Math.round(firstSearchMs)} ms`)
  const time = async (list: typeof large) => {
    const ms: number[] = []
    for (const q of list) {
      const started = performance.now()
      await memory.search({ ...q, limit: 10 })
      ms.push(performance.now() - started)
    }
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) }
  }
  const warmupLarge = warmup > 0 ? await time(allLarge.slice(queries + 1)) : null
  if (warmup > 0) await time(allSmall.slice(queries))
  if (warmupLarge !== null)
    say(`  ${warmup} warm-up searches of each kind: large scope p50 ${Math.round(warmupLarge.p50)} ms`)
  const largeLatency = await time(large.slice(1))
  const smallLatency = small.length === 0 ? null : await time(small)
  const rssBytes = process.memoryUsage().rss
  const peakRssBytes = process.resourceUsage().maxRSS * 1024
  const index = run.options.storeUrl
    ? null
    : await indexRecall({
        store: run.store,
        path: join(run.dir, 'memory.db'),
        embedder: run.options.embedder,
        queries: large.slice(1),
        minScopeSize: run.options.minScopeSize ?? DEFAULT_MIN_SCOPE_SIZE,
      })
  return {
    size: layout.size,
    largeScope: layout.largeCount,
    smallScopes: layout.smallUsers,
    ingestMs: run.ingestMs,
    stored: { memories: stats.memories, active: stats.byStatus.active },
    firstSearchMs,
    warmupLarge,
    large: largeLatency,
    small: smallLatency,
    rssBytes,
    peakRssBytes,
    diskBytes: run.options.storeUrl ? (await memory.stats()).sizeBytes : await sizeOnDisk(run.dir),
    index,
  }
}

async function sizeOnDisk(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size
  return total
}
