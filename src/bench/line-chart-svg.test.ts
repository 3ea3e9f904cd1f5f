import { describe, expect, it } from 'vitest'
import { lineChartsSvg, niceCeiling } from './line-chart-svg.js'

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [0.3, 0.5],
    [1, 1],
    [7, 10],
    [12, 20],
    [45, 50],
    [101, 200],
    [999, 1000],
  ])('%d -> %d', (max, ceiling) => expect(niceCeiling(max)).toBeCloseTo(ceiling, 10))
})

describe('lineChartsSvg', () => {
  it('draws one line per series through its points, skipping missing values', () => {
    const svg = lineChartsSvg([
      {
        title: 'Latency <p95>',
        unit: 'ms',
        x: [10_000, 100_000, 1_000_000],
        series: [
          { name: 'large', values: [5, 10, 40] },
          { name: 'small', values: [3, null, 4] },
        ],
      },
    ])
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).toContain('Latency &#60;p95&#62;')
    expect(svg.match(/<polyline /g)).toHaveLength(2)
    expect(svg.match(/<circle /g)).toHaveLength(5)
    for (const label of ['10k', '100k', '1M', '50 ms']) expect(svg).toContain(`>${label}<`)
    expect(svg).not.toMatch(/NaN|undefined/)
  })
})
