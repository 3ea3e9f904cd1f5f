import type { HistoryEvent, Scope } from '../../types.js'
import { logChanges } from './changes.js'
import type { PgContext, Queryable } from './context.js'
import { replaceLinks } from './entity-links.js'
import { insertEvents } from './events.js'
import { adjustTextStats } from './text-stats.js'

/**
 * Deletes one memory from every table and index. Its earlier events keep only what
 * happened, when and by whom: snapshots and details go, since they may quote the
 * content. The tombstone is stored without snapshots for the same reason.
 */
export async function removeMemory(
  ctx: PgContext,
  tenantId: string,
  id: string,
  tombstone: HistoryEvent,
): Promise<boolean> {
  return ctx.tx(async (client) => {
    const { rows } = await client.query<{ user_id: string }>(
      'SELECT user_id FROM memories WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
      [tenantId, id],
    )
    const row = rows[0]
    if (row === undefined) return false
    // The scope row before the text statistics, as every writer takes them.
    await logChanges(client, [{ tenantId, userId: row.user_id, id }], -1)
    await adjustTextStats(client, tenantId, [id], -1)
    await replaceLinks(client, { tenantId, userId: row.user_id, id }, [])
    await deleteRows(client, tenantId, 'memory_id = ANY($2::text[])', [[id]])
    await client.query('DELETE FROM memories WHERE tenant_id = $1 AND id = $2', [tenantId, id])
    await client.query(
      `UPDATE memory_events SET before_json = NULL, after_json = NULL, details_json = NULL
       WHERE tenant_id = $1 AND memory_id = $2`,
      [tenantId, id],
    )
    const { before: _before, after: _after, ...bare } = tombstone
    await insertEvents(client, [{ tenantId, userId: row.user_id, e: bare }])
    return true
  })
}

/**
 * Deletes every trace of one user and returns how many memories went: memories,
 * vectors, links, entities, claims, associations, history (tombstones too), jobs (their
 * payloads quote the user's messages), lifecycle reports, the change log and the user's
 * scope row.
 */
export async function removeUser(ctx: PgContext, scope: Scope): Promise<number> {
  return ctx.tx(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM memories WHERE tenant_id = $1 AND user_id = $2 ORDER BY id FOR UPDATE',
      [scope.tenantId, scope.userId],
    )
    const ids = rows.map((row) => row.id)
    // The scope row before the text statistics, as every writer takes them.
    await client.query('SELECT 1 FROM scopes WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE', [
      scope.tenantId,
      scope.userId,
    ])
    await adjustTextStats(client, scope.tenantId, ids, -1)
    const user = 'user_id = $2'
    await deleteRows(client, scope.tenantId, user, [scope.userId])
    for (const table of [
      'memory_entities',
      'entities',
      'memory_events',
      'jobs',
      'lifecycle_runs',
      'memory_changes',
      'scopes',
    ]) {
      await client.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND ${user}`, [
        scope.tenantId,
        scope.userId,
      ])
    }
    await client.query(`DELETE FROM memories WHERE tenant_id = $1 AND ${user}`, [
      scope.tenantId,
      scope.userId,
    ])
    return ids.length
  })
}

// Rows keyed by memory that carry the user too: vectors, claims and associations.
async function deleteRows(client: Queryable, tenantId: string, condition: string, params: unknown[]) {
  const { rows } = await client.query("SELECT 1 FROM pg_class WHERE oid = to_regclass('memory_vectors')")
  if (rows.length > 0)
    await client.query(`DELETE FROM memory_vectors WHERE tenant_id = $1 AND ${condition}`, [
      tenantId,
      ...params,
    ])
  await client.query(`DELETE FROM memory_claims WHERE tenant_id = $1 AND ${condition}`, [tenantId, ...params])
  await client.query(`DELETE FROM associations WHERE tenant_id = $1 AND ${condition}`, [tenantId, ...params])
}
