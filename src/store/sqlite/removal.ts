import type { HistoryEvent, Scope } from '../../types.js'
import { deleteAssociations } from './associations.js'
import { replaceClaims } from './claims.js'
import type { StoreContext } from './context.js'
import { dropScopeEntities, replaceLinks } from './entity-links.js'
import { ftsTable } from './fts-tables.js'
import { deleteUserJobs } from './jobs.js'
import type { MemoryRow } from './row-mapping.js'
import { findScope } from './scopes.js'
import { parseBag, TermDelta } from './term-counts.js'
import { deleteVector } from './vector-rows.js'
import { appendEvents } from './writes.js'

type RemovableRow = Pick<MemoryRow, 'rid' | 'id' | 'user_id' | 'terms' | 'scope_id'>

/**
 * Deletes one memory from every table and index. Its earlier events keep only what
 * happened, when and by whom: snapshots and details go, since they may quote the
 * content. The tombstone is stored without snapshots for the same reason.
 */
export function removeMemory(
  ctx: StoreContext,
  tenantId: string,
  id: string,
  tombstone: HistoryEvent,
): boolean {
  return ctx.db
    .transaction(() => {
      const row = ctx
        .sql('SELECT rid, id, user_id, terms, scope_id FROM memories WHERE tenant_id = ? AND id = ?')
        .get(tenantId, id) as RemovableRow | undefined
      if (row === undefined) return false
      const delta = new TermDelta()
      deleteRow(ctx, tenantId, row, delta)
      delta.apply(ctx)
      ctx
        .sql(
          `UPDATE memory_events SET before_json = NULL, after_json = NULL, details_json = NULL
           WHERE tenant_id = ? AND memory_id = ?`,
        )
        .run(tenantId, id)
      const { before: _before, after: _after, ...bare } = tombstone
      appendEvents(ctx, tenantId, row.user_id, [bare])
      return true
    })
    .immediate()
}

/**
 * Deletes every trace of one user and returns how many memories went. Their queued and
 * finished jobs go too: payloads quote the user's messages.
 */
export function removeUser(ctx: StoreContext, scope: Scope): number {
  return ctx.db
    .transaction(() => {
      const rows = ctx
        .sql('SELECT rid, id, user_id, terms, scope_id FROM memories WHERE tenant_id = ? AND user_id = ?')
        .all(scope.tenantId, scope.userId) as RemovableRow[]
      const scopeId = findScope(ctx, scope.tenantId, scope.userId)
      // All at once, rather than pruning entity by entity as each memory goes.
      if (scopeId !== null) dropScopeEntities(ctx, scopeId)
      const delta = new TermDelta()
      const dropEvents = ctx.sql('DELETE FROM memory_events WHERE tenant_id = ? AND memory_id = ?')
      for (const row of rows) {
        deleteRow(ctx, scope.tenantId, row, delta)
        dropEvents.run(scope.tenantId, row.id)
      }
      delta.apply(ctx)
      // Also the events of the user's memories removed earlier (tombstones).
      ctx
        .sql('DELETE FROM memory_events WHERE tenant_id = ? AND user_id = ?')
        .run(scope.tenantId, scope.userId)
      deleteUserJobs(ctx, scope.tenantId, scope.userId)
      ctx
        .sql('DELETE FROM lifecycle_runs WHERE tenant_id = ? AND user_id = ?')
        .run(scope.tenantId, scope.userId)
      if (scopeId !== null) ctx.sql('DELETE FROM scopes WHERE scope_id = ?').run(scopeId)
      return rows.length
    })
    .immediate()
}

function deleteRow(ctx: StoreContext, tenantId: string, row: RemovableRow, delta: TermDelta): void {
  const table = ftsTable(ctx, tenantId)
  if (table !== null) ctx.sql(`DELETE FROM ${table} WHERE rowid = ?`).run(row.rid)
  deleteVector(ctx, row.rid, row.scope_id)
  // Links and associations first: they reference the row. Its access times go with it.
  replaceLinks(ctx, row.scope_id, row.rid, [])
  replaceClaims(ctx, row.scope_id, row.rid, [])
  deleteAssociations(ctx, row.rid)
  ctx.sql('DELETE FROM memories WHERE rid = ?').run(row.rid)
  delta.add(tenantId, parseBag(row.terms), -1)
}
