import type { Embedder } from '../embed/embedder.js'
import {
  LONGMEMEVAL_LEVELS,
  type LongMemEvalLevel,
  type LongMemEvalQuestion,
  type LongMemEvalSet,
} from './longmemeval.js'
import { mean, ndcgAnyAtK, percentile, recallAllAtK, recallAnyAtK } from './metrics.js'
import {
  BENCH_SYSTEMS,
  type BenchProgress,
  type BenchSystem,
  openBenchMemory,
  replayClock,
  timed,
} from './run-systems.js'

/** The cut-offs of the official protocol. */
export const LONGMEMEVAL_KS: readonly number[] = [1, 3, 5, 10, 30, 50]

/** A joined session can be long (pasted documents); the store's default 64 KiB limit would reject it. */
const MAX_DOC_BYTES = 16 * 1024 * 1024

/** Averages over a set of questions; each list follows the order of `ks`. */
export interface LongMemEvalScores {
  questions: number
  recallAny: number[]
  recallAll: number[]
  ndcgAny: number[]
}

/** One system's figures at one level. */
export interface LongMemEvalLevelResult extends LongMemEvalScores {
  /** Per `question_type`. */
  byType: Record<string, LongMemEvalScores>
  /** `memory.search` wall time per question. */
  latencyMs: { p50: number; p95: number }
  /** Total wall time of the `addMany` calls. */
  ingestMs: number
}

/** One system's figures at both levels. */
export interface LongMemEvalSystemResult {
  name: string
  session: LongMemEvalLevelResult
  turn: LongMemEvalLevelResult
}

/** What `runLongMemEval` measured; every list follows `ks`. */
export interface LongMemEvalResult {
  questions: number
  skipped: number
  skippedBy: LongMemEvalSet['skipped']
  ks: number[]
  systems: LongMemEvalSystemResult[]
}

interface QuestionScore {
  type: string
  recallAny: number[]
  recallAll: number[]
  ndcgAny: number[]
}

function scores(items: readonly QuestionScore[], ks: readonly number[]): LongMemEvalScores {
  const avg = (pick: (q: QuestionScore) => number[]) =>
    ks.map((_, i) => mean(items.map((q) => pick(q)[i] ?? 0)))
  return {
    questions: items.length,
    recallAny: avg((q) => q.recallAny),
    recallAll: avg((q) => q.recallAll),
    ndcgAny: avg((q) => q.ndcgAny),
  }
}

/**
 * One question at one level: a fresh store holding only its haystack, filled
 * as of its latest session, then one search at the question's date.
 */
async function askOne(
  system: BenchSystem,
  embedder: Embedder,
  q: LongMemEvalQuestion,
  level: LongMemEvalLevel,
  limit: number,
) {
  const { docs, gold } = q[level]
  const latest = docs.reduce((at, d) => Math.max(at, Date.parse(d.observedAt)), Number.NEGATIVE_INFINITY)
  const clock = replayClock(Number.isFinite(latest) ? new Date(latest).toISOString() : q.now)
  const memory = await openBenchMemory({ system, embedder, clock, maxContentBytes: MAX_DOC_BYTES })
  try {
    const userId = q.questionId
    const inputs = docs.map((d) => ({
      content: d.content,
      userId,
      observedAt: d.observedAt,
      metadata: { id: d.id },
    }))
    const stored = await timed(() => memory.addMany(inputs))
    const docOf = new Map(stored.value.map((r, i) => [r.id, docs[i]?.id as string]))
    const search = await timed(() =>
      memory.search({ query: q.question, userId, limit, recordAccess: false, now: q.now }),
    )
    const ranked = search.value.map((hit) => docOf.get(hit.memory.id) ?? hit.memory.id)
    return { ranked, gold: new Set(gold), ingestMs: stored.ms, searchMs: search.ms }
  } finally {
    await memory.close()
  }
}

async function runLevel(
  system: BenchSystem,
  level: LongMemEvalLevel,
  options: LongMemEvalRunOptions,
  ks: readonly number[],
): Promise<LongMemEvalLevelResult> {
  const asked: QuestionScore[] = []
  const latencies: number[] = []
  let ingestMs = 0
  for (const q of options.set.questions) {
    const { ranked, gold, ...ms } = await askOne(system, options.embedder, q, level, Math.max(...ks))
    ingestMs += ms.ingestMs
    latencies.push(ms.searchMs)
    asked.push({
      type: q.questionType,
      recallAny: ks.map((k) => recallAnyAtK(ranked, gold, k)),
      recallAll: ks.map((k) => recallAllAtK(ranked, gold, k)),
      ndcgAny: ks.map((k) => ndcgAnyAtK(ranked, gold, k)),
    })
    options.onProgress?.(`${system.name} ${level}`, asked.length, options.set.questions.length)
  }
  const types = [...new Set(asked.map((q) => q.type))].sort()
  return {
    ...scores(asked, ks),
    byType: Object.fromEntries(
      types.map((t) => [
        t,
        scores(
          asked.filter((q) => q.type === t),
          ks,
        ),
      ]),
    ),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    ingestMs,
  }
}

/** Options of `runLongMemEval`. */
export interface LongMemEvalRunOptions {
  set: LongMemEvalSet
  /** @default LONGMEMEVAL_KS */
  ks?: readonly number[]
  /** Shared by every system, so the vectors compared are the same. */
  embedder: Embedder
  /** @default BENCH_SYSTEMS */
  systems?: readonly BenchSystem[]
  onProgress?: BenchProgress
}

/**
 * LongMemEval retrieval by the official protocol: per question a fresh store
 * with only that question's haystack, user turns only, at session and turn
 * level, asked at `question_date`.
 */
export async function runLongMemEval(options: LongMemEvalRunOptions): Promise<LongMemEvalResult> {
  const ks = [...(options.ks ?? LONGMEMEVAL_KS)]
  const systems: LongMemEvalSystemResult[] = []
  for (const system of options.systems ?? BENCH_SYSTEMS) {
    const levels = {} as Record<LongMemEvalLevel, LongMemEvalLevelResult>
    for (const level of LONGMEMEVAL_LEVELS) levels[level] = await runLevel(system, level, options, ks)
    systems.push({ name: system.name, ...levels })
  }
  const { abstention, noUserEvidence } = options.set.skipped
  return {
    questions: options.set.questions.length,
    skipped: abstention + noUserEvidence,
    skippedBy: options.set.skipped,
    ks,
    systems,
  }
}
