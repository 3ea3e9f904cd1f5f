import type { EntityMention } from '../../types.js'
import type { Queryable } from './context.js'

/** Where a memory lives: what every link and claim row carries. */
export interface MemoryKey {
  tenantId: string
  userId: string
  id: string
}

/**
 * Makes `mentions` the entity links of one memory: entities are created on first
 * mention and take the name and kind of the latest write that mentions them; entities
 * that lose their last link are deleted, so no name outlives the memories that mention
 * it. A key mentioned twice is one link, at its first place, with its last name and kind.
 */
export async function replaceLinks(
  client: Queryable,
  memory: MemoryKey,
  mentions: readonly EntityMention[],
): Promise<void> {
  const byKey = new Map<string, EntityMention>()
  for (const mention of mentions) byKey.set(mention.key, mention)
  // Every entity row this write may touch (the links it drops, through the fan trigger,
  // and the ones it makes) is locked first, in one key order, as every other writer
  // locks them: two writers never hold one each while waiting for the other's.
  await client.query(
    `SELECT 1 FROM entities e
     WHERE e.tenant_id = $1 AND (
       (e.user_id = $2 AND e.key = ANY($4::text[]))
       OR (e.user_id, e.key) IN (SELECT l.user_id, l.key FROM memory_entities l
                                 WHERE l.tenant_id = $1 AND l.memory_id = $3))
     ORDER BY e.tenant_id, e.user_id, e.key FOR UPDATE`,
    [memory.tenantId, memory.userId, memory.id, [...byKey.keys()]],
  )
  const { rows } = await client.query<{ key: string; user_id: string }>(
    'DELETE FROM memory_entities WHERE tenant_id = $1 AND memory_id = $2 RETURNING key, user_id',
    [memory.tenantId, memory.id],
  )
  if (byKey.size > 0) {
    const items = [...byKey.values()].map((m, position) => ({ ...m, position }))
    const json = JSON.stringify(items)
    // Sorted by key so that concurrent writers lock entity rows in one order.
    await client.query(
      `INSERT INTO entities (tenant_id, user_id, key, name, kind)
       SELECT $1, $2, x.key, x.name, x.kind FROM json_to_recordset($3::json) AS x(key text, name text, kind text)
       ORDER BY x.key COLLATE "C"
       ON CONFLICT (tenant_id, user_id, key) DO UPDATE SET name = excluded.name, kind = excluded.kind`,
      [memory.tenantId, memory.userId, json],
    )
    await client.query(
      `INSERT INTO memory_entities (tenant_id, user_id, key, memory_id, position)
       SELECT $1, $2, x.key, $3, x.position FROM json_to_recordset($4::json) AS x(key text, position int)`,
      [memory.tenantId, memory.userId, memory.id, json],
    )
  }
  // Pruned after linking, so an entity the new links keep is updated, never recreated.
  for (const userId of new Set(rows.map((row) => row.user_id))) {
    const keys = rows.filter((row) => row.user_id === userId).map((row) => row.key)
    await client.query(
      `DELETE FROM entities e WHERE e.tenant_id = $1 AND e.user_id = $2 AND e.key = ANY($3::text[])
       AND NOT EXISTS (SELECT 1 FROM memory_entities l
                       WHERE l.tenant_id = e.tenant_id AND l.user_id = e.user_id AND l.key = e.key)`,
      [memory.tenantId, userId, keys],
    )
  }
}

/**
 * Links the entities of memories that are new (no links yet) in three statements,
 * whatever the batch size; the same outcome as `replaceLinks` for each in turn.
 */
export async function insertLinks(
  client: Queryable,
  memories: readonly { memory: MemoryKey; mentions: readonly EntityMention[] }[],
): Promise<void> {
  const entities = new Map<string, { tenant_id: string; user_id: string } & EntityMention>()
  const links: { tenant_id: string; user_id: string; key: string; memory_id: string; position: number }[] = []
  for (const { memory, mentions } of memories) {
    const byKey = new Map<string, EntityMention>()
    for (const mention of mentions) byKey.set(mention.key, mention)
    let position = 0
    for (const mention of byKey.values()) {
      const scope = { tenant_id: memory.tenantId, user_id: memory.userId }
      // The latest write's name and kind win, as one write after another would leave them.
      entities.set(JSON.stringify([memory.tenantId, memory.userId, mention.key]), { ...scope, ...mention })
      links.push({ ...scope, key: mention.key, memory_id: memory.id, position: position++ })
    }
  }
  if (links.length === 0) return
  await client.query(
    `INSERT INTO entities (tenant_id, user_id, key, name, kind)
     SELECT x.tenant_id, x.user_id, x.key, x.name, x.kind
     FROM json_to_recordset($1::json) AS x(tenant_id text, user_id text, key text, name text, kind text)
     ORDER BY x.tenant_id COLLATE "C", x.user_id COLLATE "C", x.key COLLATE "C"
     ON CONFLICT (tenant_id, user_id, key) DO UPDATE SET name = excluded.name, kind = excluded.kind`,
    [JSON.stringify([...entities.values()])],
  )
  await client.query(
    `INSERT INTO memory_entities (tenant_id, user_id, key, memory_id, position)
     SELECT x.tenant_id, x.user_id, x.key, x.memory_id, x.position
     FROM json_to_recordset($1::json) AS x(tenant_id text, user_id text, key text, memory_id text, position int)`,
    [JSON.stringify(links)],
  )
}
