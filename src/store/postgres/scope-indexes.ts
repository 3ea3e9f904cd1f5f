import { MemoryError } from '../../errors.js'
import type { MemoryStatus, Scope } from '../../types.js'
import { type Bm25Index, createBm25Index } from '../bm25-index.js'
import { type Hnsw, hnswFactory } from '../hnsw.js'
import type { CandidateQuery } from '../store.js'
import { createVectorTable, type VectorTable } from '../vector-table.js'
import type { PgContext } from './context.js'
import { candidateWhere } from './filters.js'
import { parseVector } from './row-mapping.js'

/**
 * Node-local indexes of a large scope on PostgreSQL: BM25 scoring exactly as the SQL of
 * `keyword.ts` (same lexemes, frequencies and lengths, from the stored tsvector) and an
 * HNSW graph of its vectors, kept in step with every node's writes through
 * `memory_changes` (migration 4). Each search first asks what changed since the indexes'
 * watermark and re-reads those memories; the watermark then becomes the oldest
 * transaction still running, so a write that commits late is read when it lands.
 */
export interface PgScopeIndexes {
  /** The scope's indexes, caught up with every committed write; null when SQL serves the scope. */
  forScope(scope: Scope): Promise<ScopeIndex | null>
  close(): void
}

/** One scope's indexes, and the memory ids and statuses behind their integer keys. */
export interface ScopeIndex {
  keyword: Bm25Index
  vectors: Hnsw
  /** The exact cosine distance of the memory's vector from `query` (the graph holds 16-bit ones). */
  distance(key: number, query: Float32Array): number
  idOf(key: number): string | undefined
  /** The memory's status as of the last catch-up (status changes are logged like writes). */
  statusOf(key: number): MemoryStatus | undefined
}

interface IndexState extends ScopeIndex {
  /** Every change by a transaction older than this xid8 is applied. */
  watermark: bigint
  keyOf: Map<string, number>
  ids: string[]
  statuses: (MemoryStatus | undefined)[]
  exact: VectorTable
}

interface MemoryRow {
  id: string
  status: MemoryStatus
  doc_len: number
  lexemes: string[]
  tfs: number[]
  embedding: string | null
}

interface ScopeLook {
  memories: number
  xmin: bigint
  prunedXid: bigint | null
  changed: string[]
}

// Memories read per round trip of a build.
const BUILD_PAGE = 5000
// Past this many changed memories, a rebuild costs less than re-reading them one by one.
const CATCH_UP_LIMIT = 20_000

const MEMORY_COLUMNS = `m.id, m.status, m.doc_len,
  ARRAY(SELECT u.lexeme FROM unnest(m.fts) u) AS lexemes,
  ARRAY(SELECT greatest(cardinality(u.positions), 1) FROM unnest(m.fts) u) AS tfs,
  v.embedding::text AS embedding`
const WITH_VECTORS =
  'memories m LEFT JOIN memory_vectors v ON v.tenant_id = m.tenant_id AND v.memory_id = m.id'

/** Indexes for scopes of at least `minScopeSize` memories; keyword scores come from `termScore`. */
export function createPgScopeIndexes(
  ctx: PgContext,
  options: {
    minScopeSize: number
    termScore: (idf: number, f: number, length: number, avg: number) => number
  },
): PgScopeIndexes {
  const ready = new Map<string, IndexState>()
  const opening = new Map<string, Promise<IndexState>>()
  let closed = false
  const scopeKey = (scope: Scope) => JSON.stringify([scope.tenantId, scope.userId])

  /** Writes what the database holds of memories `rows` into the indexes. */
  function apply(state: IndexState, rows: readonly MemoryRow[]): void {
    const added: bigint[] = []
    const vectors: Float32Array[] = []
    for (const row of rows) {
      let key = state.keyOf.get(row.id)
      if (key === undefined) {
        key = state.ids.length
        state.keyOf.set(row.id, key)
        state.ids.push(row.id)
      }
      state.statuses[key] = row.status
      const frequencies = row.lexemes.map((lexeme, i) => [lexeme, row.tfs[i] as number] as const)
      state.keyword.setFrequencies(key, frequencies, row.doc_len, row.id)
      if (state.vectors.has(BigInt(key))) state.vectors.remove(BigInt(key))
      if (row.embedding !== null) {
        const vector = parseVector(row.embedding)
        added.push(BigInt(key))
        vectors.push(vector)
        state.exact.set(key, vector)
      }
    }
    if (added.length === 0) return
    const dimensions = state.vectors.dimensions()
    const flat = new Float32Array(added.length * dimensions)
    for (const [i, v] of vectors.entries()) flat.set(v, i * dimensions)
    state.vectors.add(BigUint64Array.from(added), flat)
  }

  function forget(state: IndexState, id: string): void {
    const key = state.keyOf.get(id)
    if (key === undefined) return
    state.keyword.delete(key)
    if (state.vectors.has(BigInt(key))) state.vectors.remove(BigInt(key))
    state.statuses[key] = undefined
    state.keyOf.delete(id)
  }

  async function build(scope: Scope, dimensions: number): Promise<IndexState> {
    const [start] = await ctx.query<{ xmin: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
    )
    const ids: string[] = []
    const statuses: (MemoryStatus | undefined)[] = []
    const exact = createVectorTable(dimensions)
    const state: IndexState = {
      keyword: createBm25Index({ term: options.termScore }),
      vectors: hnswFactory().create(dimensions),
      distance: (key, query) => exact.distance(key, query),
      idOf: (key) => ids[key],
      statusOf: (key) => statuses[key],
      watermark: BigInt(start?.xmin ?? '0'),
      keyOf: new Map(),
      ids,
      statuses,
      exact,
    }
    let after: [string, string] = ['', '']
    for (;;) {
      const rows = await ctx.query<MemoryRow & { created_at: string }>(
        `SELECT ${MEMORY_COLUMNS}, m.created_at FROM ${WITH_VECTORS}
         WHERE m.tenant_id = $1 AND m.user_id = $2 AND (m.created_at, m.id) > ($3, $4)
         ORDER BY m.created_at, m.id LIMIT ${BUILD_PAGE}`,
        [scope.tenantId, scope.userId, ...after],
      )
      apply(state, rows)
      const last = rows.at(-1)
      if (last === undefined || rows.length < BUILD_PAGE) return state
      if (closed) throw new MemoryError('CLOSED', 'the Postgres store was closed while an index was built')
      after = [last.created_at, last.id]
    }
  }

  /** Applies what changed since the watermark; false when the log was pruned past it. */
  async function catchUp(scope: Scope, state: IndexState, seen: ScopeLook): Promise<boolean> {
    if (seen.prunedXid !== null && seen.prunedXid >= state.watermark) return false
    if (seen.changed.length > CATCH_UP_LIMIT) return false
    if (seen.changed.length > 0) {
      const rows = await ctx.query<MemoryRow>(
        `SELECT ${MEMORY_COLUMNS} FROM ${WITH_VECTORS}
         WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.id = ANY($3::text[])`,
        [scope.tenantId, scope.userId, seen.changed],
      )
      apply(state, rows)
      const found = new Set(rows.map((row) => row.id))
      for (const id of seen.changed) if (!found.has(id)) forget(state, id)
    }
    state.watermark = seen.xmin
    return true
  }

  /** The scope's size, and what changed since `watermark`, read in one statement (one snapshot). */
  async function look(scope: Scope, watermark: bigint | null): Promise<ScopeLook> {
    const [row] = await ctx.query<{
      xmin: string
      memories: number
      pruned: string | null
      changed: string[]
    }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, s.memories, s.pruned_xid::text AS pruned,
         CASE WHEN $3::text IS NULL THEN '{}'::text[] ELSE ARRAY(
           SELECT DISTINCT c.memory_id FROM memory_changes c
           WHERE c.tenant_id = s.tenant_id AND c.user_id = s.user_id AND c.xid >= $3::text::xid8) END AS changed
       FROM scopes s WHERE s.tenant_id = $1 AND s.user_id = $2`,
      [scope.tenantId, scope.userId, watermark === null ? null : String(watermark)],
    )
    if (row === undefined) return { memories: 0, xmin: 0n, prunedXid: null, changed: [] }
    return {
      memories: row.memories,
      xmin: BigInt(row.xmin),
      prunedXid: row.pruned === null ? null : BigInt(row.pruned),
      changed: row.changed,
    }
  }

  async function open(scope: Scope): Promise<ScopeIndex | null> {
    const dimensions = ctx.space?.dimensions
    if (dimensions === undefined) return null
    const key = scopeKey(scope)
    const current = ready.get(key)
    const seen = await look(scope, current?.watermark ?? null)
    if (seen.memories < options.minScopeSize) {
      ready.delete(key)
      return null
    }
    if (
      current !== undefined &&
      current.vectors.dimensions() === dimensions &&
      (await catchUp(scope, current, seen))
    )
      return current
    ready.delete(key)
    let pending = opening.get(key)
    if (pending === undefined) {
      pending = (async () => {
        const state = await build(scope, dimensions)
        // Writes that landed while it was read are in the log after its watermark.
        await catchUp(scope, state, await look(scope, state.watermark))
        return state
      })().finally(() => opening.delete(key))
      opening.set(key, pending)
    }
    const state = await pending
    ready.set(key, state)
    return state
  }

  // Asks in one turn of the event loop share one look: a search asks for the same scope's
  // indexes twice (keyword, then nearest once its query is embedded), and the look still
  // starts after both asked, so neither misses a write committed before it asked.
  const queued = new Map<string, Promise<ScopeIndex | null>>()

  return {
    forScope(scope) {
      const key = scopeKey(scope)
      const waiting = queued.get(key)
      if (waiting !== undefined) return waiting
      const next = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        queued.delete(key)
        return open(scope)
      })
      queued.set(key, next)
      return next
    },
    close() {
      closed = true
      ready.clear()
    },
  }
}

/** Whether the memory behind `key` has one of `statuses` (any status when omitted). */
export function hasStatus(
  index: ScopeIndex,
  key: number,
  statuses: readonly MemoryStatus[] | undefined,
): boolean {
  const status = index.statusOf(key)
  return status !== undefined && (statuses === undefined || statuses.includes(status))
}

/** Which of `ids` pass the query's scope, statuses and filter, asked of SQL. */
export async function passingFilter(
  ctx: PgContext,
  ids: readonly string[],
  query: CandidateQuery,
): Promise<Set<string>> {
  const where = candidateWhere(query, [ids])
  const rows = await ctx.query<{ id: string }>(
    `SELECT m.id FROM memories m WHERE m.id = ANY($1::text[]) AND ${where.sql}`,
    where.params,
  )
  return new Set(rows.map((row) => row.id))
}
