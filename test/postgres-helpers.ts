import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll } from 'vitest'
import { createPostgresStore } from '../src/store/postgres/index.js'
import type { MemoryStore } from '../src/store/store.js'

/**
 * The server the Postgres tests use, from `POSTGRES_URL`, or null when those tests are
 * to be skipped. In CI (`CI=true`) a missing or unreachable server is a failure, never
 * a skip; a `POSTGRES_URL` that is set but unreachable is a failure anywhere.
 */
export async function postgresUrl(): Promise<string | null> {
  const url = process.env.POSTGRES_URL
  if (url === undefined || url === '') {
    if (process.env.CI === 'true') {
      throw new Error('CI=true but POSTGRES_URL is not set: the Postgres store tests must run in CI')
    }
    return null
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (error) {
    throw new Error(`POSTGRES_URL=${url} is unreachable: ${(error as Error).message}`, { cause: error })
  } finally {
    await client.end().catch(() => undefined)
  }
  return url
}

/** Title of the suites skipped without a server. */
export const SKIPPED =
  'Postgres store (skipped: set POSTGRES_URL to run, e.g. postgres://root@127.0.0.1:5432/test)'

/**
 * Fresh schemas on one server: each `create()` opens a store in a new schema, and every
 * schema made is dropped after the file's tests.
 */
export function schemaFactory(url: string) {
  const schemas: string[] = []
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    } finally {
      await client.end()
    }
  })
  /** A new schema name, dropped after the tests. */
  const schema = (): string => {
    const name = `test_${randomBytes(6).toString('hex')}`
    schemas.push(name)
    return name
  }
  /** A store in `name` (a new schema by default). */
  const create = (name: string = schema()): Promise<MemoryStore> =>
    createPostgresStore({ connectionString: url, schema: name, max: 4 })
  return { schema, create }
}
