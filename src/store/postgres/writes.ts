import { MemoryError } from '../../errors.js'
import { checkClaims } from '../sqlite/claims.js'
import { checkMentions } from '../sqlite/entity-links.js'
import type { MemoryWrite } from '../store.js'
import { logChanges } from './changes.js'
import { insertClaims, replaceClaims } from './claims.js'
import { type PgContext, sqlState, UNIQUE_VIOLATION } from './context.js'
import { insertLinks, replaceLinks } from './entity-links.js'
import { insertEvents } from './events.js'
import { RECORD_COLUMNS, recordRow } from './row-mapping.js'
import { adjustTextStats } from './text-stats.js'
import { checkVector, requireSpace, upsertVectors } from './vector-space.js'

/** Inserts a batch in one transaction: all of it, or nothing and `CONFLICT`. */
export async function insertMemories(ctx: PgContext, writes: readonly MemoryWrite[]): Promise<void> {
  checkWrites(ctx, writes)
  if (writes.length === 0) return
  const seen = new Set<string>()
  for (const { record } of writes) {
    const key = JSON.stringify([record.tenantId, record.id])
    if (seen.has(key)) throw conflict(record.id)
    seen.add(key)
  }
  await ctx.tx(async (client) => {
    const rows = writes.map(({ record, terms, entities }) => ({
      ...recordRow(record),
      terms: Object.fromEntries(bagOf(terms)),
      entity_keys: entityKeys(entities),
      // A record that arrives already retrieved (an import) knows one access time exactly.
      recent_accesses: record.lastAccessedAt === null ? [] : [record.lastAccessedAt],
    }))
    await client.query(
      `INSERT INTO scopes (tenant_id, user_id)
       SELECT DISTINCT x.tenant_id, x.user_id FROM json_to_recordset($1::json) AS x(tenant_id text, user_id text)
       ORDER BY 1, 2 ON CONFLICT DO NOTHING`,
      [JSON.stringify(writes.map(({ record }) => ({ tenant_id: record.tenantId, user_id: record.userId })))],
    )
    const columns = `${RECORD_COLUMNS}, terms, recent_accesses, entity_keys`
    try {
      await client.query(
        `INSERT INTO memories (${columns})
         SELECT ${columns} FROM json_populate_recordset(NULL::memories, $1::json)`,
        [JSON.stringify(rows)],
      )
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw conflict(firstId(error) ?? 'in the batch', error)
      throw error
    }
    await logChanges(
      client,
      writes.map(({ record }) => ({ tenantId: record.tenantId, userId: record.userId, id: record.id })),
      1,
    )
    await upsertVectors(
      client,
      writes.map(({ record, vector }) => ({ tenantId: record.tenantId, id: record.id, vector })),
    )
    await insertLinks(
      client,
      writes.map(({ record, entities }) => ({ memory: record, mentions: entities })),
    )
    await insertClaims(
      client,
      writes.map(({ record, claims }) => ({ memory: record, claims })),
    )
    for (const [tenantId, ids] of idsByTenant(writes)) await adjustTextStats(client, tenantId, ids, 1)
    await insertEvents(
      client,
      writes.flatMap(({ record, events }) =>
        events.map((e) => ({ tenantId: record.tenantId, userId: record.userId, e })),
      ),
    )
  })
}

/** Replaces one memory if its stored version is `expectedVersion`. */
export async function updateMemory(
  ctx: PgContext,
  write: MemoryWrite,
  expectedVersion: number,
): Promise<void> {
  checkWrites(ctx, [write])
  const { record, vector, terms, events, entities, claims } = write
  await ctx.tx(async (client) => {
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM memories WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
      [record.tenantId, record.id],
    )
    const row = rows[0]
    if (row === undefined) throw new MemoryError('NOT_FOUND', `memory ${record.id} not found`)
    checkVersion(record.id, row.version, expectedVersion)
    // Any wait for the scope row (an insert or removal in the scope holds it) comes before
    // the text statistics are locked, the order inserts and removals take them in: two
    // writers never each hold what the other waits for.
    await client.query(`INSERT INTO scopes (tenant_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      record.tenantId,
      record.userId,
    ])
    await logChanges(client, [{ tenantId: record.tenantId, userId: record.userId, id: record.id }], 0)
    await adjustTextStats(client, record.tenantId, [record.id], -1)
    const columns = RECORD_COLUMNS.split(', ').filter((c) => c !== 'tenant_id' && c !== 'id')
    await client.query(
      `UPDATE memories m SET ${columns.map((c) => `${c} = x.${c}`).join(', ')}, terms = x.terms,
         entity_keys = x.entity_keys
       FROM json_populate_record(NULL::memories, $1::json) x
       WHERE m.tenant_id = x.tenant_id AND m.id = x.id`,
      [
        JSON.stringify({
          ...recordRow(record),
          terms: Object.fromEntries(bagOf(terms)),
          entity_keys: entityKeys(entities),
        }),
      ],
    )
    await adjustTextStats(client, record.tenantId, [record.id], 1)
    await upsertVectors(client, [{ tenantId: record.tenantId, id: record.id, vector }])
    await replaceLinks(client, record, entities)
    await replaceClaims(client, record, claims)
    await insertEvents(
      client,
      events.map((e) => ({ tenantId: record.tenantId, userId: record.userId, e })),
    )
  })
}

/** Overwrites vectors; memories deleted meanwhile (e.g. during a reindex) are skipped. */
export async function replaceVectors(
  ctx: PgContext,
  items: readonly { tenantId: string; id: string; vector: Float32Array }[],
): Promise<void> {
  const space = requireSpace(ctx)
  for (const item of items) checkVector(space, item.vector, `memory ${item.id}`)
  await ctx.tx(async (client) => {
    await upsertVectors(client, items)
    // Node-local vector indexes re-read what the log names.
    const { rows } = await client.query<{ tenant_id: string; user_id: string; id: string }>(
      `SELECT m.tenant_id, m.user_id, m.id FROM memories m
       JOIN json_to_recordset($1::json) AS x(tenant_id text, id text) ON m.tenant_id = x.tenant_id AND m.id = x.id`,
      [JSON.stringify(items.map((i) => ({ tenant_id: i.tenantId, id: i.id })))],
    )
    await logChanges(
      client,
      rows.map((r) => ({ tenantId: r.tenant_id, userId: r.user_id, id: r.id })),
      0,
    )
  })
}

/** `CONFLICT` unless the stored version is the one the caller read. */
export function checkVersion(id: string, version: number, expectedVersion: number): void {
  if (version === expectedVersion) return
  throw new MemoryError(
    'CONFLICT',
    `memory ${id} changed: version is ${version}, expected ${expectedVersion}`,
    {
      details: { id, version, expectedVersion },
    },
  )
}

function checkWrites(ctx: PgContext, writes: readonly MemoryWrite[]): void {
  const space = requireSpace(ctx)
  for (const write of writes) {
    checkVector(space, write.vector, `memory ${write.record.id}`)
    checkMentions(write.entities, `memory ${write.record.id}`)
    checkClaims(write.claims, `memory ${write.record.id}`)
  }
}

/** The keys a memory's links will hold, as `replaceLinks` writes them: each once, in first-mention order. */
function entityKeys(mentions: MemoryWrite['entities']): string[] {
  return [...new Set(mentions.map((m) => m.key))]
}

function bagOf(terms: readonly string[]): Map<string, number> {
  const bag = new Map<string, number>()
  for (const term of terms) bag.set(term, (bag.get(term) ?? 0) + 1)
  return bag
}

function idsByTenant(writes: readonly MemoryWrite[]): Map<string, string[]> {
  const byTenant = new Map<string, string[]>()
  for (const { record } of writes) {
    const ids = byTenant.get(record.tenantId)
    if (ids === undefined) byTenant.set(record.tenantId, [record.id])
    else ids.push(record.id)
  }
  return byTenant
}

function conflict(id: string, cause?: unknown): MemoryError {
  return new MemoryError('CONFLICT', `memory ${id} already exists`, { cause, details: { id } })
}

// The driver's `detail` reads "Key (tenant_id, id)=(t, m1) already exists."
function firstId(error: unknown): string | undefined {
  const detail = (error as { detail?: unknown }).detail
  return typeof detail === 'string' ? /=\(.*?, (.*)\) already exists/.exec(detail)?.[1] : undefined
}
