import { describe, expect, it } from 'vitest'
import { historyEvent, memoryWrite } from '../fixtures.js'
import { candidateQuery, type StoreHarness } from './harness.js'

const A = { tenantId: 'tenant-a', userId: 'same-user' }
const B = { tenantId: 'tenant-b', userId: 'same-user' }

/** No read of one tenant or user ever returns another's data. */
export function isolationCases(h: StoreHarness): void {
  describe('tenant isolation', () => {
    it('keeps two tenants apart even with the same user id and memory id', async () => {
      await h.store.insert([
        memoryWrite({ ...A, id: 'shared-id', content: 'apple orchard in tenant a', type: 'fact' }),
        memoryWrite({ ...B, id: 'shared-id', content: 'apple pie in tenant b', type: 'episode' }),
        memoryWrite({ ...B, id: 'b-only', content: 'banana bread', userId: 'someone' }),
      ])
      const [inA] = await h.store.get('tenant-a', ['shared-id', 'b-only'])
      expect(inA?.content).toBe('apple orchard in tenant a')
      expect(await h.store.get('tenant-a', ['b-only'])).toEqual([])
      expect((await h.store.list({ ...A, limit: 10 })).items.map((r) => r.content)).toEqual([
        'apple orchard in tenant a',
      ])
      const near = await h.store.nearest({ ...candidateQuery(A), vector: Float32Array.from([1, 0, 0, 0]) })
      expect(near.map((c) => c.id)).toEqual(['shared-id'])
      expect(await h.store.keyword({ ...candidateQuery(A), terms: ['pie', 'banana'] })).toEqual([])
      expect((await h.store.history('tenant-a', 'shared-id')).map((e) => e.memoryId)).toEqual(['shared-id'])
      expect(await h.store.history('tenant-a', 'b-only')).toEqual([])

      const stats = await h.store.stats('tenant-a')
      expect(stats).toMatchObject({ memories: 1, users: 1, byType: { fact: 1 } })
      const counts = await h.store.termCounts('tenant-a', ['apple', 'pie', 'banana'])
      expect(counts.total).toBe(5)
      expect([...counts.counts].sort()).toEqual([['apple', 1]])

      // Writes in one tenant leave the other's record with the same id alone.
      await h.store.recordAccess('tenant-a', ['shared-id'], '2024-02-01T00:00:00.000Z')
      expect(
        await h.store.remove('tenant-a', 'shared-id', historyEvent('shared-id', { event: 'deleted' })),
      ).toBe(true)
      const [stillB] = await h.store.get('tenant-b', ['shared-id'])
      expect(stillB).toMatchObject({ content: 'apple pie in tenant b', accessCount: 0 })
      expect((await h.store.history('tenant-b', 'shared-id')).map((e) => e.event)).toEqual(['created'])
    })

    it("scores keywords from the tenant's own statistics: another tenant's writes change nothing", async () => {
      // Were document frequencies shared, a tenant could learn whether a rare word is stored
      // elsewhere by watching its own scores move.
      await h.store.insert([
        memoryWrite({ ...A, id: 'a1', content: 'the zyxquartz sample and the common word' }),
        memoryWrite({ ...A, id: 'a2', content: 'only the common word here, said twice: common' }),
        memoryWrite({ ...A, id: 'a3', content: 'a longer note that mentions nothing of interest at all' }),
      ])
      const query = { ...candidateQuery(A), terms: ['zyxquartz', 'common'] }
      const before = await h.store.keyword(query)
      expect(before.map((c) => c.id).sort()).toEqual(['a1', 'a2'])
      await h.store.insert(
        Array.from({ length: 40 }, (_, i) =>
          memoryWrite({
            ...B,
            id: `b${i}`,
            content: `zyxquartz zyxquartz ${'filler '.repeat(i % 7)}item ${i}`,
          }),
        ),
      )
      expect(await h.store.keyword(query)).toEqual(before)
      await h.store.removeUser(B)
      expect(await h.store.keyword(query)).toEqual(before)
    })
  })

  describe('user isolation', () => {
    it('confines list, nearest and keyword to one user', async () => {
      await h.store.insert([
        memoryWrite({ tenantId: 'tenant-a', userId: 'u1', id: 'u1-m', content: 'walks the dog daily' }),
        memoryWrite({ tenantId: 'tenant-a', userId: 'u2', id: 'u2-m', content: 'walks the dog weekly' }),
      ])
      const u1 = candidateQuery({ tenantId: 'tenant-a', userId: 'u1' })
      expect((await h.store.list({ ...u1, limit: 10 })).items.map((r) => r.id)).toEqual(['u1-m'])
      const near = await h.store.nearest({ ...u1, vector: Float32Array.from([1, 0, 0, 0]) })
      expect(near.map((c) => c.id)).toEqual(['u1-m'])
      expect((await h.store.keyword({ ...u1, terms: ['dog', 'weekly'] })).map((c) => c.id)).toEqual(['u1-m'])
      const nobody = candidateQuery({ tenantId: 'tenant-a', userId: 'nobody' })
      expect(await h.store.nearest({ ...nobody, vector: Float32Array.from([1, 0, 0, 0]) })).toEqual([])
      expect(await h.store.keyword({ ...nobody, terms: ['dog'] })).toEqual([])
    })
  })
}
