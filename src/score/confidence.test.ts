import { describe, expect, it } from 'vitest'
import { confidenceMultiplier } from './confidence.js'

describe('confidenceMultiplier', () => {
  it.each([
    [5, 0.2, 1],
    [10, 0.2, 1.2],
    [0, 0.2, 0.8],
    [7.5, 0.2, 1.1],
    [12, 0.2, 1.2],
    [10, 0, 1],
  ])('confidence %d with weight %d multiplies by %d', (c, w, want) => {
    expect(confidenceMultiplier(c, w)).toBeCloseTo(want, 10)
  })
})
