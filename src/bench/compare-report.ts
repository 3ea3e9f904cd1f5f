import { LOCOMO_CATEGORIES } from './locomo.js'
import { locomoCharts } from './locomo-report.js'
import { duration, markdownTable, round, score } from './markdown-table.js'
import type { BarChart } from './plot-svg.js'
import type { CompareResult } from './run-compare.js'
import type { LocomoSystemResult } from './run-locomo.js'

/** One row of the comparison: a name, how to read it from a system, how to show it. */
interface Measure {
  name: string
  key: string
  value: (s: LocomoSystemResult, memories: number) => number
  show: (v: number) => string
}

function measures(ks: readonly number[]): Measure[] {
  return [
    ...ks.map((k, i) => ({
      name: `R@${k}`,
      key: `recall@${k}`,
      value: (s: LocomoSystemResult) => s.overall.recall[i] ?? 0,
      show: score,
    })),
    { name: 'NDCG@10', key: 'ndcg@10', value: (s) => s.overall.ndcg10, show: score },
    { name: 'ingest, total', key: 'ingestMs', value: (s) => s.ingestMs, show: duration },
    {
      name: 'ingest, per memory',
      key: 'ingestMsPerMemory',
      value: (s, n) => s.ingestMs / Math.max(1, n),
      show: (v) => `${v.toFixed(2)} ms`,
    },
    { name: 'search p50', key: 'searchP50Ms', value: (s) => s.latencyMs.p50, show: duration },
    { name: 'search p95', key: 'searchP95Ms', value: (s) => s.latencyMs.p95, show: duration },
  ]
}

/** Adaptive Recall's figure over mem0's; null when mem0's is 0. */
const ratio = (ours: number, theirs: number) => (theirs === 0 ? null : ours / theirs)

function pair(result: CompareResult): [LocomoSystemResult, LocomoSystemResult] {
  const [ours, mem0] = result.systems
  if (!ours || !mem0) throw new Error('a comparison needs two systems')
  return [ours, mem0]
}

/** The `--json` output: both systems' figures and the ratios, Adaptive Recall ÷ mem0. */
export function compareJson(result: CompareResult) {
  const systems = pair(result)
  const rows = measures(result.ks)
  const figures = (s: LocomoSystemResult) =>
    Object.fromEntries(rows.map((m) => [m.key, round(m.value(s, result.memories), 4)]))
  const byCategory = (s: LocomoSystemResult) =>
    Object.fromEntries(
      Object.entries(s.byCategory).map(([c, v]) => [
        c,
        {
          questions: v.questions,
          ...Object.fromEntries(result.ks.map((k, i) => [`recall@${k}`, round(v.recall[i] ?? 0)])),
        },
      ]),
    )
  return {
    dataset: 'locomo',
    compare: { package: 'mem0ai', version: result.mem0Version, infer: false, threshold: 0 },
    embedder: result.embedder,
    conversations: result.conversations,
    questions: result.questions,
    skipped: result.skipped,
    memories: result.memories,
    systems: systems.map((s) => ({ name: s.name, ...figures(s), byCategory: byCategory(s) })),
    ratios: Object.fromEntries(
      rows.map((m) => {
        const r = ratio(m.value(systems[0], result.memories), m.value(systems[1], result.memories))
        return [m.key, r === null ? null : round(r, 3)]
      }),
    ),
  }
}

/** The human-readable result: the side-by-side table with ratios, and R@10 by category. */
export function compareText(result: CompareResult): string {
  const [ours, mem0] = pair(result)
  const table = markdownTable(
    ['measure', ours.name, mem0.name, `${ours.name} ÷ ${mem0.name}`],
    measures(result.ks).map((m) => {
      const [a, b] = [m.value(ours, result.memories), m.value(mem0, result.memories)]
      const r = ratio(a, b)
      return [m.name, m.show(a), m.show(b), r === null ? '–' : r.toFixed(2)]
    }),
  )
  const k = result.ks.includes(10) ? 10 : (result.ks[0] as number)
  const at = result.ks.indexOf(k)
  const present = Object.values(LOCOMO_CATEGORIES).filter((c) => ours.byCategory[c])
  const byCategory = markdownTable(
    ['system', ...present.map((c) => `${c} (${ours.byCategory[c]?.questions})`)],
    [ours, mem0].map((s) => [s.name, ...present.map((c) => score(s.byCategory[c]?.recall[at]))]),
  )
  return [
    `Adaptive Recall vs mem0 (mem0ai ${result.mem0Version}, infer: false) on LoCoMo: ${result.conversations} conversation(s),` +
      ` ${result.questions} questions of categories 1-4 (${result.skipped} skipped), ${result.memories} memories (one per turn)`,
    `Both embed with ${result.embedder}. Recall: above 1 means Adaptive Recall finds more; times: below 1 means it is faster.`,
    '',
    table,
    '',
    `R@${k} by category (questions)`,
    '',
    byCategory,
  ].join('\n')
}

/** Charts for the plot file: the same two as `bench locomo`, for the two systems. */
export function compareCharts(result: CompareResult): BarChart[] {
  return locomoCharts(result)
}

/** `report.md`: the tables, how they were measured, and the plot. */
export function compareMarkdown(result: CompareResult, plotFile: string): string {
  return [
    '# Adaptive Recall vs mem0 on LoCoMo',
    '',
    compareText(result),
    '',
    `![LoCoMo retrieval figures](${plotFile})`,
    '',
    '## How this was measured',
    '',
    '- Both systems run one after the other in one process, on the same machine, with the same',
    '  embedder (given to mem0 through its `langchain` embedder option).',
    '- One memory per turn, `"<speaker>: <text> [shares <caption>]"`, one user per conversation.',
    '  Adaptive Recall: `addMany` per conversation into in-memory SQLite, each turn observed at its',
    '  session date. mem0 (`mem0ai/oss`): `add(text, { infer: false })` per turn into its',
    '  SQLite-backed `memory` vector store (`:memory:`), the turn id and session date as metadata;',
    '  telemetry off (`MEM0_TELEMETRY=false`), no LLM (one is configured that fails if called).',
    '- Every question of categories 1-4 is asked with the top 20 (`limit` / `topK`); mem0 with',
    '  `threshold: 0`. R@k is the share of a question’s evidence turns in the top k, averaged.',
    '- Ingest is the wall time of storing the conversations; search latency the wall time of one',
    '  search call per question. On a shared machine, timings vary from run to run.',
    '',
  ].join('\n')
}
