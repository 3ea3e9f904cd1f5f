import type { Queryable } from './context.js'

/** Changes each scope keeps in its log; older ones are pruned (see migration 4). */
export const CHANGES_KEPT = 100_000

/** A memory of a scope whose text or status changed (written, patched or deleted) in this transaction. */
export interface ChangedMemory {
  tenantId: string
  userId: string
  id: string
}

// The log is checked for pruning once in this many changes (by the log's sequence), not
// at every write: a scope's log outgrows what it keeps by no more than this.
const PRUNE_EVERY = 1024

/**
 * Logs the changes of a write transaction, moves each scope's memory count by `delta`
 * per memory (1 for new ones, -1 for deleted ones) and, once in `PRUNE_EVERY` changes,
 * prunes the log of the scopes it touched. A count that moves locks the scope rows in
 * key order first, so writers of the same scopes queue rather than deadlock; a rewrite
 * (`delta` 0) only logs. Call inside the write's transaction.
 */
export async function logChanges(client: Queryable, changed: readonly ChangedMemory[], delta: -1 | 0 | 1) {
  if (changed.length === 0) return
  const rows = JSON.stringify(changed.map((c) => ({ tenant_id: c.tenantId, user_id: c.userId, id: c.id })))
  const batch = 'json_to_recordset($1::json) AS x(tenant_id text, user_id text, id text)'
  if (delta !== 0) {
    await client.query(
      `SELECT 1 FROM scopes s WHERE (s.tenant_id, s.user_id) IN (SELECT x.tenant_id, x.user_id FROM ${batch})
       ORDER BY s.tenant_id, s.user_id FOR UPDATE`,
      [rows],
    )
    await client.query(
      `UPDATE scopes s SET memories = s.memories + $2 * x.n
       FROM (SELECT x.tenant_id, x.user_id, count(*) AS n FROM ${batch} GROUP BY 1, 2) x
       WHERE s.tenant_id = x.tenant_id AND s.user_id = x.user_id`,
      [rows, delta],
    )
  }
  const { rows: logged } = await client.query<{ first: string; last: string }>(
    `WITH logged AS (
       INSERT INTO memory_changes (tenant_id, user_id, memory_id)
       SELECT x.tenant_id, x.user_id, x.id FROM ${batch} RETURNING seq
     )
     SELECT min(seq)::text AS first, max(seq)::text AS last FROM logged`,
    [rows],
  )
  const first = BigInt(logged[0]?.first ?? '0')
  const last = BigInt(logged[0]?.last ?? '0')
  if ((first - 1n) / BigInt(PRUNE_EVERY) === last / BigInt(PRUNE_EVERY)) return
  await pruneChanges(
    client,
    changed.map((c) => ({ tenantId: c.tenantId, userId: c.userId })),
    CHANGES_KEPT,
  )
}

/**
 * Drops the oldest changes of each scope that keeps more than `kept` (by a tenth), and
 * records the newest dropped transaction in `scopes.pruned_xid`. Two index probes per
 * scope find whether there is anything to drop, so the common case costs next to nothing.
 */
export async function pruneChanges(
  client: Queryable,
  scopes: readonly { tenantId: string; userId: string }[],
  kept: number,
): Promise<void> {
  const distinct = [...new Map(scopes.map((s) => [JSON.stringify([s.tenantId, s.userId]), s])).values()]
  for (const { tenantId, userId } of distinct) {
    const { rows } = await client.query<{ first: string | null; last: string | null }>(
      `SELECT (SELECT min(seq) FROM memory_changes WHERE tenant_id = $1 AND user_id = $2)::text AS first,
              (SELECT max(seq) FROM memory_changes WHERE tenant_id = $1 AND user_id = $2)::text AS last`,
      [tenantId, userId],
    )
    const first = Number(rows[0]?.first ?? 0)
    const last = Number(rows[0]?.last ?? 0)
    // Pruned in steps of a tenth of what is kept, so this runs once in many writes.
    if (last - first < kept * 1.1) continue
    await client.query(
      `WITH pruned AS (
         DELETE FROM memory_changes WHERE tenant_id = $1 AND user_id = $2 AND seq <= $3 RETURNING xid
       )
       UPDATE scopes SET pruned_xid = greatest(pruned_xid, (SELECT max(xid) FROM pruned))
       WHERE tenant_id = $1 AND user_id = $2`,
      [tenantId, userId, last - kept],
    )
  }
}
