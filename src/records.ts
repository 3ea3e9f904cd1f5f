import type { z } from 'zod'
import { MemoryError } from './errors.js'
import { newId } from './ids.js'
import type { addInputSchema, updateInputSchema } from './schemas.js'
import type { HistoryEvent, HistoryEventKind, MemoryRecord, MemorySnapshot } from './types.js'

/** Default ceiling on content size, in UTF-8 bytes. */
export const DEFAULT_MAX_CONTENT_BYTES = 64 * 1024

/** Trims content and rejects what no memory may hold. */
export function checkContent(content: string, maxBytes: number): string {
  const trimmed = content.trim()
  if (trimmed.length === 0) throw new MemoryError('INVALID_INPUT', 'content must not be empty')
  const bytes = Buffer.byteLength(trimmed, 'utf8')
  if (bytes > maxBytes)
    throw new MemoryError('INVALID_INPUT', `content is ${bytes} bytes; the maximum is ${maxBytes}`, {
      details: { bytes, maxBytes },
    })
  if (/\p{Cs}/u.test(trimmed))
    throw new MemoryError('INVALID_INPUT', 'content contains invalid Unicode (a lone surrogate)')
  if (trimmed.includes('\u0000')) throw new MemoryError('INVALID_INPUT', 'content must not contain NUL')
  return trimmed
}

/** A new record from validated `add` input. */
export function newRecord(
  input: z.output<typeof addInputSchema>,
  tenantId: string,
  now: Date,
  maxContentBytes: number,
): MemoryRecord {
  const at = now.toISOString()
  return {
    id: newId(now.getTime()),
    tenantId,
    userId: input.userId,
    agentId: input.agentId ?? null,
    sessionId: input.sessionId ?? null,
    content: checkContent(input.content, maxContentBytes),
    type: input.type ?? 'fact',
    source: input.source ?? null,
    observedAt: input.observedAt ?? at,
    createdAt: at,
    updatedAt: at,
    metadata: input.metadata ?? {},
    tags: [...new Set(input.tags ?? [])],
    confidence: input.confidence ?? 5,
    status: 'active',
    accessCount: 0,
    lastAccessedAt: null,
    version: 1,
    validTo: null,
    supersededBy: null,
    expiresAt: input.expiresAt ?? null,
    corroborations: 0,
  }
}

/** The record after an update: a new version; the caller keeps the old one in history. */
export function updatedRecord(
  current: MemoryRecord,
  patch: z.output<typeof updateInputSchema>,
  now: Date,
  maxContentBytes: number,
): MemoryRecord {
  return {
    ...current,
    content: patch.content === undefined ? current.content : checkContent(patch.content, maxContentBytes),
    metadata: patch.metadata ?? current.metadata,
    tags: patch.tags ? [...new Set(patch.tags)] : current.tags,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  }
}

/** The parts of a record that history keeps before and after a change. */
export function snapshot(record: MemoryRecord): MemorySnapshot {
  return { content: record.content, metadata: record.metadata, tags: record.tags }
}

/** An audit event about one memory. */
export function historyEvent(
  memoryId: string,
  event: HistoryEventKind,
  now: Date,
  actor: string,
  change: { before?: MemorySnapshot; after?: MemorySnapshot } = {},
): HistoryEvent {
  return { id: newId(now.getTime()), memoryId, event, at: now.toISOString(), actor, ...change }
}
