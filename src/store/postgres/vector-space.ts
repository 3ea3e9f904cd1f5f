import { MemoryError } from '../../errors.js'
import type { VectorSpace } from '../store.js'
import type { PgContext, Queryable } from './context.js'
import { vectorText } from './row-mapping.js'

// pgvector's ceiling for an HNSW index on `vector`.
const MAX_DIMENSIONS = 2000
// Serialises space changes across processes (a transaction-level advisory lock).
const SPACE_LOCK = 0x5265_6362

/**
 * Binds this store to `space`. The first space is recorded and `memory_vectors`
 * created at its width with an HNSW (cosine) index; another space is refused unless
 * `reset`, which drops every vector and recreates the table at the new width.
 */
export async function openVectorSpace(ctx: PgContext, space: VectorSpace, reset: boolean): Promise<void> {
  if (typeof space.id !== 'string' || space.id === '') {
    throw new MemoryError('INVALID_INPUT', 'vector space id must be a non-empty string')
  }
  if (!Number.isInteger(space.dimensions) || space.dimensions < 1 || space.dimensions > MAX_DIMENSIONS) {
    throw new MemoryError(
      'INVALID_INPUT',
      `vector space dimensions must be an integer in 1..${MAX_DIMENSIONS}`,
    )
  }
  await ctx.tx(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SPACE_LOCK])
    const { rows } = await client.query<{ space_id: string; dimensions: number }>(
      'SELECT space_id, dimensions FROM vector_space WHERE slot = 1',
    )
    const stored = rows[0]
    const same = stored?.space_id === space.id && stored.dimensions === space.dimensions
    if (stored !== undefined && !same && !reset) {
      throw new MemoryError(
        'EMBEDDER_MISMATCH',
        `the store holds vectors of "${stored.space_id}" (${stored.dimensions} dimensions) but the embedder is ` +
          `"${space.id}" (${space.dimensions} dimensions); run \`recall reindex\` to re-embed every memory`,
        { details: { stored: stored.space_id, requested: space.id } },
      )
    }
    if (stored !== undefined && same && !reset) return
    await client.query('DROP TABLE IF EXISTS memory_vectors')
    await createVectorTable(client, space.dimensions)
    await client.query(
      `INSERT INTO vector_space (slot, space_id, dimensions) VALUES (1, $1, $2)
       ON CONFLICT (slot) DO UPDATE SET space_id = excluded.space_id, dimensions = excluded.dimensions`,
      [space.id, space.dimensions],
    )
  })
  ctx.space = { id: space.id, dimensions: space.dimensions }
}

async function createVectorTable(client: Queryable, dimensions: number): Promise<void> {
  // `dimensions` is a checked integer, never caller text.
  await client.query(
    `CREATE TABLE memory_vectors (
       tenant_id text COLLATE "C" NOT NULL,
       memory_id text COLLATE "C" NOT NULL,
       user_id text COLLATE "C" NOT NULL,
       embedding vector(${dimensions}) NOT NULL,
       PRIMARY KEY (tenant_id, memory_id)
     )`,
  )
  // HNSW indexes one column, so this is the one index that cannot lead with tenant_id;
  // searches narrow to the user with filters (see nearest.ts).
  await client.query(
    'CREATE INDEX memory_vectors_hnsw ON memory_vectors USING hnsw (embedding vector_cosine_ops)',
  )
  await client.query('CREATE INDEX memory_vectors_user ON memory_vectors (tenant_id, user_id)')
}

/** The space opened on this store, or `STORE_FAILED` if there is none yet. */
export function requireSpace(ctx: PgContext): VectorSpace {
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

/** Writes or overwrites the vectors of memories that exist; others are skipped. */
export async function upsertVectors(
  client: Queryable,
  items: readonly { tenantId: string; id: string; vector: Float32Array }[],
): Promise<void> {
  if (items.length === 0) return
  await client.query(
    `INSERT INTO memory_vectors (tenant_id, memory_id, user_id, embedding)
     SELECT m.tenant_id, m.id, m.user_id, x.embedding::vector
     FROM json_to_recordset($1::json) AS x(tenant_id text, id text, embedding text)
     JOIN memories m ON m.tenant_id = x.tenant_id AND m.id = x.id
     ON CONFLICT (tenant_id, memory_id)
     DO UPDATE SET embedding = excluded.embedding, user_id = excluded.user_id`,
    [
      JSON.stringify(
        items.map((i) => ({ tenant_id: i.tenantId, id: i.id, embedding: vectorText(i.vector) })),
      ),
    ],
  )
}
