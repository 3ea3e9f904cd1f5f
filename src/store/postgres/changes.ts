import type { Queryable } from './context.js'

/** Changes each scope keeps in its log; older ones are pruned (see migration 4). */
export const CHANGES_KEPT = 100_000

/** A memory of a scope whose text changed (written or deleted) in this transaction. */
export interface ChangedMemory {
  tenantId: string
  userId: string
  id: string
}

/**
 * Logs the changes of a write transaction, moves each scope's memory count by `delta`
 * per memory (1 for new ones, -1 for deleted ones, 0 for rewritten ones) and prunes the
 * log of the scopes it touched. Scope rows are locked in key order first, so writers of
 * the same scopes queue rather than deadlock. Call inside the write's transaction.
 */
export async function logChanges(client: Queryable, changed: readonly ChangedMemory[], delta: -1 | 0 | 1) {
  if (changed.length === 0) return
  const rows = JSON.stringify(changed.map((c) => ({ tenant_id: c.tenantId, user_id: c.userId, id: c.id })))
  const batch = 'json_to_recordset($1::json) AS x(tenant_id text, user_id text, id text)'
  await client.query(
    `SELECT 1 FROM scopes s WHERE (s.tenant_id, s.user_id) IN (SELECT x.tenant_id, x.user_id FROM ${batch})
     ORDER BY s.tenant_id, s.user_id FOR UPDATE`,
    [rows],
  )
  await client.query(
    `INSERT INTO memory_changes (tenant_id, user_id, memory_id) SELECT x.tenant_id, x.user_id, x.id FROM ${batch}`,
    [rows],
  )
  await client.query(
    `UPDATE scopes s SET memories = s.memories + $2 * x.n
     FROM (SELECT x.tenant_id, x.user_id, count(*) AS n FROM ${batch} GROUP BY 1, 2) x
     WHERE s.tenant_id = x.tenant_id AND s.user_id = x.user_id`,
    [rows, delta],
  )
  await client.query(
    `WITH touched AS (SELECT DISTINCT x.tenant_id, x.user_id FROM ${batch}),
     pruned AS (
       DELETE FROM memory_changes c USING touched t
       WHERE c.tenant_id = t.tenant_id AND c.user_id = t.user_id
         AND c.seq <= (SELECT max(seq) FROM memory_changes m
                       WHERE m.tenant_id = t.tenant_id AND m.user_id = t.user_id) - $2
       RETURNING c.tenant_id, c.user_id, c.xid
     )
     UPDATE scopes s SET pruned_xid = greatest(s.pruned_xid, p.xid)
     FROM (SELECT tenant_id, user_id, max(xid) AS xid FROM pruned GROUP BY 1, 2) p
     WHERE s.tenant_id = p.tenant_id AND s.user_id = p.user_id`,
    [rows, CHANGES_KEPT],
  )
}
