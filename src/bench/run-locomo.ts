import type { Embedder } from '../embed/embedder.js'
import type { Memory } from '../memory.js'
import {
  LOCOMO_CATEGORIES,
  type LocomoCategory,
  type LocomoConversation,
  locomoLastSessionTime,
  locomoQuestionTime,
} from './locomo.js'
import { mean, ndcgAtK, percentile, recallAtK } from './metrics.js'
import {
  BENCH_SYSTEMS,
  type BenchProgress,
  type BenchSystem,
  contextFunction,
  openBenchMemory,
  replayClock,
  timed,
} from './run-systems.js'

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
  /** `memory.search` wall time per question. */
  latencyMs: { p50: number; p95: number }
  /** Total wall time of the `addMany` calls. */
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

/** How conversations are stored: one memory per turn, or as messages through `add({ messages })`. */
export type LocomoIngest = 'turns' | 'messages'

/**
 * Stores one conversation and returns memory id -> the turn ids it stands for:
 * its own turn for a turn or an episode, the turns it came from for an extracted fact.
 */
async function ingest(
  memory: Memory,
  conversation: LocomoConversation,
  mode: LocomoIngest,
): Promise<Map<string, string[]>> {
  const userId = conversation.sampleId
  if (mode === 'turns') {
    const inputs = conversation.sessions.flatMap((session) =>
      session.turns.map((turn) => ({
        content: turn.content,
        userId,
        sessionId: session.id,
        observedAt: session.date,
        metadata: { dia_id: turn.diaId },
        // What was said, by either speaker: never merged or superseded as a fact of the user.
        type: 'episode',
      })),
    )
    const records = await memory.addMany(inputs)
    return new Map(records.map((r, i) => [r.id, [inputs[i]?.metadata.dia_id as string]]))
  }
  const turnsOf = new Map<string, string[]>()
  const [first] = conversation.sessions[0]?.turns ?? []
  for (const session of conversation.sessions) {
    const turns = session.turns
    const result = await memory.add({
      userId,
      sessionId: session.id,
      messages: turns.map((t) => ({
        role: t.speaker === first?.speaker ? ('user' as const) : ('assistant' as const),
        name: t.speaker,
        content: t.text,
        createdAt: session.date,
        id: t.diaId,
      })),
    })
    for (const [i, id] of result.episodes.entries()) turnsOf.set(id, [turns[i]?.diaId as string])
    for (const id of result.facts) {
      const fact = await memory.get(id)
      const provenance = (fact?.metadata.provenance ?? {}) as { messageIds?: string[] }
      turnsOf.set(
        id,
        (provenance.messageIds ?? []).flatMap((m) => turnsOf.get(m) ?? []),
      )
    }
  }
  return turnsOf
}

/** The turns covered by the first `k` memories, in rank order, without repeats. */
function coveredTurns(ranked: readonly string[][], k: number): string[] {
  return [...new Set(ranked.slice(0, k).flat())]
}

async function runSystem(
  system: BenchSystem,
  options: LocomoRunOptions,
  ks: readonly number[],
): Promise<LocomoSystemResult[]> {
  const clock = replayClock()
  const memory = await openBenchMemory({
    system,
    embedder: options.embedder,
    clock,
    storeUrl: options.storeUrl,
  })
  const context = contextFunction(memory)
  const limit = Math.max(...ks, 10)
  const total = options.conversations.reduce((n, c) => n + c.questions.length, 0)
  const asked: QuestionScore[] = []
  // With `consolidate`, the same questions on the same store just before the pass: a like-for-like baseline.
  const before: QuestionScore[] = []
  const latencies: number[] = []
  let ingestMs = 0
  try {
    for (const conversation of options.conversations) {
      const userId = conversation.sampleId
      const now = locomoQuestionTime(conversation)
      clock.set(locomoLastSessionTime(conversation))
      const stored = await timed(() => ingest(memory, conversation, options.ingest ?? 'turns'))
      ingestMs += stored.ms
      const turnsOf = (ids: readonly string[]) => ids.map((id) => stored.value.get(id) ?? [id])
      const ask = async (into: QuestionScore[], timing: boolean) => {
        for (const q of conversation.questions) {
          const query = { query: q.question, userId, recordAccess: false, now }
          const search = await timed(() => memory.search({ ...query, limit }))
          if (timing) latencies.push(search.ms)
          const ranked = turnsOf(search.value.map((hit) => hit.memory.id))
          const gold = new Set(q.evidence)
          const packed = context
            ? turnsOf(await context({ ...query, maxTokens: CONTEXT_TOKENS })).flat()
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
          if (timing) options.onProgress?.(system.name, asked.length, total)
        }
      }
      if (options.consolidate) {
        await ask(before, false)
        await memory.consolidate({ userId })
      }
      await ask(asked, true)
    }
  } finally {
    await memory.close()
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
  return options.consolidate
    ? [result(`${system.name} before consolidate`, before), result(system.name, asked)]
    : [result(system.name, asked)]
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
}

/**
 * LoCoMo turn-level evidence retrieval: each system gets a fresh in-memory
 * store, each conversation its own user scope, and every question of
 * categories 1-4 is asked the day after the conversation's last session.
 */
export async function runLocomo(options: LocomoRunOptions): Promise<LocomoResult> {
  const ks = [...(options.ks ?? [5, 10, 20])]
  const systems: LocomoSystemResult[] = []
  for (const system of options.systems ?? BENCH_SYSTEMS)
    systems.push(...(await runSystem(system, options, ks)))
  return {
    ingest: options.ingest ?? 'turns',
    conversations: options.conversations.length,
    questions: options.conversations.reduce((n, c) => n + c.questions.length, 0),
    skipped: options.conversations.reduce((n, c) => n + c.skipped, 0),
    ks,
    systems,
  }
}
