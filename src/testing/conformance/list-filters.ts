import { describe, expect, it } from 'vitest'
import type { MemoryStore } from '../../store/store.js'
import type { MemoryRecord } from '../../types.js'
import { isoAt, type MemoryWriteOverrides, memoryWrite } from '../fixtures.js'
import { idsThroughEveryRead, SCOPE, type StoreHarness } from './harness.js'

async function insertCommon(store: MemoryStore, items: MemoryWriteOverrides[]): Promise<void> {
  await store.insert(items.map((item) => memoryWrite({ content: `common ${item.id}`, ...item })))
}

async function listAll(
  store: MemoryStore,
  query: Omit<Parameters<MemoryStore['list']>[0], 'limit'>,
  limit: number,
) {
  const pages: MemoryRecord[][] = []
  let cursor: string | null = null
  do {
    const page = await store.list({ ...query, limit, cursor })
    pages.push(page.items)
    cursor = page.nextCursor
  } while (cursor !== null && pages.length < 100)
  return pages
}

/** list paging and every MemoryFilter kind, through list, nearest and keyword alike. */
export function listAndFilterCases(h: StoreHarness): void {
  describe('list', () => {
    it('pages newest first with no duplicates and no gaps, ties broken by id', async () => {
      const items = Array.from({ length: 23 }, (_, i) => ({
        id: `p-${String(i).padStart(2, '0')}`,
        createdAt: isoAt(i % 8),
      }))
      await insertCommon(h.store, items)
      const expected = [...items]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
        .map((item) => item.id)
      for (const limit of [1, 5, 23, 50]) {
        const pages = await listAll(h.store, SCOPE, limit)
        expect(pages.flat().map((r) => r.id)).toEqual(expected)
        expect(pages.every((page) => page.length <= limit)).toBe(true)
      }
    })

    it('ends with a null cursor when the items divide evenly into pages', async () => {
      await insertCommon(h.store, [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }])
      const first = await h.store.list({ ...SCOPE, limit: 2 })
      const second = await h.store.list({ ...SCOPE, limit: 2, cursor: first.nextCursor })
      expect([first.items.length, second.items.length, second.nextCursor]).toEqual([2, 2, null])
    })

    it('returns every status by default and only the requested ones when given', async () => {
      await insertCommon(h.store, [
        { id: 'active', status: 'active' },
        { id: 'superseded', status: 'superseded' },
        { id: 'archived', status: 'archived' },
      ])
      const ids = async (statuses?: ('active' | 'superseded' | 'archived')[]) =>
        (await h.store.list({ ...SCOPE, statuses, limit: 10 })).items.map((r) => r.id).sort()
      expect(await ids()).toEqual(['active', 'archived', 'superseded'])
      expect(await ids(['archived'])).toEqual(['archived'])
      expect(await ids(['active', 'superseded'])).toEqual(['active', 'superseded'])
    })

    it('pages through a filtered listing', async () => {
      await insertCommon(
        h.store,
        Array.from({ length: 12 }, (_, i) => ({
          id: `f-${i}`,
          createdAt: isoAt(i),
          tags: i % 2 ? ['odd'] : [],
        })),
      )
      const pages = await listAll(h.store, { ...SCOPE, filter: { tags: ['odd'] } }, 4)
      expect(pages.flat().map((r) => r.id)).toEqual(['f-11', 'f-9', 'f-7', 'f-5', 'f-3', 'f-1'])
    })
  })

  describe('filters', () => {
    const expectEveryRead = async (filter: Parameters<typeof idsThroughEveryRead>[1], ids: string[]) => {
      const sorted = [...ids].sort()
      expect(await idsThroughEveryRead(h.store, filter, 'common')).toEqual({
        list: sorted,
        nearest: sorted,
        keyword: sorted,
      })
    }

    it('matches metadata exactly: booleans are not numbers and numbers are not strings', async () => {
      await insertCommon(h.store, [
        { id: 'bool-true', metadata: { flag: true } },
        { id: 'bool-false', metadata: { flag: false } },
        { id: 'num-one', metadata: { flag: 1 } },
        { id: 'num-zero', metadata: { flag: 0 } },
        { id: 'str-one', metadata: { flag: '1' } },
        { id: 'str-true', metadata: { flag: 'true' } },
        { id: 'null-flag', metadata: { flag: null } },
        { id: 'nested', metadata: { inner: { flag: true } } },
        { id: 'num-five', metadata: { n: 5 } },
        { id: 'str-five', metadata: { n: '5' } },
        { id: 'real', metadata: { n: 5.5 } },
        { id: 'both', metadata: { flag: true, n: 5 } },
        { id: 'odd-key', metadata: { 'a.b': 'x', 'it\'s "quoted"': 'y' } },
        { id: 'none' },
      ])
      await expectEveryRead({ metadata: { flag: true } }, ['bool-true', 'both'])
      await expectEveryRead({ metadata: { flag: false } }, ['bool-false'])
      await expectEveryRead({ metadata: { flag: 1 } }, ['num-one'])
      await expectEveryRead({ metadata: { flag: 0 } }, ['num-zero'])
      await expectEveryRead({ metadata: { flag: '1' } }, ['str-one'])
      await expectEveryRead({ metadata: { flag: 'true' } }, ['str-true'])
      await expectEveryRead({ metadata: { flag: null } }, ['null-flag'])
      await expectEveryRead({ metadata: { n: 5 } }, ['num-five', 'both'])
      await expectEveryRead({ metadata: { n: '5' } }, ['str-five'])
      await expectEveryRead({ metadata: { n: 5.5 } }, ['real'])
      await expectEveryRead({ metadata: { flag: true, n: 5 } }, ['both'])
      await expectEveryRead({ metadata: { 'a.b': 'x', 'it\'s "quoted"': 'y' } }, ['odd-key'])
      await expectEveryRead({ metadata: { 'it\'s "quoted"': 'x' } }, [])
    })

    it('requires every listed tag', async () => {
      await insertCommon(h.store, [
        { id: 'ab', tags: ['a', 'b'] },
        { id: 'abc', tags: ['c', 'b', 'a'] },
        { id: 'a', tags: ['a'] },
        { id: 'b', tags: ['b'] },
        { id: 'untagged' },
      ])
      await expectEveryRead({ tags: ['a', 'b'] }, ['ab', 'abc'])
      await expectEveryRead({ tags: ['a'] }, ['a', 'ab', 'abc'])
      await expectEveryRead({ tags: ['a', 'z'] }, [])
    })

    it('bounds observedAt inclusively at both ends', async () => {
      await insertCommon(h.store, [
        { id: 't10', observedAt: isoAt(10) },
        { id: 't20', observedAt: isoAt(20) },
        { id: 't30', observedAt: isoAt(30) },
      ])
      await expectEveryRead({ from: isoAt(10), to: isoAt(20) }, ['t10', 't20'])
      await expectEveryRead({ from: isoAt(20) }, ['t20', 't30'])
      await expectEveryRead({ to: isoAt(10) }, ['t10'])
      await expectEveryRead({ from: isoAt(21), to: isoAt(29) }, [])
    })

    it('keeps only the listed types', async () => {
      await insertCommon(h.store, [
        { id: 'fact', type: 'fact' },
        { id: 'episode', type: 'episode' },
        { id: 'preference', type: 'preference' },
      ])
      await expectEveryRead({ types: ['episode', 'preference'] }, ['episode', 'preference'])
      await expectEveryRead({ types: ['fact'] }, ['fact'])
    })

    it('requires every condition of a combined filter', async () => {
      await insertCommon(h.store, [
        { id: 'all', type: 'episode', tags: ['x'], metadata: { k: 'v' }, observedAt: isoAt(5) },
        { id: 'wrong-type', type: 'fact', tags: ['x'], metadata: { k: 'v' }, observedAt: isoAt(5) },
        { id: 'no-tag', type: 'episode', metadata: { k: 'v' }, observedAt: isoAt(5) },
        { id: 'wrong-meta', type: 'episode', tags: ['x'], metadata: { k: 'w' }, observedAt: isoAt(5) },
        { id: 'too-early', type: 'episode', tags: ['x'], metadata: { k: 'v' }, observedAt: isoAt(1) },
      ])
      await expectEveryRead(
        { types: ['episode'], tags: ['x'], metadata: { k: 'v' }, from: isoAt(2), to: isoAt(9) },
        ['all'],
      )
    })
  })
}
