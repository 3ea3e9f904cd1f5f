import { describe, expect, it } from 'vitest'
import { mean, ndcgAnyAtK, ndcgAtK, percentile, recallAllAtK, recallAnyAtK, recallAtK } from './metrics.js'

const gold = new Set(['a', 'b'])
const close = (n: number) => Number(n.toFixed(6))

describe('recall', () => {
  it.each([
    { ranked: ['a', 'x', 'b'], k: 1, recall: 0.5, any: 1, all: 0 },
    { ranked: ['a', 'x', 'b'], k: 2, recall: 0.5, any: 1, all: 0 },
    { ranked: ['a', 'x', 'b'], k: 3, recall: 1, any: 1, all: 1 },
    { ranked: ['x', 'y'], k: 10, recall: 0, any: 0, all: 0 },
    { ranked: [], k: 5, recall: 0, any: 0, all: 0 },
    { ranked: ['a', 'a', 'a'], k: 3, recall: 0.5, any: 1, all: 0 },
  ])('$ranked at $k', ({ ranked, k, recall, any, all }) => {
    expect(recallAtK(ranked, gold, k)).toBe(recall)
    expect(recallAnyAtK(ranked, gold, k)).toBe(any)
    expect(recallAllAtK(ranked, gold, k)).toBe(all)
  })

  it('refuses a question without gold ids rather than scoring it', () => {
    expect(() => recallAtK(['a'], new Set(), 5)).toThrow(RangeError)
  })
})

describe('ndcgAtK', () => {
  it.each([
    { name: 'perfect ranking', ranked: ['a', 'b', 'x'], k: 10, want: 1 },
    { name: 'nothing relevant', ranked: ['x', 'y'], k: 10, want: 0 },
    // one of one gold at position 2: 1/log2(3)
    { name: 'single gold second', ranked: ['x', 'a'], k: 10, gold: ['a'], want: 1 / Math.log2(3) },
    // gold a, b at 1 and 3 over ideal 1 + 1/log2(3)
    {
      name: 'gaps are discounted',
      ranked: ['a', 'x', 'b'],
      k: 10,
      want: (1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)),
    },
    { name: 'the ideal is capped at k', ranked: ['a'], k: 1, want: 1 },
    { name: 'repeats count once', ranked: ['a', 'a'], k: 10, want: 1 / (1 + 1 / Math.log2(3)) },
  ])('$name', ({ ranked, k, gold: g, want }) => {
    expect(close(ndcgAtK(ranked, new Set(g ?? gold), k))).toBe(close(want))
  })
})

describe('ndcgAnyAtK (LongMemEval)', () => {
  it('weighs the first two positions alike, as the official code does', () => {
    const g = new Set(['a'])
    expect(ndcgAnyAtK(['x', 'a'], g, 10)).toBe(1)
    expect(close(ndcgAnyAtK(['x', 'y', 'a'], g, 10))).toBe(close(1 / Math.log2(3)))
    expect(ndcgAnyAtK(['x', 'a'], g, 1)).toBe(0)
  })

  it('normalises by the ideal ranking of all gold ids', () => {
    // relevances [1, 0, 1]: dcg 1 + 0 + 1/log2(3); ideal [1, 1]: 1 + 1
    expect(close(ndcgAnyAtK(['a', 'x', 'b'], gold, 10))).toBe(close((1 + 1 / Math.log2(3)) / 2))
  })
})

describe('mean and percentile', () => {
  it('averages, and gives 0 for nothing', () => {
    expect(mean([1, 2, 3, 6])).toBe(3)
    expect(mean([])).toBe(0)
  })

  it.each([
    { p: 50, want: 5 },
    { p: 95, want: 10 },
    { p: 100, want: 10 },
    { p: 0, want: 1 },
  ])('p$p of 1..10 is $want (nearest rank)', ({ p, want }) => {
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], p)).toBe(want)
  })
})
