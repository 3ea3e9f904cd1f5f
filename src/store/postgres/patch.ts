import { MemoryError } from '../../errors.js'
import type { HistoryEvent, MemoryRecord, MemoryStatus } from '../../types.js'
import type { RecordPatch } from '../store.js'
import type { PgContext } from './context.js'
import { insertEvents } from './events.js'
import { type MemoryRow, RECORD_COLUMNS, recordRow, toRecord } from './row-mapping.js'
import { checkVersion } from './writes.js'

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
const PATCHED_COLUMNS = [
  'confidence',
  'status',
  'metadata',
  'tags',
  'valid_to',
  'superseded_by',
  'expires_at',
  'corroborations',
  'version',
  'updated_at',
]

/**
 * Changes fields that need no re-embedding and appends `events`, if the stored version
 * is `expectedVersion`. The version goes up by one; `updatedAt` becomes the `at` of the
 * last event, or the current time when there are none. Returns the record as stored.
 */
export async function patchMemory(
  ctx: PgContext,
  tenantId: string,
  id: string,
  changes: RecordPatch,
  events: readonly HistoryEvent[],
  expectedVersion: number,
): Promise<MemoryRecord> {
  checkPatch(changes)
  return ctx.tx(async (client) => {
    const { rows } = await client.query<MemoryRow>(
      `SELECT ${RECORD_COLUMNS} FROM memories WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, id],
    )
    const row = rows[0]
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
    await client.query(
      `UPDATE memories m SET ${PATCHED_COLUMNS.map((c) => `${c} = x.${c}`).join(', ')}
       FROM json_populate_record(NULL::memories, $1::json) x
       WHERE m.tenant_id = x.tenant_id AND m.id = x.id`,
      [JSON.stringify(recordRow(next))],
    )
    await insertEvents(
      client,
      events.map((e) => ({ tenantId, userId: row.user_id, e })),
    )
    return next
  })
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
