import { describe, expect, it } from 'vitest'
import { mixSeed, seededRandom } from './seeded-random.js'

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const draws = Array.from({ length: 1000 }, () => a.next())
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(draws)
    for (const d of draws) expect(d >= 0 && d < 1).toBe(true)
    const ints = seededRandom(1)
    for (let i = 0; i < 1000; i++) expect(ints.int(7)).toBeLessThan(7)
  })

  it('spreads uniform picks evenly and skews skewed picks to the front', () => {
    const rng = seededRandom(7)
    const list = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    const uniform = new Array(10).fill(0)
    const skewed = new Array(10).fill(0)
    for (let i = 0; i < 20_000; i++) {
      uniform[rng.pick(list)]++
      skewed[rng.skewed(list)]++
    }
    for (const n of uniform) expect(n).toBeGreaterThan(1700)
    expect(skewed[0]).toBeGreaterThan(3 * skewed[9])
  })

  it('mixes seeds so that neighbouring parts give unrelated streams', () => {
    expect(mixSeed(1, 2, 3)).toBe(mixSeed(1, 2, 3))
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => mixSeed(1, i)))
    expect(seeds.size).toBe(1000)
    expect(seededRandom(mixSeed(1, 0)).next()).not.toBe(seededRandom(mixSeed(1, 1)).next())
  })
})
