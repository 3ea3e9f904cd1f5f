import { MemoryError } from '../../errors.js'
import type { EntityKind, EntityMention } from '../../types.js'
import type { StoreContext } from './context.js'

// A Record, not a list, so that adding a kind to `EntityKind` fails to compile until it is added here.
const KINDS: Record<EntityKind, true> = {
  person: true,
  place: true,
  organization: true,
  date: true,
  topic: true,
}

/** `INVALID_INPUT` unless `mentions` is a list of mentions with a non-empty key, a name and a known kind. */
export function checkMentions(mentions: readonly EntityMention[], what: string): void {
  if (!Array.isArray(mentions)) throw new MemoryError('INVALID_INPUT', `${what}: entities must be a list`)
  for (const mention of mentions) {
    const { key, name, kind } = (mention ?? {}) as Partial<EntityMention>
    if (typeof key !== 'string' || key === '' || typeof name !== 'string') {
      throw new MemoryError('INVALID_INPUT', `${what}: an entity needs a non-empty key and a name`)
    }
    if (typeof kind !== 'string' || !Object.hasOwn(KINDS, kind)) {
      throw new MemoryError('INVALID_INPUT', `${what}: unknown entity kind ${JSON.stringify(kind)}`)
    }
  }
}

/**
 * Makes `mentions` the entity links of memory `rid` in scope `scopeId`: entities are
 * created on first mention, and their name and kind follow the latest write that
 * mentions them. Entities that lose their last link are deleted, so no entity (and no
 * name) outlives the memories that mention it; each entity's `fan` counts its links.
 * Call inside a write transaction.
 */
export function replaceLinks(
  ctx: StoreContext,
  scopeId: number,
  rid: number,
  mentions: readonly EntityMention[],
): void {
  const previous = ctx.sql('SELECT entity_id FROM memory_entities WHERE rid = ?').pluck().all(rid) as number[]
  if (previous.length > 0) {
    ctx.sql('DELETE FROM memory_entities WHERE rid = ?').run(rid)
    const unlink = ctx.sql('UPDATE entities SET fan = fan - 1 WHERE entity_id = ?')
    for (const entityId of previous) unlink.run(entityId)
  }
  // Linked before pruning, so an entity the new links keep is updated, never recreated.
  const linker = entityLinker(ctx)
  linker.link(scopeId, rid, mentions)
  linker.flush()
  // Ranking reads the keys with the row (migration 10).
  if (mentions.length > 0 || previous.length > 0)
    ctx
      .sql('UPDATE memories SET entity_keys = ? WHERE rid = ?')
      .run(JSON.stringify(entityKeys(mentions)), rid)
  const prune = ctx.sql('DELETE FROM entities WHERE entity_id = ? AND fan <= 0')
  for (const entityId of previous) prune.run(entityId)
}

/** Deletes every entity of a scope and all their links (forgetting a user). */
export function dropScopeEntities(ctx: StoreContext, scopeId: number): void {
  ctx
    .sql('DELETE FROM memory_entities WHERE entity_id IN (SELECT entity_id FROM entities WHERE scope_id = ?)')
    .run(scopeId)
  ctx.sql('DELETE FROM entities WHERE scope_id = ?').run(scopeId)
}

/** The keys a memory's links are stored under, once each, in the order first mentioned. */
export function entityKeys(mentions: readonly EntityMention[]): string[] {
  return [...new Set(mentions.map((mention) => mention.key))]
}

/** Links the new memories of one write transaction (see `entityLinker`). */
export interface EntityLinker {
  /** Links memory `rid`, which has no links yet, to the entities it mentions. */
  link(scopeId: number, rid: number, mentions: readonly EntityMention[]): void
  /** Writes the entities' names, kinds and fans; call before the transaction ends. */
  flush(): void
}

/**
 * Links many new memories in one transaction. An entity is created or counted once on
 * its first mention in the transaction; later mentions only link, and `flush` writes each
 * such entity's last name and kind and its added fan in one update, so a batch that
 * mentions a user's people and places many times updates each entity row once.
 */
export function entityLinker(ctx: StoreContext): EntityLinker {
  const upsert = ctx.sql(
    `INSERT INTO entities (scope_id, key, name, kind, fan) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (scope_id, key) DO UPDATE SET name = excluded.name, kind = excluded.kind, fan = fan + 1
     RETURNING entity_id`,
  )
  const insertLink = ctx.sql('INSERT INTO memory_entities (entity_id, rid, position) VALUES (?, ?, ?)')
  // By scope, then key: the entity, and what later mentions in this transaction add to it.
  const seen = new Map<number, Map<string, { entityId: number; later: EntityMention | null; fan: number }>>()
  return {
    link(scopeId, rid, mentions) {
      // A key mentioned twice is one link, at its first place, with its last name and kind.
      const byKey = new Map<string, EntityMention>()
      for (const mention of mentions) byKey.set(mention.key, mention)
      let inScope = seen.get(scopeId)
      if (inScope === undefined) {
        inScope = new Map()
        seen.set(scopeId, inScope)
      }
      let position = 0
      for (const mention of byKey.values()) {
        const known = inScope.get(mention.key)
        if (known) {
          known.later = mention
          known.fan++
          insertLink.run(known.entityId, rid, position++)
          continue
        }
        const { key, name, kind } = mention
        const { entity_id } = upsert.get(scopeId, key, name, kind) as { entity_id: number }
        inScope.set(key, { entityId: entity_id, later: null, fan: 0 })
        insertLink.run(entity_id, rid, position++)
      }
    },
    flush() {
      const update = ctx.sql('UPDATE entities SET name = ?, kind = ?, fan = fan + ? WHERE entity_id = ?')
      for (const inScope of seen.values())
        for (const { entityId, later, fan } of inScope.values())
          if (later) update.run(later.name, later.kind, fan, entityId)
      seen.clear()
    },
  }
}
