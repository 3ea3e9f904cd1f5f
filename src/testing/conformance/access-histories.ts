import { describe, expect, it } from 'vitest'
import type { AccessHistory } from '../../score/activation.js'
import type { AccessHistoryQuery, MemoryStore } from '../../store/store.js'
import { isoAt, memoryWrite } from '../fixtures.js'
import { expectCode, SCOPE, type StoreHarness } from './harness.js'

/** Every batch `accessHistories` yields, in order. */
async function batchesOf(store: MemoryStore, query: AccessHistoryQuery): Promise<AccessHistory[][]> {
  const batches: AccessHistory[][] = []
  for await (const batch of store.accessHistories(query)) batches.push(batch)
  return batches
}

/** The histories, each named by its `encodedAt` (the fixtures give every memory its own). */
const byEncoding = (batches: AccessHistory[][]) =>
  batches.flat().sort((a, b) => a.encodedAt.localeCompare(b.encodedAt))

/** `accessHistories`: what activation needs of every active memory, streamed in batches. */
export function accessHistoryCases(h: StoreHarness): void {
  describe('accessHistories', () => {
    it("yields each active memory's observed time, access count and recent accesses, in scope", async () => {
      const other = { tenantId: 'tenant-a', userId: 'user-2' }
      await h.store.insert([
        memoryWrite({ id: 'used', observedAt: isoAt(1) }),
        memoryWrite({ id: 'idle', observedAt: isoAt(2) }),
        memoryWrite({ id: 'old', observedAt: isoAt(3), status: 'superseded' }),
        memoryWrite({ id: 'gone', observedAt: isoAt(4), status: 'archived' }),
        memoryWrite({ ...other, id: 'theirs', observedAt: isoAt(5) }),
        memoryWrite({ tenantId: 'tenant-b', userId: SCOPE.userId, id: 'used', observedAt: isoAt(6) }),
      ])
      await h.store.recordAccess(SCOPE.tenantId, ['used', 'old', 'theirs'], isoAt(10))
      await h.store.recordAccess(SCOPE.tenantId, ['used'], isoAt(20))

      const used = { encodedAt: isoAt(1), accessCount: 2, recentAccesses: [isoAt(20), isoAt(10)] }
      const idle = { encodedAt: isoAt(2), accessCount: 0, recentAccesses: [] }
      const theirs = { encodedAt: isoAt(5), accessCount: 1, recentAccesses: [isoAt(10)] }
      expect(byEncoding(await batchesOf(h.store, SCOPE))).toEqual([used, idle])
      expect(byEncoding(await batchesOf(h.store, { tenantId: 'tenant-a' }))).toEqual([used, idle, theirs])
      expect(await batchesOf(h.store, { tenantId: 'tenant-none' })).toEqual([])
    })

    it('yields every memory exactly once across batches, ties of createdAt included', async () => {
      await h.store.insert(
        Array.from({ length: 7 }, (_, i) =>
          memoryWrite({ id: `m${i}`, observedAt: isoAt(i), createdAt: isoAt(i < 4 ? 0 : i) }),
        ),
      )
      const batches = await batchesOf(h.store, { ...SCOPE, batchSize: 3 })
      expect(batches.map((b) => b.length)).toEqual([3, 3, 1])
      expect(byEncoding(batches).map((x) => x.encodedAt)).toEqual(
        Array.from({ length: 7 }, (_, i) => isoAt(i)),
      )
    })

    it('can be left after the first batch, any number of times, with nothing held', async () => {
      await h.store.insert(
        Array.from({ length: 5 }, (_, i) => memoryWrite({ id: `m${i}`, observedAt: isoAt(i) })),
      )
      for (let i = 0; i < 25; i++)
        for await (const batch of h.store.accessHistories({ ...SCOPE, batchSize: 2 })) {
          expect(batch).toHaveLength(2)
          break
        }
      await h.store.recordAccess(SCOPE.tenantId, ['m0'], isoAt(9))
      expect(byEncoding(await batchesOf(h.store, SCOPE))[0]).toEqual({
        encodedAt: isoAt(0),
        accessCount: 1,
        recentAccesses: [isoAt(9)],
      })
    })

    it('rejects a bad batch size (INVALID_INPUT) and a closed store (CLOSED)', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' })])
      await expectCode(batchesOf(h.store, { ...SCOPE, batchSize: 0 }), 'INVALID_INPUT')
      const store = await h.create()
      await store.close()
      await expectCode(batchesOf(store, SCOPE), 'CLOSED')
    })
  })
}
