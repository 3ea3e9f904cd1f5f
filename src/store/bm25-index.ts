import { type IndexView, rankQuery } from './bm25-ranking.js'
import { createKeyMap } from './key-map.js'

/**
 * An in-memory inverted index that ranks like SQLite FTS5's `bm25()`: for a large scope,
 * scoring the posting lists of a query's few terms in typed arrays costs a small
 * fraction of what FTS5 spends computing `bm25()` row by row over every match. It
 * knows documents by integer key and orders equal scores by a label (the memory id, as
 * the store orders them); the caller supplies the statistics of the whole collection the
 * scores are relative to (row count, average length, and how many rows hold each term),
 * so a scope's index scores exactly as its table does.
 */
export interface Bm25Index {
  /**
   * Adds the document, or replaces what `key` held: its tokens, its length as the scorer
   * counts it, and the label that orders it among equal scores.
   */
  set(key: number, tokens: readonly string[], length: number, label: string): void
  /** As `set`, with each term's frequency in the document counted already. */
  setFrequencies(
    key: number,
    frequencies: Iterable<readonly [string, number]>,
    length: number,
    label: string,
  ): void
  /** Removes the document; false if the index did not hold it. */
  delete(key: number): boolean
  has(key: number): boolean
  /** Documents held. */
  size(): number
  /**
   * The `count` best documents matching any query term, best first (equal scores by label);
   * fewer only when fewer match. `matched` is how many matched in all (counting them may
   * walk long postings: read it only when needed).
   */
  top(query: readonly WeightedTerm[], avgLength: number, count: number): Bm25Top
  /** Scores the query once, for cuts of growing depth (`top` is `rank(...).best(count)`). */
  rank(query: readonly WeightedTerm[], avgLength: number): Bm25Ranking
}

/** A scored query: its best documents at any depth, without scoring it again. */
export interface Bm25Ranking {
  /** How many documents match any of its terms. */
  matched: number
  best(count: number): Bm25Top
}

/** A query term and its inverse document frequency (see `bm25Idf`). */
export interface WeightedTerm {
  term: string
  idf: number
}

/** What `Bm25Index.top` returns: keys, their labels and scores, best first. */
export interface Bm25Top {
  keys: number[]
  labels: string[]
  scores: number[]
  matched: number
}

/** One term's contribution to a document's score: FTS5's (`bm25Term`) unless a backend computes its own. */
export type TermScore = (idf: number, frequency: number, length: number, avgLength: number) => number

// FTS5's constants (fts5_aux.c).
const K1 = 1.2
const B = 0.75

/** FTS5's inverse document frequency of a term found in `hits` of `rows` rows, floored at 1e-6. */
export function bm25Idf(rows: number, hits: number): number {
  const idf = Math.log((rows - hits + 0.5) / (hits + 0.5))
  return idf <= 0 ? 1e-6 : idf
}

/** One term's BM25 contribution, computed in the order FTS5 computes it so scores agree to the bit. */
export function bm25Term(idf: number, frequency: number, length: number, avgLength: number): number {
  return idf * ((frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + (B * length) / avgLength)))
}

interface Postings {
  slots: Int32Array
  /** Clamped at 65,535: a term repeated more often in one memory scores as if it were not. */
  frequencies: Uint16Array
  n: number
}

const MAX_FREQUENCY = 0xffff

// Compact once removed documents outnumber live ones (and are this many at least).
const COMPACT_AFTER = 4096

/** An empty index, scoring each matched term with `term` (FTS5's formula by default). */
export function createBm25Index(options: { term?: TermScore } = {}): Bm25Index {
  const slotOf = createKeyMap()
  const labels: string[] = []
  const postings = new Map<string, Postings>()
  let slots = 0
  let dead = 0
  let scratch = { scores: new Float64Array(0), marks: new Uint8Array(0), touched: new Int32Array(0) }
  const view: IndexView = {
    postings: (term) => postings.get(term),
    alive: new Uint8Array(1024),
    lengths: new Int32Array(1024),
    keys: new Float64Array(1024),
    labels,
    generation: 0,
    termScore: options.term ?? bm25Term,
    scratch() {
      if (scratch.scores.length < view.keys.length) {
        const n = view.keys.length
        scratch = { scores: new Float64Array(n), marks: new Uint8Array(n), touched: new Int32Array(n) }
      }
      return scratch
    },
  }

  function append(term: string, slot: number, frequency: number): void {
    let list = postings.get(term)
    if (list === undefined) {
      list = { slots: new Int32Array(4), frequencies: new Uint16Array(4), n: 0 }
      postings.set(term, list)
    }
    if (list.n === list.slots.length) {
      list.slots = resized(list.slots, list.n * 2)
      list.frequencies = resized(list.frequencies, list.n * 2)
    }
    list.slots[list.n] = slot
    list.frequencies[list.n] = Math.min(frequency, MAX_FREQUENCY)
    list.n++
  }

  function remove(key: number): boolean {
    const slot = slotOf.get(key)
    if (slot === undefined) return false
    slotOf.delete(key)
    view.alive[slot] = 0
    view.generation++
    dead++
    if (dead >= COMPACT_AFTER && dead > slotOf.size) compact()
    return true
  }

  /** Renumbers the live documents densely and drops the dead ones' postings. */
  function compact(): void {
    const { alive, lengths, keys } = view
    const renumber = new Int32Array(slots).fill(-1)
    let next = 0
    for (let s = 0; s < slots; s++) {
      if (alive[s] !== 1) continue
      renumber[s] = next
      keys[next] = keys[s] as number
      lengths[next] = lengths[s] as number
      labels[next] = labels[s] as string
      alive[next] = 1
      slotOf.set(keys[next] as number, next)
      next++
    }
    alive.fill(0, next, slots)
    labels.length = next
    for (const [term, list] of postings) {
      let n = 0
      for (let j = 0; j < list.n; j++) {
        const to = renumber[list.slots[j] as number] as number
        if (to < 0) continue
        list.slots[n] = to
        list.frequencies[n] = list.frequencies[j] as number
        n++
      }
      if (n === 0) postings.delete(term)
      else list.n = n
    }
    slots = next
    dead = 0
    view.generation++
  }

  function setFrequencies(
    key: number,
    frequencies: Iterable<readonly [string, number]>,
    length: number,
    label: string,
  ): void {
    remove(key)
    if (slots === view.keys.length) {
      const size = view.keys.length * 2
      view.keys = resized(view.keys, size)
      view.lengths = resized(view.lengths, size)
      view.alive = resized(view.alive, size)
    }
    const slot = slots++
    view.keys[slot] = key
    view.lengths[slot] = length
    labels[slot] = label
    view.alive[slot] = 1
    view.generation++
    slotOf.set(key, slot)
    for (const [term, frequency] of frequencies) append(term, slot, frequency)
  }

  return {
    set(key, tokens, length, label) {
      const counts = new Map<string, number>()
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1)
      setFrequencies(key, counts, length, label)
    },
    setFrequencies,
    delete: remove,
    has: (key) => slotOf.has(key),
    size: () => slotOf.size,
    rank: (query, avgLength) => rankQuery(view, query, avgLength),
    top: (query, avgLength, count) => rankQuery(view, query, avgLength).best(count),
  }
}

function resized<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size)
  next.set(array.subarray(0, Math.min(array.length, size)))
  return next
}
