import type { MemoryStatus } from '../../types.js'
import type { CandidateSignals } from '../store.js'
import type { StoreContext } from './context.js'

type SignalRow = [
  id: string,
  status: MemoryStatus,
  supersededBy: string | null,
  validTo: string | null,
  sessionId: string | null,
  observedAt: string,
  confidence: number,
  accessCount: number,
  recentAccesses: string,
  keys: string,
  learned: string,
]

/**
 * What ranking reads of each candidate, in one statement: a few columns of the memory
 * row, its learned associations and the keys of its entities (from the covering index on links by memory, then
 * each entity by its integer key; unordered, since ordering them took a sort per row and
 * doubled the read). Raw rows spare an object per row.
 */
export function readSignals(ctx: StoreContext, tenantId: string, ids: readonly string[]): CandidateSignals[] {
  if (ids.length === 0) return []
  const rows = ctx
    .sql(
      `SELECT m.id, m.status, m.superseded_by, m.valid_to, m.session_id, m.observed_at, m.confidence,
         m.access_count, m.recent_accesses,
         (SELECT json_group_array(e.key) FROM memory_entities l JOIN entities e ON e.entity_id = l.entity_id
          WHERE l.rid = m.rid) AS keys,
         (SELECT json_group_array(json_array(a.key, a.weight)) FROM associations a WHERE a.rid = m.rid) AS learned
       FROM memories m WHERE m.tenant_id = ? AND m.id IN (SELECT value FROM json_each(?))`,
    )
    .raw(true)
    .all(tenantId, JSON.stringify(ids)) as SignalRow[]
  return rows.map((r) => ({
    id: r[0],
    status: r[1],
    supersededBy: r[2],
    validTo: r[3],
    sessionId: r[4],
    observedAt: r[5],
    confidence: r[6],
    accessCount: r[7],
    recentAccesses: JSON.parse(r[8]) as string[],
    entityKeys: JSON.parse(r[9]) as string[],
    learned: (JSON.parse(r[10]) as [string, number][]).map(([key, weight]) => ({ key, weight })),
  }))
}
