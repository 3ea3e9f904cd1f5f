import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import * as sqliteVec from 'sqlite-vec'
import { describe, expect, it } from 'vitest'
import type { Memory } from '../src/memory.js'
import {
  exportBody,
  keeperMark,
  mark,
  otherTenantMark,
  seedBystanders,
  seedVictim,
  VICTIM,
  VICTIM_MARKS,
} from './forget-seed.js'
import { tempDir } from './helpers.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'
import { startTestServer } from './server-helpers.js'

type TestServer = Awaited<ReturnType<typeof startTestServer>>

/**
 * Tables that hold no row of any one user: bookkeeping, per-tenant aggregates and index
 * internals. What they may still hold of a forgotten user (a term, a vector) is looked
 * for in the file's bytes instead.
 */
const NO_USER_ROWS = [
  /^schema_migrations$/,
  /^vector_space$/,
  /^term_counts$/,
  /^term_totals$/,
  /^fts_tables$/,
  // Named locks (`consolidate:<tenant>:<user>`), held only while a pass runs.
  /^locks$/,
  /^memory_fts_\d+_(data|idx|config)$/,
  /^memory_vectors_(info|chunks|vector_chunks\d+)$/,
]

/** Forgets the victim one way or another. */
const FORGET: Record<string, (server: TestServer, t1: Memory) => Promise<number>> = {
  'memory.deleteAll': async (_server, t1) => (await t1.deleteAll({ userId: VICTIM })).deleted,
  'DELETE /v1/users/:userId': async (server) => {
    const key = await server.tenantKey(['read', 'write'], 't1')
    const answer = await server.call('DELETE', `/v1/users/${VICTIM}`, { key })
    expect(answer.status).toBe(200)
    return answer.json.deleted
  },
}

/** Seeds the victim and the bystanders on a server, forgets the victim, checks the bystanders. */
async function forgetOnServer(server: TestServer, how: string) {
  const t1 = server.engine.tenant('t1')
  const t2 = server.engine.tenant('t2')
  await seedBystanders(t1, t2)
  const ids = await seedVictim(t1)
  const vectors = (await exportBody(t1, VICTIM))
    .split('\n')
    .filter(Boolean)
    .map((line) => Buffer.from(JSON.parse(line).vector as string, 'base64'))
  const kept = [await exportBody(t1, 'keeper'), await exportBody(t2)]
  const before = await t1.list({ userId: VICTIM, limit: 1000, status: ['active', 'superseded', 'archived'] })
  const forget = FORGET[how] as (server: TestServer, t1: Memory) => Promise<number>
  const cleanup = async () => {
    expect(await forget(server, t1)).toBe(before.items.length)
    expect([await exportBody(t1, 'keeper'), await exportBody(t2)]).toEqual(kept)
    expect(
      await t1.list({ userId: VICTIM, limit: 10, status: ['active', 'superseded', 'archived'] }),
    ).toEqual({
      items: [],
      nextCursor: null,
    })
    const hits = await t2.search({ query: 'Zqlondonz', userId: VICTIM, recordAccess: false })
    expect(hits.map((h) => h.memory.content)).toContain(
      `Same id, other tenant: ${otherTenantMark(1)} in Zqlondonz`,
    )
  }
  return { ids, vectors, cleanup }
}

describe('forgetting a user on SQLite', () => {
  it.each(Object.keys(FORGET))('%s leaves no row, index entry or byte of the user', async (how) => {
    const dataDir = join(await tempDir('recall-forget-'), 'data')
    const path = join(dataDir, 'memory.db')
    const server = await startTestServer({ dataDir, memory: { extractInBackground: true } })
    const { ids, vectors, cleanup } = await forgetOnServer(server, how)
    const raw = new Database(path)
    const scopeId = raw
      .prepare('SELECT scope_id FROM scopes WHERE tenant_id = ? AND user_id = ?')
      .pluck()
      .get('t1', VICTIM)
    const rids = raw
      .prepare('SELECT rid FROM memories WHERE tenant_id = ? AND user_id = ?')
      .pluck()
      .all('t1', VICTIM)
    raw.close()
    expect(rids.length).toBeGreaterThan(5)
    /** The database file and its WAL, as they are on disk, as lower-case text and bytes. */
    const files = () => {
      const bytes = [path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file))
      return { bytes, text: bytes.map((b) => b.toString('latin1').toLowerCase()).join('\n') }
    }
    // Everything looked for is there before, so its absence after means something.
    const present = files()
    // (The memory deleted while seeding is already gone, all but its id.)
    for (const word of [...VICTIM_MARKS.filter((w) => w !== mark(10)), ...ids])
      expect(present.text, word).toContain(word)
    // Vectors may straddle page boundaries: look for 16-byte pieces of each.
    const pieces = (v: Buffer) => [0, 96, 192, 288].map((at) => v.subarray(at, at + 16))
    const holds = (bytes: Buffer[], v: Buffer) => pieces(v).some((p) => bytes.some((b) => b.includes(p)))
    expect(vectors.every((v) => holds(present.bytes, v))).toBe(true)

    await cleanup()
    // No checkpoint here: forgetting must itself empty the log of the pages from before.
    const after = files()
    for (const word of [...VICTIM_MARKS, ...ids])
      expect(after.text, `${how} left "${word}"`).not.toContain(word)
    for (const vector of vectors) expect(holds(after.bytes, vector)).toBe(false)
    for (const word of [keeperMark(1), otherTenantMark(1)]) expect(after.text).toContain(word)

    const db = new Database(path, { readonly: true })
    sqliteVec.load(db)
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as {
      name: string
      sql: string
    }[]
    for (const { name, sql } of tables) {
      // The vector change log keeps row numbers (no content) of the user's scope a while.
      if (name === 'vector_changes') continue
      const columns = (db.pragma(`table_info("${name}")`) as { name: string }[]).map((c) => c.name)
      const keys: [string, unknown[]][] = []
      if (columns.includes('user_id')) keys.push(['tenant_id = ? AND user_id = ?', ['t1', VICTIM]])
      if (columns.includes('scope_id')) keys.push(['scope_id = ?', [scopeId]])
      if (columns.includes('rid'))
        keys.push(['rid IN (SELECT value FROM json_each(?))', [JSON.stringify(rids)]])
      if (/^CREATE VIRTUAL TABLE/i.test(sql) || name === 'memory_vectors_rowids')
        keys.push(['rowid IN (SELECT value FROM json_each(?))', [JSON.stringify(rids)]])
      if (/^memory_fts_\d+_(content|docsize)$/.test(name))
        keys.push(['id IN (SELECT value FROM json_each(?))', [JSON.stringify(rids)]])
      if (keys.length === 0) {
        expect(
          NO_USER_ROWS.some((pattern) => pattern.test(name)),
          `table ${name}: which rows are a user's?`,
        ).toBe(true)
        continue
      }
      for (const [where, params] of keys)
        expect(
          db
            .prepare(`SELECT count(*) FROM "${name}" WHERE ${where}`)
            .pluck()
            .get(...params),
          `${name}: ${where}`,
        ).toBe(0)
    }
    db.close()
  })
})

const url = await postgresUrl()
if (url === null) {
  describe.skip(SKIPPED, () => {
    it('forgets a user on PostgreSQL', () => {})
  })
} else {
  const schemas = schemaFactory(url)
  describe('forgetting a user on PostgreSQL', () => {
    it.each(Object.keys(FORGET))('%s leaves no row and no text of the user in any table', async (how) => {
      const schema = schemas.schema()
      const server = await startTestServer({
        storeUrl: `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`,
        memory: { extractInBackground: true },
      })
      const { ids, cleanup } = await forgetOnServer(server, how)
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        const columns = (
          await client.query<{ table_name: string; column_name: string; data_type: string }>(
            `SELECT table_name, column_name, data_type FROM information_schema.columns
             WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
            [schema],
          )
        ).rows
        const tables = [...new Set(columns.map((c) => c.table_name))]
        const textual = columns.filter((c) => /text|char|json|tsvector|USER-DEFINED/.test(c.data_type))
        /** How many values of every textual column contain one of `words`, by column. */
        const found = async (words: string[]) => {
          const pattern = words.join('|')
          const counts: Record<string, number> = {}
          for (const c of textual) {
            const { rows } = await client.query<{ n: string }>(
              `SELECT count(*) AS n FROM "${schema}"."${c.table_name}" WHERE "${c.column_name}"::text ~* $1`,
              [pattern],
            )
            if (Number(rows[0]?.n) > 0) counts[`${c.table_name}.${c.column_name}`] = Number(rows[0]?.n)
          }
          return counts
        }
        expect(Object.keys(await found(VICTIM_MARKS)).length).toBeGreaterThan(3)
        await cleanup()
        expect(await found([...VICTIM_MARKS, ...ids])).toEqual({})
        expect(Object.keys(await found([keeperMark(1), otherTenantMark(1)])).length).toBeGreaterThan(0)
        for (const table of tables.filter((t) =>
          columns.some((c) => c.table_name === t && c.column_name === 'user_id'),
        )) {
          const { rows } = await client.query(
            `SELECT count(*) AS n FROM "${schema}"."${table}" WHERE tenant_id = 't1' AND user_id = $1`,
            [VICTIM],
          )
          expect(Number(rows[0]?.n), table).toBe(0)
        }
      } finally {
        await client.end()
      }
    })
  })
}
