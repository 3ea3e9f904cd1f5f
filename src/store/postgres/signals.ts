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
  entity_keys: string[]
  learned: { key: string; weight: number }[]
}

/**
 * What ranking reads of each candidate, in one round trip: a few columns of the memory
 * row, with its entity keys and learned associations kept there by the writes (migration 5).
 */
export async function readSignals(
  ctx: PgContext,
  tenantId: string,
  ids: readonly string[],
): Promise<CandidateSignals[]> {
  if (ids.length === 0) return []
  const rows = await ctx.query<SignalRow>(
    `SELECT m.id, m.status, m.superseded_by, m.valid_to, m.session_id, m.observed_at, m.confidence,
       m.access_count, m.recent_accesses, m.entity_keys, m.learned
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
    entityKeys: r.entity_keys,
    learned: r.learned,
  }))
}
