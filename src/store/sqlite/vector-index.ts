import { rmSync } from 'node:fs'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { MemoryError } from '../../errors.js'
import { type Hnsw, hnswFactory } from '../hnsw.js'
import type { StoreContext } from './context.js'
import { latestIndexFile, removeIndexFiles, saveIndexFile } from './index-files.js'
import { catchUp, type IndexState, logPosition, storedVector } from './vector-log.js'
import { requireSpace } from './vector-space.js'

/** Options of the approximate vector index (`createSqliteStore({ vectorIndex })`). */
export interface VectorIndexOptions {
  /**
   * Scopes (users) with at least this many vectors are searched through an HNSW index,
   * smaller ones exactly. @default 10000
   */
  minScopeSize?: number
  /**
   * Where index files are kept between runs, so a restart loads instead of rebuilding.
   * @default `<database file>.hnsw` beside a file-backed store; none for `:memory:`
   */
  directory?: string
}

/** Per-scope approximate indexes, kept in step with the store through its change log. */
export interface VectorIndexes {
  /** The scope's index, caught up with every committed change; null when the scope is searched exactly. */
  forScope(scopeId: number): Promise<Hnsw | null>
  /** Deletes the scope's saved files (a vector they hold was deleted). */
  discardFiles(scopeId: number): void
  /** Saves what changed since the last save and stops building. */
  close(): void
}

// Vectors read and added per step of a build, between which other work may run.
const BUILD_STEP = 4096
// Builds restarted because the store changed faster than they could catch up.
const MAX_BUILDS = 3

/** Indexes for the store behind `ctx`; `directory` null keeps them in memory only. */
export function createVectorIndexes(
  ctx: StoreContext,
  options: { minScopeSize: number; directory: string | null },
): VectorIndexes {
  const ready = new Map<number, IndexState>()
  const opening = new Map<number, Promise<IndexState>>()
  const { directory } = options
  let closed = false

  const scopeVectors = (scopeId: number) =>
    (ctx.sql('SELECT vectors FROM scopes WHERE scope_id = ?').pluck().get(scopeId) as number | undefined) ?? 0
  // Applying more changes one by one than a quarter of the index costs more than a rebuild.
  const catchUpLimit = (index: IndexState) => Math.max(1000, index.hnsw.size() / 4)

  function save(scopeId: number, index: IndexState): void {
    if (directory === null || index.purged || index.saved === index.applied) return
    saveIndexFile(directory, scopeId, index.generation, index.applied, index.hnsw)
    index.saved = index.applied
    // A deletion committed while the file was written must not survive in it.
    if (!catchUp(ctx, scopeId, index, Number.POSITIVE_INFINITY) || index.purged)
      removeIndexFiles(directory, scopeId)
  }

  function loadSaved(scopeId: number, dimensions: number): IndexState | null {
    if (directory === null) return null
    const { generation, last } = logPosition(ctx)
    const file = latestIndexFile(directory, scopeId, generation, last)
    if (file === null) return null
    let hnsw: Hnsw
    try {
      hnsw = hnswFactory().load(dimensions, file.path)
    } catch {
      // A file cut short by a crash or disk trouble is only a cache: rebuild from the store.
      rmSync(file.path, { force: true })
      return null
    }
    const index: IndexState = { hnsw, generation, applied: file.seq, purged: false, saved: file.seq }
    const current = hnsw.dimensions() === dimensions && catchUp(ctx, scopeId, index, catchUpLimit(index))
    return current && hnsw.size() === scopeVectors(scopeId) ? index : null
  }

  async function build(scopeId: number, dimensions: number): Promise<IndexState> {
    const snapshot = ctx.db.transaction(() => ({
      log: logPosition(ctx),
      rids: ctx
        .sql(
          `SELECT m.rid FROM scopes s JOIN memories m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
           WHERE s.scope_id = ? AND m.has_vector = 1`,
        )
        .pluck()
        .all(scopeId) as number[],
    }))()
    const hnsw = hnswFactory().create(dimensions)
    for (let i = 0; i < snapshot.rids.length; i += BUILD_STEP) {
      const keys: bigint[] = []
      const vectors = new Float32Array(BUILD_STEP * dimensions)
      for (const rid of snapshot.rids.slice(i, i + BUILD_STEP)) {
        const row = storedVector(ctx, rid)
        if (row === undefined || row.scope_id !== scopeId) continue
        new Uint8Array(vectors.buffer, keys.length * dimensions * 4, dimensions * 4).set(row.embedding)
        keys.push(BigInt(rid))
      }
      if (keys.length > 0) hnsw.add(BigUint64Array.from(keys), vectors.subarray(0, keys.length * dimensions))
      // Let searches of other scopes and writes run between steps.
      await nextTurn()
      if (closed) throw new MemoryError('CLOSED', 'the SQLite store was closed while an index was built')
    }
    // Rows changed while the build read them are in the log after its snapshot.
    return { hnsw, generation: snapshot.log.generation, applied: snapshot.log.last, purged: false, saved: -1 }
  }

  async function open(scopeId: number): Promise<IndexState> {
    const { dimensions } = requireSpace(ctx)
    const saved = loadSaved(scopeId, dimensions)
    if (saved !== null) return saved
    for (let attempt = 0; attempt < MAX_BUILDS; attempt++) {
      const index = await build(scopeId, dimensions)
      if (!catchUp(ctx, scopeId, index, Number.POSITIVE_INFINITY)) continue
      save(scopeId, index)
      return index
    }
    throw new MemoryError(
      'STORE_FAILED',
      `the vector index of scope ${scopeId} could not keep up with writes`,
    )
  }

  async function forScope(scopeId: number): Promise<Hnsw | null> {
    if (scopeVectors(scopeId) < options.minScopeSize) {
      ready.delete(scopeId)
      return null
    }
    const current = ready.get(scopeId)
    const wasPurged = current?.purged
    if (current !== undefined && catchUp(ctx, scopeId, current, catchUpLimit(current))) {
      if (current.purged && !wasPurged && directory !== null) removeIndexFiles(directory, scopeId)
      return current.hnsw
    }
    ready.delete(scopeId)
    let pending = opening.get(scopeId)
    if (pending === undefined) {
      pending = open(scopeId).finally(() => opening.delete(scopeId))
      opening.set(scopeId, pending)
    }
    const index = await pending
    ready.set(scopeId, index)
    return index.hnsw
  }

  return {
    forScope,
    discardFiles(scopeId) {
      if (directory !== null) removeIndexFiles(directory, scopeId)
      const index = ready.get(scopeId)
      if (index !== undefined) index.purged = true
    },
    close() {
      closed = true
      for (const [scopeId, index] of ready)
        if (catchUp(ctx, scopeId, index, Number.POSITIVE_INFINITY) && !index.purged) save(scopeId, index)
      ready.clear()
    },
  }
}
