import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { compareCharts, compareJson, compareMarkdown, compareText } from '../../bench/compare-report.js'
import { loadLocomo } from '../../bench/locomo.js'
import { locomoCharts, locomoJson, locomoMarkdown, locomoText } from '../../bench/locomo-report.js'
import { loadLongMemEval } from '../../bench/longmemeval.js'
import {
  longMemEvalCharts,
  longMemEvalJson,
  longMemEvalMarkdown,
  longMemEvalText,
} from '../../bench/longmemeval-report.js'
import { duration } from '../../bench/markdown-table.js'
import { barChartsSvg } from '../../bench/plot-svg.js'
import { runCompare } from '../../bench/run-compare.js'
import { type LocomoIngest, runLocomo } from '../../bench/run-locomo.js'
import { runLongMemEval } from '../../bench/run-longmemeval.js'
import type { BenchProgress } from '../../bench/run-systems.js'
import { embedderFromEnv, readEnv } from '../../config.js'
import { type Command, type CommandContext, intOption, stringOption, UsageError } from '../command.js'
import { progressReporter } from '../format.js'
import { runScaleBench, SCALE_OPTIONS, SCALE_USAGE } from './bench-scale.js'

const DATASETS = ['locomo', 'longmemeval', 'compare'] as const
const PLOT_FILE = 'plot.svg'

/** `--k 5,10,20` as distinct cut-offs that `search` can serve (1-100); undefined when not given. */
function cutoffs(ctx: CommandContext): number[] | undefined {
  const raw = stringOption(ctx, 'k')
  if (raw === undefined) return undefined
  const ks = raw.split(',').map((s) => Number(s.trim()))
  if (ks.some((k) => !Number.isInteger(k) || k < 1 || k > 100))
    throw new UsageError(`--k must be a comma-separated list of integers from 1 to 100, got "${raw}"`)
  return [...new Set(ks)]
}

/** Progress per system on stderr, only when it is a terminal (see `progressReporter`). */
function progress(ctx: CommandContext): { update: BenchProgress; end(): void } {
  let label = ''
  let reporter: ReturnType<typeof progressReporter> | undefined
  return {
    update(next, done, total) {
      if (next !== label) {
        reporter?.end()
        label = next
        reporter = progressReporter(ctx.io, `${next} (${total} questions)`)
      }
      reporter?.update(done)
    },
    end: () => reporter?.end(),
  }
}

interface Report {
  json: unknown
  text: string
  markdown: string
  svg: string
}

interface BenchRequest {
  dataset: (typeof DATASETS)[number]
  data: string
  ks: number[] | undefined
  limit: number | undefined
  ingest: LocomoIngest
  consolidate: boolean
}

async function bench(
  ctx: CommandContext,
  { dataset, data, ks, limit, ingest, consolidate }: BenchRequest,
): Promise<Report> {
  const embedder = () => embedderFromEnv(readEnv(ctx.io.env))
  const shown = progress(ctx)
  try {
    if (dataset === 'compare') {
      const conversations = (await loadLocomo(data)).slice(0, limit)
      const result = await runCompare({
        conversations,
        ks,
        embedder: await embedder(),
        onProgress: shown.update,
      })
      return {
        json: compareJson(result),
        text: compareText(result),
        markdown: compareMarkdown(result, PLOT_FILE),
        svg: barChartsSvg(compareCharts(result)),
      }
    }
    if (dataset === 'locomo') {
      const conversations = (await loadLocomo(data)).slice(0, limit)
      const result = await runLocomo({
        conversations,
        ks,
        ingest,
        consolidate,
        storeUrl: typeof ctx.values.store === 'string' ? ctx.values.store : undefined,
        embedder: await embedder(),
        onProgress: shown.update,
      })
      return {
        json: locomoJson(result),
        text: locomoText(result),
        markdown: locomoMarkdown(result, PLOT_FILE),
        svg: barChartsSvg(locomoCharts(result)),
      }
    }
    const set = await loadLongMemEval(data, { limit })
    const result = await runLongMemEval({ set, ks, embedder: await embedder(), onProgress: shown.update })
    return {
      json: longMemEvalJson(result),
      text: longMemEvalText(result),
      markdown: longMemEvalMarkdown(result, PLOT_FILE),
      svg: barChartsSvg(longMemEvalCharts(result)),
    }
  } finally {
    shown.end()
  }
}

/**
 * `recall bench`: retrieval figures on a public benchmark for adaptive-recall and
 * its BM25 and dense baselines. A command that prints figures, not a test.
 */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'Measure retrieval on LoCoMo or LongMemEval against BM25 and dense baselines, or speed at scale',
  usage:
    'recall bench <locomo|longmemeval> --data PATH [--json] [--k 5,10,20] [--out DIR] [--limit-conversations N]\n' +
    '  --k                      cut-offs (default 5,10,20 for LoCoMo; 1,3,5,10,30,50 for LongMemEval)\n' +
    '  --out DIR                also write DIR/report.md, DIR/plot.svg and DIR/plot.html\n' +
    '  --limit-conversations N  only the first N conversations (LongMemEval: the first N questions)\n' +
    '  --ingest turns|messages  LoCoMo: one memory per turn (default), or each session through add({ messages })\n' +
    '  --consolidate            LoCoMo: run consolidate() on each conversation before its questions\n' +
    '  --store URL              LoCoMo: on PostgreSQL (a fresh schema per system) instead of in-memory SQLite\n' +
    'recall bench compare --data LOCOMO.json [--json] [--k 5,10,20] [--out DIR] [--limit-conversations N]\n' +
    '  Adaptive Recall vs mem0 (the mem0ai dev dependency, infer: false) on LoCoMo: recall, ingest, search latency\n' +
    SCALE_USAGE,
  options: {
    data: { type: 'string' },
    k: { type: 'string' },
    out: { type: 'string' },
    'limit-conversations': { type: 'string' },
    ingest: { type: 'string' },
    consolidate: { type: 'boolean' },
    ...SCALE_OPTIONS,
  },
  async run(ctx) {
    if (ctx.positionals[0] === 'scale' && ctx.positionals.length === 1) return runScaleBench(ctx)
    const [dataset, extra] = ctx.positionals
    if (!DATASETS.includes(dataset as never) || extra !== undefined)
      throw new UsageError(`expected one dataset: ${DATASETS.join(' or ')}, or scale`)
    const data = stringOption(ctx, 'data', true)
    const ks = cutoffs(ctx)
    const limit = intOption(ctx, 'limit-conversations')
    if (limit !== undefined && limit < 1) throw new UsageError('--limit-conversations must be at least 1')
    const ingest = stringOption(ctx, 'ingest') ?? 'turns'
    if (ingest !== 'turns' && ingest !== 'messages')
      throw new UsageError('--ingest must be turns or messages')
    const started = performance.now()
    const consolidate = ctx.values.consolidate === true
    const report = await bench(ctx, {
      dataset: dataset as BenchRequest['dataset'],
      data,
      ks,
      limit,
      ingest,
      consolidate,
    })
    const out = stringOption(ctx, 'out')
    if (out) {
      await mkdir(out, { recursive: true })
      await writeFile(join(out, 'report.md'), report.markdown)
      await writeFile(join(out, PLOT_FILE), report.svg)
      // The same chart as a page, for viewers that do not open SVG files directly.
      await writeFile(
        join(out, 'plot.html'),
        `<!doctype html><meta charset="utf-8"><title>${dataset}</title>\n${report.svg}\n`,
      )
      ctx.io.stderr.write(
        `Wrote ${join(out, 'report.md')}, ${join(out, PLOT_FILE)} and ${join(out, 'plot.html')}\n`,
      )
    }
    if (ctx.json) return ctx.printJson(report.json)
    ctx.print(`${report.text}\n\nWall time: ${duration(performance.now() - started)}`)
  },
}
