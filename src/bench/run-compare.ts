import type { Embedder } from '../embed/embedder.js'
import { DEFAULT_SCORING } from '../score/config.js'
import type { LocomoConversation } from './locomo.js'
import { mem0Version, openMem0Subject } from './mem0-subject.js'
import { openMemorySubject } from './memory-subject.js'
import { type LocomoResult, runLocomo } from './run-locomo.js'
import type { BenchProgress, BenchSystem } from './run-systems.js'

/** What `runCompare` measured: LoCoMo figures for Adaptive Recall, then mem0. */
export interface CompareResult extends LocomoResult {
  /** Memories each system stored: one per turn. */
  memories: number
  /** The `id` of the embedder both systems used. */
  embedder: string
  /** The installed `mem0ai` version. */
  mem0Version: string
}

const ADAPTIVE_RECALL: BenchSystem = { name: 'adaptive-recall', scoring: DEFAULT_SCORING }

/** Options of `runCompare`. */
export interface CompareOptions {
  conversations: readonly LocomoConversation[]
  /** Cut-offs of R@k. @default [5, 10, 20] */
  ks?: readonly number[] | undefined
  /** Given to both systems: to Adaptive Recall directly, to mem0 as LangChain embeddings. */
  embedder: Embedder
  onProgress?: BenchProgress
}

/**
 * Adaptive Recall (default scoring, in-memory SQLite) and mem0's open-source
 * SDK on the same LoCoMo protocol, one after the other in this process: one
 * memory per turn, one user per conversation, the same questions, the same
 * evidence-recall scoring and the same timers around ingest and search.
 */
export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  const { conversations, embedder } = options
  const version = await mem0Version()
  const result = await runLocomo({
    conversations,
    ks: options.ks,
    embedder,
    onProgress: options.onProgress,
    subjects: [
      // mem0 has no counterpart of `memory.context`, so that figure is left out rather than run for one side.
      async () => ({ ...(await openMemorySubject({ system: ADAPTIVE_RECALL, embedder })), context: null }),
      () => openMem0Subject({ embedder }),
    ],
  })
  const memories = conversations.reduce((n, c) => n + c.sessions.reduce((m, s) => m + s.turns.length, 0), 0)
  return { ...result, memories, embedder: embedder.id, mem0Version: version }
}
