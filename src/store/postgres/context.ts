import { createHash } from 'node:crypto'
import type { Pool, PoolClient, QueryResultRow } from 'pg'
import type { VectorSpace } from '../store.js'

/** Something that runs SQL: the pool (one statement, autocommit) or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>
}

/** What every Postgres store operation works on: the pool and this store's vector space. */
export interface PgContext {
  readonly pool: Pool
  /** The vector space opened through this store; null until `openVectorSpace`. */
  space: VectorSpace | null
  /** Runs one statement outside any transaction. */
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  tx<T>(work: (client: Queryable) => Promise<T>): Promise<T>
}

/** A context over `pool`; `prepared` names statements so each connection prepares them once. */
export function createContext(pool: Pool, prepared = true): PgContext {
  return {
    pool,
    space: null,
    async query(text, values) {
      const name = values === undefined || !prepared ? undefined : statementName(text)
      return (await pool.query(name === undefined ? { text, values } : { name, text, values })).rows
    },
    tx: (work) => retryDeadlocks(() => inTransaction(pool, work)),
  }
}

// Past this many distinct statement texts, new ones run unnamed.
const MAX_NAMED = 1000
const names = new Map<string, string>()

/**
 * A name for a statement's text, so each pooled connection parses and plans it once and
 * then only binds and executes it: a search runs about ten statements, and parsing and
 * planning them cost PostgreSQL about a fifth of its time per search. The name is the
 * text's hash, so stores sharing a pool (a caller's, the key store's) never give one name
 * to two texts. Statements without values (several commands in one string may not be
 * prepared) stay unnamed.
 */
function statementName(text: string): string | undefined {
  let name = names.get(text)
  if (name === undefined && names.size < MAX_NAMED) {
    name = `recall_${createHash('sha1').update(text).digest('base64url')}`
    names.set(text, name)
  }
  return name
}

// How often a transaction chosen as a deadlock's victim is run again.
const DEADLOCK_ATTEMPTS = 4

/**
 * Runs a transaction again when PostgreSQL rolled it back to break a deadlock (it has
 * done nothing, and its work is a function of its arguments), after a random pause so the
 * two writers do not meet again. Writers take rows in one order where they can (scope,
 * text statistics, entities), but term rows are shared by every writer of a tenant.
 */
async function retryDeadlocks<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      if (sqlState(error) !== DEADLOCK_DETECTED || attempt >= DEADLOCK_ATTEMPTS) throw error
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
    }
  }
}

async function inTransaction<T>(pool: Pool, work: (client: Queryable) => Promise<T>): Promise<T> {
  const client: PoolClient = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    try {
      await client.query('ROLLBACK')
    } catch (rollbackError) {
      // A connection that cannot roll back is in an unknown state: drop it from the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
    }
    throw error
  } finally {
    client.release(broken)
  }
}

/** The SQLSTATE of a driver error, if any. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** SQLSTATE of a unique or primary key violation. */
export const UNIQUE_VIOLATION = '23505'

/** SQLSTATE of the transaction PostgreSQL rolled back to break a deadlock. */
export const DEADLOCK_DETECTED = '40P01'
