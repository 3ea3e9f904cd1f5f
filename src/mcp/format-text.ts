import { jsonString, label } from '../context/render-context.js'
import type { MemoryGraph } from '../graph.js'
import type { StoreStats } from '../store/store.js'
import type { MemoryRecord, SearchHit } from '../types.js'

/**
 * Compact plain text for the tools' text content: what a model reads. Ids stay
 * in, so the model can pass them to update, forget, feedback and graph. Memory
 * text is data, as in a context block: each content is a JSON string literal, one
 * line that no content can close, and names and tags are tame or quoted.
 */

const day = (iso: string) => iso.slice(0, 10)

/** One memory on one line: content as a JSON string, then id, type, date and tags. */
export function memoryLine(r: MemoryRecord): string {
  const tags = r.tags.length > 0 ? `, tags: ${r.tags.map(label).join(', ')}` : ''
  return `${jsonString(r.content)}  (id ${r.id}, ${label(r.type)}, ${day(r.observedAt)}${tags})`
}

/** Ranked hits, best first, each with its score. */
export function hitsText(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'No matching memories.'
  return hits
    .map((h, i) => {
      const parts = h.breakdown
        ? `\n   ${Object.entries(h.breakdown)
            .map(([k, v]) => `${k} ${v.toFixed(3)}`)
            .join(', ')}`
        : ''
      return `${i + 1}. [${h.score.toFixed(3)}] ${memoryLine(h.memory)}${parts}`
    })
    .join('\n')
}

/** The graph as two lists: entities with their fan, memories with the entities they mention. */
export function graphText(graph: MemoryGraph): string {
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]))
  const entities = graph.nodes.flatMap((n) =>
    n.type === 'entity'
      ? [`- ${label(n.label)} (${n.kind}, in ${n.fan} ${n.fan === 1 ? 'memory' : 'memories'})`]
      : [],
  )
  const memories = graph.nodes.flatMap((n) => {
    if (n.type !== 'memory') return []
    const mentions = graph.edges.filter((e) => e.source === n.id).map((e) => labels.get(e.target) ?? e.target)
    return [`- ${jsonString(n.label)}  (id ${n.id}; mentions ${mentions.map(label).join(', ') || 'nothing'})`]
  })
  return [
    `Centre: ${label(labels.get(graph.center) ?? graph.center)}`,
    `Entities (${entities.length}):`,
    ...entities,
    `Memories (${memories.length}):`,
    ...memories,
  ].join('\n')
}

/** Counts by status and type. */
export function statsText(stats: StoreStats, userId: string | undefined): string {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none'
  return [
    `${stats.memories} memories${userId ? ` of user ${label(userId)}` : ` of ${stats.users} users`}`,
    `by status: ${counts(stats.byStatus)}`,
    `by type: ${counts(stats.byType)}`,
    ...(stats.sizeBytes === null ? [] : [`size: ${(stats.sizeBytes / 1024 / 1024).toFixed(1)} MiB`]),
  ].join('\n')
}

/** One group of the snapshot: a type, its count, its most recent active memories. */
export interface SnapshotGroup {
  type: string
  count: number
  recent: MemoryRecord[]
}

/** The snapshot: one section per type. */
export function snapshotText(userId: string, groups: readonly SnapshotGroup[]): string {
  if (groups.length === 0) return `No memories for user ${label(userId)}.`
  return groups
    .map((g) => [`${label(g.type)} (${g.count}):`, ...g.recent.map((r) => `- ${memoryLine(r)}`)].join('\n'))
    .join('\n\n')
}
