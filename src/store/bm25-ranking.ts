import type { Bm25Ranking, Bm25Top, TermScore, WeightedTerm } from './bm25-index.js'

/** What ranking reads of an index: its postings and per-document arrays, and its scratch space. */
export interface IndexView {
  /** A term's postings, in ascending slot order. */
  postings(term: string): { slots: Int32Array; frequencies: Uint16Array; n: number } | undefined
  alive: Uint8Array
  lengths: Int32Array
  keys: Float64Array
  labels: readonly string[]
  /** Bumped by every change; a ranking of an older generation scores again. */
  generation: number
  termScore: TermScore
  /** Zeroed space as long as the slots, returned zeroed. */
  scratch(): { scores: Float64Array; marks: Uint8Array; touched: Int32Array }
}

// FTS5's k1: a term adds at most idf × (k1 + 1) to a score, whatever its frequency and length.
const K1 = 1.2

/**
 * Scores `query` once, for cuts of any depth, skipping what cannot reach them (MaxScore):
 * the terms whose best possible contributions add up to less than the cut's score are
 * walked only for the documents the other terms found, by binary search in their
 * postings. A stemmed "in" (from "Ines") matched 400,000 of a million memories; it is
 * then read for a few hundred. `skipped` is how many of the weakest terms are left out of
 * the walk; a cut that could reach documents only they match scores again with fewer.
 */
export function rankQuery(
  view: IndexView,
  query: readonly WeightedTerm[],
  avgLength: number,
  skipped = defaultSkipped(query),
): Bm25Ranking {
  const generation = view.generation
  const bound = (t: WeightedTerm) => t.idf * (K1 + 1)
  // Weakest first: the first `skipped` are not walked.
  const byBound = query
    .map((term, i) => ({ term, i }))
    .sort((a, b) => bound(a.term) - bound(b.term) || a.i - b.i)
  const weak = byBound.slice(0, skipped).map((x) => x.term)
  const walked = new Set(byBound.slice(skipped).map((x) => x.i))
  const weakBound = weak.reduce((sum, t) => sum + bound(t), 0)
  const { scores: scratch, marks, touched } = view.scratch()
  // Walked terms in query order, the order FTS5 sums phrases in.
  const n = accumulate(
    view,
    scratch,
    touched,
    query.filter((_, i) => walked.has(i)),
    avgLength,
  )
  const slots = touched.slice(0, n)
  const partial = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const slot = slots[i] as number
    partial[i] = scratch[slot] as number
    scratch[slot] = 0
  }
  let matched: number | null = weak.length === 0 ? n : null
  const again = (count: number) => rankQuery(view, query, avgLength, skipped - 1).best(count)
  return {
    get matched() {
      matched ??= n + countUnscored(view, marks, slots, weak)
      return matched
    },
    best(count) {
      if (view.generation !== generation) return rankQuery(view, query, avgLength, skipped).best(count)
      if (weak.length === 0) return pick(view, slots, partial, count, this.matched)
      if (n < count) return again(count)
      // Only documents within reach of the cut on what was walked can be in it.
      const reach = kthLargest(partial, count) - weakBound
      const candidates: number[] = []
      for (let i = 0; i < n; i++) if ((partial[i] as number) >= reach) candidates.push(i)
      const exact = new Float64Array(candidates.length)
      for (const [c, i] of candidates.entries())
        exact[c] = (partial[i] as number) + weakScore(view, weak, slots[i] as number, avgLength)
      // A document only the weak terms match scores at most `weakBound`.
      if (kthLargest(exact, count) <= weakBound) return again(count)
      return pick(
        view,
        Int32Array.from(candidates, (i) => slots[i] as number),
        exact,
        count,
        () => this.matched,
      )
    },
  }
}

/** Skips the weakest terms whose bounds add up to less than a third of the strongest's. */
function defaultSkipped(query: readonly WeightedTerm[]): number {
  const bounds = query.map((t) => t.idf).sort((a, b) => a - b)
  const strongest = bounds.at(-1) ?? 0
  let sum = 0
  let skipped = 0
  for (const b of bounds.slice(0, -1)) {
    sum += b
    if (sum >= strongest / 3) break
    skipped++
  }
  return skipped
}

function pick(
  view: IndexView,
  slots: Int32Array,
  scores: Float64Array,
  count: number,
  matched: number | (() => number),
): Bm25Top {
  const labelOf = (i: number) => view.labels[slots[i] as number] as string
  const order = bestOf(scores, count, labelOf)
  const result = {
    keys: order.map((i) => view.keys[slots[i] as number] as number),
    labels: order.map(labelOf),
    scores: order.map((i) => scores[i] as number),
    matched: 0,
  }
  // Counting every match costs a walk of the weak terms' postings: only when asked.
  Object.defineProperty(result, 'matched', {
    enumerable: true,
    get: typeof matched === 'number' ? () => matched : matched,
  })
  return result
}

/** Adds each term's score to the live documents it matches; returns how many have a score. */
function accumulate(
  view: IndexView,
  scratch: Float64Array,
  touched: Int32Array,
  terms: readonly WeightedTerm[],
  avgLength: number,
): number {
  let n = 0
  for (const { term, idf } of terms) {
    const list = view.postings(term)
    if (list === undefined) continue
    for (let j = 0; j < list.n; j++) {
      const slot = list.slots[j] as number
      if (view.alive[slot] !== 1) continue
      const score = view.termScore(
        idf,
        list.frequencies[j] as number,
        view.lengths[slot] as number,
        avgLength,
      )
      if (scratch[slot] === 0) touched[n++] = slot
      scratch[slot] = (scratch[slot] as number) + score
    }
  }
  return n
}

/** What the weak terms add to one document, each found by binary search in its postings. */
function weakScore(view: IndexView, weak: readonly WeightedTerm[], slot: number, avgLength: number): number {
  let sum = 0
  for (const { term, idf } of weak) {
    const list = view.postings(term)
    if (list === undefined) continue
    let lo = 0
    let hi = list.n - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const at = list.slots[mid] as number
      if (at < slot) lo = mid + 1
      else if (at > slot) hi = mid - 1
      else {
        sum += view.termScore(idf, list.frequencies[mid] as number, view.lengths[slot] as number, avgLength)
        break
      }
    }
  }
  return sum
}

/** How many live documents the weak terms match that the walked ones did not (`slots`); marks come back cleared. */
function countUnscored(view: IndexView, marks: Uint8Array, slots: Int32Array, weak: readonly WeightedTerm[]) {
  for (const slot of slots) marks[slot] = 1
  const seen: number[] = []
  for (const { term } of weak) {
    const list = view.postings(term)
    if (list === undefined) continue
    for (let j = 0; j < list.n; j++) {
      const slot = list.slots[j] as number
      if (view.alive[slot] !== 1 || marks[slot] === 1) continue
      marks[slot] = 1
      seen.push(slot)
    }
  }
  for (const slot of slots) marks[slot] = 0
  for (const slot of seen) marks[slot] = 0
  return seen.length
}

/**
 * The indices of the `count` best scores, best first, equal scores by label: every score
 * above the count-th best, then as many of those tied with it as fit, by label.
 */
function bestOf(scores: Float64Array, count: number, labelOf: (i: number) => string): number[] {
  const n = scores.length
  const edge = n <= count ? Number.NEGATIVE_INFINITY : kthLargest(scores, count)
  const above: number[] = []
  const tied: number[] = []
  for (let i = 0; i < n; i++) {
    const score = scores[i] as number
    if (score > edge) above.push(i)
    else if (score === edge) tied.push(i)
  }
  const byLabel = (a: number, b: number) => {
    const x = labelOf(a)
    const y = labelOf(b)
    return x < y ? -1 : x > y ? 1 : 0
  }
  // A template repeated across thousands of memories ties thousands of them: pick the few
  // that fit by label without sorting all the rest.
  const best = above.concat(selectSmallest(tied, count - above.length, byLabel))
  return best.sort((a, b) => (scores[b] as number) - (scores[a] as number) || byLabel(a, b))
}

/** The `k` smallest items by `compare`, in no particular order (quickselect on a copy). */
export function selectSmallest<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return []
  if (items.length <= k) return [...items]
  const values = [...items]
  let lo = 0
  let hi = values.length - 1
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as T
    let i = lo
    let j = hi
    while (i <= j) {
      while (compare(values[i] as T, pivot) < 0) i++
      while (compare(values[j] as T, pivot) > 0) j--
      if (i <= j) {
        const t = values[i] as T
        values[i] = values[j] as T
        values[j] = t
        i++
        j--
      }
    }
    if (k - 1 <= j) hi = j
    else if (k - 1 >= i) lo = i
    else break
  }
  return values.slice(0, k)
}

/** The `k`-th largest of `scores` (quickselect over a copy); −∞ when there are fewer. */
function kthLargest(scores: Float64Array, k: number): number {
  if (scores.length < k) return Number.NEGATIVE_INFINITY
  const values = Float64Array.from(scores)
  let lo = 0
  let hi = values.length - 1
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
