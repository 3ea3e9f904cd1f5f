import { createRequire } from 'node:module'

/**
 * A thin adapter over `usearch`'s HNSW index, the one place that knows the package.
 * The native module ships prebuilt inside the npm package and is loaded on first use,
 * so stores whose scopes stay small never load it.
 */
export interface Hnsw {
  /** Adds vectors (rows of `vectors`, `dimensions` wide) under keys that are not in the index. */
  add(keys: BigUint64Array, vectors: Float32Array): void
  /** Removes a key; returns false if it was not there. */
  remove(key: bigint): boolean
  has(key: bigint): boolean
  /** Up to `k` nearest keys with their cosine distances (1 − cosine), nearest first. */
  search(vector: Float32Array, k: number): { keys: BigUint64Array; distances: Float32Array }
  size(): number
  dimensions(): number
  /** Writes the whole index to `path`. */
  save(path: string): void
}

/** Builds empty indexes and loads saved ones. */
export interface HnswFactory {
  create(dimensions: number): Hnsw
  load(dimensions: number, path: string): Hnsw
}

// Vectors are held as 16-bit floats: half the memory of 32-bit ones (a million 100-wide
// vectors: 200 MB less), a third faster to build, and recall@10 0.998 against 1.000 on
// 94,000 stored notes (8-bit integers lost 3.5 points).
// Graph degree and build effort. The offline embedder's vectors of short, similar notes
// crowd together; on 50,000 of them, (16, 64, 128) found 0.88 of the exact top 10 and
// (32, 128, 256) 0.97, for 1.7 times the build time (about 0.3 ms of CPU per vector).
const CONNECTIVITY = 32
const EXPANSION_ADD = 128
// Searches look at no fewer than this many candidates (and at least k).
const EXPANSION_SEARCH = 256
// usearch adds in parallel on every core, which wires a graph that is still forming
// poorly: on 230 vectors, 2.5% of top-10 searches missed a neighbour and half of the
// searches for every vector came back short. Vectors up to this index size go in one
// thread; past it, parallel adds cost no recall (0.993 at 20,000, for 7% more build time).
const SEQUENTIAL_UNTIL = 4096

/**
 * How many candidates a search walks for an index of `size` vectors. A fixed expansion
 * loses recall as the graph grows, most where a neighbourhood is crowded with superseded
 * restatements that the status filter then drops: of the 10 nearest active memories among
 * 880,000, a walk of 256 found 0.957, of 800 0.975 and of 1,600 0.983 (6 ms). So the walk
 * grows nearly with the size: 256 up to 100,000 vectors, 1,615 at a million.
 */
export function searchDepth(size: number): number {
  return Math.min(4096, Math.round(EXPANSION_SEARCH * Math.max(1, size / 100_000) ** 0.8))
}

type Usearch = Pick<typeof import('usearch'), 'Index' | 'MetricKind' | 'ScalarKind'>

let loaded: HnswFactory | null = null

/** The HNSW implementation, loaded once per process. */
export function hnswFactory(): HnswFactory {
  // The package's ESM build cannot find its own binary when imported from a bundle or a
  // loader hook; its CommonJS build can, and loads synchronously.
  loaded ??= factory(createRequire(import.meta.url)('usearch') as Usearch)
  return loaded
}

function factory(usearch: Usearch): HnswFactory {
  const make = (dimensions: number) =>
    new usearch.Index({
      dimensions,
      metric: usearch.MetricKind.Cos,
      quantization: usearch.ScalarKind.F16,
      connectivity: CONNECTIVITY,
      expansion_add: EXPANSION_ADD,
      expansion_search: EXPANSION_SEARCH,
      multi: false,
    })
  const wrap = (index: InstanceType<Usearch['Index']>): Hnsw => ({
    add(keys, vectors) {
      const d = index.dimensions()
      const head = Math.max(0, Math.min(keys.length, SEQUENTIAL_UNTIL - index.size()))
      if (head > 0) index.add(keys.subarray(0, head), vectors.subarray(0, head * d), 1)
      if (head < keys.length) index.add(keys.subarray(head), vectors.subarray(head * d), 0)
    },
    remove: (key) => (index.remove(key) as number) > 0,
    has: (key) => index.contains(key) as boolean,
    search(vector, k) {
      const size = index.size()
      const wanted = Math.max(1, Math.min(k, size))
      const found = index.search(vector, Math.min(size, Math.max(wanted, searchDepth(size))), 1)
      // Fewer hits than asked for come back padded; keep the real ones, and the best k.
      const padded = found.keys.indexOf(0xffffffffffffffffn)
      const n = Math.min(wanted, padded < 0 ? found.keys.length : padded)
      return { keys: found.keys.subarray(0, n), distances: found.distances.subarray(0, n) }
    },
    size: () => index.size(),
    dimensions: () => index.dimensions(),
    save: (path) => index.save(path),
  })
  return {
    create: (dimensions) => wrap(make(dimensions)),
    load(dimensions, path) {
      const index = make(dimensions)
      index.load(path)
      return wrap(index)
    },
  }
}
