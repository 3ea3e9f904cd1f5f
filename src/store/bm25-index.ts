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
   * `matched` is how many matched in all.
   */
  top(query: readonly WeightedTerm[], avgLength: number, count: number): Bm25Top
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
  frequencies: Int32Array
  n: number
}

// Compact once removed documents outnumber live ones (and are this many at least).
const COMPACT_AFTER = 4096

/** An empty index, scoring each matched term with `term` (FTS5's formula by default). */
export function createBm25Index(options: { term?: TermScore } = {}): Bm25Index {
  const termScore = options.term ?? bm25Term
  const slotOf = new Map<number, number>()
  let keys = new Float64Array(1024)
  let lengths = new Int32Array(1024)
  let alive = new Uint8Array(1024)
  const labels: string[] = []
  let slots = 0
  let dead = 0
  const postings = new Map<string, Postings>()
  let scratch = new Float64Array(0)
  let touched = new Int32Array(0)

  function grow(): void {
    const size = keys.length * 2
    keys = resized(keys, size)
    lengths = resized(lengths, size)
    alive = resized(alive, size)
  }

  function append(term: string, slot: number, frequency: number): void {
    let list = postings.get(term)
    if (list === undefined) {
      list = { slots: new Int32Array(4), frequencies: new Int32Array(4), n: 0 }
      postings.set(term, list)
    }
    if (list.n === list.slots.length) {
      list.slots = resized(list.slots, list.n * 2)
      list.frequencies = resized(list.frequencies, list.n * 2)
    }
    list.slots[list.n] = slot
    list.frequencies[list.n] = frequency
    list.n++
  }

  function remove(key: number): boolean {
    const slot = slotOf.get(key)
    if (slot === undefined) return false
    slotOf.delete(key)
    alive[slot] = 0
    dead++
    if (dead >= COMPACT_AFTER && dead > slotOf.size) compact()
    return true
  }

  /** Renumbers the live documents densely and drops the dead ones' postings. */
  function compact(): void {
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
  }

  function setFrequencies(
    key: number,
    frequencies: Iterable<readonly [string, number]>,
    length: number,
    label: string,
  ): void {
    remove(key)
    if (slots === keys.length) grow()
    const slot = slots++
    keys[slot] = key
    lengths[slot] = length
    labels[slot] = label
    alive[slot] = 1
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
    top(query, avgLength, count) {
      if (scratch.length < slots) {
        scratch = new Float64Array(keys.length)
        touched = new Int32Array(keys.length)
      }
      let matched = 0
      for (const { term, idf } of query) {
        const list = postings.get(term)
        if (list === undefined) continue
        for (let j = 0; j < list.n; j++) {
          const slot = list.slots[j] as number
          if (alive[slot] !== 1) continue
          const score = termScore(idf, list.frequencies[j] as number, lengths[slot] as number, avgLength)
          if (scratch[slot] === 0) touched[matched++] = slot
          scratch[slot] = (scratch[slot] as number) + score
        }
      }
      const best = bestSlots(scratch, touched, matched, count, labels)
      const result: Bm25Top = {
        keys: best.map((s) => keys[s] as number),
        labels: best.map((s) => labels[s] as string),
        scores: best.map((s) => scratch[s] as number),
        matched,
      }
      for (let i = 0; i < matched; i++) scratch[touched[i] as number] = 0
      return result
    },
  }
}

/**
 * The `count` best of the `n` touched slots by score, then label: every slot above the
 * count-th best score, then as many of those tied with it as fit, by label.
 */
function bestSlots(
  scores: Float64Array,
  touched: Int32Array,
  n: number,
  count: number,
  labels: readonly string[],
): number[] {
  const edge = n <= count ? Number.NEGATIVE_INFINITY : kthLargest(scores, touched, n, count)
  const above: number[] = []
  const tied: number[] = []
  for (let i = 0; i < n; i++) {
    const slot = touched[i] as number
    const score = scores[slot] as number
    if (score > edge) above.push(slot)
    else if (score === edge) tied.push(slot)
  }
  const byLabel = (a: number, b: number) => {
    const x = labels[a] as string
    const y = labels[b] as string
    return x < y ? -1 : x > y ? 1 : 0
  }
  tied.sort(byLabel)
  const best = above.concat(tied.slice(0, count - above.length))
  return best.sort((a, b) => (scores[b] as number) - (scores[a] as number) || byLabel(a, b))
}

/** The `k`-th largest score among the touched slots (quickselect over a copy). */
function kthLargest(scores: Float64Array, touched: Int32Array, n: number, k: number): number {
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) values[i] = scores[touched[i] as number] as number
  let lo = 0
  let hi = n - 1
  const target = k - 1
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as number
    let i = lo
    let j = hi
    while (i <= j) {
      while ((values[i] as number) > pivot) i++
      while ((values[j] as number) < pivot) j--
      if (i <= j) {
        const t = values[i] as number
        values[i] = values[j] as number
        values[j] = t
        i++
        j--
      }
    }
    if (target <= j) hi = j
    else if (target >= i) lo = i
    else break
  }
  return values[target] as number
}

function resized<T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size)
  next.set(array.subarray(0, Math.min(array.length, size)))
  return next
}
