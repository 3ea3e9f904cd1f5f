import { MemoryError } from '../../errors.js'
import type { HistoryEvent, MemoryRecord, MemoryStatus } from '../../types.js'
import type { RecordPatch } from '../store.js'
import type { StoreContext } from './context.js'
import { type MemoryRow, toRecord } from './row-mapping.js'
import { appendEvents, checkVersion } from './writes.js'

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

/**
 * Changes fields that need no re-embedding and appends `events`, if the stored version
 * is `expectedVersion`. The version goes up by one; `updatedAt` becomes the `at` of the
 * last event in `events`, or the current time when there are none. Fields set to
 * `undefined` are left as they are. Returns the record as now stored.
 */
export function patchMemory(
  ctx: StoreContext,
  tenantId: string,
  id: string,
  changes: RecordPatch,
  events: readonly HistoryEvent[],
  expectedVersion: number,
): MemoryRecord {
  checkPatch(changes)
  return ctx.db
    .transaction(() => {
      const row = ctx.sql('SELECT * FROM memories WHERE tenant_id = ? AND id = ?').get(tenantId, id) as
        | MemoryRow
        | undefined
      if (row === undefined) throw new MemoryError('NOT_FOUND', `memory ${id} not found`)
      checkVersion(id, row.version, expectedVersion)
      const current = toRecord(row)
      const next: MemoryRecord = {
        ...current,
        confidence: changes.confidence ?? current.confidence,
        status: changes.status ?? current.status,
        metadata: changes.metadata ?? current.metadata,
        tags: changes.tags ?? current.tags,
        validTo: changes.validTo === undefined ? current.validTo : changes.validTo,
        supersededBy: changes.supersededBy === undefined ? current.supersededBy : changes.supersededBy,
        expiresAt: changes.expiresAt === undefined ? current.expiresAt : changes.expiresAt,
        corroborations: changes.corroborations ?? current.corroborations,
        version: current.version + 1,
        updatedAt: events.at(-1)?.at ?? new Date().toISOString(),
      }
      ctx
        .sql(
          `UPDATE memories SET confidence = ?, status = ?, metadata = ?, tags = ?, valid_to = ?,
             superseded_by = ?, expires_at = ?, corroborations = ?, version = ?, updated_at = ?
           WHERE rid = ?`,
        )
        .run(
          next.confidence,
          next.status,
          JSON.stringify(next.metadata),
          JSON.stringify(next.tags),
          next.validTo,
          next.supersededBy,
          next.expiresAt,
          next.corroborations,
          next.version,
          next.updatedAt,
          row.rid,
        )
      appendEvents(ctx, tenantId, row.user_id, events)
      return next
    })
    .immediate()
}

/** `INVALID_INPUT` for unknown fields or values a record cannot hold. */
function checkPatch(changes: RecordPatch): void {
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
