import { describe, expect, it } from 'vitest'
import { fuseRelevance, minMax } from './relevance.js'

describe('minMax', () => {
  it.each([
    { name: 'spreads scores over [0, 1]', input: [0.2, 0.6, 1.0], want: [0, 0.5, 1] },
    { name: 'maps equal scores to 1', input: [3, 3], want: [1, 1] },
    { name: 'maps a single score to 1', input: [-0.4], want: [1] },
  ])('$name', ({ input, want }) => {
    const scaled = minMax(input.map((score, i) => ({ id: String(i), score })))
    expect([...scaled.values()].map((v) => Number(v.toFixed(6)))).toEqual(want)
  })
})

describe('fuseRelevance', () => {
  it('ranks a memory found by both strategies above one found by either', () => {
    const dense = [
      { id: 'both', score: 0.9 },
      { id: 'dense-only', score: 0.95 },
      { id: 'weak', score: 0.1 },
    ]
    const keyword = [
      { id: 'both', score: 7 },
      { id: 'keyword-only', score: 8 },
      { id: 'weak2', score: 1 },
    ]
    const ranked = fuseRelevance(dense, keyword)
    expect(ranked[0]?.id).toBe('both')
    expect(ranked.map((r) => r.id)).toContain('keyword-only')
  })

  it('follows the weights', () => {
    const dense = [
      { id: 'a', score: 1 },
      { id: 'b', score: 0 },
    ]
    const keyword = [
      { id: 'b', score: 5 },
      { id: 'a', score: 0 },
    ]
    expect(fuseRelevance(dense, keyword, { dense: 0.8, keyword: 0.2 })[0]?.id).toBe('a')
    expect(fuseRelevance(dense, keyword, { dense: 0.2, keyword: 0.8 })[0]?.id).toBe('b')
  })

  it('reports the parts it fused', () => {
    const [top] = fuseRelevance([{ id: 'x', score: 0.3 }], [])
    expect(top).toEqual({ id: 'x', relevance: 0.5, dense: 1, keyword: 0 })
  })
})
