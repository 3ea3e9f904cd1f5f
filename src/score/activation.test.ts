import { describe, expect, it } from 'vitest'
import { baseLevelActivation, normaliseActivation } from './activation.js'

const now = new Date('2024-06-01T00:00:00Z')
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString()
const DAY = 86_400
const B = (encodedSecondsAgo: number, accesses: number[] = [], accessCount = accesses.length) =>
  baseLevelActivation(
    { encodedAt: ago(encodedSecondsAgo), accessCount, recentAccesses: accesses.map(ago) },
    now,
    0.5,
  )

describe('baseLevelActivation', () => {
  it('is ln(t^-d) for a memory never retrieved', () => {
    expect(B(100)).toBeCloseTo(Math.log(100 ** -0.5), 10)
  })

  it.each([
    ['an hour', 3600, 'a day', DAY],
    ['a day', DAY, 'a month', 30 * DAY],
    ['a month', 30 * DAY, 'a year', 365 * DAY],
  ])('rises with recency: encoded %s ago beats %s ago', (_a, recent, _b, old) => {
    expect(B(recent)).toBeGreaterThan(B(old))
  })

  it.each([1, 3, 10])('rises with frequency: %i more retrievals beat fewer', (extra) => {
    const base = [DAY, 2 * DAY]
    const more = [...base, ...Array.from({ length: extra }, (_, i) => 3 * DAY + i * 3600)]
    expect(B(10 * DAY, more)).toBeGreaterThan(B(10 * DAY, base))
  })

  it('a recent retrieval revives an old memory', () => {
    expect(B(365 * DAY, [60])).toBeGreaterThan(B(DAY))
  })

  it('approximates retrievals known only by count, close to the exact sum', () => {
    const times = Array.from({ length: 200 }, (_, i) => (i + 1) * 3600)
    const exact = B(300 * 3600, times)
    const approx = B(300 * 3600, times.slice(0, 16), 200)
    expect(Math.abs(approx - exact)).toBeLessThan(0.15)
    expect(approx).toBeGreaterThan(B(300 * 3600, times.slice(0, 16)))
  })

  it('treats a future observation as brand new instead of failing', () => {
    expect(Number.isFinite(B(-DAY))).toBe(true)
    expect(B(-DAY)).toBeCloseTo(0, 10)
  })
})

describe('normaliseActivation', () => {
  it.each([
    [-20, 0],
    [-10, 0],
    [-5, 0.5],
    [0, 1],
    [2, 1],
  ])('maps %d to %d', (b, want) => {
    expect(normaliseActivation(b)).toBeCloseTo(want, 10)
  })
})
