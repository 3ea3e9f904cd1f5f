import { MemoryError } from '../../errors.js'
import type { VectorSpace } from '../store.js'
import type { StoreContext } from './context.js'

interface SpaceRow {
  space_id: string
  dimensions: number
}

// sqlite-vec's own ceiling for a float vector column.
const MAX_DIMENSIONS = 8192

/**
 * Binds this connection to `space`. The first space is recorded and its vec0 table
 * created; another space is refused unless `reset`, which drops every vector and
 * recreates the table at the new width.
 */
export function openVectorSpace(ctx: StoreContext, space: VectorSpace, reset: boolean): void {
  if (typeof space.id !== 'string' || space.id === '') {
    throw new MemoryError('INVALID_INPUT', 'vector space id must be a non-empty string')
  }
  if (!Number.isInteger(space.dimensions) || space.dimensions < 1 || space.dimensions > MAX_DIMENSIONS) {
    throw new MemoryError(
      'INVALID_INPUT',
      `vector space dimensions must be an integer in 1..${MAX_DIMENSIONS}`,
    )
  }
  ctx.db
    .transaction(() => {
      const stored = ctx.sql('SELECT space_id, dimensions FROM vector_space WHERE slot = 1').get() as
        | SpaceRow
        | undefined
      const same = stored?.space_id === space.id && stored.dimensions === space.dimensions
      if (stored !== undefined && !same && !reset) {
        throw new MemoryError(
          'EMBEDDER_MISMATCH',
          `the store holds vectors of "${stored.space_id}" (${stored.dimensions} dimensions) but the embedder is ` +
            `"${space.id}" (${space.dimensions} dimensions); run \`recall reindex\` to re-embed every memory`,
          { details: { stored: stored.space_id, requested: space.id } },
        )
      }
      if (same && !reset && !hasVectorTable(ctx)) createVectorTable(ctx, space.dimensions)
      if (stored === undefined || reset) {
        ctx.db.exec('DROP TABLE IF EXISTS memory_vectors')
        createVectorTable(ctx, space.dimensions)
        ctx.sql('UPDATE memories SET has_vector = 0 WHERE has_vector = 1').run()
        ctx.sql('UPDATE scopes SET vectors = 0 WHERE vectors <> 0').run()
        // Every vector is gone, so is every reason to catch up on older changes.
        ctx.sql('DELETE FROM vector_changes').run()
        ctx
          .sql(
            `INSERT INTO vector_space (slot, space_id, dimensions, generation)
             VALUES (1, ?, ?, lower(hex(randomblob(8))))
             ON CONFLICT (slot) DO UPDATE SET space_id = excluded.space_id, dimensions = excluded.dimensions,
               generation = excluded.generation`,
          )
          .run(space.id, space.dimensions)
      }
    })
    .immediate()
  ctx.space = { id: space.id, dimensions: space.dimensions }
}

/**
 * Vectors per storage chunk of a scope. sqlite-vec allocates a scope's vectors a chunk at a
 * time, zero-filled, and its default of 1,024 gave every user of a few hundred memories a
 * mostly empty chunk (400 kB at the offline embedder's 100 dimensions, 6 MB at 1,536),
 * written in full by the transaction that stored the user's first memory. At 128, 100,000
 * memories (half of them in users of ~200) ingested 22% faster, took 23% less disk and
 * searched small scopes 30% faster; LoCoMo ranks the same. Tables created before keep
 * their chunks.
 */
const VECTOR_CHUNK = 128

function createVectorTable(ctx: StoreContext, dimensions: number): void {
  // Partitioned by scope so a KNN query for one user reads only that user's vectors.
  // `dimensions` is a checked integer, never caller text.
  ctx.db.exec(
    `CREATE VIRTUAL TABLE memory_vectors USING vec0 (
       scope_id INTEGER PARTITION KEY,
       embedding FLOAT[${dimensions}] distance_metric=cosine,
       chunk_size=${VECTOR_CHUNK}
     )`,
  )
}

/** The space opened on this connection, or `STORE_FAILED` if there is none yet. */
export function requireSpace(ctx: StoreContext): VectorSpace {
  if (ctx.space === null) {
    throw new MemoryError('STORE_FAILED', 'vector space not opened: call openVectorSpace(embedder) first')
  }
  return ctx.space
}

/** `INVALID_INPUT` unless `vector` has the space's width and only finite numbers. */
export function checkVector(space: VectorSpace, vector: Float32Array, what: string): void {
  if (!(vector instanceof Float32Array) || vector.length !== space.dimensions) {
    const got = vector instanceof Float32Array ? `${vector.length} numbers` : 'no Float32Array'
    throw new MemoryError('INVALID_INPUT', `${what}: expected ${space.dimensions} dimensions, got ${got}`)
  }
  if (!vector.every(Number.isFinite)) throw new MemoryError('INVALID_INPUT', `${what}: vector is not finite`)
}

/** True once some connection has created the vec0 table in this database. */
export function hasVectorTable(ctx: StoreContext): boolean {
  return ctx.sql("SELECT 1 FROM sqlite_master WHERE name = 'memory_vectors'").get() !== undefined
}
