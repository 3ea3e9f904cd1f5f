import type { z } from 'zod'
import { MemoryError } from '../errors.js'
import type { ConversationMessage, ExtractedFact, Extractor } from '../extract/extractor.js'
import { checkContent, newRecord } from '../records.js'
import type { conversationInputSchema } from '../schemas.js'
import type { Job, MemoryStore } from '../store/store.js'
import type { JsonObject, MemoryRecord } from '../types.js'
import { stableId } from './stable-id.js'

/** A conversation to ingest, validated. */
export type ConversationRequest = z.output<typeof conversationInputSchema>

/** What `memory.add({ messages })` did. */
export interface ConversationResult {
  /** Ids of the episode memories, one per message, in order (existing ones included). */
  episodes: string[]
  /** Ids of the fact memories extracted so far (none yet when extraction runs in the background). */
  facts: string[]
  /** Ids of the memories this call created; empty when everything was already stored. */
  created: string[]
  /** The background extraction job, or null when extraction ran inline. */
  jobId: string | null
}

/** What ingestion needs from the memory it runs in. */
export interface IngestDeps {
  tenantId: string
  store: MemoryStore
  extractor: Extractor
  /** Extract in a background job (an LLM) rather than inline (the heuristic). */
  background: boolean
  now: () => Date
  maxContentBytes: number
  /**
   * Embeds and stores new records (all of one tenant), settling restatements and
   * contradictions of facts against what is stored: all of them or none.
   */
  insert(records: readonly MemoryRecord[]): Promise<MemoryRecord[]>
  /** Wakes the background worker after a job is queued. */
  wake(): void
}

/** The payload of an `extract` job: enough to extract and store facts after a restart. */
interface ExtractJobPayload {
  userId: string
  sessionId: string | null
  agentId: string | null
  source: string | null
  tags: string[]
  messages: ConversationMessage[]
  episodeIds: string[]
}

export const EXTRACT_JOB = 'extract'

/** The speaker a message is labelled with: its name, else its role. */
function speaker(m: { role: string; name?: string | undefined }): string {
  return m.name ?? m.role
}

/**
 * Stores every message as an episode and extracts facts from them: inline by
 * default, or in a persisted background job. Ids derive from the messages, so
 * sending the same conversation again creates nothing new.
 */
export async function ingestConversation(
  deps: IngestDeps,
  req: ConversationRequest,
): Promise<ConversationResult> {
  const at = deps.now()
  const session = req.sessionId ?? ''
  const messages: ConversationMessage[] = req.messages.map((m) => ({
    role: m.role,
    content: checkContent(m.content, deps.maxContentBytes),
    name: m.name,
    createdAt: m.createdAt ?? at.toISOString(),
  }))
  const episodes = messages.map((m, i) => {
    const given = req.messages[i]
    // Without a caller id or a time, position in the batch tells repeated messages apart.
    const key = given?.id ?? JSON.stringify([m.role, m.name ?? '', m.content, given?.createdAt ?? `#${i}`])
    const record = newRecord(
      {
        content: `${speaker(m)}: ${m.content}`,
        userId: req.userId,
        agentId: req.agentId,
        sessionId: req.sessionId,
        source: req.source ?? 'conversation',
        observedAt: m.createdAt,
        metadata: {
          ...req.metadata,
          role: m.role,
          speaker: speaker(m),
          ...(given?.id ? { messageId: given.id } : {}),
        },
        tags: req.tags,
        type: 'episode',
      },
      deps.tenantId,
      at,
      Number.POSITIVE_INFINITY,
    )
    return { ...record, id: stableId(deps.tenantId, req.userId, session, key) }
  })
  const payload: ExtractJobPayload = {
    userId: req.userId,
    sessionId: req.sessionId ?? null,
    agentId: req.agentId ?? null,
    source: req.source ?? null,
    tags: req.tags ?? [],
    messages,
    episodeIds: episodes.map((e) => e.id),
  }
  if (deps.background) {
    const created = await insertNew(deps, episodes)
    // Queued even when every episode was stored already: a process that died between storing
    // them and queueing the job left it unqueued, and the caller, never told, sends them again.
    const jobId = stableId(deps.tenantId, 'extract', ...payload.episodeIds)
    const queued = await deps.store
      .enqueueJob({
        id: jobId,
        tenantId: deps.tenantId,
        userId: req.userId,
        kind: EXTRACT_JOB,
        payload: payload as unknown as JsonObject,
        runAfter: at.toISOString(),
      })
      .then(
        () => true,
        (error: unknown) => {
          // The job is queued (or done) already: ids derive from the messages.
          if (MemoryError.is(error) && error.code === 'CONFLICT') return false
          throw error
        },
      )
    if (queued) deps.wake()
    return { episodes: payload.episodeIds, facts: [], created, jobId }
  }
  const report = await extract(deps.extractor, payload)
  const facts = factRecords(deps, payload, report, at)
  const created = await insertNew(deps, [...episodes, ...facts])
  return { episodes: payload.episodeIds, facts: facts.map((f) => f.id), created, jobId: null }
}

/** Runs one background extraction job: extract, then store the facts not stored yet. */
export async function runExtractJob(memoryDeps: IngestDeps, job: Job): Promise<void> {
  // Jobs are claimed store-wide: the facts belong to the tenant that queued the job.
  const deps = { ...memoryDeps, tenantId: job.tenantId }
  const payload = job.payload as unknown as ExtractJobPayload
  const report = await extract(deps.extractor, payload)
  await insertNew(deps, factRecords(deps, payload, report, deps.now()))
}

interface ExtractionReport {
  facts: ExtractedFact[]
  extractor: string
  fallbackReason: string | null
}

async function extract(extractor: Extractor, payload: ExtractJobPayload): Promise<ExtractionReport> {
  const input = { messages: payload.messages, userId: payload.userId }
  const withReport = (extractor as Partial<{ extractWithReport(i: typeof input): Promise<ExtractionReport> }>)
    .extractWithReport
  if (withReport) return withReport.call(extractor, input)
  return { facts: await extractor.extract(input), extractor: extractor.id, fallbackReason: null }
}

/** Fact records linked to the episodes they came from; ids derive from sources and text. */
function factRecords(
  deps: IngestDeps,
  payload: ExtractJobPayload,
  report: ExtractionReport,
  at: Date,
): MemoryRecord[] {
  const seen = new Set<string>()
  return report.facts.flatMap((fact) => {
    const sources = fact.sources.filter((i) => i >= 0 && i < payload.episodeIds.length)
    const first = sources[0]
    if (first === undefined || seen.has(fact.content)) return []
    seen.add(fact.content)
    const messageIds = sources.map((i) => payload.episodeIds[i] as string)
    const provenance: JsonObject = { messageIds, extractor: report.extractor }
    if (report.fallbackReason) provenance.fallbackReason = report.fallbackReason
    const content = fact.content.trim()
    if (!content || Buffer.byteLength(content) > deps.maxContentBytes) return []
    const record = newRecord(
      {
        content,
        userId: payload.userId,
        agentId: payload.agentId,
        sessionId: payload.sessionId,
        source: payload.source ?? 'conversation',
        observedAt: fact.observedAt ?? payload.messages[first]?.createdAt,
        metadata: { provenance },
        tags: payload.tags,
        type: 'fact',
      },
      deps.tenantId,
      at,
      deps.maxContentBytes,
    )
    return [{ ...record, id: stableId(deps.tenantId, payload.userId, 'fact', fact.content, ...messageIds) }]
  })
}

/** Inserts the records whose ids are not stored yet; returns their ids. */
async function insertNew(deps: IngestDeps, records: readonly MemoryRecord[], attempt = 0): Promise<string[]> {
  if (records.length === 0) return []
  const existing = new Set(
    (
      await deps.store.get(
        deps.tenantId,
        records.map((r) => r.id),
      )
    ).map((r) => r.id),
  )
  const fresh = records.filter((r) => !existing.has(r.id))
  if (fresh.length === 0) return []
  let results: MemoryRecord[]
  try {
    results = await deps.insert(fresh)
  } catch (error) {
    // The same conversation sent twice at once: the other call stored it first. Look again.
    if (MemoryError.is(error) && error.code === 'CONFLICT' && attempt === 0)
      return insertNew(deps, records, 1)
    throw error
  }
  // A fact merged into one already stored was not created.
  return fresh.filter((r, i) => results[i]?.id === r.id).map((r) => r.id)
}
