import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { mixSeed, seededRandom } from '../src/bench/seeded-random.js'
import { pruneChanges } from '../src/store/postgres/changes.js'
import { createPostgresStore } from '../src/store/postgres/index.js'
import type { MemoryStore, VectorQuery } from '../src/store/store.js'
import { historyEvent } from '../src/testing/fixtures.js'
import { changeSome, expectSameAnswers, notes, scope, textQuery, write } from './keyword-index-fixture.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'

/**
 * The node-local indexes behind keyword and vector search in large PostgreSQL scopes,
 * checked against the SQL on the same schema: same answers after inserts, edits,
 * deletions and status changes, whichever of two stores ("nodes") wrote, and a rebuild
 * when the change log was pruned past what an index had seen.
 */
const url = await postgresUrl()
const MIN = 100
const SPACE = { id: 'test:4', dimensions: 4 }

describe.runIf(url !== null)('postgres BM25 index', () => {
  const { schema } = schemaFactory(url as string)
  const open = async (
    name: string,
    keywordIndex: { minScopeSize: number } | false = { minScopeSize: MIN },
  ) => {
    const store = await createPostgresStore({
      connectionString: url as string,
      schema: name,
      max: 4,
      indexes: keywordIndex,
    })
    await store.openVectorSpace(SPACE)
    return store
  }

  it('answers as the SQL does, through inserts, edits, deletions and status changes', async () => {
    const name = schema()
    const store = await open(name)
    const sql = await open(name, false)
    await store.insert(notes.map((_, i) => write(i)))
    await expectSameAnswers(expect, store, sql)
    await expectSameAnswers(expect, store, sql, { limit: 100 })
    await expectSameAnswers(expect, store, sql, { filter: { tags: ['work'] } })
    await changeSome(store)
    await expectSameAnswers(expect, store, sql)
    expect((await store.keyword(textQuery('Lisbon running club')))[0]?.id).toBe('m-00002')
    await store.close()
    await sql.close()
  })

  it("sees another node's writes at once, and forgets a removed user", async () => {
    const name = schema()
    const reader = await open(name)
    const writer = await open(name)
    const sql = await open(name, false)
    await writer.insert(notes.slice(0, 800).map((_, i) => write(i)))
    await expectSameAnswers(expect, reader, sql)
    await writer.insert([write(9000, { content: 'Zebedee the zookeeper feeds zebras', userId: 'user-1' })])
    await writer.remove('tenant-a', 'm-00001', historyEvent('m-00001', { event: 'deleted' }))
    expect((await reader.keyword(textQuery('zebras zookeeper')))[0]?.id).toBe('m-09000')
    await expectSameAnswers(expect, reader, sql)
    await writer.removeUser(scope)
    expect(await reader.keyword(textQuery('zebras zookeeper'))).toEqual([])
    for (const store of [reader, writer, sql]) await store.close()
  })

  it('rebuilds an index whose changes were pruned from the log before it read them', async () => {
    const name = schema()
    const store = await open(name)
    const sql = await open(name, false)
    await store.insert(notes.map((_, i) => write(i)))
    await expectSameAnswers(expect, store, sql)
    // Another node writes, and the log loses those changes (as pruning does once a scope
    // has written more than the log keeps) before this node looks again.
    const other = await open(name)
    await other.insert([write(9100, { content: 'Quentin quilts quietly on quays', userId: 'user-1' })])
    const client = new pg.Client({ connectionString: url as string })
    await client.connect()
    await client.query(`SET search_path = "${name}"`)
    // The log keeps each scope's changes of the last `kept` positions of the log.
    const span = async () =>
      (
        await client.query(
          `SELECT count(*)::int AS n, min(seq)::int AS first, max(seq)::int AS last
           FROM memory_changes WHERE user_id = 'user-1'`,
        )
      ).rows[0] as { n: number; first: number; last: number }
    const before = await span()
    expect(before.n).toBeGreaterThan(500)
    await pruneChanges(client, [scope], 50)
    const after = await span()
    expect(after.last).toBe(before.last)
    expect(after.first).toBeGreaterThan(after.last - 50)
    expect(after.n).toBeGreaterThan(0)
    const pruned = await client.query("SELECT pruned_xid FROM scopes WHERE user_id = 'user-1'")
    expect(pruned.rows[0].pruned_xid).not.toBeNull()
    // Within a tenth past what is kept, nothing goes.
    await pruneChanges(client, [scope], 48)
    expect((await span()).n).toBe(after.n)
    await client.end()
    expect((await store.keyword(textQuery('quilts quays')))[0]?.id).toBe('m-09100')
    await expectSameAnswers(expect, store, sql)
    for (const s of [store, sql, other]) await s.close()
  })
})

describe.runIf(url !== null)('postgres HNSW index', () => {
  const { schema } = schemaFactory(url as string)
  const SPACE16 = { id: 'test:16', dimensions: 16 }
  const vectorOf = (seed: number) => {
    const rng = seededRandom(mixSeed(seed, 7))
    return Array.from({ length: SPACE16.dimensions }, () => rng.next() - 0.5)
  }
  const open = async (name: string, indexes: { minScopeSize: number } | false = { minScopeSize: MIN }) => {
    const store = await createPostgresStore({
      connectionString: url as string,
      schema: name,
      max: 4,
      indexes,
    })
    await store.openVectorSpace(SPACE16)
    return store
  }
  const vectorQuery = (seed: number, overrides: Partial<VectorQuery> = {}): VectorQuery => ({
    ...scope,
    statuses: ['active'],
    limit: 10,
    vector: Float32Array.from(vectorOf(seed)),
    ...overrides,
  })
  /** The indexed store answers like the SQL's exact search (on data this small, HNSW is exact). */
  async function expectSameNeighbours(
    indexed: MemoryStore,
    exact: MemoryStore,
    overrides: Partial<VectorQuery> = {},
  ) {
    for (const seed of [1001, 1002, 1003, 1004, 1005]) {
      const found = await indexed.nearest(vectorQuery(seed, overrides))
      const expected = await exact.nearest(vectorQuery(seed, overrides))
      expect(found.map((c) => c.id)).toEqual(expected.map((c) => c.id))
      for (const [i, c] of found.entries()) expect(c.score).toBeCloseTo(expected[i]?.score ?? Number.NaN, 5)
    }
  }
  const vectorWrite = (i: number, extra: Parameters<typeof write>[1] = {}) =>
    write(i, { userId: 'user-1', vector: vectorOf(i), ...extra })

  it('finds what the exact search finds, through inserts, new vectors, deletions, statuses and filters', async () => {
    const name = schema()
    const store = await open(name)
    const exact = await open(name, false)
    await store.insert(
      Array.from({ length: 300 }, (_, i) => vectorWrite(i, { tags: i % 3 === 0 ? ['third'] : [] })),
    )
    await expectSameNeighbours(store, exact)
    await expectSameNeighbours(store, exact, { filter: { tags: ['third'] } })
    const moved = vectorWrite(3, { vector: vectorOf(1001), version: 2 })
    await store.update(moved, 1)
    for (const id of ['m-00010', 'm-00011'])
      await store.remove('tenant-a', id, historyEvent(id, { event: 'deleted' }))
    await store.patch('tenant-a', 'm-00020', { status: 'superseded' }, [], 1)
    expect((await store.nearest(vectorQuery(1001)))[0]?.id).toBe('m-00003')
    await expectSameNeighbours(store, exact)
    // Another node's write is found at once.
    const other = await open(name)
    await other.insert([vectorWrite(900, { vector: vectorOf(1002) })])
    expect((await store.nearest(vectorQuery(1002)))[0]?.id).toBe('m-00900')
    await expectSameNeighbours(store, exact, { limit: 50 })
    for (const s of [store, exact, other]) await s.close()
  })

  it("follows another node's status changes, in vector and keyword search alike", async () => {
    const name = schema()
    const reader = await open(name)
    const writer = await open(name)
    await writer.insert(Array.from({ length: 300 }, (_, i) => vectorWrite(i)))
    const words = textQuery(notes[7]?.content ?? '', { limit: 100 })
    const found = async (statuses: VectorQuery['statuses']) => ({
      nearest: (await reader.nearest(vectorQuery(7, { statuses })))[0]?.id,
      keyword: (await reader.keyword({ ...words, statuses })).map((c) => c.id),
    })
    expect(await found(['active'])).toEqual({
      nearest: 'm-00007',
      keyword: expect.arrayContaining(['m-00007']),
    })
    // Both indexes are built now; the status changes on the other node.
    await writer.patch('tenant-a', 'm-00007', { status: 'superseded' }, [], 1)
    const superseded = await found(['active'])
    expect(superseded.nearest).not.toBe('m-00007')
    expect(superseded.keyword).not.toContain('m-00007')
    expect(await found(['superseded'])).toEqual({ nearest: 'm-00007', keyword: ['m-00007'] })
    await writer.patch('tenant-a', 'm-00007', { status: 'active' }, [], 2)
    expect(await found(['active'])).toEqual({
      nearest: 'm-00007',
      keyword: expect.arrayContaining(['m-00007']),
    })
    expect(await found(['superseded'])).toEqual({ nearest: undefined, keyword: [] })
    for (const s of [reader, writer]) await s.close()
  })
})

describe.runIf(url === null)(SKIPPED, () => {
  it.skip('postgres BM25 index', () => {})
})
