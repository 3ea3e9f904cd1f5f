import type { MemoryStore } from '../store/store.js'
import type { JsonValue } from '../types.js'

/** The memory ids a decision of a lifecycle report names. */
function idsOf(decision: JsonValue): string[] {
  if (typeof decision !== 'object' || decision === null || Array.isArray(decision)) return []
  return [decision.memoryId, decision.otherId].filter((id) => typeof id === 'string')
}

/**
 * Takes memories that no longer exist out of the report of the last lifecycle pass over
 * the whole tenant. That report names each memory it decided about, whichever user it
 * belonged to, so once a user is forgotten it would still hold their memory ids. Their
 * decisions go; the counts stay (numbers, not traces), and `truncated` tells that the
 * list is no longer complete. Reports of one user's passes go with the user.
 */
export async function forgetInTenantRun(store: MemoryStore, tenantId: string): Promise<void> {
  const report = await store.lastRun(tenantId, null)
  const decisions = report?.decisions
  if (!report || !Array.isArray(decisions) || decisions.length === 0) return
  const ids = [...new Set(decisions.flatMap(idsOf))]
  const existing = new Set((await store.get(tenantId, ids)).map((record) => record.id))
  const kept = decisions.filter((d) => idsOf(d).every((id) => existing.has(id)))
  if (kept.length === decisions.length) return
  await store.saveRun(tenantId, null, { ...report, decisions: kept, truncated: true })
}
