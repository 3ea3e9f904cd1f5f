import { MemoryError } from '../../errors.js'
import type { HistoryEvent, MemoryRecord } from '../../types.js'
import { checkPatch, patchedRecord } from '../record-patch.js'
import type { RecordPatch } from '../store.js'
import type { StoreContext } from './context.js'
import { type MemoryRow, toRecord } from './row-mapping.js'
import { appendEvents, checkVersion } from './writes.js'

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
      const next = patchedRecord(current, changes, events)
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
