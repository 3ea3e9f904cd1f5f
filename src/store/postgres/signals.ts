import type { MemoryStatus } from '../../types.js'
import type { CandidateSignals } from '../store.js'
import type { PgContext } from './context.js'

interface SignalRow {
  id: string
  status: MemoryStatus
  superseded_by: string | null
  valid_to: string | null
  session_id: string | null
  observed_at: string
  confidence: number
  access_count: number
  recent_accesses: string[]
  keys: string[]
  learned: { key: string; weight: number }[]
}

/** What ranking reads of each candidate, in one round trip: a few columns, its entity keys and learned associations. */
export async function readSignals(
  ctx: PgContext,
  tenantId: string,
  ids: readonly string[],
): Promise<CandidateSignals[]> {
  if (ids.length === 0) return []
  const rows = await ctx.query<SignalRow>(
    `SELECT m.id, m.status, m.superseded_by, m.valid_to, m.session_id, m.observed_at, m.confidence,
       m.access_count, m.recent_accesses,
       ARRAY(SELECT l.key FROM memory_entities l
             WHERE l.tenant_id = m.tenant_id AND l.memory_id = m.id) AS keys,
       ARRAY(SELECT json_build_object('key', a.key, 'weight', a.weight) FROM associations a
             WHERE a.tenant_id = m.tenant_id AND a.memory_id = m.id) AS learned
     FROM memories m WHERE m.tenant_id = $1 AND m.id = ANY($2::text[])`,
    [tenantId, ids],
  )
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    supersededBy: r.superseded_by,
    validTo: r.valid_to,
    sessionId: r.session_id,
    observedAt: r.observed_at,
    confidence: r.confidence,
    accessCount: r.access_count,
    recentAccesses: r.recent_accesses,
    entityKeys: r.keys,
    learned: r.learned,
  }))
}
