import { describe, expect, it } from 'vitest'
import { createVectorTable } from './vector-table.js'

describe('createVectorTable', () => {
  it('gives the exact cosine distance of each stored vector, growing as keys arrive', () => {
    const table = createVectorTable(3)
    table.set(0, Float32Array.of(1, 0, 0))
    table.set(5000, Float32Array.of(0, 2, 0))
    table.set(1, Float32Array.of(1, 1, 0))
    const query = Float32Array.of(3, 0, 0)
    expect(table.distance(0, query)).toBe(0)
    expect(table.distance(5000, query)).toBe(1)
    expect(table.distance(1, query)).toBeCloseTo(1 - Math.SQRT1_2, 12)
    // Overwritten, not added.
    table.set(1, Float32Array.of(-1, 0, 0))
    expect(table.distance(1, query)).toBe(2)
  })

  it('has no distance for a key it does not hold, or for a zero vector', () => {
    const table = createVectorTable(2)
    table.set(3, Float32Array.of(0, 0))
    expect(table.distance(2, Float32Array.of(1, 0))).toBeNaN()
    expect(table.distance(99, Float32Array.of(1, 0))).toBeNaN()
    expect(table.distance(3, Float32Array.of(1, 0))).toBeNaN()
  })

  it('refuses a vector of another size', () => {
    expect(() => createVectorTable(2).set(0, Float32Array.of(1, 2, 3))).toThrow(RangeError)
  })
})
