import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusLayout, corpusMemories } from '../src/bench/scale-corpus.js'
import { seededRandom } from '../src/bench/seeded-random.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { MemoryStore, TextQuery } from '../src/store/store.js'
import { historyEvent, memoryWrite } from '../src/testing/fixtures.js'
import { keywordTerms } from '../src/text/stop-words.js'
import { words } from '../src/text/words.js'
import { tempDir } from './helpers.js'

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
const scope = { tenantId: 'tenant-a', userId: 'user-1' }
const notes = [...corpusMemories(corpusLayout({ size: 1200, seed: 5, largeShare: 0.5 }))]
const questions = [
  'Where does Alice live?',
  "What is Greco's phone number?",
  'who runs the running club',
  'moved',
]

async function open(path: string, keywordIndex: { minScopeSize: number } | false = { minScopeSize: MIN }) {
  const store = await createSqliteStore({ path, keywordIndex, vectorIndex: false })
  await store.openVectorSpace(SPACE)
  return store
}

const write = (i: number, extra: Parameters<typeof memoryWrite>[0] = {}) => {
  const note = notes[i % notes.length]
  return memoryWrite({
    id: `m-${String(i).padStart(5, '0')}`,
    content: note?.content,
    userId: note?.userId === 'large-user' ? 'user-1' : 'user-2',
    tags: note?.tags,
    vector: [1, 0, 0, 0],
    ...extra,
  })
}

/** Questions drawn from the notes themselves, so they match, plus a few fixed ones. */
function queries(count: number): string[] {
  const rng = seededRandom(9)
  const drawn = Array.from({ length: count }, () => {
    const text = notes[rng.int(notes.length)]?.content ?? ''
    const ws = text.split(' ')
    const start = rng.int(Math.max(1, ws.length - 3))
    return ws.slice(start, start + 1 + rng.int(4)).join(' ')
  })
  return [...questions, ...drawn]
}

const textQuery = (question: string, overrides: Partial<TextQuery> = {}): TextQuery => ({
  ...scope,
  statuses: ['active'],
  limit: 10,
  terms: keywordTerms(words(question)),
  ...overrides,
})

async function expectSameAsFts(indexed: MemoryStore, path: string, overrides: Partial<TextQuery> = {}) {
  const fts = await open(path, false)
  let compared = 0
  for (const question of queries(60)) {
    const found = await indexed.keyword(textQuery(question, overrides))
    const expected = await fts.keyword(textQuery(question, overrides))
    expect(
      found.map((c) => c.id),
      question,
    ).toEqual(expected.map((c) => c.id))
    for (const [i, c] of found.entries()) expect(c.score).toBeCloseTo(expected[i]?.score ?? Number.NaN, 9)
    compared += found.length
  }
  await fts.close()
  // The comparison means something only if the queries matched.
  expect(compared).toBeGreaterThan(200)
}

describe('sqlite BM25 index', () => {
  it('answers as FTS5 does, through inserts, edits, deletions and status changes', async () => {
    const path = freshPath()
    const store = await open(path)
    await store.insert(notes.map((_, i) => write(i)))
    await expectSameAsFts(store, path)
    await expectSameAsFts(store, path, { limit: 100 })
    // Edits change the text, deletions take it away, and a superseded memory is not returned.
    const edited = write(2, {
      content: 'Alice moved to Lisbon with her running club',
      userId: 'user-1',
      version: 2,
    })
    await store.update(edited, 1)
    for (const i of [4, 6, 8]) {
      const id = `m-${String(i).padStart(5, '0')}`
      await store.remove('tenant-a', id, historyEvent(id, { event: 'deleted' }))
    }
    await store.patch('tenant-a', 'm-00010', { status: 'superseded' }, [], 1)
    await store.insert(Array.from({ length: 40 }, (_, i) => write(5000 + i)))
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
