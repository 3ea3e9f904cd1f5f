/** One grouped bar chart: for each group (a metric), one bar per series (a system). */
export interface BarChart {
  title: string
  groups: string[]
  /** One value in [0, 1] per group, or null where the figure does not exist. */
  series: { name: string; values: (number | null)[] }[]
}

const WIDTH = 760
const CHART_HEIGHT = 300
const PLOT = { left: 48, right: 16, top: 56, bottom: 40 }
const COLOURS = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#64748b']

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function chartSvg(chart: BarChart, top: number): string[] {
  const plotW = WIDTH - PLOT.left - PLOT.right
  const plotH = CHART_HEIGHT - PLOT.top - PLOT.bottom
  const y0 = top + PLOT.top + plotH
  const y = (v: number) => y0 - Math.min(1, Math.max(0, v)) * plotH
  const groupW = plotW / Math.max(1, chart.groups.length)
  const barW = (groupW * 0.8) / Math.max(1, chart.series.length)
  const out = [`<text x="${PLOT.left}" y="${top + 22}" class="title">${escapeXml(chart.title)}</text>`]
  chart.series.forEach((s, i) => {
    const x = PLOT.left + i * 150
    out.push(
      `<rect x="${x}" y="${top + 32}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/>`,
      `<text x="${x + 14}" y="${top + 41}">${escapeXml(s.name)}</text>`,
    )
  })
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y(tick)}" y2="${y(tick)}" class="grid"/>`,
      `<text x="${PLOT.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick.toFixed(2)}</text>`,
    )
  }
  chart.groups.forEach((group, g) => {
    const gx = PLOT.left + g * groupW + groupW * 0.1
    out.push(`<text x="${gx + groupW * 0.4}" y="${y0 + 18}" text-anchor="middle">${escapeXml(group)}</text>`)
    chart.series.forEach((s, i) => {
      const value = s.values[g]
      if (value === null || value === undefined) return
      const x = gx + i * barW
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(y0 - y(value)).toFixed(1)}" fill="${COLOURS[i % COLOURS.length]}"><title>${escapeXml(`${s.name} ${group}: ${value.toFixed(3)}`)}</title></rect>`,
        `<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(y(value) - 3).toFixed(1)}" text-anchor="middle" class="value">${value.toFixed(2)}</text>`,
      )
    })
  })
  return out
}

/**
 * Grouped bar charts stacked in one self-contained SVG document: no script,
 * no external font or stylesheet, so it renders anywhere, offline.
 */
export function barChartsSvg(charts: readonly BarChart[]): string {
  const height = CHART_HEIGHT * charts.length
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    '<style>.title{font-size:15px;font-weight:600}.grid{stroke:#e5e7eb}.value{font-size:9px;fill:#374151}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...charts.flatMap((chart, i) => chartSvg(chart, i * CHART_HEIGHT)),
    '</svg>',
    '',
  ].join('\n')
}
