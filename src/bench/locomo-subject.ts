import type { LocomoConversation } from './locomo.js'

/** One question as the LoCoMo harness asks it. */
export interface LocomoQuery {
  query: string
  /** The conversation's user scope: its `sampleId`. */
  userId: string
  /** When the question is asked (ISO 8601): the day after the conversation's last session. */
  now: string
  /** How many memories to return. */
  limit: number
}

/**
 * A memory system under test, as the LoCoMo harness drives it: store each
 * conversation in its own user scope, then rank memories for its questions.
 * Results come back as turn ids (`D3:11`), so systems with different memory
 * ids and shapes are scored the same way.
 */
export interface LocomoSubject {
  /** The name reported for this system. */
  readonly name: string
  /** Stores one conversation; the harness times this call as ingest. */
  ingest(conversation: LocomoConversation): Promise<void>
  /** The turns each ranked memory stands for, best first; the harness times this call as search. */
  search(query: LocomoQuery): Promise<string[][]>
  /** The turns packed into a prompt of `maxTokens`, in order; null when the system has no such call. */
  readonly context: ((query: LocomoQuery & { maxTokens: number }) => Promise<string[]>) | null
  /** Consolidates one user scope; null when the system has no such step. */
  readonly consolidate: ((userId: string) => Promise<void>) | null
  /** Releases the system's store. */
  close(): Promise<void>
}
