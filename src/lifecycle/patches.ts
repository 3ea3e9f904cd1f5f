import { retryOnConflict } from '../conflicts.js'
import type { MemoryStore, RecordPatch } from '../store/store.js'
import type { HistoryEvent, JsonObject, MemoryRecord } from '../types.js'

/** How far each corroboration moves confidence towards 10. */
export const CORROBORATION_STEP = 0.2

export const corroborated = (confidence: number, times = 1) =>
  10 - (10 - confidence) * (1 - CORROBORATION_STEP) ** times

/** Lifecycle changes to one stored memory, gathered before they are written. */
export interface PlannedChange {
  id: string
  /** Restatements merged in. */
  merges: number
  supersede: { by: string; validTo: string } | null
  archive: boolean
  events: HistoryEvent[]
  /** The status the memory must still have for the change to apply. */
  expect: MemoryRecord['status']
}

export function plannedChange(id: string, expect: MemoryRecord['status'] = 'active'): PlannedChange {
  return { id, merges: 0, supersede: null, archive: false, events: [], expect }
}

/** The record after the change, as it will be stored. */
export function changedFields(current: MemoryRecord, change: PlannedChange): RecordPatch {
  const patch: RecordPatch = {}
  if (change.merges > 0) {
    patch.corroborations = current.corroborations + change.merges
    patch.confidence = corroborated(current.confidence, change.merges)
  }
  if (change.supersede) {
    patch.status = 'superseded'
    patch.validTo = change.supersede.validTo
    patch.supersededBy = change.supersede.by
  } else if (change.archive) patch.status = 'archived'
  return patch
}

/**
 * Writes gathered changes, each under optimistic concurrency: re-read, check
 * the memory is still in the expected state, patch; retried on a lost race.
 * A memory deleted or changed in status meanwhile is left alone (and reported).
 */
export async function applyChanges(
  store: MemoryStore,
  tenantId: string,
  changes: Iterable<PlannedChange>,
  onApplied?: (record: MemoryRecord, change: PlannedChange) => void,
): Promise<string[]> {
  const skipped: string[] = []
  for (const change of changes) {
    for (let attempt = 0; ; attempt++) {
      const [current] = await store.get(tenantId, [change.id])
      if (!current || current.status !== change.expect) {
        skipped.push(change.id)
        break
      }
      try {
        const next = await store.patch(
          tenantId,
          change.id,
          changedFields(current, change),
          change.events,
          current.version,
        )
        onApplied?.(next, change)
        break
      } catch (error) {
        if (!(await retryOnConflict(error, attempt))) throw error
      }
    }
  }
  return skipped
}

/** What a merge event keeps of the restatement, so undo can bring it back. */
export function restatement(record: MemoryRecord): JsonObject {
  return {
    memoryId: record.id,
    content: record.content,
    type: record.type,
    source: record.source,
    observedAt: record.observedAt,
    agentId: record.agentId,
    sessionId: record.sessionId,
    metadata: record.metadata,
    tags: record.tags,
    confidence: record.confidence,
    expiresAt: record.expiresAt,
  }
}

/** The `add` input that stores a restatement again, from what its merge event kept. */
export function restatementInput(kept: JsonObject): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const field of [
    'content',
    'type',
    'source',
    'observedAt',
    'agentId',
    'sessionId',
    'metadata',
    'tags',
    'confidence',
    'expiresAt',
  ])
    if (kept[field] !== undefined && kept[field] !== null) input[field] = kept[field]
  return input
}
