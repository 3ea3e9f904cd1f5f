/**
 * Full-precision vectors by dense integer key, beside an HNSW graph that holds them at
 * 16 bits: the graph finds the neighbours, this gives each its exact distance, without a
 * second read from the database.
 */
export interface VectorTable {
  set(key: number, vector: Float32Array): void
  /** Cosine distance (1 − cosine) between the vector under `key` and `query`; NaN if none is held. */
  distance(key: number, query: Float32Array): number
}

/** A table of `dimensions`-wide vectors that grows as keys arrive. */
export function createVectorTable(dimensions: number): VectorTable {
  let data = new Float32Array(dimensions * 1024)
  let held = new Uint8Array(1024)
  return {
    set(key, vector) {
      if (vector.length !== dimensions)
        throw new RangeError(`expected ${dimensions} dimensions, got ${vector.length}`)
      if (key >= held.length) {
        const capacity = Math.max(key + 1, held.length * 2)
        const grown = new Float32Array(dimensions * capacity)
        grown.set(data)
        data = grown
        const grownHeld = new Uint8Array(capacity)
        grownHeld.set(held)
        held = grownHeld
      }
      data.set(vector, key * dimensions)
      held[key] = 1
    },
    distance(key, query) {
      if (held[key] !== 1) return Number.NaN
      const start = key * dimensions
      let dot = 0
      let stored = 0
      let asked = 0
      for (let i = 0; i < dimensions; i++) {
        const x = data[start + i] as number
        const y = query[i] as number
        dot += x * y
        stored += x * x
        asked += y * y
      }
      // As pgvector: a zero vector has no direction, so no distance.
      return stored === 0 || asked === 0 ? Number.NaN : 1 - dot / Math.sqrt(stored * asked)
    },
  }
}
