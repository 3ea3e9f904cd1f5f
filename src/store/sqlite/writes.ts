import { MemoryError } from '../../errors.js'
import type { HistoryEvent } from '../../types.js'
import type { MemoryWrite } from '../store.js'
import { checkClaims, insertClaims, replaceClaims } from './claims.js'
import type { StoreContext } from './context.js'
import { checkMentions, entityKeys, entityLinker, replaceLinks } from './entity-links.js'
import { ensureFtsTable } from './fts-tables.js'
import { eventParams, type MemoryRow, recordParams } from './row-mapping.js'
import { ensureScope } from './scopes.js'
import { bagOf, parseBag, serializeBag, TermDelta } from './term-counts.js'
import { addVector, replaceVector } from './vector-rows.js'
import { checkVector, requireSpace } from './vector-space.js'

const RECORD_COLUMNS =
  'tenant_id, id, user_id, agent_id, session_id, content, type, source, observed_at, created_at, ' +
  'updated_at, metadata, tags, confidence, status, access_count, last_accessed_at, version, ' +
  'valid_to, superseded_by, expires_at, corroborations'
const RECORD_VALUES = RECORD_COLUMNS.split(', ')
  .map((column) => `@${column}`)
  .join(', ')

/** Inserts a batch in one transaction: all of it, or nothing and `CONFLICT`. */
export function insertMemories(ctx: StoreContext, writes: readonly MemoryWrite[]): void {
  const space = requireSpace(ctx)
  for (const write of writes) {
    checkVector(space, write.vector, `memory ${write.record.id}`)
    checkMentions(write.entities, `memory ${write.record.id}`)
    checkClaims(write.claims, `memory ${write.record.id}`)
  }
  const exists = ctx.sql('SELECT 1 FROM memories WHERE tenant_id = ? AND id = ?')
  const insert = ctx.sql(
    `INSERT INTO memories (${RECORD_COLUMNS}, scope_id, terms, recent_accesses, entity_keys, has_vector)
     VALUES (${RECORD_VALUES}, @scope_id, @terms, @recent_accesses, @entity_keys, 1)`,
  )
  ctx.db
    .transaction(() => {
      const delta = new TermDelta()
      const linker = entityLinker(ctx)
      // A batch is mostly a few users' memories: each scope is looked up once.
      const scopes = new Map<string, number>()
      const scopeOf = (tenantId: string, userId: string) => {
        const key = JSON.stringify([tenantId, userId])
        let scopeId = scopes.get(key)
        if (scopeId === undefined) {
          scopeId = ensureScope(ctx, tenantId, userId)
          scopes.set(key, scopeId)
        }
        return scopeId
      }
      for (const { record, vector, terms, events, entities, claims } of writes) {
        // Checked row by row, so a duplicate inside the batch is caught as well.
        if (exists.get(record.tenantId, record.id) !== undefined) {
          throw new MemoryError('CONFLICT', `memory ${record.id} already exists`, {
            details: { id: record.id },
          })
        }
        const scopeId = scopeOf(record.tenantId, record.userId)
        const bag = bagOf(terms)
        // A record that arrives already retrieved (an import) knows one access time exactly.
        const recent = record.lastAccessedAt === null ? [] : [record.lastAccessedAt]
        const params = {
          ...recordParams(record),
          scope_id: scopeId,
          terms: serializeBag(bag),
          recent_accesses: JSON.stringify(recent),
          entity_keys: JSON.stringify(entityKeys(entities)),
        }
        const rid = Number(insert.run(params).lastInsertRowid)
        indexContent(ctx, record.tenantId, rid, scopeId, record.content)
        addVector(ctx, rid, scopeId, vector)
        // A new row has no links or claims to replace (and was written with its entity keys).
        linker.link(scopeId, rid, entities)
        insertClaims(ctx, scopeId, rid, claims, record.observedAt)
        appendEvents(ctx, record.tenantId, record.userId, events)
        delta.add(record.tenantId, bag, 1)
      }
      linker.flush()
      delta.apply(ctx)
    })
    .immediate()
  ctx.fitMap()
}

/** Replaces one memory if its stored version is `expectedVersion`. */
export function updateMemory(ctx: StoreContext, write: MemoryWrite, expectedVersion: number): void {
  const space = requireSpace(ctx)
  const { record, vector, terms, events, entities, claims } = write
  checkVector(space, vector, `memory ${record.id}`)
  checkMentions(entities, `memory ${record.id}`)
  checkClaims(claims, `memory ${record.id}`)
  ctx.db
    .transaction(() => {
      const row = ctx
        .sql('SELECT rid, version, terms, scope_id FROM memories WHERE tenant_id = ? AND id = ?')
        .get(record.tenantId, record.id) as
        | Pick<MemoryRow, 'rid' | 'version' | 'terms' | 'scope_id'>
        | undefined
      if (row === undefined) throw new MemoryError('NOT_FOUND', `memory ${record.id} not found`)
      checkVersion(record.id, row.version, expectedVersion)
      const scopeId = ensureScope(ctx, record.tenantId, record.userId)
      const bag = bagOf(terms)
      const assignments = RECORD_VALUES.split(', ')
        .map((param) => `${param.slice(1)} = ${param}`)
        .join(', ')
      ctx
        .sql(`UPDATE memories SET ${assignments}, scope_id = @scope_id, terms = @terms WHERE rid = @rid`)
        .run({ ...recordParams(record), scope_id: scopeId, terms: serializeBag(bag), rid: row.rid })
      const table = ensureFtsTable(ctx, record.tenantId)
      ctx.sql(`DELETE FROM ${table} WHERE rowid = ?`).run(row.rid)
      indexContent(ctx, record.tenantId, row.rid, scopeId, record.content)
      replaceVector(ctx, row.rid, row.scope_id, scopeId, vector)
      replaceLinks(ctx, scopeId, row.rid, entities)
      replaceClaims(ctx, scopeId, row.rid, claims, record.observedAt)
      appendEvents(ctx, record.tenantId, record.userId, events)
      const delta = new TermDelta()
      delta.add(record.tenantId, parseBag(row.terms), -1)
      delta.add(record.tenantId, bag, 1)
      delta.apply(ctx)
    })
    .immediate()
}

/** Overwrites vectors; memories deleted meanwhile (e.g. during a reindex) are skipped. */
export function replaceVectors(
  ctx: StoreContext,
  items: readonly { tenantId: string; id: string; vector: Float32Array }[],
): void {
  const space = requireSpace(ctx)
  for (const item of items) checkVector(space, item.vector, `memory ${item.id}`)
  const find = ctx.sql('SELECT rid, scope_id FROM memories WHERE tenant_id = ? AND id = ?')
  ctx.db
    .transaction(() => {
      for (const item of items) {
        const row = find.get(item.tenantId, item.id) as Pick<MemoryRow, 'rid' | 'scope_id'> | undefined
        if (row !== undefined) replaceVector(ctx, row.rid, row.scope_id, row.scope_id, item.vector)
      }
    })
    .immediate()
}

/** `CONFLICT` unless the stored version is the one the caller read. */
export function checkVersion(id: string, version: number, expectedVersion: number): void {
  if (version === expectedVersion) return
  throw new MemoryError(
    'CONFLICT',
    `memory ${id} changed: version is ${version}, expected ${expectedVersion}`,
    { details: { id, version, expectedVersion } },
  )
}

/** Appends history events owned by (tenant, user). */
export function appendEvents(
  ctx: StoreContext,
  tenantId: string,
  userId: string,
  events: readonly HistoryEvent[],
): void {
  const insert = ctx.sql(
    `INSERT INTO memory_events
       (tenant_id, user_id, memory_id, event_id, kind, at, actor, before_json, after_json, details_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const event of events) insert.run(tenantId, userId, ...eventParams(event))
}

function indexContent(
  ctx: StoreContext,
  tenantId: string,
  rid: number,
  scopeId: number,
  content: string,
): void {
  ctx
    .sql(`INSERT INTO ${ensureFtsTable(ctx, tenantId)} (rowid, content, scope) VALUES (?, ?, ?)`)
    .run(rid, content, String(scopeId))
}
