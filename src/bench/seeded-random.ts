/** A deterministic source of random numbers: the same seed gives the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  /** One item of a non-empty list, uniformly. */
  pick<T>(list: readonly T[]): T
  /** One item of a non-empty list, the first ones far more often (a Zipf-like skew). */
  skewed<T>(list: readonly T[]): T
}

/**
 * Mixes integers into one 32-bit seed, so that each (corpus seed, user, memory)
 * gets a stream of its own that does not depend on what was drawn before it.
 */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b)
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
    h ^= h >>> 16
  }
  return h >>> 0
}

/**
 * A small, fast generator (mulberry32). Not for anything secret: benchmarks and
 * tests only, where reproducing a corpus from its seed is the point.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    next,
    int,
    pick: (list) => list[int(list.length)] as (typeof list)[number],
    // The square of a uniform draw lands near 0 more often: item i is drawn with
    // probability falling roughly as 1/sqrt(i), like names in a person's life.
    skewed: (list) => list[Math.floor(next() ** 2 * list.length)] as (typeof list)[number],
  }
}
