import type { SqliteDatabase } from './context.js'
import { FTS_TABLES_SQL, splitSharedFts } from './fts-tables.js'
import { SCHEMA_V2 } from './schema-v2.js'
import { SCHEMA_V3 } from './schema-v3.js'
import { SCHEMA_V4 } from './schema-v4.js'
import { SCHEMA_V5 } from './schema-v5.js'
import { SCHEMA_V7 } from './schema-v7.js'
import { SCHEMA_V8 } from './schema-v8.js'
import { SCHEMA_V9 } from './schema-v9.js'
import { SCHEMA_V10 } from './schema-v10.js'

/** One schema step. Versions are applied in order, each exactly once per database file. */
export interface Migration {
  version: number
  name: string
  sql: string
  /** A data step that SQL alone cannot write (dynamic table names), run after `sql` in the same transaction. */
  run?: (db: SqliteDatabase) => void
}

/**
 * The schema, as an append-only list: never edit a shipped migration, add the next one.
 *
 * Integer rowids are the keys that FTS5 and vec0 rows join on, so `memories` and
 * `memory_events` keep a rowid primary key; every other key and index leads with
 * `tenant_id`, except `memories_created`, which serves cross-tenant `scan` (reindex).
 * The vec0 table is not here: its width is the embedder's, so `openVectorSpace` creates it.
 * Migration 2's tables lead with integer ids that belong to one tenant (see `schema-v2.ts`);
 * migration 3's job claims work across tenants (see `schema-v3.ts`). Migration 5 splits
 * the keyword index into one FTS5 table per tenant (see `fts-tables.ts`).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE scopes (
        scope_id INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        UNIQUE (tenant_id, user_id)
      );

      CREATE TABLE memories (
        rid INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        scope_id INTEGER NOT NULL REFERENCES scopes (scope_id),
        agent_id TEXT,
        session_id TEXT,
        content TEXT NOT NULL,
        type TEXT NOT NULL,
        source TEXT,
        observed_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        metadata TEXT NOT NULL,
        tags TEXT NOT NULL,
        confidence REAL NOT NULL,
        status TEXT NOT NULL,
        access_count INTEGER NOT NULL,
        last_accessed_at TEXT,
        version INTEGER NOT NULL,
        -- [term, count] pairs as written, so removal can decrement term_counts exactly
        terms TEXT NOT NULL,
        has_vector INTEGER NOT NULL DEFAULT 0
      );
      CREATE UNIQUE INDEX memories_tenant_id ON memories (tenant_id, id);
      CREATE INDEX memories_user_created ON memories (tenant_id, user_id, created_at, id);
      CREATE INDEX memories_tenant_created ON memories (tenant_id, created_at, id);
      CREATE INDEX memories_created ON memories (created_at, id);

      CREATE TABLE memory_events (
        seq INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        memory_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        details_json TEXT
      );
      CREATE INDEX memory_events_memory ON memory_events (tenant_id, memory_id, at, seq);
      CREATE INDEX memory_events_user ON memory_events (tenant_id, user_id);

      -- 'scope' holds the scope id so MATCH narrows to one user inside the index.
      CREATE VIRTUAL TABLE memory_fts USING fts5 (content, scope, tokenize = 'porter unicode61');
      -- Deletes remove index entries instead of appending delete markers: no trace remains.
      INSERT INTO memory_fts (memory_fts, rank) VALUES ('secure-delete', 1);

      CREATE TABLE term_counts (
        tenant_id TEXT NOT NULL,
        term TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, term)
      ) WITHOUT ROWID;
      CREATE TABLE term_totals (
        tenant_id TEXT PRIMARY KEY,
        total INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE vector_space (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        space_id TEXT NOT NULL,
        dimensions INTEGER NOT NULL
      );
    `,
  },
  { version: 2, name: 'entities, associations and recent accesses', sql: SCHEMA_V2 },
  { version: 3, name: 'job queue', sql: SCHEMA_V3 },
  { version: 4, name: 'lifecycle: supersession, expiry, claims, runs', sql: SCHEMA_V4 },
  { version: 5, name: 'locks shared across processes', sql: SCHEMA_V5 },
  { version: 6, name: 'a keyword index per tenant', sql: FTS_TABLES_SQL, run: splitSharedFts },
  { version: 7, name: 'vector change log, vector counts, vector table generation', sql: SCHEMA_V7 },
  { version: 8, name: 'entity fan in a column', sql: SCHEMA_V8 },
  { version: 9, name: 'claims ordered by observation', sql: SCHEMA_V9 },
  { version: 10, name: 'entity keys on the memory row', sql: SCHEMA_V10 },
]

/**
 * Brings the database up to the latest version. Each step runs in its own
 * `BEGIN IMMEDIATE` transaction and re-checks the version table inside it, so two
 * processes opening the same new file at once never apply a step twice.
 */
export function applyMigrations(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = []
  db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    )
  }).immediate()
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
  for (const migration of migrations) {
    // Cheap read first: an up-to-date file takes no write lock when it is opened.
    if (isApplied.get(migration.version) !== undefined) continue
    db.transaction(() => {
      if (isApplied.get(migration.version) !== undefined) return
      db.exec(migration.sql)
      migration.run?.(db)
      record.run(migration.version, new Date().toISOString())
      applied.push(migration.version)
    }).immediate()
  }
  return applied
}
