import { randomBytes } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Embedder } from '../embed/embedder.js'
import { createMemory, type Memory } from '../memory.js'
import { openStoreUrl } from '../store/open-store.js'
import { createSqliteStore, DEFAULT_MIN_SCOPE_SIZE } from '../store/sqlite/sqlite-store.js'
import { dropSchema } from './drop-schema.js'
import { type CorpusLayout, type CorpusMemory, corpusLayout, corpusMemories } from './scale-corpus.js'
import { measureScale } from './scale-measure.js'

/** What `runScale` measures. */
export interface ScaleOptions {
  /** Corpus sizes, run in ascending order, each on a fresh store. */
  sizes: readonly number[]
  /** @default 1 */
  seed?: number
  /** Searches timed per kind (one large scope, many small scopes). @default 200 */
  queries?: number
  /**
   * Searches of each kind run before the timed ones (other questions), so that the
   * figures are a running service's, not its first minutes'; their latency is reported
   * apart. @default 50
   */
  warmup?: number
  /** Memories per `addMany` call. @default 1000 */
  batch?: number
  /**
   * `addMany` calls in flight while ingesting: with 2, the next batch is embedded and
   * analysed while the store writes the one before. @default DEFAULT_IN_FLIGHT
   */
  inFlight?: number
  /** Share of each corpus in the one large scope. @default 0.5 */
  largeShare?: number
  /** Memories per small scope. @default 200 */
  smallScopeSize?: number
  /** Directory for the SQLite files (removed after each size). */
  dir: string
  /** A PostgreSQL URL: each size on a fresh schema there instead of SQLite. */
  storeUrl?: string | undefined
  /** SQLite: scopes with this many vectors or more use the HNSW index. @default DEFAULT_MIN_SCOPE_SIZE */
  minScopeSize?: number
  embedder: Embedder
  /** Lines about long work (ingest, index build), for stderr. */
  onProgress?: (line: string) => void
}

/** Searches of each kind run untimed before the timed ones, unless asked otherwise. */
export const DEFAULT_WARMUP = 50
/** `addMany` calls in flight while ingesting, unless asked otherwise. */
export const DEFAULT_IN_FLIGHT = 2

/** Latency percentiles, in milliseconds. */
export interface Latency {
  p50: number
  p95: number
  p99: number
}

/** The figures of one corpus size. */
export interface ScaleRow {
  size: number
  largeScope: number
  smallScopes: number
  ingestMs: number
  /** Memories stored after ingest (restatements merge into what they restate), and how many are active. */
  stored: { memories: number; active: number }
  /** The first search of the large scope, which loads or builds its index. */
  firstSearchMs: number
  /** The warm-up searches of the large scope (not in `large`); null without any. */
  warmupLarge: Latency | null
  large: Latency
  /** Null when the whole corpus is the large scope. */
  small: Latency | null
  /** Resident memory after the searches, and the process's peak so far. */
  rssBytes: number
  peakRssBytes: number
  /** Database (and index files) on disk; PostgreSQL: what the store reports. */
  diskBytes: number | null
  /** Approximate vs exact nearest neighbours in the large scope; null when it is searched exactly. */
  index: { recallAt10: number; recallAt100: number; queries: number } | null
}

/** What `runScale` returns. */
export interface ScaleResult {
  store: 'sqlite' | 'postgres'
  seed: number
  largeShare: number
  queries: number
  warmup: number
  batch: number
  inFlight: number
  rows: ScaleRow[]
}

/**
 * Generates a corpus per size, ingests it in batches, then times searches in the one
 * large scope and across many small ones, and reads memory and disk use. A command
 * that prints figures, not a test.
 */
export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const seed = options.seed ?? 1
  const queries = options.queries ?? 200
  const say = options.onProgress ?? (() => {})
  const minScopeSize = options.minScopeSize ?? DEFAULT_MIN_SCOPE_SIZE
  const batch = options.batch ?? 1000
  const inFlight = options.inFlight ?? DEFAULT_IN_FLIGHT
  const rows: ScaleRow[] = []
  for (const size of [...options.sizes].sort((a, b) => a - b)) {
    const layout = corpusLayout({
      size,
      seed,
      largeShare: options.largeShare,
      smallScopeSize: options.smallScopeSize,
    })
    const dir = join(options.dir, `size-${size}`)
    await mkdir(dir, { recursive: true })
    const path = join(dir, 'memory.db')
    const schemaUrl = options.storeUrl ? freshSchema(options.storeUrl, size) : null
    const store = schemaUrl
      ? await openStoreUrl(schemaUrl)
      : await createSqliteStore({ path, vectorIndex: { minScopeSize } })
    const memory = await createMemory({ store, embedder: options.embedder })
    try {
      say(`size ${size}: ${layout.largeCount} memories in one scope, ${layout.smallUsers} small scopes`)
      const ingestMs = await ingest(memory, layout, { batch, inFlight }, say)
      rows.push(await measureScale({ memory, store, layout, queries, ingestMs, dir, options, say }))
    } finally {
      await memory.close()
      await rm(dir, { recursive: true, force: true })
      if (schemaUrl) await dropSchema(schemaUrl)
    }
  }
  return {
    store: options.storeUrl ? 'postgres' : 'sqlite',
    seed,
    largeShare: options.largeShare ?? 0.5,
    queries,
    warmup: options.warmup ?? DEFAULT_WARMUP,
    batch,
    inFlight,
    rows,
  }
}

/** Adds the corpus in batches, `inFlight` calls at a time; resolves to the time it took. */
async function ingest(
  memory: Memory,
  layout: CorpusLayout,
  { batch, inFlight }: { batch: number; inFlight: number },
  say: (line: string) => void,
) {
  const started = performance.now()
  const running = new Set<Promise<unknown>>()
  let pending = []
  let done = 0
  let reported = started
  const send = async (memories: CorpusMemory[]) => {
    const call = memory.addMany(memories).then(() => {
      running.delete(call)
      done += memories.length
      if (performance.now() - reported > 10_000) {
        reported = performance.now()
        const rate = Math.round(done / ((reported - started) / 1000))
        say(`  ingested ${done} of ${layout.size} (${rate}/s)`)
      }
    })
    running.add(call)
    // A failed batch fails the run; until one fails, keep `inFlight` calls going.
    if (running.size >= inFlight) await Promise.race(running)
  }
  for (const m of corpusMemories(layout)) {
    pending.push(m)
    if (pending.length < batch) continue
    await send(pending)
    pending = []
  }
  if (pending.length > 0) await send(pending)
  await Promise.all(running)
  return performance.now() - started
}

/** The URL with a schema of its own, so runs never see each other's memories. */
function freshSchema(url: string, size: number): string {
  const parsed = new URL(url)
  parsed.searchParams.set('schema', `bench_scale_${size}_${randomBytes(4).toString('hex')}`)
  return parsed.toString()
}
