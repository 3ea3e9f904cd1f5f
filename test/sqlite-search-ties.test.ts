import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { MemoryStore } from '../src/store/store.js'
import { memoryWrite, TEST_SPACE } from '../src/testing/fixtures.js'

/**
 * Keyword and nearest searches rank a short list first and read memory rows only for
 * it. These cases put equal scores across the edge of that list, where a shortcut
 * would keep whichever tied rows it met first instead of the smallest ids.
 */
const query = { tenantId: 'tenant-a', userId: 'user-1', statuses: ['active' as const] }
// Ids in an order unrelated to insertion, so rowid order cannot stand in for id order.
const id = (prefix: string, i: number, n: number) => `${prefix}-${String((i * 7919) % n).padStart(4, '0')}`

let store: MemoryStore
beforeEach(async () => {
  store = await createSqliteStore({ path: ':memory:' })
  await store.openVectorSpace(TEST_SPACE)
})
afterEach(() => store.close())

describe('sqlite search at tied scores', () => {
  it('keyword: better matches first, then the smallest ids among equal BM25 scores', async () => {
    const better = Array.from({ length: 95 }, (_, i) =>
      memoryWrite({ id: id('a', i, 95), content: 'lighthouse keeper lighthouse' }),
    )
    const tied = Array.from({ length: 300 }, (_, i) =>
      memoryWrite({ id: id('b', i, 300), content: 'lighthouse keeper notes' }),
    )
    await store.insert([...tied, ...better])
    const found = await store.keyword({ ...query, terms: ['lighthouse'], limit: 100 })
    const expected = [
      ...better.map((w) => w.record.id).sort(),
      ...['b-0000', 'b-0001', 'b-0002', 'b-0003', 'b-0004'],
    ]
    expect(found.map((c) => c.id)).toEqual(expected)
    const top = await store.keyword({ ...query, terms: ['notes'], limit: 3 })
    expect(top.map((c) => c.id)).toEqual(['b-0000', 'b-0001', 'b-0002'])
  })

  it('keyword: skips rows of other statuses that the best matches include', async () => {
    const superseded = Array.from({ length: 150 }, (_, i) =>
      memoryWrite({ id: id('s', i, 150), content: 'tide tide tide', status: 'superseded' }),
    )
    const active = Array.from({ length: 150 }, (_, i) =>
      memoryWrite({ id: id('t', i, 150), content: 'tide chart' }),
    )
    await store.insert([...superseded, ...active])
    const found = await store.keyword({ ...query, terms: ['tide'], limit: 10 })
    expect(found.map((c) => c.id)).toEqual(
      active
        .map((w) => w.record.id)
        .sort()
        .slice(0, 10),
    )
  })

  it('nearest: closer vectors first, then the smallest ids among equal distances', async () => {
    const closer = Array.from({ length: 95 }, (_, i) =>
      memoryWrite({ id: id('a', i, 95), vector: [1, i / 10_000, 0, 0] }),
    )
    const tied = Array.from({ length: 300 }, (_, i) =>
      memoryWrite({ id: id('b', i, 300), vector: [1, 1, 0, 0] }),
    )
    await store.insert([...tied, ...closer])
    const found = await store.nearest({ ...query, vector: Float32Array.from([1, 0, 0, 0]), limit: 100 })
    expect(found.map((c) => c.id)).toEqual([
      ...closer.map((w) => w.record.id),
      ...['b-0000', 'b-0001', 'b-0002', 'b-0003', 'b-0004'],
    ])
  })
})
