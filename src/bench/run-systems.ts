import type { Embedder } from '../embed/embedder.js'
import { createMemory, type Memory } from '../memory.js'
import { BM25_ONLY, DEFAULT_SCORING, DENSE_ONLY, type ScoringConfig } from '../score/config.js'
import { openBenchStore } from './bench-store.js'

/** A retrieval configuration the benchmarks compare: one name, one scoring. */
export interface BenchSystem {
  name: string
  scoring: Partial<ScoringConfig>
}

/** Every benchmark run compares these: the full ranking and its two baselines. */
export const BENCH_SYSTEMS: readonly BenchSystem[] = [
  { name: 'adaptive-recall', scoring: DEFAULT_SCORING },
  { name: 'bm25', scoring: BM25_ONLY },
  { name: 'dense', scoring: DENSE_ONLY },
]

/** Called as work advances; `label` names the system (and level) being run. */
export type BenchProgress = (label: string, done: number, total: number) => void

/**
 * A settable clock. Benchmarks replay conversations from the past, so memories
 * are "created" at the time the data was recorded rather than today; otherwise
 * every memory would be created years after the `now` the questions are asked at.
 */
export interface ReplayClock {
  now(): Date
  set(iso: string): void
}

/** A clock that stands still at `start` until set. */
export function replayClock(start = '1970-01-01T00:00:00Z'): ReplayClock {
  let at = new Date(start)
  return {
    now: () => new Date(at),
    set(iso) {
      at = new Date(iso)
    },
  }
}

/** A throwaway in-memory store ranked by the system's scoring, on a shared embedder. */
export async function openBenchMemory(options: {
  system: BenchSystem
  embedder: Embedder
  clock: ReplayClock
  maxContentBytes?: number
  /** A PostgreSQL URL: each system gets a fresh schema there instead of an in-memory SQLite store. */
  storeUrl?: string | undefined
}): Promise<Memory> {
  const bench = options.storeUrl
    ? await openBenchStore(options.storeUrl, `bench_${options.system.name}`)
    : undefined
  const memory = await createMemory({
    ...(bench ? { store: bench.store } : { path: ':memory:' }),
    scoring: options.system.scoring,
    embedder: options.embedder,
    now: options.clock.now,
    maxContentBytes: options.maxContentBytes,
  })
  // The schema goes with the memory: a benchmark leaves nothing behind in the database.
  return bench
    ? {
        ...memory,
        close: async () => {
          await memory.close()
          await bench.drop()
        },
      }
    : memory
}

/** Runs `fn` and returns its value with the wall time it took, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now()
  const value = await fn()
  return { value, ms: performance.now() - start }
}

/** What the harness passes to `memory.context`. */
export interface BenchContextInput {
  query: string
  userId: string
  maxTokens: number
  recordAccess: boolean
  now: string
}

/**
 * `memory.context` when this build of the memory has it, else null; its result
 * reduced to the ids of the memories it packed, in order. Declared loosely so
 * the harness runs both before and after context assembly exists.
 */
export function contextFunction(memory: Memory): ((input: BenchContextInput) => Promise<string[]>) | null {
  const fn = (memory as unknown as { context?: unknown }).context
  if (typeof fn !== 'function') return null
  return async (input) => memoryIds(await fn.call(memory, input))
}

/** Ids of `result.memories`, whose items may be records (`{ id }`) or hits (`{ memory: { id } }`). */
export function memoryIds(result: unknown): string[] {
  const items = (result as { memories?: unknown } | null)?.memories
  if (!Array.isArray(items)) throw new Error('memory.context returned no memories list')
  return items.flatMap((item: { id?: unknown; memory?: { id?: unknown } }) => {
    const id = typeof item?.id === 'string' ? item.id : item?.memory?.id
    return typeof id === 'string' ? [id] : []
  })
}
