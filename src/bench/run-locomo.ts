import type { Embedder } from '../embed/embedder.js'
import {
  LOCOMO_CATEGORIES,
  type LocomoCategory,
  type LocomoConversation,
  locomoQuestionTime,
} from './locomo.js'
import type { LocomoSubject } from './locomo-subject.js'
import { type LocomoIngest, openMemorySubject } from './memory-subject.js'
import { mean, ndcgAtK, percentile, recallAtK } from './metrics.js'
import { BENCH_SYSTEMS, type BenchProgress, type BenchSystem, timed } from './run-systems.js'

export type { LocomoIngest } from './memory-subject.js'

/** The token budget of the `context1000` figure. */
export const CONTEXT_TOKENS = 1000

/** Averages over a set of questions. */
export interface LocomoScores {
  questions: number
  /** Turn-level evidence recall at each k, in the order of `ks`. */
  recall: number[]
  ndcg10: number
  /** Evidence recall inside a 1000-token `memory.context`; null when the memory has no `context`. */
  context1000: number | null
}

/** One system's figures on LoCoMo. */
export interface LocomoSystemResult {
  name: string
  overall: LocomoScores
  /** Categories that had questions. */
  byCategory: Partial<Record<LocomoCategory, LocomoScores>>
  /** Wall time of the system's search call per question. */
  latencyMs: { p50: number; p95: number }
  /** Total wall time of storing the conversations (`addMany` for Adaptive Recall). */
  ingestMs: number
}

/** What `runLocomo` measured; `recall` lists follow `ks`. */
export interface LocomoResult {
  ingest: LocomoIngest
  conversations: number
  questions: number
  skipped: number
  ks: number[]
  systems: LocomoSystemResult[]
}

interface QuestionScore {
  category: LocomoCategory
  recall: number[]
  ndcg10: number
  context: number | null
}

function scores(items: readonly QuestionScore[], ks: readonly number[]): LocomoScores {
  const contexts = items.map((q) => q.context)
  return {
    questions: items.length,
    recall: ks.map((_, i) => mean(items.map((q) => q.recall[i] as number))),
    ndcg10: mean(items.map((q) => q.ndcg10)),
    context1000: contexts.some((c) => c === null) ? null : mean(contexts as number[]),
  }
}

/** The turns covered by the first `k` memories, in rank order, without repeats. */
function coveredTurns(ranked: readonly string[][], k: number): string[] {
  return [...new Set(ranked.slice(0, k).flat())]
}

async function runSubject(
  subject: LocomoSubject,
  options: LocomoRunOptions,
  ks: readonly number[],
): Promise<LocomoSystemResult[]> {
  const limit = Math.max(...ks, 10)
  const total = options.conversations.reduce((n, c) => n + c.questions.length, 0)
  const asked: QuestionScore[] = []
  // With `consolidate`, the same questions on the same store just before the pass: a like-for-like baseline.
  const before: QuestionScore[] = []
  const latencies: number[] = []
  const consolidate = options.consolidate ? subject.consolidate : null
  let ingestMs = 0
  try {
    for (const conversation of options.conversations) {
      const userId = conversation.sampleId
      const now = locomoQuestionTime(conversation)
      ingestMs += (await timed(() => subject.ingest(conversation))).ms
      const ask = async (into: QuestionScore[], timing: boolean) => {
        for (const q of conversation.questions) {
          const query = { query: q.question, userId, now, limit }
          const search = await timed(() => subject.search(query))
          if (timing) latencies.push(search.ms)
          const ranked = search.value
          const gold = new Set(q.evidence)
          const packed = subject.context
            ? await subject.context({ ...query, maxTokens: CONTEXT_TOKENS })
            : null
          into.push({
            category: q.category,
            // A memory counts for every turn it stands for (a fact for the turns it came from).
            recall: ks.map((k) => {
              const covered = coveredTurns(ranked, k)
              return recallAtK(covered, gold, covered.length)
            }),
            ndcg10: ndcgAtK(coveredTurns(ranked, 10), gold, 10),
            context: packed ? recallAtK(packed, gold, packed.length) : null,
          })
          if (timing) options.onProgress?.(subject.name, asked.length, total)
        }
      }
      if (consolidate) {
        await ask(before, false)
        await consolidate(userId)
      }
      await ask(asked, true)
    }
  } finally {
    await subject.close()
  }
  const result = (name: string, questions: QuestionScore[]): LocomoSystemResult => {
    const byCategory: Partial<Record<LocomoCategory, LocomoScores>> = {}
    for (const category of Object.values(LOCOMO_CATEGORIES)) {
      const inCategory = questions.filter((q) => q.category === category)
      if (inCategory.length > 0) byCategory[category] = scores(inCategory, ks)
    }
    return {
      name,
      overall: scores(questions, ks),
      byCategory,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
      ingestMs,
    }
  }
  return consolidate
    ? [result(`${subject.name} before consolidate`, before), result(subject.name, asked)]
    : [result(subject.name, asked)]
}

/** Options of `runLocomo`. */
export interface LocomoRunOptions {
  conversations: readonly LocomoConversation[]
  /** Cut-offs of R@k. @default [5, 10, 20] */
  ks?: readonly number[]
  /** Shared by every system, so the vectors compared are the same. */
  embedder: Embedder
  /** @default BENCH_SYSTEMS */
  systems?: readonly BenchSystem[]
  onProgress?: BenchProgress
  /** A PostgreSQL URL to run on (a fresh schema per system) instead of in-memory SQLite. */
  storeUrl?: string | undefined
  /** Run `consolidate()` over each conversation after ingest, before the questions. @default false */
  consolidate?: boolean
  /** @default 'turns' */
  ingest?: LocomoIngest
  /**
   * The systems to run instead of `systems`, each opened when its turn comes
   * (so one store at a time is held), e.g. a system that is not Adaptive Recall.
   */
  subjects?: readonly (() => Promise<LocomoSubject>)[]
}

/**
 * LoCoMo turn-level evidence retrieval: each system gets a fresh in-memory
 * store, each conversation its own user scope, and every question of
 * categories 1-4 is asked the day after the conversation's last session.
 */
export async function runLocomo(options: LocomoRunOptions): Promise<LocomoResult> {
  const ks = [...(options.ks ?? [5, 10, 20])]
  const systems: LocomoSystemResult[] = []
  const subjects =
    options.subjects ??
    (options.systems ?? BENCH_SYSTEMS).map(
      (system) => () =>
        openMemorySubject({
          system,
          embedder: options.embedder,
          storeUrl: options.storeUrl,
          ingest: options.ingest,
        }),
    )
  for (const open of subjects) systems.push(...(await runSubject(await open(), options, ks)))
  return {
    ingest: options.ingest ?? 'turns',
    conversations: options.conversations.length,
    questions: options.conversations.reduce((n, c) => n + c.questions.length, 0),
    skipped: options.conversations.reduce((n, c) => n + c.skipped, 0),
    ks,
    systems,
  }
}
