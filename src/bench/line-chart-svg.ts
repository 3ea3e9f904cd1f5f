/** One line chart: a value per x for each series, x on a log scale (corpus sizes). */
export interface LineChart {
  title: string
  /** Unit shown after the y-axis values, e.g. `ms` or `MB`. */
  unit: string
  x: number[]
  series: { name: string; values: (number | null)[] }[]
}

const WIDTH = 760
const HEIGHT = 320
const PLOT = { left: 64, right: 24, top: 56, bottom: 44 }
const COLOURS = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#64748b']

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const compact = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n))

/** A round upper bound for the y axis: 1, 2 or 5 times a power of ten. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power
}

function chartSvg(chart: LineChart, top: number): string[] {
  const plotW = WIDTH - PLOT.left - PLOT.right
  const plotH = HEIGHT - PLOT.top - PLOT.bottom
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  const yMax = niceCeiling(Math.max(0, ...values))
  const logs = chart.x.map((x) => Math.log10(Math.max(1, x)))
  const [lo, hi] = [Math.min(...logs), Math.max(...logs)]
  const px = (i: number) =>
    PLOT.left + (hi === lo ? plotW / 2 : (((logs[i] as number) - lo) / (hi - lo)) * plotW)
  const py = (v: number) => top + PLOT.top + plotH - (v / yMax) * plotH
  const out = [`<text x="${PLOT.left}" y="${top + 22}" class="title">${escapeXml(chart.title)}</text>`]
  chart.series.forEach((s, i) => {
    const x = PLOT.left + i * 170
    out.push(
      `<rect x="${x}" y="${top + 32}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/>`,
      `<text x="${x + 14}" y="${top + 41}">${escapeXml(s.name)}</text>`,
    )
  })
  for (let t = 0; t <= 4; t++) {
    const v = (yMax * t) / 4
    out.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${py(v)}" y2="${py(v)}" class="grid"/>`,
      `<text x="${PLOT.left - 6}" y="${py(v) + 4}" text-anchor="end">${Number(v.toPrecision(3))} ${escapeXml(chart.unit)}</text>`,
    )
  }
  chart.x.forEach((x, i) => {
    out.push(
      `<text x="${px(i)}" y="${top + PLOT.top + plotH + 18}" text-anchor="middle">${compact(x)}</text>`,
    )
  })
  chart.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]
    const points = s.values.flatMap((v, j) => (v === null ? [] : [[px(j), py(v), v] as const]))
    if (points.length > 1)
      out.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`,
      )
    for (const [x, y, v] of points)
      out.push(
        `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="${colour}"><title>${escapeXml(`${s.name}: ${v.toFixed(1)} ${chart.unit}`)}</title></circle>`,
      )
  })
  return out
}

/**
 * Line charts stacked in one self-contained SVG document (no script, font or
 * stylesheet from elsewhere), e.g. latency and memory against corpus size.
 */
export function lineChartsSvg(charts: readonly LineChart[]): string {
  const height = HEIGHT * charts.length
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    '<style>.title{font-size:15px;font-weight:600}.grid{stroke:#e5e7eb}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...charts.flatMap((chart, i) => chartSvg(chart, i * HEIGHT)),
    '</svg>',
    '',
  ].join('\n')
}
