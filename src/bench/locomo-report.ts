import { LOCOMO_CATEGORIES } from './locomo.js'
import { duration, markdownTable, round, score } from './markdown-table.js'
import type { BarChart } from './plot-svg.js'
import type { LocomoResult, LocomoScores } from './run-locomo.js'

const CATEGORIES = Object.values(LOCOMO_CATEGORIES)

function scoresJson(s: LocomoScores, ks: readonly number[]) {
  return {
    questions: s.questions,
    ...Object.fromEntries(ks.map((k, i) => [`recall@${k}`, round(s.recall[i] ?? 0)])),
    'ndcg@10': round(s.ndcg10),
    context1000: s.context1000 === null ? null : round(s.context1000),
  }
}

/** The `--json` output: one object, with a `recall@k` key per requested k. */
export function locomoJson(result: LocomoResult) {
  return {
    dataset: 'locomo',
    ingest: result.ingest,
    conversations: result.conversations,
    questions: result.questions,
    skipped: result.skipped,
    systems: result.systems.map((s) => {
      const { questions: _, ...overall } = scoresJson(s.overall, result.ks)
      return {
        name: s.name,
        ...overall,
        byCategory: Object.fromEntries(
          Object.entries(s.byCategory).map(([c, v]) => [c, scoresJson(v, result.ks)]),
        ),
        latencyMs: { p50: round(s.latencyMs.p50, 2), p95: round(s.latencyMs.p95, 2) },
        ingestMs: round(s.ingestMs, 1),
      }
    }),
  }
}

/** The human-readable result: a headline and two tables (overall, R@10 by category). */
export function locomoText(result: LocomoResult): string {
  const { ks } = result
  const overall = markdownTable(
    ['system', ...ks.map((k) => `R@${k}`), 'NDCG@10', 'context1000', 'search p50', 'search p95', 'ingest'],
    result.systems.map((s) => [
      s.name,
      ...s.overall.recall.map(score),
      score(s.overall.ndcg10),
      score(s.overall.context1000),
      duration(s.latencyMs.p50),
      duration(s.latencyMs.p95),
      duration(s.ingestMs),
    ]),
  )
  const k = ks.includes(10) ? 10 : (ks[0] as number)
  const at = ks.indexOf(k)
  const present = CATEGORIES.filter((c) => result.systems[0]?.byCategory[c])
  const byCategory = markdownTable(
    ['system', ...present.map((c) => `${c} (${result.systems[0]?.byCategory[c]?.questions})`)],
    result.systems.map((s) => [s.name, ...present.map((c) => score(s.byCategory[c]?.recall[at]))]),
  )
  return [
    `LoCoMo turn-level evidence retrieval: ${result.conversations} conversation(s), ${result.questions} questions of categories 1-4` +
      ` (${result.skipped} skipped: no evidence turn resolves)`,
    result.ingest === 'messages'
      ? 'Ingested through add({ messages }) per session: episodes plus extracted facts; a fact counts for the turns it came from.'
      : 'Ingested one memory per turn.',
    '',
    overall,
    '',
    `R@${k} by category (questions)`,
    '',
    byCategory,
  ].join('\n')
}

/** Charts for the plot file: overall figures, and R@k by category. */
export function locomoCharts(result: LocomoResult): BarChart[] {
  const { ks } = result
  const withContext = result.systems.some((s) => s.overall.context1000 !== null)
  const k = ks.includes(10) ? 10 : (ks[0] as number)
  const present = CATEGORIES.filter((c) => result.systems[0]?.byCategory[c])
  return [
    {
      title: `LoCoMo: turn-level evidence recall (${result.questions} questions)`,
      groups: [...ks.map((k) => `R@${k}`), 'NDCG@10', ...(withContext ? ['context1000'] : [])],
      series: result.systems.map((s) => ({
        name: s.name,
        values: [...s.overall.recall, s.overall.ndcg10, ...(withContext ? [s.overall.context1000] : [])],
      })),
    },
    {
      title: `LoCoMo: R@${k} by category`,
      groups: present,
      series: result.systems.map((s) => ({
        name: s.name,
        values: present.map((c) => s.byCategory[c]?.recall[ks.indexOf(k)] ?? null),
      })),
    },
  ]
}

/** `report.md`: the tables, how they were measured, and the plot. */
export function locomoMarkdown(result: LocomoResult, plotFile: string): string {
  return [
    '# LoCoMo retrieval benchmark',
    '',
    locomoText(result),
    '',
    `![LoCoMo retrieval figures](${plotFile})`,
    '',
    '## How this was measured',
    '',
    '- One memory per turn, `"<speaker>: <text> [shares <caption>]"`, observed at its session date;',
    '  each conversation in its own user scope of a fresh in-memory store per system.',
    '- Every question of categories 1-4 is asked one day after the last session, with',
    '  `recordAccess: false`. R@k is the share of a question’s evidence turns in the top k, averaged;',
    '  NDCG@10 uses binary relevance. Evidence ids are split, normalised (`D30:05` → `D30:5`), and',
    '  questions whose evidence resolves to no turn are skipped.',
    '- `context1000`: the share of evidence turns among the memories `memory.context` packs into',
    '  1000 tokens (– when this build has no `memory.context`).',
    '- Systems: `adaptive-recall` (default scoring), `bm25` (keyword only), `dense` (embedding only).',
    '  Latency is the wall time of `memory.search` per question; ingest is the total of `addMany`.',
    '',
  ].join('\n')
}
