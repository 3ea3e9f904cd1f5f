import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { MemoryStore, TextQuery } from '../src/store/store.js'
import { historyEvent } from '../src/testing/fixtures.js'
import { tempDir } from './helpers.js'
import { changeSome, expectSameAnswers, notes, textQuery, write } from './keyword-index-fixture.js'

/**
 * The in-memory BM25 index behind keyword search in large scopes, checked against FTS5
 * on the same file: every answer (ids, order, scores) must be the one FTS5 gives, after
 * inserts, content updates, deletions, status changes and writes by another connection,
 * with the tenant's other users shaping the statistics.
 */
const SPACE = { id: 'test:4', dimensions: 4 }
const MIN = 100
const dir = await tempDir('recall-bm25-')
let n = 0
const freshPath = () => join(dir, `store-${n++}.db`)
async function open(path: string, keywordIndex: { minScopeSize: number } | false = { minScopeSize: MIN }) {
  const store = await createSqliteStore({ path, keywordIndex, vectorIndex: false })
  await store.openVectorSpace(SPACE)
  return store
}

async function expectSameAsFts(indexed: MemoryStore, path: string, overrides: Partial<TextQuery> = {}) {
  const fts = await open(path, false)
  await expectSameAnswers(expect, indexed, fts, overrides)
  await fts.close()
}

describe('sqlite BM25 index', () => {
  it('answers as FTS5 does, through inserts, edits, deletions and status changes', async () => {
    const path = freshPath()
    const store = await open(path)
    await store.insert(notes.map((_, i) => write(i)))
    await expectSameAsFts(store, path)
    await expectSameAsFts(store, path, { limit: 100 })
    // Edits change the text, deletions take it away, and a superseded memory is not returned.
    await changeSome(store)
    await expectSameAsFts(store, path)
    const lisbon = await store.keyword(textQuery('Lisbon running club'))
    expect(lisbon[0]?.id).toBe('m-00002')
    await store.close()
  })

  it('answers filtered and multi-status searches as FTS5 does', async () => {
    const path = freshPath()
    const store = await open(path)
    await store.insert(notes.map((_, i) => write(i, i % 7 === 0 ? { status: 'archived' } : {})))
    await expectSameAsFts(store, path, { filter: { tags: ['work'] } })
    await expectSameAsFts(store, path, { statuses: ['active', 'archived'], limit: 30 })
    await expectSameAsFts(store, path, { filter: { from: '2021-01-01T00:00:00.000Z' } })
    await store.close()
  })

  it('sees what another connection wrote to the same file', async () => {
    const path = freshPath()
    const reader = await open(path)
    const writer = await open(path)
    await writer.insert(notes.slice(0, 800).map((_, i) => write(i)))
    await expectSameAsFts(reader, path)
    await writer.insert([write(9000, { content: 'Zebedee the zookeeper feeds zebras', userId: 'user-1' })])
    await writer.remove('tenant-a', 'm-00001', historyEvent('m-00001', { event: 'deleted' }))
    expect((await reader.keyword(textQuery('zebras zookeeper')))[0]?.id).toBe('m-09000')
    await expectSameAsFts(reader, path)
    await writer.close()
    await reader.close()
  })
})
