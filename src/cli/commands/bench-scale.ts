import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lineChartsSvg } from '../../bench/line-chart-svg.js'
import { duration } from '../../bench/markdown-table.js'
import { DEFAULT_IN_FLIGHT, DEFAULT_WARMUP, runScale } from '../../bench/run-scale.js'
import { scaleCharts, scaleJson, scaleMarkdown, scaleText } from '../../bench/scale-report.js'
import { embedderFromEnv, readEnv } from '../../config.js'
import { type CommandContext, intOption, stringOption, UsageError } from '../command.js'

const PLOT_FILE = 'plot.svg'
const MAX_SIZE = 10_000_000

/** Options `recall bench scale` adds to `recall bench`. */
export const SCALE_OPTIONS = {
  sizes: { type: 'string' },
  queries: { type: 'string' },
  warmup: { type: 'string' },
  'in-flight': { type: 'string' },
  seed: { type: 'string' },
  'large-share': { type: 'string' },
} as const

export const SCALE_USAGE =
  'recall bench scale --sizes 10000,100000 [--queries 200] [--warmup 50] [--in-flight 2] [--seed 1] [--large-share 0.5] [--store URL] [--json] [--out DIR]\n' +
  '  --sizes N,N   corpus sizes (memories), each generated, ingested and searched on a fresh store\n' +
  '  --queries N   searches timed per size in the large scope and across small scopes (default 200)\n' +
  '  --warmup N    untimed searches of each kind before them, other questions (default 50; reported apart)\n' +
  '  --in-flight N  addMany calls of 1,000 memories in flight while ingesting (default 2: the next\n' +
  '                batch is analysed while the store writes the one before)\n' +
  '  --seed N      the corpus seed (default 1)\n' +
  '  --large-share F  the share of each corpus in the one large scope, above 0 and at most 1 (default 0.5;\n' +
  '                1 puts every memory in it, and there are no small scopes to time)'

/** `--sizes 10000,100000` as distinct sizes, ascending. */
function sizes(ctx: CommandContext): number[] {
  const raw = stringOption(ctx, 'sizes', true)
  const list = raw.split(',').map((s) => Number(s.trim()))
  if (list.some((n) => !Number.isInteger(n) || n < 10 || n > MAX_SIZE))
    throw new UsageError(
      `--sizes must be a comma-separated list of integers from 10 to ${MAX_SIZE}, got "${raw}"`,
    )
  return [...new Set(list)].sort((a, b) => a - b)
}

/** `--large-share 0.5`: a fraction above 0 and at most 1. */
function share(ctx: CommandContext): number {
  const raw = stringOption(ctx, 'large-share')
  if (raw === undefined) return 0.5
  const value = Number(raw)
  if (!(value > 0 && value <= 1))
    throw new UsageError(`--large-share must be above 0 and at most 1, got "${raw}"`)
  return value
}

/**
 * `recall bench scale`: ingest throughput, search latency, memory and disk use on a
 * generated corpus of each size. Progress lines go to stderr.
 */
export async function runScaleBench(ctx: CommandContext): Promise<void> {
  const started = performance.now()
  const queries = intOption(ctx, 'queries') ?? 200
  if (queries < 1) throw new UsageError('--queries must be at least 1')
  const warmup = intOption(ctx, 'warmup') ?? DEFAULT_WARMUP
  if (warmup < 0) throw new UsageError('--warmup must be 0 or more')
  const inFlight = intOption(ctx, 'in-flight') ?? DEFAULT_IN_FLIGHT
  if (inFlight < 1) throw new UsageError('--in-flight must be at least 1')
  const seed = intOption(ctx, 'seed') ?? 1
  const list = sizes(ctx)
  const largeShare = share(ctx)
  const dir = await mkdtemp(join(tmpdir(), 'recall-scale-'))
  try {
    const result = await runScale({
      sizes: list,
      seed,
      queries,
      warmup,
      inFlight,
      largeShare,
      dir,
      storeUrl: typeof ctx.values.store === 'string' ? ctx.values.store : undefined,
      embedder: await embedderFromEnv(readEnv(ctx.io.env)),
      onProgress: (line) => ctx.io.stderr.write(`${line}\n`),
    })
    const out = stringOption(ctx, 'out')
    if (out) {
      await mkdir(out, { recursive: true })
      await writeFile(join(out, 'report.md'), scaleMarkdown(result, PLOT_FILE))
      await writeFile(join(out, PLOT_FILE), lineChartsSvg(scaleCharts(result)))
      ctx.io.stderr.write(`Wrote ${join(out, 'report.md')} and ${join(out, PLOT_FILE)}\n`)
    }
    if (ctx.json) return ctx.printJson(scaleJson(result))
    ctx.print(`${scaleText(result)}\n\nWall time: ${duration(performance.now() - started)}`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
