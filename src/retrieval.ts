import type { z } from 'zod'
import type { Embedder } from './embed/embedder.js'
import { embedForTenant } from './embedding.js'
import { MemoryError } from './errors.js'
import { queryEntityKeys } from './extract/entities.js'
import { questionClaimKeys } from './lifecycle/question-claims.js'
import type { searchInputSchema } from './schemas.js'
import { baseLevelActivation } from './score/activation.js'
import type { ScoringConfig } from './score/config.js'
import { type RankedCandidate, rankCandidates } from './score/rank.js'
import { fuseRelevance } from './score/relevance.js'
import { sessionRelevance } from './score/session.js'
import { type ActivationSource, evenSources, spreadingActivation } from './score/spreading.js'
import type { CandidateQuery, CandidateSignals, MemoryStore } from './store/store.js'
import { keywordTerms } from './text/stop-words.js'
import { resolveTimeRange } from './text/time-expressions.js'
import { words } from './text/words.js'
import type { EntityInfo, MemoryFilter, MemoryRecord, MemoryStatus } from './types.js'

/** What retrieval works with. */
export interface RetrievalDeps {
  store: MemoryStore
  embedder: Embedder
  scoring: ScoringConfig
  tenantId: string
}

/** A search, validated. */
export type SearchRequest = Omit<z.output<typeof searchInputSchema>, 'limit' | 'explain'> & { limit: number }

/** A ranked memory with its explanation. */
export interface Retrieved {
  record: MemoryRecord
  ranked: RankedCandidate
}

// Attention given to each kind of source entity; the query's own entities matter most.
const QUERY_ATTENTION = 1
const CONVERSATION_ATTENTION = 0.5
const HOP_ATTENTION = 0.3
// How many top hits lend their entities to a second hop, and how many memories that hop adds.
const HOP_FROM = 3
const HOP_LIMIT = 30
const RECENT_LIMIT = 20
// Memories the query's entities bring in; a hub entity would otherwise flood the pool.
const ENTITY_LIMIT = 30
// Memories asserting the attribute a question asks about.
const CLAIM_LIMIT = 20

/** Narrows `filters.when` ("last week") into from/to, intersected with any explicit bounds. */
export function resolveFilter(filter: (MemoryFilter & { when?: string | undefined }) | undefined, now: Date) {
  if (!filter?.when) return filter
  const range = resolveTimeRange(filter.when, now)
  if (!range)
    // Not quoted back: error bodies end up in logs, and a caller may have pasted anything.
    throw new MemoryError(
      'INVALID_INPUT',
      'Could not understand filters.when: use an expression such as "last week", "in March 2024" or "since 2023"',
    )
  const { when: _when, ...rest } = filter
  const from = rest.from && rest.from > range.from ? rest.from : range.from
  const to = rest.to && rest.to < range.to ? rest.to : range.to
  return { ...rest, from, to }
}

/**
 * The retrieval pipeline: gather candidates from every strategy whose weight is
 * not zero (dense, keyword, the entity graph, recency), hop once through the
 * entities of the best hits, then score every candidate with the pure functions
 * of `score/` and keep the best. `read` fetches the page's records (a search that
 * counts its hits as used records the access and reads them in one step).
 */
export async function retrieve(
  deps: RetrievalDeps,
  req: SearchRequest,
  now: Date,
  read: (ids: string[]) => Promise<MemoryRecord[]> = (ids) => deps.store.get(deps.tenantId, ids),
): Promise<Retrieved[]> {
  const { store, scoring, tenantId } = deps
  const base: CandidateQuery = {
    tenantId,
    userId: req.userId,
    statuses: searchStatuses(req),
    filter: asOfFilter(resolveFilter(req.filters, now), req.asOf),
    // The same pool for every page (not one sized by the page), so pages are slices of one ranking.
    limit: scoring.candidates,
  }
  const scope = { tenantId, userId: req.userId }
  const queryKeys = queryEntityKeys(req.query)
  const conversationKeys = req.conversation ? queryEntityKeys(req.conversation) : []
  const useGraph = scoring.spreading > 0
  /**
   * The keys worth following to new candidates: an entity mentioned by e^S or more
   * memories has no associative strength left (S − ln fan ≤ 0), so the memories it
   * would bring in could gain nothing from it, and a hub is costly to walk.
   */
  const spreads = (e: EntityInfo) => scoring.maxAssociation - Math.log(e.fan) > 0
  // Every entity spreading reads (the query's, the hop's), kept for scoring: read once.
  const entityInfo = new Map<string, EntityInfo>()
  const spreadingKeys = async (keys: readonly string[]) => {
    if (keys.length === 0) return []
    const found = await store.entities(scope, keys)
    for (const e of found) entityInfo.set(e.key, e)
    return found.filter(spreads).map((e) => e.key)
  }
  const sourceKeys = [...new Set([...queryKeys, ...conversationKeys])]
  const askedKeys = scoring.claim > 0 ? questionClaimKeys(req.query, req.userId) : []

  const embedded =
    scoring.dense > 0
      ? embedForTenant(deps.embedder, store, tenantId, [req.query], 'query').then(([v]) => v as Float32Array)
      : null
  // Keyword search is asked in the same turn as nearest neighbours once the query is
  // embedded: a store that checks its indexes' freshness per turn (PostgreSQL's node-local
  // indexes) then checks once. Nothing waits longer: each takes one round trip after it.
  const [dense, keyword, linked, recent, asserted] = await Promise.all([
    embedded === null ? [] : embedded.then((vector) => store.nearest({ ...base, vector })),
    scoring.keyword > 0
      ? (embedded ?? Promise.resolve()).then(() =>
          store.keyword({ ...base, terms: keywordTerms(words(req.query)) }),
        )
      : [],
    useGraph && sourceKeys.length > 0
      ? spreadingKeys(sourceKeys).then((keys) =>
          keys.length > 0 ? store.byEntities({ ...base, keys, limit: ENTITY_LIMIT }) : [],
        )
      : [],
    scoring.activation > 0
      ? store.list({ ...base, limit: RECENT_LIMIT }).then((p) => p.items.map((r) => r.id))
      : [],
    askedKeys.length > 0 ? store.byClaims({ ...base, keys: askedKeys, limit: CLAIM_LIMIT }) : [],
  ])
  // Memories that assert (not deny) what the question asks about.
  const answers = new Set(asserted.filter((m) => m.claims.some((c) => c.polarity === 1)).map((m) => m.id))
  const relevance = fuseRelevance(dense, keyword, { dense: 1, keyword: 1 }, scoring.normalisation)

  // Second hop: entities of the best hits that the query did not name.
  const top = useGraph ? relevance.slice(0, HOP_FROM).map((r) => r.id) : []
  const secondHop = async () => {
    if (top.length === 0) return { hopKeys: [], hopped: [] }
    // Mentions carry their fan, so the hop's strength needs no second read.
    for (const e of [...(await store.entitiesOf(tenantId, top)).values()].flat())
      if (!sourceKeys.includes(e.key)) entityInfo.set(e.key, e)
    const hopKeys = [...entityInfo.keys()].filter((k) => !sourceKeys.includes(k))
    const spreading = hopKeys.filter((k) => spreads(entityInfo.get(k) as EntityInfo))
    const hopped =
      spreading.length > 0
        ? (await store.byEntities({ ...base, keys: spreading, limit: HOP_LIMIT })).map((c) => c.id)
        : []
    return { hopKeys, hopped }
  }
  // Ranking reads only what it scores of each candidate (whole records only for the
  // page): those found so far are read while the hop looks for more.
  const firstIds = [
    ...new Set([...relevance.map((r) => r.id), ...linked.map((c) => c.id), ...recent, ...answers]),
  ]
  const [firstSignals, { hopKeys, hopped }] = await Promise.all([
    firstIds.length > 0 ? store.signals(tenantId, firstIds) : [],
    secondHop(),
  ])
  const seen = new Set(firstIds)
  const moreIds = [...new Set(hopped.filter((id) => !seen.has(id)))]
  const found = [...firstSignals, ...(moreIds.length > 0 ? await store.signals(tenantId, moreIds) : [])]
  if (found.length === 0) return []
  // As of a past moment, what had been superseded by then no longer held.
  const asOf = req.asOf
  const candidates = asOf ? found.filter((r) => r.validTo === null || r.validTo > asOf) : found
  const direct: ActivationSource[] = [
    ...evenSources(queryKeys, QUERY_ATTENTION),
    ...evenSources(conversationKeys, CONVERSATION_ATTENTION),
  ]
  // The hop spreads from the best hits to other memories, never back to the hits themselves.
  const withHop = [...direct, ...evenSources(hopKeys, HOP_ATTENTION)]
  const hopSources = new Set(top)
  const fans = new Map([...entityInfo.values()].map((e) => [e.key, e.fan]))
  const learnedBy = new Map(
    candidates
      .filter((c) => c.learned.length > 0)
      .map((c) => [c.id, new Map(c.learned.map((a) => [a.key, a.weight]))]),
  )
  const parts = new Map(relevance.map((r) => [r.id, r]))
  const byId = new Map(candidates.map((r) => [r.id, r]))
  const relevanceWeight = scoring.dense + scoring.keyword
  const firstPass = (id: string) => {
    const p = parts.get(id)
    return p && relevanceWeight > 0
      ? (scoring.dense * p.dense + scoring.keyword * p.keyword) / relevanceWeight
      : 0
  }
  const sessions =
    scoring.session > 0
      ? sessionRelevance(
          candidates.map((r) => ({ id: r.id, sessionId: r.sessionId, relevance: firstPass(r.id) })),
        )
      : new Map<string, number>()

  const ranked = rankCandidates(
    candidates.map((record) => ({
      id: record.id,
      dense: parts.get(record.id)?.dense ?? 0,
      keyword: parts.get(record.id)?.keyword ?? 0,
      session: sessions.get(record.id) ?? 0,
      baseLevel: baseLevelActivation(
        {
          encodedAt: record.observedAt,
          accessCount: record.accessCount,
          recentAccesses: record.recentAccesses,
        },
        now,
        scoring.decay,
      ),
      spreading: useGraph
        ? spreadingActivation(
            {
              sources: hopSources.has(record.id) ? direct : withHop,
              memoryKeys: new Set(record.entityKeys),
              fans,
              learned: learnedBy.get(record.id),
            },
            scoring.maxAssociation,
          )
        : 0,
      claim: answers.has(record.id) ? 1 : 0,
      confidence: record.confidence,
    })),
    scoring,
  )
  const ordered = successorsFirst(
    ranked.map((r) => ({ signals: byId.get(r.id) as CandidateSignals, ranked: r })),
  )
  const page = ordered.slice(req.offset, req.offset + req.limit)
  const records = new Map((await read(page.map((p) => p.signals.id))).map((r) => [r.id, r]))
  // A memory deleted between the two reads drops out of the page.
  return page.flatMap(({ signals, ranked }) => {
    const record = records.get(signals.id)
    return record === undefined ? [] : [{ record, ranked }]
  })
}

/**
 * The statuses a search looks at: those it names, or active plus what it asks for (a past
 * moment needs the superseded).
 */
function searchStatuses(req: SearchRequest): MemoryStatus[] {
  if (req.status !== undefined) return [...new Set(req.status)]
  const statuses: MemoryStatus[] = ['active']
  if (req.includeSuperseded || req.asOf) statuses.push('superseded')
  if (req.includeArchived) statuses.push('archived')
  return statuses
}

/** A filter that also ends at `asOf`: nothing observed later was known then. */
function asOfFilter(filter: MemoryFilter | undefined, asOf: string | undefined): MemoryFilter | undefined {
  if (!asOf) return filter
  return { ...filter, to: filter?.to && filter.to < asOf ? filter.to : asOf }
}

/**
 * Moves every superseded memory that outranks its successor to just below it:
 * when both are shown, what is true now comes first.
 */
export function successorsFirst<
  T extends { signals: Pick<CandidateSignals, 'id' | 'status' | 'supersededBy'> },
>(hits: T[]): T[] {
  const out = [...hits]
  // A bounded number of moves, in case a chain of supersessions ever loops.
  let moves = hits.length * hits.length
  for (let i = 0; i < out.length && moves > 0; i++) {
    const hit = out[i] as T
    const by = hit.signals.supersededBy
    if (hit.signals.status !== 'superseded' || !by) continue
    const j = out.findIndex((h, k) => k > i && h.signals.id === by)
    if (j < 0) continue
    out.splice(i, 1)
    out.splice(j, 0, hit)
    moves--
    i--
  }
  return out
}
