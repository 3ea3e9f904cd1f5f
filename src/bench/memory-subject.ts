import type { Embedder } from '../embed/embedder.js'
import type { Memory } from '../memory.js'
import { type LocomoConversation, locomoLastSessionTime } from './locomo.js'
import type { LocomoSubject } from './locomo-subject.js'
import { type BenchSystem, contextFunction, openBenchMemory, replayClock } from './run-systems.js'

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

/** Options of `openMemorySubject`. */
export interface MemorySubjectOptions {
  /** The name and scoring of the system. */
  system: BenchSystem
  /** Shared by every system, so the vectors compared are the same. */
  embedder: Embedder
  /** A PostgreSQL URL to run on (a fresh schema) instead of in-memory SQLite. */
  storeUrl?: string | undefined
  /** @default 'turns' */
  ingest?: LocomoIngest | undefined
}

/**
 * Adaptive Recall as a LoCoMo subject: a fresh memory whose clock replays each
 * conversation at its last session, and whose hits map back to turns through
 * the ids `addMany` / `add` returned.
 */
export async function openMemorySubject(options: MemorySubjectOptions): Promise<LocomoSubject> {
  const clock = replayClock()
  const memory = await openBenchMemory({
    system: options.system,
    embedder: options.embedder,
    clock,
    storeUrl: options.storeUrl,
  })
  const turnsOf = new Map<string, string[]>()
  const toTurns = (ids: readonly string[]) => ids.map((id) => turnsOf.get(id) ?? [id])
  const context = contextFunction(memory)
  return {
    name: options.system.name,
    async ingest(conversation) {
      clock.set(locomoLastSessionTime(conversation))
      const stored = await ingest(memory, conversation, options.ingest ?? 'turns')
      for (const [id, turns] of stored) turnsOf.set(id, turns)
    },
    async search({ query, userId, now, limit }) {
      const hits = await memory.search({ query, userId, now, limit, recordAccess: false })
      return toTurns(hits.map((hit) => hit.memory.id))
    },
    context: context
      ? async ({ query, userId, now, maxTokens }) =>
          toTurns(await context({ query, userId, now, maxTokens, recordAccess: false })).flat()
      : null,
    consolidate: async (userId) => {
      await memory.consolidate({ userId })
    },
    close: () => memory.close(),
  }
}
