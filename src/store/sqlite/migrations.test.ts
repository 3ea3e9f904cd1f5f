import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { isoAt, memoryRecord, memoryWrite, mention, TEST_SPACE } from '../../testing/fixtures.js'
import type { MemoryRecord } from '../../types.js'
import { applyMigrations, MIGRATIONS, type Migration } from './migrations.js'
import { recordParams } from './row-mapping.js'
import { createSqliteStore } from './sqlite-store.js'

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  ).filter((name) => !name.startsWith('sqlite_'))

/** Inserts a memory row with the columns every schema since migration 1 has. */
function insertRow(db: Database.Database, record: MemoryRecord, scopeId: number | bigint): number | bigint {
  return db
    .prepare(
      `INSERT INTO memories (tenant_id, id, user_id, scope_id, agent_id, session_id, content, type, source,
         observed_at, created_at, updated_at, metadata, tags, confidence, status, access_count,
         last_accessed_at, version, terms)
       VALUES (@tenant_id, @id, @user_id, @scope_id, @agent_id, @session_id, @content, @type, @source,
         @observed_at, @created_at, @updated_at, @metadata, @tags, @confidence, @status, @access_count,
         @last_accessed_at, @version, '[]')`,
    )
    .run({ ...recordParams(record), scope_id: scopeId }).lastInsertRowid
}

/** Scope (t, u) in a file at any migration; its id. */
function insertScope(db: Database.Database): number | bigint {
  return db.prepare("INSERT INTO scopes (tenant_id, user_id) VALUES ('t', 'u')").run().lastInsertRowid
}

/**
 * A file migrated up to `version` and given its rows by `seed`, then closed and handed to
 * `check` (which opens it as the current code does); removed afterwards.
 */
async function upgradeFrom(
  version: number,
  seed: (old: Database.Database) => void,
  check: (path: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'recall-upgrade-'))
  const path = join(dir, `v${version}.db`)
  try {
    const old = new Database(path)
    try {
      applyMigrations(old, MIGRATIONS.slice(0, version))
      seed(old)
    } finally {
      old.close()
    }
    await check(path)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('applyMigrations', () => {
  it('applies every step once and nothing on a second run', () => {
    const db = new Database(':memory:')
    expect(applyMigrations(db)).toEqual(MIGRATIONS.map((m) => m.version))
    const schema = tables(db)
    expect(applyMigrations(db)).toEqual([])
    expect(tables(db)).toEqual(schema)
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    )
    db.close()
  })

  it('rolls a failing step back whole and keeps the steps before it', () => {
    const db = new Database(':memory:')
    const steps: Migration[] = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (x); SELECT * FROM missing_table' },
    ]
    expect(() => applyMigrations(db, steps)).toThrow(/missing_table/)
    expect(tables(db)).toEqual(['a', 'schema_migrations'])
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1])
    db.close()
  })

  it('lists versions in increasing order without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })
})

describe('upgrading a file from migration 1', () => {
  it('keeps its memories, seeds their last access time and serves the entity graph', async () => {
    const record = memoryRecord({
      id: 'old',
      tenantId: 't',
      userId: 'u',
      accessCount: 3,
      lastAccessedAt: isoAt(9),
    })
    await upgradeFrom(
      1,
      (old) => {
        insertRow(old, record, insertScope(old))
      },
      async (path) => {
        const store = await createSqliteStore({ path })
        await store.openVectorSpace(TEST_SPACE)
        expect(await store.get('t', ['old'])).toEqual([record])
        expect(await store.accessTimes('t', ['old'])).toEqual(new Map([['old', [isoAt(9)]]]))
        const scope = { tenantId: 't', userId: 'u' }
        await store.update(memoryWrite({ ...record, version: 2, entities: [mention('Alice')] }), 1)
        expect(await store.entities(scope, ['alice'])).toEqual([{ ...mention('Alice'), fan: 1 }])
        await store.close()
        const db = new Database(path, { readonly: true })
        expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(
          MIGRATIONS.map((m) => m.version),
        )
        db.close()
      },
    )
  })
})

describe('upgrading a file from migration 4', () => {
  it("moves each tenant's keyword index into a table of its own and drops the shared one", async () => {
    const rows = [
      { tenant: 'a', id: 'a1', content: 'the lighthouse keeper' },
      { tenant: 'a', id: 'a2', content: 'a keeper of bees' },
      { tenant: 'b', id: 'b1', content: 'the lighthouse at dusk' },
    ]
    await upgradeFrom(
      4,
      (old) => {
        for (const row of rows) {
          old.prepare('INSERT OR IGNORE INTO scopes (tenant_id, user_id) VALUES (?, ?)').run(row.tenant, 'u')
          const scopeId = old
            .prepare('SELECT scope_id FROM scopes WHERE tenant_id = ? AND user_id = ?')
            .pluck()
            .get(row.tenant, 'u') as number
          const record = memoryRecord({ id: row.id, tenantId: row.tenant, userId: 'u', content: row.content })
          const rid = insertRow(old, record, scopeId)
          old
            .prepare('INSERT INTO memory_fts (rowid, content, scope) VALUES (?, ?, ?)')
            .run(rid, row.content, String(scopeId))
        }
      },
      async (path) => {
        const store = await createSqliteStore({ path })
        await store.openVectorSpace(TEST_SPACE)
        const query = {
          userId: 'u',
          statuses: ['active' as const],
          limit: 10,
          terms: ['lighthouse', 'keeper'],
        }
        const inA = await store.keyword({ ...query, tenantId: 'a' })
        expect(inA.map((c) => c.id).sort()).toEqual(['a1', 'a2'])
        expect((await store.keyword({ ...query, tenantId: 'b' })).map((c) => c.id)).toEqual(['b1'])
        await store.close()
        const db = new Database(path, { readonly: true })
        expect(tables(db).filter((name) => /^memory_fts(_\d+)?$/.test(name))).toEqual([
          'memory_fts_1',
          'memory_fts_2',
        ])
        db.close()
      },
    )
  })
})

describe('upgrading a file from migration 9', () => {
  it("keeps each memory's entity keys on its row, in the order it mentions them", async () => {
    await upgradeFrom(
      9,
      (old) => {
        const scopeId = insertScope(old)
        const rid = (id: string) => insertRow(old, memoryRecord({ id, tenantId: 't', userId: 'u' }), scopeId)
        const linked = rid('linked')
        rid('bare')
        const entity = old.prepare(
          "INSERT INTO entities (scope_id, key, name, kind, fan) VALUES (?, ?, ?, 'person', 1) RETURNING entity_id",
        )
        const link = old.prepare('INSERT INTO memory_entities (entity_id, rid, position) VALUES (?, ?, ?)')
        // Created in one order, mentioned in the other.
        const alice = entity.pluck().get(scopeId, 'alice', 'Alice')
        const bob = entity.pluck().get(scopeId, 'bob', 'Bob')
        link.run(bob, linked, 0)
        link.run(alice, linked, 1)
      },
      async (path) => {
        const store = await createSqliteStore({ path })
        await store.openVectorSpace(TEST_SPACE)
        const signals = await store.signals('t', ['linked', 'bare'])
        expect(Object.fromEntries(signals.map((s) => [s.id, s.entityKeys]))).toEqual({
          linked: ['bob', 'alice'],
          bare: [],
        })
        await store.close()
      },
    )
  })
})
