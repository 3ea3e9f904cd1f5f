import type { HistoryEvent } from '../../types.js'
import type { Queryable } from './context.js'
import { eventRow } from './row-mapping.js'

/** Appends history events, each owned by (tenant, user), in the order given. */
export async function insertEvents(
  client: Queryable,
  events: readonly { tenantId: string; userId: string; e: HistoryEvent }[],
): Promise<void> {
  if (events.length === 0) return
  const rows = events.map(({ tenantId, userId, e }) => ({
    tenant_id: tenantId,
    user_id: userId,
    ...eventRow(e),
  }))
  // WITH ORDINALITY keeps the append order, which breaks ties of `at` in history.
  await client.query(
    `INSERT INTO memory_events
       (tenant_id, user_id, memory_id, event_id, kind, at, actor, before_json, after_json, details_json)
     SELECT x.tenant_id, x.user_id, x.memory_id, x.event_id, x.kind, x.at, x.actor,
            x.before_json, x.after_json, x.details_json
     FROM json_array_elements($1::json) WITH ORDINALITY AS e(value, n),
          json_populate_record(NULL::memory_events, e.value) x
     ORDER BY e.n`,
    [JSON.stringify(rows)],
  )
}
