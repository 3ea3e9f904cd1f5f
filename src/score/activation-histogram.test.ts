import { describe, expect, it } from 'vitest'
import { activationBucket, activationHistogram } from './activation-histogram.js'

const now = new Date('2024-06-01T00:00:00Z')
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString()
const DAY = 86_400
const history = (encodedSecondsAgo: number, accesses: number[] = [], accessCount = accesses.length) => ({
  encodedAt: ago(encodedSecondsAgo),
  accessCount,
  recentAccesses: accesses.map(ago),
})

describe('activationBucket', () => {
  it.each([
    [0, 0],
    [-0.5, 0],
    [0.0999, 0],
    [0.1, 1],
    [0.55, 5],
    [0.95, 9],
    [1, 9],
    [1.5, 9],
  ])('puts %d in bucket %i', (normalised, bucket) => {
    expect(activationBucket(normalised)).toBe(bucket)
  })
})

describe('activationHistogram', () => {
  it('puts a memory in the bucket of its base-level activation, one unit of B each', async () => {
    // B = ln(t^-0.5) for a memory never retrieved: t = e^(-2B) seconds.
    const encodedAt = (b: number) => Math.exp(-2 * b)
    const counts = await activationHistogram([[history(encodedAt(-9.5)), history(encodedAt(-4.5))]], now, 0.5)
    expect(counts).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0])
  })

  it('ranks used memories above untouched ones of the same age, and counts every batch', async () => {
    const untouched = history(10 * 365 * DAY)
    const usedOften = history(10 * 365 * DAY, [60, 3600, DAY, 2 * DAY, 3 * DAY], 40)
    const usedOnceLongAgo = history(10 * 365 * DAY, [30 * DAY])
    async function* batches() {
      yield [untouched, untouched]
      yield [usedOften]
      yield [usedOnceLongAgo]
    }
    // B ≈ −9.8, −7.3 and −1.8: buckets 0, 2 and 8.
    expect(await activationHistogram(batches(), now, 0.5)).toEqual([2, 0, 1, 0, 0, 0, 0, 0, 1, 0])
  })

  it('counts a memory observed in the future as brand new, and an empty store as zeros', async () => {
    expect(await activationHistogram([[history(-DAY)]], now, 0.5)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect(await activationHistogram([], now, 0.5)).toEqual(new Array(10).fill(0))
  })
})
