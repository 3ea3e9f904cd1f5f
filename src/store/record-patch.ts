import { MemoryError } from '../errors.js'
import type { HistoryEvent, MemoryRecord, MemoryStatus } from '../types.js'
import type { RecordPatch } from './store.js'

// Records, not lists, so that a new status or patchable field fails to compile until handled here.
const STATUSES: Record<MemoryStatus, true> = { active: true, superseded: true, archived: true }
const FIELDS: Record<keyof RecordPatch, true> = {
  confidence: true,
  status: true,
  metadata: true,
  tags: true,
  validTo: true,
  supersededBy: true,
  expiresAt: true,
  corroborations: true,
}

/** `INVALID_INPUT` for unknown fields or values a record cannot hold: the check every backend's `patch` runs. */
export function checkPatch(changes: RecordPatch): void {
  const invalid = (message: string) => new MemoryError('INVALID_INPUT', `patch: ${message}`)
  if (typeof changes !== 'object' || changes === null) throw invalid('changes must be an object')
  for (const field of Object.keys(changes)) {
    if (!Object.hasOwn(FIELDS, field)) throw invalid(`${field} cannot be patched`)
  }
  const { confidence, status, metadata, tags } = changes
  if (confidence !== undefined && !(typeof confidence === 'number' && confidence >= 0 && confidence <= 10)) {
    throw invalid(`confidence must be a number in [0, 10], got ${String(confidence)}`)
  }
  if (status !== undefined && !Object.hasOwn(STATUSES, status)) {
    throw invalid(`unknown status ${JSON.stringify(status)}`)
  }
  if (
    metadata !== undefined &&
    (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
  ) {
    throw invalid('metadata must be an object')
  }
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag) => typeof tag === 'string'))) {
    throw invalid('tags must be a list of strings')
  }
}

/**
 * The record after a patch: fields set to `undefined` stay as they are (null clears the
 * nullable ones), the version goes up by one, and `updatedAt` becomes the `at` of the last
 * event, or the current time when there are none.
 */
export function patchedRecord(
  current: MemoryRecord,
  changes: RecordPatch,
  events: readonly HistoryEvent[],
): MemoryRecord {
  const keep = <T>(value: T | undefined, old: T): T => (value === undefined ? old : value)
  return {
    ...current,
    confidence: keep(changes.confidence, current.confidence),
    status: keep(changes.status, current.status),
    metadata: keep(changes.metadata, current.metadata),
    tags: keep(changes.tags, current.tags),
    validTo: keep(changes.validTo, current.validTo),
    supersededBy: keep(changes.supersededBy, current.supersededBy),
    expiresAt: keep(changes.expiresAt, current.expiresAt),
    corroborations: keep(changes.corroborations, current.corroborations),
    version: current.version + 1,
    updatedAt: events.at(-1)?.at ?? new Date().toISOString(),
  }
}
