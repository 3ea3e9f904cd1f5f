import { setImmediate as nextTurn } from 'node:timers/promises'
import { MemoryError } from '../../errors.js'
import { fts5Tokens } from '../../text/fts5-tokens.js'
import { type Bm25Index, createBm25Index } from '../bm25-index.js'
import type { StoreContext } from './context.js'
import { logPosition } from './vector-log.js'

/**
 * In-memory keyword indexes of large scopes, kept in step with the store through the
 * change log every write of a memory's text also writes (see `vector-log.ts`: text and
 * vector change together). They rank exactly as the tenant's FTS5 table: same tokens
 * (`fts5Tokens`), same document lengths (content plus the scope column's one token),
 * and the statistics FTS5 itself scores with, read from the table at query time.
 */
export interface KeywordIndexes {
  /** The scope's index, caught up with every committed change; null when FTS5 serves the scope. */
  forScope(scopeId: number): Promise<Bm25Index | null>
  /** Stops building. */
  close(): void
}

interface IndexState {
  index: Bm25Index
  applied: number
}

// Rows read and tokenized per step of a build, between which other work may run.
const BUILD_STEP = 4096
// Builds restarted because the store changed faster than they could catch up.
const MAX_BUILDS = 3

/**
 * Indexes a memory as FTS5 scores its row: its content's tokens, a length that counts the
 * scope column's single token too, and its id, which orders equal scores as FTS5's do.
 */
function add(index: Bm25Index, rid: number, row: { id: string; content: string }): void {
  const tokens = fts5Tokens(row.content)
  index.set(rid, tokens, tokens.length + 1, row.id)
}

/** Indexes for scopes of at least `minScopeSize` memories with vectors. */
export function createKeywordIndexes(ctx: StoreContext, options: { minScopeSize: number }): KeywordIndexes {
  const ready = new Map<number, IndexState>()
  const opening = new Map<number, Promise<IndexState>>()
  let closed = false

  const scopeSize = (scopeId: number) =>
    (ctx.sql('SELECT vectors FROM scopes WHERE scope_id = ?').pluck().get(scopeId) as number | undefined) ?? 0
  const catchUpLimit = (state: IndexState) => Math.max(1000, state.index.size() / 4)

  /** Re-reads every row changed since the index last looked. False when it fell too far behind. */
  function catchUp(scopeId: number, state: IndexState, maxChanges: number): boolean {
    return ctx.db.transaction(() => {
      const log = logPosition(ctx)
      if (state.applied >= log.last) return true
      if (log.oldest > state.applied + 1) return false
      const rids = ctx
        .sql('SELECT DISTINCT rid FROM vector_changes WHERE scope_id = ? AND seq > ? AND seq <= ?')
        .pluck()
        .all(scopeId, state.applied, log.last) as number[]
      if (rids.length > maxChanges) return false
      const read = ctx.sql('SELECT id, content FROM memories WHERE rid = ? AND scope_id = ?')
      for (const rid of rids) {
        const row = read.get(rid, scopeId) as { id: string; content: string } | undefined
        if (row === undefined) state.index.delete(rid)
        else add(state.index, rid, row)
      }
      state.applied = log.last
      return true
    })()
  }

  async function build(scopeId: number): Promise<IndexState> {
    const snapshot = ctx.db.transaction(() => ({
      log: logPosition(ctx),
      rids: ctx.sql('SELECT rid FROM memories WHERE scope_id = ?').pluck().all(scopeId) as number[],
    }))()
    const index = createBm25Index()
    const read = ctx.sql(
      'SELECT rid, id, content FROM memories WHERE scope_id = ? AND rid IN (SELECT value FROM json_each(?))',
    )
    for (let i = 0; i < snapshot.rids.length; i += BUILD_STEP) {
      const rows = read.all(scopeId, JSON.stringify(snapshot.rids.slice(i, i + BUILD_STEP))) as {
        rid: number
        id: string
        content: string
      }[]
      for (const row of rows) add(index, row.rid, row)
      // Let searches of other scopes and writes run between steps.
      await nextTurn()
      if (closed) throw new MemoryError('CLOSED', 'the SQLite store was closed while an index was built')
    }
    return { index, applied: snapshot.log.last }
  }

  async function open(scopeId: number): Promise<IndexState> {
    for (let attempt = 0; attempt < MAX_BUILDS; attempt++) {
      const state = await build(scopeId)
      if (catchUp(scopeId, state, Number.POSITIVE_INFINITY)) return state
    }
    throw new MemoryError(
      'STORE_FAILED',
      `the keyword index of scope ${scopeId} could not keep up with writes`,
    )
  }

  return {
    async forScope(scopeId) {
      if (scopeSize(scopeId) < options.minScopeSize) {
        ready.delete(scopeId)
        return null
      }
      const current = ready.get(scopeId)
      if (current !== undefined && catchUp(scopeId, current, catchUpLimit(current))) return current.index
      ready.delete(scopeId)
      let pending = opening.get(scopeId)
      if (pending === undefined) {
        pending = open(scopeId).finally(() => opening.delete(scopeId))
        opening.set(scopeId, pending)
      }
      const state = await pending
      ready.set(scopeId, state)
      return state.index
    },
    close() {
      closed = true
      ready.clear()
    },
  }
}
