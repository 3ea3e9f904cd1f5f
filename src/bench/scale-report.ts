import type { LineChart } from './line-chart-svg.js'
import { duration, markdownTable, round, score } from './markdown-table.js'
import type { ScaleResult, ScaleRow } from './run-scale.js'

const MB = 1024 * 1024

const perSecond = (row: ScaleRow) => row.size / (row.ingestMs / 1000)
const megabytes = (bytes: number | null) => (bytes === null ? '–' : `${Math.round(bytes / MB)} MB`)

/** The `--json` output. */
export function scaleJson(result: ScaleResult) {
  return {
    benchmark: 'scale',
    store: result.store,
    seed: result.seed,
    largeShare: result.largeShare,
    queries: result.queries,
    warmup: result.warmup,
    batch: result.batch,
    inFlight: result.inFlight,
    sizes: result.rows.map((row) => ({
      size: row.size,
      largeScope: row.largeScope,
      smallScopes: row.smallScopes,
      ingestMs: round(row.ingestMs, 1),
      ingestPerSecond: Math.round(perSecond(row)),
      stored: row.stored,
      firstSearchMs: round(row.firstSearchMs, 1),
      warmupLargeScopeLatencyMs: latencyJson(row.warmupLarge),
      largeScopeLatencyMs: latencyJson(row.large),
      smallScopesLatencyMs: latencyJson(row.small),
      rssBytes: row.rssBytes,
      peakRssBytes: row.peakRssBytes,
      diskBytes: row.diskBytes,
      index: row.index && {
        recallAt10: round(row.index.recallAt10),
        recallAt100: round(row.index.recallAt100),
        queries: row.index.queries,
      },
    })),
  }
}

function latencyJson(l: ScaleRow['small' | 'warmupLarge']) {
  return l && { p50: round(l.p50, 2), p95: round(l.p95, 2), p99: round(l.p99, 2) }
}

const ms = (value: number | undefined) => (value === undefined ? '–' : duration(value))

/** The human-readable result: one table, a row per size. */
export function scaleText(result: ScaleResult): string {
  const table = markdownTable(
    [
      'memories',
      'large scope',
      'ingest',
      'ingest/s',
      'large p50',
      'large p95',
      'large p99',
      'small p50',
      'small p95',
      'small p99',
      'RSS',
      'peak RSS',
      'disk',
      'index R@10',
    ],
    result.rows.map((row) => [
      row.size.toLocaleString('en-US'),
      row.largeScope.toLocaleString('en-US'),
      duration(row.ingestMs),
      String(Math.round(perSecond(row))),
      duration(row.large.p50),
      duration(row.large.p95),
      duration(row.large.p99),
      ms(row.small?.p50),
      ms(row.small?.p95),
      ms(row.small?.p99),
      megabytes(row.rssBytes),
      megabytes(row.peakRssBytes),
      megabytes(row.diskBytes),
      row.index ? score(row.index.recallAt10) : result.store === 'sqlite' ? 'exact' : '–',
    ]),
  )
  const share =
    result.largeShare === 1 ? 'all of each size' : `${Math.round(result.largeShare * 100)}% of each size`
  const rest = result.largeShare === 1 ? '' : ' and the rest in scopes of ~200 memories'
  return [
    `Scale on ${result.store}: generated corpus (seed ${result.seed}), ${share} in one user's scope${rest};`,
    `ingested with addMany in batches of ${result.batch.toLocaleString('en-US')}, ${result.inFlight} in flight;`,
    `${result.queries} searches of each kind, limit 10, full ranking, after ${result.warmup} untimed ones.`,
    '',
    table,
  ].join('\n')
}

/** The Markdown report, with the plot file beside it. */
export function scaleMarkdown(result: ScaleResult, plotFile: string): string {
  const indexRows = result.rows.filter((row) => row.index !== null)
  return [
    '# Scale benchmark',
    '',
    scaleText(result),
    '',
    `First search of the large scope (loads or builds its index): ${result.rows.map((r) => `${r.size.toLocaleString('en-US')}: ${duration(r.firstSearchMs)}`).join(', ')}.`,
    ...warmupLine(result),
    indexRows.length > 0
      ? `Approximate index against exact search in the large scope: ${indexRows.map((r) => `${r.size.toLocaleString('en-US')}: recall@10 ${score(r.index?.recallAt10)}, recall@100 ${score(r.index?.recallAt100)}`).join('; ')}.`
      : 'Every scope was small enough to be searched exactly.',
    '',
    `![latency and memory against corpus size](${plotFile})`,
    '',
  ].join('\n')
}

function warmupLine(result: ScaleResult): string[] {
  if (result.warmup === 0) return []
  const rows = result.rows.map((r) =>
    r.warmupLarge === null
      ? ''
      : `${r.size.toLocaleString('en-US')}: p50 ${duration(r.warmupLarge.p50)}, p95 ${duration(r.warmupLarge.p95)}`,
  )
  return [`The ${result.warmup} warm-up searches of the large scope, not in the table: ${rows.join('; ')}.`]
}

/** Charts for the plot file: search latency and memory against corpus size. */
export function scaleCharts(result: ScaleResult): LineChart[] {
  const x = result.rows.map((row) => row.size)
  return [
    {
      title: 'Search latency (p95) against corpus size',
      unit: 'ms',
      x,
      series: [
        { name: 'one large scope', values: result.rows.map((row) => row.large.p95) },
        { name: 'many small scopes', values: result.rows.map((row) => row.small?.p95 ?? null) },
      ],
    },
    {
      title: 'Memory against corpus size',
      unit: 'MB',
      x,
      series: [
        { name: 'resident (RSS)', values: result.rows.map((row) => row.rssBytes / MB) },
        {
          name: 'on disk',
          values: result.rows.map((row) => (row.diskBytes === null ? null : row.diskBytes / MB)),
        },
      ],
    },
  ]
}
