import type { MemoryStore } from '../store/store.js'
import type { JsonValue } from '../types.js'

/** The memory ids a decision of a lifecycle report names. */
function idsOf(decision: JsonValue): string[] {
  if (typeof decision !== 'object' || decision === null || Array.isArray(decision)) return []
  return [decision.memoryId, decision.otherId].filter((id) => typeof id === 'string')
}

/**
 * Takes a user's memories, and memories that no longer exist, out of the report of the
 * last lifecycle pass over the whole tenant. That report names each memory it decided
 * about, whichever user it belonged to, so a forgotten user would live on in it as their
 * memory ids. Called before the user's memories are removed, so that the removal is the
 * last write of a forget (the store clears its logs after it). Their decisions go; the
 * counts stay (numbers, not traces), and `truncated` tells that the list is no longer
 * complete. Reports of one user's passes go with the user.
 */
export async function forgetInTenantRun(store: MemoryStore, tenantId: string, userId: string): Promise<void> {
  const report = await store.lastRun(tenantId, null)
  const decisions = report?.decisions
  if (!report || !Array.isArray(decisions) || decisions.length === 0) return
  const ids = [...new Set(decisions.flatMap(idsOf))]
  const others = new Set(
    (await store.get(tenantId, ids)).filter((record) => record.userId !== userId).map((record) => record.id),
  )
  const kept = decisions.filter((d) => idsOf(d).every((id) => others.has(id)))
  if (kept.length === decisions.length) return
  await store.saveRun(tenantId, null, { ...report, decisions: kept, truncated: true })
}
