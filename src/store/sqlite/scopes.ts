import type { StoreContext } from './context.js'

/**
 * The integer id of a (tenant, user) pair. vec0 partitions vectors by it and the FTS
 * index carries it, so one user's searches touch only that user's entries.
 */
export function findScope(ctx: StoreContext, tenantId: string, userId: string): number | null {
  const row = ctx
    .sql('SELECT scope_id FROM scopes WHERE tenant_id = ? AND user_id = ?')
    .get(tenantId, userId) as { scope_id: number } | undefined
  return row?.scope_id ?? null
}

/** The scope id of (tenant, user), created on first use. Call inside a write transaction. */
export function ensureScope(ctx: StoreContext, tenantId: string, userId: string): number {
  const found = findScope(ctx, tenantId, userId)
  if (found !== null) return found
  const result = ctx.sql('INSERT INTO scopes (tenant_id, user_id) VALUES (?, ?)').run(tenantId, userId)
  return Number(result.lastInsertRowid)
}
