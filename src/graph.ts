import { MemoryError } from './errors.js'
import { entityKey } from './extract/entity-key.js'
import type { MemoryStore } from './store/store.js'
import type { EntityKind, Scope } from './types.js'

/** A node of the entity graph: an entity or a memory. */
export type GraphNode =
  | { id: string; type: 'entity'; key: string; label: string; kind: EntityKind; fan: number }
  | { id: string; type: 'memory'; label: string; memoryType: string; observedAt: string }

/** A link between a memory and an entity it mentions. */
export interface GraphEdge {
  source: string
  target: string
}

/** The neighbourhood of an entity or a memory. */
export interface MemoryGraph {
  /** The node the graph is centred on. */
  center: string
  nodes: GraphNode[]
  edges: GraphEdge[]
}

export interface GraphQuery {
  entity?: string | undefined
  memoryId?: string | undefined
  limit: number
}

const entityNodeId = (key: string) => `entity:${key}`

/**
 * The graph two steps around a centre: a memory's entities and the other
 * memories that mention them, or an entity's memories and their other entities.
 * Only active memories of the user appear; `limit` caps the memories.
 */
export async function entityGraph(store: MemoryStore, scope: Scope, q: GraphQuery): Promise<MemoryGraph> {
  const { tenantId } = scope
  let center: string
  let keys: string[]
  if (q.memoryId) {
    const [memory] = await store.get(tenantId, [q.memoryId])
    if (!memory || memory.userId !== scope.userId)
      throw new MemoryError('NOT_FOUND', `No memory with id ${q.memoryId}`)
    center = memory.id
    keys = ((await store.entitiesOf(tenantId, [memory.id])).get(memory.id) ?? []).map((e) => e.key)
  } else {
    const key = entityKey(q.entity ?? '')
    center = entityNodeId(key)
    keys = [key]
  }
  const hits = await store.byEntities({ ...scope, keys, statuses: ['active'], limit: q.limit })
  const memoryIds = [...new Set([...(q.memoryId ? [q.memoryId] : []), ...hits.map((h) => h.id)])]
  const [records, mentions] = await Promise.all([
    store.get(tenantId, memoryIds),
    store.entitiesOf(tenantId, memoryIds),
  ])
  const allKeys = new Set(keys)
  for (const list of mentions.values()) for (const m of list) allKeys.add(m.key)
  const infos = await store.entities(scope, [...allKeys])
  if (!q.memoryId && infos.every((e) => e.key !== keys[0]))
    throw new MemoryError('NOT_FOUND', `No entity ${JSON.stringify(q.entity)} in this user's memories`)

  const nodes: GraphNode[] = infos.map((e) => ({
    id: entityNodeId(e.key),
    type: 'entity',
    key: e.key,
    label: e.name,
    kind: e.kind,
    fan: e.fan,
  }))
  const edges: GraphEdge[] = []
  for (const r of records) {
    nodes.push({ id: r.id, type: 'memory', label: r.content, memoryType: r.type, observedAt: r.observedAt })
    for (const m of mentions.get(r.id) ?? []) edges.push({ source: r.id, target: entityNodeId(m.key) })
  }
  return { center, nodes, edges }
}
