import type { Pool, PoolConfig } from 'pg'
import { MemoryError } from '../../errors.js'

/** Options of `createPostgresStore`: a connection string (the store owns its pool) or your pool. */
export type PostgresStoreOptions = PostgresConnection & {
  /**
   * The node-local indexes that serve large scopes: BM25 scoring exactly as the SQL does,
   * and an HNSW graph of the vectors, each at a fraction of the SQL's cost there; every node
   * keeps them in step with every node's writes. `false` leaves every scope to SQL.
   * @default {} (scopes of 10,000 memories or more)
   */
  indexes?: { minScopeSize?: number } | false
  /**
   * Whether statements are prepared once per connection and then only executed. Turn it
   * off behind a pooler that hands each transaction a different server connection
   * (PgBouncer in transaction mode before 1.21): a statement prepared on one would be
   * missing on the next. In a store URL: `?prepare=false`.
   * @default true
   */
  preparedStatements?: boolean
}

/** Where the store's database is: a connection string, or a pool of yours. */
export type PostgresConnection =
  | {
      /** e.g. `postgres://user@host:5432/db`. */
      connectionString: string
      /**
       * Schema holding the store's tables, created if missing; extensions live in `public`.
       * Lets several stores share one database (tests, tenants of a hosting service).
       * @default the role's default `search_path` (usually `public`)
       */
      schema?: string
      /** Most connections the pool opens. @default 10 */
      max?: number
    }
  | {
      /**
       * A `pg` pool you own: `close()` leaves it open. Its connections' `search_path`
       * decides the schema, and must include the schema where `vector` is installed.
       */
      pool: Pool
    }

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** The pool the store uses, whether closing the store ends it, and the schema to create. */
export function openPool(
  options: PostgresStoreOptions,
  PoolClass: new (config: PoolConfig) => Pool,
): { pool: Pool; owned: boolean; schema?: string } {
  if ('pool' in options) return { pool: options.pool, owned: false }
  const { connectionString, schema, max } = options
  if (typeof connectionString !== 'string' || connectionString === '') {
    throw new MemoryError('INVALID_INPUT', 'connectionString must be a non-empty string')
  }
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new MemoryError('INVALID_INPUT', `schema must match ${SCHEMA_NAME}, got ${JSON.stringify(schema)}`)
  }
  const pool = new PoolClass({
    connectionString,
    max: max ?? 10,
    // Set at connection start, so every pooled connection sees the same tables.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema},public` }),
  })
  // An idle connection that dies (server restart) must not crash the process; the next
  // query opens a new one and reports its own error.
  pool.on('error', () => undefined)
  return schema === undefined ? { pool, owned: true } : { pool, owned: true, schema }
}
