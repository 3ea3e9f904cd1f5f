import { SAME_TEXT, storedClaims } from '../indexing.js'
import { historyEvent } from '../records.js'
import type { MemoryStore, MemoryWrite } from '../store/store.js'
import type { JsonObject, MemoryRecord } from '../types.js'
import type { LifecycleConfig } from './config.js'
import type { Judge } from './judge.js'
import { corroborated, type PlannedChange, plannedChange, restatement } from './patches.js'
import { type Comparable, cosine, type Relation, relate } from './relate.js'

/** What adding a batch comes to once restatements and contradictions are settled. */
export interface AddPlan {
  /** The memories to insert (some may arrive superseded by a newer stored one). */
  inserts: MemoryWrite[]
  /** Changes to stored memories: merges into them, supersessions of them. */
  changes: Map<string, PlannedChange>
  /** Per input, the memory `add` returns: the new one, or the one it was merged into. */
  results: MemoryRecord[]
}

interface Known extends Comparable {
  record: MemoryRecord
  /** The batch write, for memories not stored yet. */
  write: MemoryWrite | null
  vector: Float32Array | null
}

/** Largest batch whose memories are each compared with their nearest stored neighbours. */
export const NEIGHBOUR_BATCH = 32

const DUPLICATE_ORDER = { exact: 0, 'same-claims': 1, paraphrase: 2, judge: 3 } as const
/** Pairs at least this similar that the rules leave undecided go to the judge, the most similar first. */
const JUDGE_SIMILARITY = 0.75
const JUDGE_LIMIT = 3

function details(relation: Relation, extra: JsonObject): JsonObject {
  if (relation.kind === 'unrelated') return extra
  const base: JsonObject = { rule: relation.rule, score: relation.score, ...extra }
  if (relation.kind === 'contradiction')
    base.inputs = relation.conflicts.map(([a, b]) => ({
      key: a.key.replace('\u0000', ' '),
      newer: a.value,
      older: b.value,
    }))
  return base
}

/**
 * Settles a batch against the user's active memories and itself, in input
 * order: a restatement is merged into the memory it restates (not inserted),
 * a contradiction supersedes whichever of the two was observed earlier.
 */
export async function planAdd(
  deps: { store: MemoryStore; tenantId: string; config: LifecycleConfig; now: Date; judge: Judge | null },
  writes: readonly MemoryWrite[],
): Promise<AddPlan> {
  const { store, tenantId, config, now, judge } = deps
  const exempt = new Set(config.exemptTypes)
  const plan: AddPlan = { inserts: [], changes: new Map(), results: [] }
  const pending: Known[] = []
  const pendingByKey = new Map<string, Known[]>()
  const change = (id: string) => {
    const found = plan.changes.get(id)
    if (found) return found
    const created = plannedChange(id)
    plan.changes.set(id, created)
    return created
  }
  const at = now
  // Nearest neighbours cost a vector search per memory: fine for an add, too slow for a bulk load,
  // where exact restatements and claims (index lookups) are checked now and paraphrases at consolidate().
  const useNeighbours = writes.length <= NEIGHBOUR_BATCH
  const lookups = storedLookups(store, tenantId, writes)

  for (const write of writes) {
    const record = write.record
    if (exempt.has(record.type) || (!config.dedupe && !config.contradictions)) {
      plan.inserts.push(write)
      plan.results.push(record)
      continue
    }
    const self: Known = { record, write, vector: write.vector, content: record.content, claims: write.claims }
    const candidates = await storedCandidates(store, lookups, self, config, useNeighbours)
    const earlier = useNeighbours
      ? pending
      : [...new Set(self.claims.flatMap((c) => pendingByKey.get(c.key) ?? []))]
    for (const p of earlier)
      if (p.record.userId === record.userId && p.record.status === 'active')
        candidates.push([p, p.vector ? cosine(write.vector, p.vector) : null])

    let duplicate: { known: Known; relation: Extract<Relation, { kind: 'duplicate' }> } | null = null
    const contradicted: { known: Known; relation: Relation }[] = []
    const undecided: [Known, number][] = []
    for (const [known, similarity] of candidates) {
      if (exempt.has(known.record.type) || known.record.status !== 'active') continue
      if (plan.changes.get(known.record.id)?.supersede) continue
      const relation = relate(self, known, similarity, config.paraphraseSimilarity)
      if (relation.kind === 'duplicate' && config.dedupe) {
        if (!duplicate || DUPLICATE_ORDER[relation.rule] < DUPLICATE_ORDER[duplicate.relation.rule])
          duplicate = { known, relation }
      } else if (relation.kind === 'contradiction' && config.contradictions)
        contradicted.push({ known, relation })
      else if (relation.kind === 'unrelated' && similarity !== null && similarity >= JUDGE_SIMILARITY)
        undecided.push([known, similarity])
    }
    if (judge && !duplicate && contradicted.length === 0) {
      for (const [known, similarity] of undecided.sort((a, b) => b[1] - a[1]).slice(0, JUDGE_LIMIT)) {
        const { verdict } = await judge(record.content, known.record.content)
        if (verdict === 'duplicate' && config.dedupe) {
          duplicate = { known, relation: { kind: 'duplicate', rule: 'judge', score: similarity } }
          break
        }
        if (verdict === 'contradiction' && config.contradictions)
          contradicted.push({
            known,
            relation: { kind: 'contradiction', rule: 'judge', score: similarity, conflicts: [] },
          })
      }
    }

    if (
      duplicate &&
      !duplicate.known.write &&
      (await alreadyMerged(store, tenantId, duplicate.known.record.id, record.id))
    ) {
      // The same restatement again (a conversation sent twice): nothing new to count.
      plan.results.push(duplicate.known.record)
      continue
    }
    if (duplicate) {
      const target = duplicate.known
      const event = historyEvent(target.record.id, 'merged', at, 'system')
      event.details = details(duplicate.relation, { restatement: restatement(record) })
      if (target.write) {
        const r = target.write.record
        r.corroborations += 1
        r.confidence = corroborated(r.confidence)
        ;(target.write.events as unknown[]).push(event)
        plan.results.push(r)
      } else {
        const c = change(target.record.id)
        c.merges += 1
        c.events.push(event)
        plan.results.push({
          ...target.record,
          corroborations: target.record.corroborations + c.merges,
          confidence: corroborated(target.record.confidence, c.merges),
        })
      }
      continue
    }

    for (const { known, relation } of contradicted) {
      const newerWins = known.record.observedAt <= record.observedAt
      const [loser, winner] = newerWins ? [known.record, record] : [record, known.record]
      const event = historyEvent(loser.id, 'superseded', at, 'system')
      event.details = details(relation, { by: winner.id })
      const supersede = { by: winner.id, validTo: winner.observedAt }
      if (loser === record || known.write) {
        const w = loser === record ? write : (known.write as MemoryWrite)
        Object.assign(w.record, {
          status: 'superseded',
          validTo: supersede.validTo,
          supersededBy: supersede.by,
        })
        ;(w.events as unknown[]).push(event)
        if (loser === record) break
      } else {
        const c = change(loser.id)
        c.supersede = supersede
        c.events.push(event)
      }
    }
    plan.inserts.push(write)
    plan.results.push(record)
    pending.push(self)
    for (const c of self.claims) pendingByKey.set(c.key, [...(pendingByKey.get(c.key) ?? []), self])
  }
  return plan
}

/** The user's active stored memories that may restate or contradict `self`, with similarity when known. */
async function storedCandidates(
  store: MemoryStore,
  lookups: StoredLookups,
  self: Known,
  config: LifecycleConfig,
  useNeighbours: boolean,
): Promise<[Known, number | null][]> {
  const userId = self.record.userId
  const keys = [...new Set(self.claims.map((c) => c.key))]
  const scope = { tenantId: lookups.tenantId, userId, statuses: ['active'] as const }
  const [near, claimed, restated] = await Promise.all([
    useNeighbours
      ? store.nearest({ ...scope, vector: self.vector as Float32Array, limit: config.neighbours })
      : [],
    lookups.claimed(
      userId,
      keys.filter((key) => !key.startsWith(SAME_TEXT)),
    ),
    lookups.sameText(
      userId,
      keys.filter((key) => key.startsWith(SAME_TEXT)),
    ),
  ])
  const similarity = new Map(near.map((c) => [c.id, c.score]))
  const ids = [...new Set([...near.map((c) => c.id), ...claimed.map((c) => c.id), ...restated])]
  if (ids.length === 0) return []
  return (await lookups.records(ids)).map((known) => [known, similarity.get(known.record.id) ?? null])
}

/** Stored memories asserting any of a memory's claim keys, at most this many (the newest). */
const CLAIMED_LIMIT = 50

/**
 * The stored memories planning a batch compares with, each read (and its claims
 * extracted) once: the store does not change while a batch is planned (its changes are
 * applied afterwards), and memories of a batch share many candidates (the same user's
 * residence, employer...).
 */
interface StoredLookups {
  tenantId: string
  /** The stored memories with these ids that still exist, with their claims. */
  records(ids: readonly string[]): Promise<Known[]>
  /**
   * The user's active stored memories with a claim under any of these keys (the newest
   * `CLAIMED_LIMIT` claims): read once per user and set of keys, which the memories of a
   * batch share (a user's residence, employer...).
   */
  claimed(userId: string, keys: readonly string[]): Promise<{ id: string }[]>
  /**
   * Ids of the user's active stored memories with any of these same-text keys: the keys
   * of all the user's memories in the batch are looked up together, on the first call.
   */
  sameText(userId: string, keys: readonly string[]): Promise<string[]>
}

function storedLookups(store: MemoryStore, tenantId: string, writes: readonly MemoryWrite[]): StoredLookups {
  const known = new Map<string, Known>()
  const claimed = new Map<string, Promise<{ id: string }[]>>()
  const sameTextKeys = new Map<string, Set<string>>()
  for (const { record, claims } of writes)
    for (const { key } of claims) {
      if (!key.startsWith(SAME_TEXT)) continue
      const keys = sameTextKeys.get(record.userId) ?? new Set<string>()
      keys.add(key)
      sameTextKeys.set(record.userId, keys)
    }
  const sameText = new Map<string, Promise<Map<string, string[]>>>()
  const readSameText = async (userId: string, keys: readonly string[]) => {
    const found = await store.byClaims({
      tenantId,
      userId,
      statuses: ['active'],
      keys,
      // Exact restatements are rare: every one of every key fits.
      limit: CLAIMED_LIMIT * keys.length,
    })
    const byKey = new Map<string, string[]>()
    for (const { id, claims } of found)
      for (const { key } of claims) byKey.set(key, [...(byKey.get(key) ?? []), id])
    return byKey
  }
  return {
    tenantId,
    async sameText(userId, keys) {
      if (keys.length === 0) return []
      let found = sameText.get(userId)
      if (!found) {
        found = readSameText(userId, [...new Set([...(sameTextKeys.get(userId) ?? []), ...keys])])
        sameText.set(userId, found)
      }
      const byKey = await found
      return keys.flatMap((key) => byKey.get(key) ?? [])
    },
    claimed(userId, keys) {
      if (keys.length === 0) return Promise.resolve([])
      const sorted = [...keys].sort()
      const cacheKey = JSON.stringify([userId, sorted])
      let found = claimed.get(cacheKey)
      if (!found) {
        found = store.byClaims({ tenantId, userId, statuses: ['active'], keys: sorted, limit: CLAIMED_LIMIT })
        claimed.set(cacheKey, found)
      }
      return found
    },
    async records(ids) {
      const missing = ids.filter((id) => !known.has(id))
      if (missing.length > 0)
        for (const record of await store.get(tenantId, missing))
          known.set(record.id, {
            record,
            write: null,
            vector: null,
            content: record.content,
            claims: storedClaims(record),
          })
      return ids.flatMap((id) => known.get(id) ?? [])
    },
  }
}

async function alreadyMerged(store: MemoryStore, tenantId: string, targetId: string, restatementId: string) {
  const history = await store.history(tenantId, targetId)
  return history.some(
    (e) =>
      e.event === 'merged' && (e.details?.restatement as JsonObject | undefined)?.memoryId === restatementId,
  )
}
