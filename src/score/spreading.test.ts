import { describe, expect, it } from 'vitest'
import { evenSources, normaliseSpreading, spreadingActivation } from './spreading.js'

const S = 2
const spread = (fans: Record<string, number>, memoryKeys: string[], learned: Record<string, number> = {}) =>
  spreadingActivation(
    {
      sources: evenSources(Object.keys(fans), 1),
      memoryKeys: new Set(memoryKeys),
      fans: new Map(Object.entries(fans)),
      learned: new Map(Object.entries(learned)),
    },
    S,
  )

describe('spreadingActivation', () => {
  it.each([
    [1, 2],
    [2, 2 - Math.log(2)],
    [5, 2 - Math.log(5)],
    [100, 0],
  ])('with fan %i a linked entity spreads %d (hubs spread less, never below 0)', (fan, want) => {
    expect(spread({ caroline: fan }, ['caroline'])).toBeCloseTo(want, 10)
  })

  it('spreads nothing to a memory that does not mention the entity', () => {
    expect(spread({ caroline: 1 }, ['melanie'])).toBe(0)
  })

  it('divides attention between sources', () => {
    const both = spread({ caroline: 1, pottery: 1 }, ['caroline', 'pottery'])
    const one = spread({ caroline: 1, pottery: 1 }, ['caroline'])
    expect(both).toBeCloseTo(2, 10)
    expect(one).toBeCloseTo(1, 10)
  })

  it('adds learned strength, which feedback can make negative', () => {
    expect(spread({ caroline: 3 }, ['caroline'], { caroline: 1 })).toBeGreaterThan(
      spread({ caroline: 3 }, ['caroline']),
    )
    expect(spread({ caroline: 3 }, ['caroline'], { caroline: -3 })).toBeLessThan(0)
    expect(spread({ caroline: 3 }, [], { caroline: 1 })).toBeCloseTo(1, 10)
  })
})

describe('normaliseSpreading', () => {
  it.each([
    [-1, 0],
    [0, 0],
    [1, 0.5],
    [2, 1],
    [5, 1],
  ])('maps %d to %d', (v, want) => {
    expect(normaliseSpreading(v, S)).toBeCloseTo(want, 10)
  })
})
