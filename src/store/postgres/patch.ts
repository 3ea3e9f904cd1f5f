import { MemoryError } from '../../errors.js'
import type { HistoryEvent, MemoryRecord } from '../../types.js'
import { checkPatch, patchedRecord } from '../record-patch.js'
import type { RecordPatch } from '../store.js'
import { logChanges } from './changes.js'
import type { PgContext } from './context.js'
import { insertEvents } from './events.js'
import { type MemoryRow, RECORD_COLUMNS, recordRow, toRecord } from './row-mapping.js'
import { checkVersion } from './writes.js'

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
    const next = patchedRecord(current, changes, events)
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
    // Node-local indexes check statuses themselves, so they must hear of a new one.
    if (next.status !== current.status) await logChanges(client, [{ tenantId, userId: row.user_id, id }], 0)
    return next
  })
}
