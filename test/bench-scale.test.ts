import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { runScale } from '../src/bench/run-scale.js'
import { createLocalEmbedder } from '../src/embed/local/local-embedder.js'
import { runRecall, tempDir } from './helpers.js'
import { postgresUrl } from './postgres-helpers.js'

const url = await postgresUrl()

interface Latency {
  p50: number
  p95: number
  p99: number
}

const ordered = (l: Latency) => l.p50 > 0 && l.p50 <= l.p95 && l.p95 <= l.p99

describe('recall bench scale', () => {
  it('generates, ingests and searches each size, and writes a report with plots', {
    timeout: 120_000,
  }, async () => {
    const out = await tempDir('recall-scale-out-')
    const run = await runRecall([
      'bench',
      'scale',
      '--sizes',
      '500,200',
      '--queries',
      '5',
      '--warmup',
      '3',
      '--in-flight',
      '3',
      '--json',
      '--out',
      out,
    ])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.out)
    expect(result).toMatchObject({
      benchmark: 'scale',
      store: 'sqlite',
      seed: 1,
      queries: 5,
      warmup: 3,
      batch: 1000,
      inFlight: 3,
    })
    expect(result.sizes.map((s: { size: number }) => s.size)).toEqual([200, 500])
    for (const [i, row] of result.sizes.entries()) {
      expect(row.largeScope).toBe([100, 250][i])
      expect(row.smallScopes).toBe([1, 2][i])
      expect(row.ingestPerSecond).toBeGreaterThan(0)
      expect(ordered(row.largeScopeLatencyMs)).toBe(true)
      expect(ordered(row.smallScopesLatencyMs)).toBe(true)
      expect(ordered(row.warmupLargeScopeLatencyMs)).toBe(true)
      expect(row.rssBytes).toBeGreaterThan(10 * 1024 * 1024)
      expect(row.peakRssBytes).toBeGreaterThanOrEqual(row.rssBytes)
      expect(row.diskBytes).toBeGreaterThan(0)
      // Scopes this small are searched exactly.
      expect(row.index).toBeNull()
    }
    expect(run.err).toContain('size 200: 100 memories in one scope, 1 small scopes')
    const report = await readFile(join(out, 'report.md'), 'utf8')
    expect(report).toContain('# Scale benchmark')
    expect(report).toContain('after 3 untimed ones')
    expect(report).toContain('ingested with addMany in batches of 1,000, 3 in flight;')
    expect(report).toContain('The 3 warm-up searches of the large scope, not in the table: 200: p50')
    expect(report).toContain('![latency and memory against corpus size](plot.svg)')
    const svg = await readFile(join(out, 'plot.svg'), 'utf8')
    expect(svg.match(/<polyline /g)).toHaveLength(4)
  })

  it('reports the approximate index against exact search when the large scope is indexed', {
    timeout: 120_000,
  }, async () => {
    const result = await runScale({
      sizes: [600],
      queries: 20,
      dir: await tempDir('recall-scale-'),
      embedder: await createLocalEmbedder(),
      minScopeSize: 100,
    })
    const [row] = result.rows
    expect(row?.largeScope).toBe(300)
    expect(row?.index?.queries).toBe(20)
    expect(row?.index?.recallAt10).toBeGreaterThanOrEqual(0.98)
    expect(row?.index?.recallAt100).toBeGreaterThanOrEqual(0.9)
  })

  it('stores the same memories with batches in flight as with one batch at a time', {
    timeout: 120_000,
  }, async () => {
    const run = async (inFlight: number) =>
      runScale({
        sizes: [600],
        queries: 2,
        warmup: 0,
        batch: 50,
        inFlight,
        dir: await tempDir('recall-scale-'),
        embedder: await createLocalEmbedder(),
      })
    const [one, four] = [await run(1), await run(4)]
    expect(four.inFlight).toBe(4)
    expect(four.rows[0]?.stored).toEqual(one.rows[0]?.stored)
    // A few notes restate or contradict earlier ones: both runs settled them alike.
    expect(one.rows[0]?.stored.memories).toBeGreaterThan(500)
    expect(one.rows[0]?.stored.memories).toBeLessThan(600)
    expect(one.rows[0]?.stored.active).toBeLessThan(one.rows[0]?.stored.memories as number)
  })

  it('puts the whole corpus in one scope with --large-share 1, and times no small scopes', {
    timeout: 120_000,
  }, async () => {
    const run = await runRecall([
      'bench',
      'scale',
      '--sizes',
      '300',
      '--queries',
      '5',
      '--large-share',
      '1',
      '--json',
    ])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.out)
    expect(result.largeShare).toBe(1)
    expect(result.sizes[0]).toMatchObject({
      size: 300,
      largeScope: 300,
      smallScopes: 0,
      smallScopesLatencyMs: null,
    })
    expect(ordered(result.sizes[0].largeScopeLatencyMs)).toBe(true)
    const text = await runRecall(['bench', 'scale', '--sizes', '300', '--queries', '5', '--large-share', '1'])
    expect(text.out).toContain("all of each size in one user's scope;")
  })

  it.each([
    { args: ['bench', 'scale', '--sizes', '100', '--large-share', '0'], message: '--large-share must be' },
    { args: ['bench', 'scale', '--sizes', '100', '--large-share', '1.5'], message: '--large-share must be' },
    { args: ['bench', 'scale'], message: '--sizes is required' },
    { args: ['bench', 'scale', '--sizes', '100,abc'], message: '--sizes must be' },
    { args: ['bench', 'scale', '--sizes', '5'], message: '--sizes must be' },
    { args: ['bench', 'scale', '--sizes', '100', '--queries', '0'], message: '--queries must be at least 1' },
    { args: ['bench', 'scale', '--sizes', '100', '--warmup=-1'], message: '--warmup must be 0 or more' },
    {
      args: ['bench', 'scale', '--sizes', '100', '--in-flight', '0'],
      message: '--in-flight must be at least 1',
    },
  ])('$args is a usage error', async ({ args, message }) => {
    const run = await runRecall(args)
    expect(run.code).toBe(2)
    expect(run.err).toContain(message)
  })

  it.skipIf(url === null)(
    `runs on PostgreSQL with --store, in a schema of its own that it drops afterwards${url === null ? ' (skipped: set POSTGRES_URL)' : ''}`,
    { timeout: 120_000 },
    async () => {
      const schemas = async () => {
        const client = new pg.Client({ connectionString: url as string })
        await client.connect()
        try {
          const rows = await client.query(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench_scale_%'",
          )
          return rows.rows.map((r: { nspname: string }) => r.nspname)
        } finally {
          await client.end()
        }
      }
      const before = await schemas()
      const run = await runRecall([
        'bench',
        'scale',
        '--sizes',
        '200',
        '--queries',
        '3',
        '--json',
        '--store',
        url as string,
      ])
      expect(run.code).toBe(0)
      const result = JSON.parse(run.out)
      expect(result.store).toBe('postgres')
      expect(result.sizes[0]).toMatchObject({ size: 200, largeScope: 100, index: null })
      expect(result.sizes[0].largeScopeLatencyMs.p50).toBeGreaterThan(0)
      expect(await schemas()).toEqual(before)
    },
  )
})
