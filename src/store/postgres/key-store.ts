import pg from 'pg'
import { MemoryError, storeFailed } from '../../errors.js'
import type { ApiKeyRecord, KeyScope, KeyStore } from '../../server/key-store.js'
import { createContext, sqlState, UNIQUE_VIOLATION } from './context.js'
import { MIGRATION_LOCK } from './migrations.js'
import { openPool, type PostgresStoreOptions } from './pool.js'

/**
 * The key table. The primary key leads with `tenant_id` like every table of the store,
 * but a key is presented without its tenant, so authentication looks it up by `hash`
 * alone: hence the unique index on `hash`, which also rejects the same key issued twice
 * (two nodes starting with one `RECALL_ADMIN_KEY`). Under Citus this table is a
 * reference table (replicated to every worker), since a unique index on a table
 * distributed by tenant would have to include `tenant_id`.
 */
const KEY_TABLE = `
  CREATE TABLE IF NOT EXISTS api_keys (
    tenant_id text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    name text NOT NULL,
    scopes jsonb NOT NULL,
    hash text COLLATE "C" NOT NULL,
    prefix text NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    revoked_at text,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE UNIQUE INDEX IF NOT EXISTS api_keys_hash ON api_keys (hash);
  CREATE INDEX IF NOT EXISTS api_keys_id ON api_keys (id);
`

interface KeyRow {
  id: string
  tenant_id: string
  name: string
  scopes: KeyScope[]
  hash: string
  prefix: string
  created_at: string
  revoked_at: string | null
}

const toRecord = (row: KeyRow): ApiKeyRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  scopes: row.scopes,
  hash: row.hash,
  prefix: row.prefix,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
})

/**
 * API keys in PostgreSQL, beside the memories, so that every server node accepts the
 * keys any node issued. The table is created under the store's migration advisory lock,
 * so nodes starting together never race on `CREATE TABLE`.
 *
 * @example
 * const keys = await createPostgresKeyStore({ connectionString, schema: 'recall' })
 */
export async function createPostgresKeyStore(options: PostgresStoreOptions): Promise<KeyStore> {
  const { pool, owned, schema } = openPool(options, pg.Pool)
  const ctx = createContext(pool)
  try {
    await ctx.tx(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
      await client.query(KEY_TABLE)
    })
  } catch (error) {
    if (owned) await pool.end().catch(() => undefined)
    throw storeFailed(error, 'opening the Postgres key store')
  }
  let closed = false
  const run = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    if (closed) throw new MemoryError('CLOSED', 'the Postgres key store is closed')
    try {
      return await work()
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw new MemoryError('CONFLICT', 'this key already exists')
      throw storeFailed(error, `postgres ${what}`)
    }
  }
  return {
    insert: (key) =>
      run('storing a key', async () => {
        await ctx.query(
          `INSERT INTO api_keys (tenant_id, id, name, scopes, hash, prefix, created_at, revoked_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            key.tenantId,
            key.id,
            key.name,
            JSON.stringify(key.scopes),
            key.hash,
            key.prefix,
            key.createdAt,
            key.revokedAt,
          ],
        )
      }),
    findByHash: (hash) =>
      run('reading a key', async () => {
        const [row] = await ctx.query<KeyRow>(
          'SELECT * FROM api_keys WHERE hash = $1 AND revoked_at IS NULL',
          [hash],
        )
        return row ? toRecord(row) : null
      }),
    list: (tenantId) =>
      run('listing keys', async () => {
        const rows =
          tenantId === undefined
            ? await ctx.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')
            : await ctx.query<KeyRow>('SELECT * FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id', [
                tenantId,
              ])
        return rows.map(toRecord)
      }),
    revoke: (id, at) =>
      run('revoking a key', async () => {
        const rows = await ctx.query(
          'UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id',
          [at, id],
        )
        return rows.length > 0
      }),
    count: () =>
      run('counting keys', async () => {
        const [row] = await ctx.query<{ n: number }>(
          'SELECT count(*)::integer AS n FROM api_keys WHERE revoked_at IS NULL',
        )
        return row?.n ?? 0
      }),
    async close() {
      if (closed) return
      closed = true
      if (owned) await pool.end()
    },
  }
}
