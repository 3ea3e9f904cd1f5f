import type { PgContext, Queryable } from './context.js'
import { SCHEMA_V1 } from './schema-v1.js'
import { SCHEMA_V2 } from './schema-v2.js'
import { SCHEMA_V3 } from './schema-v3.js'
import { SCHEMA_V4 } from './schema-v4.js'
import { SCHEMA_V5 } from './schema-v5.js'

/** One schema step. Versions are applied in order, each exactly once per schema. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/** The schema, as an append-only list: never edit a shipped migration, add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'memories, history, text statistics', sql: SCHEMA_V1 },
  { version: 2, name: 'entities, associations, claims, lifecycle runs, jobs', sql: SCHEMA_V2 },
  { version: 3, name: 'entity fan kept in a column', sql: SCHEMA_V3 },
  { version: 4, name: 'change log and memory counts of scopes', sql: SCHEMA_V4 },
  { version: 5, name: 'entity keys and learned associations on the memory row', sql: SCHEMA_V5 },
]

/** Any constant will do: every process migrating this database takes the same lock. */
export const MIGRATION_LOCK = 0x5265_6361 // "Reca"

/**
 * Brings the current schema (the first of `search_path`, created if `schema` names it) up to date. Everything runs in
 * one transaction holding a database-wide advisory lock, so processes that start at the
 * same moment wait for one another and each step is applied once. The extensions are
 * created here too, in `public`, when missing: `CREATE EXTENSION` is not safe to race either.
 */
export async function applyMigrations(
  ctx: PgContext,
  options: { schema?: string | undefined; migrations?: readonly Migration[] } = {},
): Promise<number[]> {
  const migrations = options.migrations ?? MIGRATIONS
  return ctx.tx(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await ensureExtensions(client)
    // The name was checked against a strict pattern (see pool.ts); quoted all the same.
    if (options.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`)
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)',
    )
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations')
    const done = new Set(rows.map((row) => row.version))
    const applied: number[] = []
    for (const migration of migrations) {
      if (done.has(migration.version)) continue
      await client.query(migration.sql)
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        migration.version,
        new Date().toISOString(),
      ])
      applied.push(migration.version)
    }
    return applied
  })
}

async function ensureExtensions(client: Queryable): Promise<void> {
  const { rows } = await client.query<{ extname: string }>(
    "SELECT extname FROM pg_extension WHERE extname IN ('vector', 'btree_gin')",
  )
  const present = new Set(rows.map((row) => row.extname))
  // Checked first so that a role without CREATE on the database can use a prepared one.
  if (!present.has('vector')) await client.query('CREATE EXTENSION IF NOT EXISTS vector SCHEMA public')
  // btree_gin lets the keyword index lead with tenant_id.
  if (!present.has('btree_gin')) await client.query('CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA public')
}
