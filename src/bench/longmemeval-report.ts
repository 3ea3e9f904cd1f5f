import { LONGMEMEVAL_LEVELS } from './longmemeval.js'
import { duration, markdownTable, round, score } from './markdown-table.js'
import type { BarChart } from './plot-svg.js'
import type { LongMemEvalResult, LongMemEvalScores } from './run-longmemeval.js'

const METRICS = [
  ['recall_any', 'recallAny'],
  ['recall_all', 'recallAll'],
  ['ndcg_any', 'ndcgAny'],
] as const

function scoresJson(s: LongMemEvalScores, ks: readonly number[]) {
  const out: Record<string, number> = { questions: s.questions }
  for (const [name, key] of METRICS)
    for (const [i, k] of ks.entries()) out[`${name}@${k}`] = round(s[key][i] ?? 0)
  return out
}

/** The `--json` output: one object; per system and level, `recall_any@k`, `recall_all@k`, `ndcg_any@k`. */
export function longMemEvalJson(result: LongMemEvalResult) {
  return {
    dataset: 'longmemeval',
    questions: result.questions,
    skipped: result.skipped,
    skippedBy: result.skippedBy,
    systems: result.systems.map((s) => ({
      name: s.name,
      ...Object.fromEntries(
        LONGMEMEVAL_LEVELS.map((level) => {
          const r = s[level]
          const { questions: _, ...figures } = scoresJson(r, result.ks)
          return [
            level,
            {
              ...figures,
              byType: Object.fromEntries(
                Object.entries(r.byType).map(([t, v]) => [t, scoresJson(v, result.ks)]),
              ),
              latencyMs: { p50: round(r.latencyMs.p50, 2), p95: round(r.latencyMs.p95, 2) },
              ingestMs: round(r.ingestMs, 1),
            },
          ]
        }),
      ),
    })),
  }
}

/** The human-readable result: per level, one row per system and metric, one column per k. */
export function longMemEvalText(result: LongMemEvalResult): string {
  const { ks, skippedBy } = result
  const lines = [
    `LongMemEval retrieval (official protocol, user turns only): ${result.questions} questions` +
      ` (${result.skipped} skipped: ${skippedBy.abstention} abstention, ${skippedBy.noUserEvidence} without user-side evidence)`,
  ]
  for (const level of LONGMEMEVAL_LEVELS) {
    lines.push(
      '',
      `${level === 'session' ? 'Session' : 'Turn'} level`,
      '',
      markdownTable(
        ['system', 'metric', ...ks.map((k) => `@${k}`)],
        result.systems.flatMap((s) =>
          METRICS.map(([name, key]) => [s.name, name, ...s[level][key].map(score)]),
        ),
      ),
    )
  }
  lines.push(
    '',
    markdownTable(
      ['system', ...LONGMEMEVAL_LEVELS.flatMap((l) => [`${l} search p50`, `${l} search p95`, `${l} ingest`])],
      result.systems.map((s) => [
        s.name,
        ...LONGMEMEVAL_LEVELS.flatMap((l) => [
          duration(s[l].latencyMs.p50),
          duration(s[l].latencyMs.p95),
          duration(s[l].ingestMs),
        ]),
      ]),
    ),
  )
  return lines.join('\n')
}

/** Charts for the plot file: `recall_all@k` (the paper's Recall) at each level. */
export function longMemEvalCharts(result: LongMemEvalResult): BarChart[] {
  return LONGMEMEVAL_LEVELS.map((level) => ({
    title: `LongMemEval ${level} level: recall_all@k (${result.questions} questions)`,
    groups: result.ks.map((k) => `@${k}`),
    series: result.systems.map((s) => ({ name: s.name, values: s[level].recallAll })),
  }))
}

/** `report.md`: the tables, how they were measured, and the plot. */
export function longMemEvalMarkdown(result: LongMemEvalResult, plotFile: string): string {
  return [
    '# LongMemEval retrieval benchmark',
    '',
    longMemEvalText(result),
    '',
    `![LongMemEval retrieval figures](${plotFile})`,
    '',
    '## How this was measured',
    '',
    '- The official retrieval protocol: per question, a fresh store holding only its haystack; user',
    '  turns only. Session level: one memory per session (its user turns joined). Turn level: one',
    '  memory per user turn, id `<session_id>_<i+1>`. Searched at `question_date`, `recordAccess: false`.',
    '- Gold: the evidence sessions, or the `has_answer` user turns of evidence sessions. Abstention',
    '  questions and questions with no user-side evidence turn are skipped.',
    '- `recall_any@k`: some gold item in the top k; `recall_all@k` (the paper’s “Recall”): all of them;',
    '  `ndcg_any@k`: NDCG with the official code’s discount (positions 1 and 2 both weigh 1).',
    '',
  ].join('\n')
}
