import { describe, expect, it } from 'vitest'
import { isoAt, memoryWrite, TEST_SPACE } from '../fixtures.js'
import { candidateQuery, expectCode, SCOPE, type StoreHarness } from './harness.js'

const OTHER_SPACE = { id: 'other:3', dimensions: 3 }

/** Vector spaces, term counts, scan, replaceVectors, stats and close. */
export function lifecycleCases(h: StoreHarness): void {
  describe('vector space', () => {
    it('accepts the same space again and refuses another one (EMBEDDER_MISMATCH)', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' })])
      await h.store.openVectorSpace({ ...TEST_SPACE })
      const error = await expectCode(h.store.openVectorSpace(OTHER_SPACE), 'EMBEDDER_MISMATCH')
      expect(error.message).toContain(TEST_SPACE.id)
      expect(error.message).toContain(OTHER_SPACE.id)
      expect(error.message).toContain('reindex')
      const found = await h.store.nearest({ ...candidateQuery(), vector: Float32Array.from([1, 0, 0, 0]) })
      expect(found.map((c) => c.id)).toEqual(['m1'])
    })

    it('drops every vector on reset and adopts the new space', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' }), memoryWrite({ id: 'm2', vector: [0, 1, 0, 0] })])
      await h.store.openVectorSpace(OTHER_SPACE, { reset: true })
      expect((await h.store.get(SCOPE.tenantId, ['m1', 'm2'])).length).toBe(2)
      const query = { ...candidateQuery(), vector: Float32Array.from([1, 0, 0]) }
      expect(await h.store.nearest(query)).toEqual([])
      await expectCode(h.store.insert([memoryWrite({ id: 'old-width' })]), 'INVALID_INPUT')
      await h.store.insert([memoryWrite({ id: 'm3', vector: [0, 0, 1] })])
      await h.store.replaceVectors([
        { tenantId: SCOPE.tenantId, id: 'm1', vector: Float32Array.from([1, 0, 0]) },
      ])
      expect((await h.store.nearest(query)).map((c) => c.id)).toEqual(['m1', 'm3'])
      await expectCode(h.store.openVectorSpace(TEST_SPACE), 'EMBEDDER_MISMATCH')
    })

    it('refuses vector work before a space is opened (STORE_FAILED) but still reads', async () => {
      const fresh = await h.create()
      try {
        await expectCode(fresh.insert([memoryWrite({ id: 'm1' })]), 'STORE_FAILED')
        const query = { ...candidateQuery(), vector: Float32Array.from([1, 0, 0, 0]) }
        await expectCode(fresh.nearest(query), 'STORE_FAILED')
        expect(await fresh.get(SCOPE.tenantId, ['m1'])).toEqual([])
      } finally {
        await fresh.close()
      }
    })
  })

  describe('term counts', () => {
    it('adds on insert and subtracts on update and remove, per tenant', async () => {
      await h.store.insert([
        memoryWrite({ id: 'm1', content: 'tea tea coffee', terms: ['tea', 'tea', 'coffee'] }),
        memoryWrite({ id: 'm2', content: 'tea water', terms: ['tea', 'water'] }),
        memoryWrite({ tenantId: 'tenant-b', id: 'b1', content: 'tea', terms: ['tea'] }),
      ])
      const read = async () => {
        const { total, counts } = await h.store.termCounts(SCOPE.tenantId, [
          'tea',
          'coffee',
          'water',
          'juice',
        ])
        return { total, counts: Object.fromEntries(counts) }
      }
      expect(await read()).toEqual({ total: 5, counts: { tea: 3, coffee: 1, water: 1 } })
      const next = memoryWrite({ id: 'm1', content: 'juice', terms: ['juice'], version: 2 })
      await h.store.update(next, 1)
      expect(await read()).toEqual({ total: 3, counts: { tea: 1, water: 1, juice: 1 } })
      await h.store.remove(SCOPE.tenantId, 'm2', {
        id: 'e',
        memoryId: 'm2',
        event: 'deleted',
        at: isoAt(1),
        actor: 'user',
      })
      expect(await read()).toEqual({ total: 1, counts: { juice: 1 } })
      expect((await h.store.termCounts('tenant-b', ['tea'])).total).toBe(1)
      expect(await h.store.termCounts('tenant-none', ['tea'])).toEqual({ total: 0, counts: new Map() })
    })
  })

  describe('scan', () => {
    it('streams every memory once, oldest first, with vectors and events', async () => {
      const writes = Array.from({ length: 13 }, (_, i) =>
        memoryWrite({
          id: `s-${String(i).padStart(2, '0')}`,
          tenantId: i % 3 === 0 ? 'tenant-b' : 'tenant-a',
          userId: i % 2 ? 'user-1' : 'user-2',
          createdAt: isoAt(i % 5),
          vector: [1, i, 0, 0],
        }),
      )
      await h.store.insert(writes)
      const scan = async (query: Parameters<typeof h.store.scan>[0]) => {
        const batches = []
        for await (const batch of h.store.scan(query)) batches.push(batch)
        return batches
      }
      const order = (items: typeof writes) =>
        items
          .map((w) => w.record)
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
          .map((r) => `${r.tenantId}/${r.id}`)

      const batches = await scan({ batchSize: 4 })
      expect(batches.every((batch) => batch.length > 0 && batch.length <= 4)).toBe(true)
      expect(batches.flat().map((m) => `${m.record.tenantId}/${m.record.id}`)).toEqual(order(writes))
      for (const item of batches.flat()) {
        const write = writes.find((w) => w.record.id === item.record.id)
        expect(item.record).toEqual(write?.record)
        expect(Array.from(item.vector ?? [])).toEqual(Array.from(write?.vector ?? []))
        expect(item.events).toEqual(write?.events)
      }
      const inA = (await scan({ tenantId: 'tenant-a' })).flat()
      expect(inA.map((m) => `${m.record.tenantId}/${m.record.id}`)).toEqual(
        order(writes.filter((w) => w.record.tenantId === 'tenant-a')),
      )
      const user = (await scan({ tenantId: 'tenant-a', userId: 'user-1', batchSize: 1 })).flat()
      expect(user.map((m) => m.record.id)).toEqual(
        order(writes.filter((w) => w.record.tenantId === 'tenant-a' && w.record.userId === 'user-1')).map(
          (key) => key.split('/')[1],
        ),
      )
      expect(await scan({ tenantId: 'tenant-none' })).toEqual([])
    })

    it("returns each memory's learned associations, by key", async () => {
      await h.store.insert([memoryWrite({ id: 'm1' }), memoryWrite({ id: 'm2' })])
      const scope = { tenantId: 'tenant-a', userId: 'user-1' }
      await h.store.adjustAssociations(scope, 'm1', ['tea', 'alice'], 0.5)
      await h.store.adjustAssociations(scope, 'm1', ['tea'], -2)
      const items = []
      for await (const batch of h.store.scan({ tenantId: 'tenant-a' })) items.push(...batch)
      expect(items.map((m) => [m.record.id, m.associations])).toEqual([
        [
          'm1',
          [
            { key: 'alice', weight: 0.5 },
            { key: 'tea', weight: -1.5 },
          ],
        ],
        ['m2', []],
      ])
    })

    it('reports a null vector for memories that have none after a reset', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' })])
      await h.store.openVectorSpace({ id: 'other:3', dimensions: 3 }, { reset: true })
      const items = []
      for await (const batch of h.store.scan({})) items.push(...batch)
      expect(items.map((m) => [m.record.id, m.vector])).toEqual([['m1', null]])
    })
  })

  describe('replaceVectors', () => {
    it('changes nearest results without touching the records', async () => {
      await h.store.insert([
        memoryWrite({ id: 'm1', vector: [1, 0, 0, 0] }),
        memoryWrite({ id: 'm2', vector: [0, 1, 0, 0] }),
      ])
      const before = await h.store.get(SCOPE.tenantId, ['m1', 'm2'])
      await h.store.replaceVectors([
        { tenantId: SCOPE.tenantId, id: 'm1', vector: Float32Array.from([0, 1, 0, 0]) },
        { tenantId: SCOPE.tenantId, id: 'm2', vector: Float32Array.from([1, 0, 0, 0]) },
      ])
      const found = await h.store.nearest({ ...candidateQuery(), vector: Float32Array.from([1, 0, 0, 0]) })
      expect(found.map((c) => c.id)).toEqual(['m2', 'm1'])
      const after = await h.store.get(SCOPE.tenantId, ['m1', 'm2'])
      const byId = (records: typeof before) => [...records].sort((a, b) => a.id.localeCompare(b.id))
      expect(byId(after)).toEqual(byId(before))
    })
  })

  describe('stats', () => {
    it('counts memories, users, statuses and types of one tenant', async () => {
      await h.store.insert([
        memoryWrite({ userId: 'u1', type: 'fact' }),
        memoryWrite({ userId: 'u1', type: 'episode', status: 'archived' }),
        memoryWrite({ userId: 'u2', type: 'fact' }),
        memoryWrite({ tenantId: 'tenant-b', userId: 'u3', type: 'preference' }),
      ])
      const stats = await h.store.stats(SCOPE.tenantId)
      expect(stats).toMatchObject({
        memories: 3,
        users: 2,
        byStatus: { active: 2, superseded: 0, archived: 1 },
        byType: { fact: 2, episode: 1 },
      })
      expect(stats.sizeBytes === null || stats.sizeBytes > 0).toBe(true)
      const empty = await h.store.stats('tenant-none')
      expect(empty).toMatchObject({
        memories: 0,
        users: 0,
        byStatus: { active: 0, superseded: 0, archived: 0 },
      })
      expect(empty.byType).toEqual({})
    })
  })

  describe('close', () => {
    it('refuses every later call (CLOSED) and may be called twice', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' })])
      await h.store.close()
      await h.store.close()
      await expectCode(h.store.get(SCOPE.tenantId, ['m1']), 'CLOSED')
      await expectCode(h.store.insert([memoryWrite({ id: 'm2' })]), 'CLOSED')
      await expectCode(h.store.list({ ...SCOPE, limit: 1 }), 'CLOSED')
      await expectCode(h.store.keyword({ ...candidateQuery(), terms: ['sky'] }), 'CLOSED')
      await expectCode(h.store.stats(SCOPE.tenantId), 'CLOSED')
      const iterate = async () => {
        for await (const _ of h.store.scan({})) return
      }
      await expectCode(iterate(), 'CLOSED')
    })
  })
}
