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
 * row, the keys of its entities kept there by the writes (migration 10) and its learned
 * associations. Raw rows spare an object per row.
 */
export function readSignals(ctx: StoreContext, tenantId: string, ids: readonly string[]): CandidateSignals[] {
  if (ids.length === 0) return []
  const rows = ctx
    .sql(
      `SELECT m.id, m.status, m.superseded_by, m.valid_to, m.session_id, m.observed_at, m.confidence,
         m.access_count, m.recent_accesses, m.entity_keys,
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
