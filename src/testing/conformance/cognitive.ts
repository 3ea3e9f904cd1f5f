import { describe, expect, it } from 'vitest'
import { ASSOCIATION_LIMIT, RECENT_ACCESSES } from '../../store/store.js'
import { historyEvent, isoAt, memoryWrite, mention } from '../fixtures.js'
import { candidateQuery, expectCode, SCOPE, type StoreHarness } from './harness.js'

/** Recent access times, learned associations, and forgetting a user's graph. */
export function cognitiveCases(h: StoreHarness): void {
  /** Each found memory's learned strengths by key, as `signals` reads them. */
  const learned = async (tenantId: string, ids: string[]) =>
    Object.fromEntries(
      (await h.store.signals(tenantId, ids)).map((s) => [
        s.id,
        Object.fromEntries(s.learned.map((a) => [a.key, a.weight])),
      ]),
    )

  describe('accessTimes', () => {
    it(`keeps the newest ${RECENT_ACCESSES} times, newest first, while accessCount counts all`, async () => {
      await h.store.insert([memoryWrite({ id: 'm1' }), memoryWrite({ id: 'never' })])
      for (let minute = 1; minute <= 20; minute++)
        await h.store.recordAccess(SCOPE.tenantId, ['m1'], isoAt(minute))
      const newest = (from: number, n: number) => Array.from({ length: n }, (_, i) => isoAt(from - i))
      expect((await h.store.accessTimes(SCOPE.tenantId, ['m1'])).get('m1')).toEqual(
        newest(20, RECENT_ACCESSES),
      )
      // A late report of an older retrieval takes its place by time, pushing out the oldest.
      await h.store.recordAccess(SCOPE.tenantId, ['m1', 'm1'], isoAt(10))
      const times = (await h.store.accessTimes(SCOPE.tenantId, ['m1'])).get('m1')
      expect(times).toEqual([...newest(20, 11), isoAt(10), ...newest(9, 4)])
      expect((await h.store.get(SCOPE.tenantId, ['m1']))[0]).toMatchObject({ accessCount: 21, version: 1 })
      const all = await h.store.accessTimes(SCOPE.tenantId, ['never', 'missing', 'm1'])
      expect([...all.keys()].sort()).toEqual(['m1', 'never'])
      expect(all.get('never')).toEqual([])
      expect(await h.store.accessTimes('tenant-b', ['m1'])).toEqual(new Map())
    })

    it('rejects an access time that is not an instant (INVALID_INPUT)', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' })])
      await expectCode(h.store.recordAccess(SCOPE.tenantId, ['m1'], 'yesterday'), 'INVALID_INPUT')
      expect((await h.store.get(SCOPE.tenantId, ['m1']))[0]?.accessCount).toBe(0)
    })
  })

  describe('signals', () => {
    it('reads what ranking needs of each memory, as its record and links have it', async () => {
      const carol = mention('Carol')
      await h.store.insert([
        memoryWrite({
          id: 'm1',
          sessionId: 's-1',
          observedAt: isoAt(-60),
          confidence: 7.5,
          entities: [carol, mention('Alice'), mention('Paris', 'place')],
        }),
        memoryWrite({ id: 'm2', status: 'superseded', supersededBy: 'm1', validTo: isoAt(-30) }),
        memoryWrite({ id: 'other', userId: 'user-2', entities: [carol] }),
      ])
      await h.store.recordAccess(SCOPE.tenantId, ['m1'], isoAt(1))
      await h.store.recordAccess(SCOPE.tenantId, ['m1'], isoAt(2))
      const read = await h.store.signals(SCOPE.tenantId, ['m2', 'missing', 'm1', 'other', 'm1'])
      const records = await h.store.get(SCOPE.tenantId, ['m1', 'm2', 'other'])
      const byId = new Map(read.map((s) => [s.id, s]))
      expect([...byId.keys()].sort()).toEqual(['m1', 'm2', 'other'])
      expect(read).toHaveLength(3)
      for (const record of records)
        expect(byId.get(record.id)).toMatchObject({
          status: record.status,
          supersededBy: record.supersededBy,
          validTo: record.validTo,
          sessionId: record.sessionId,
          observedAt: record.observedAt,
          confidence: record.confidence,
          accessCount: record.accessCount,
        })
      expect(byId.get('m1')).toMatchObject({
        sessionId: 's-1',
        confidence: 7.5,
        accessCount: 2,
        recentAccesses: [isoAt(2), isoAt(1)],
      })
      expect(byId.get('m1')?.entityKeys.sort()).toEqual(['alice', 'carol', 'paris'])
      expect(byId.get('m2')).toMatchObject({
        status: 'superseded',
        supersededBy: 'm1',
        validTo: isoAt(-30),
        recentAccesses: [],
        entityKeys: [],
        learned: [],
      })
      expect(await h.store.signals(SCOPE.tenantId, [])).toEqual([])
      expect(await h.store.signals('tenant-b', ['m1'])).toEqual([])
    })

    it('follows the links an update replaces', async () => {
      await h.store.insert([memoryWrite({ id: 'm1', entities: [mention('Alice'), mention('Bob')] })])
      await h.store.update(memoryWrite({ id: 'm1', version: 2, entities: [mention('Carol')] }), 1)
      expect((await h.store.signals(SCOPE.tenantId, ['m1']))[0]?.entityKeys).toEqual(['carol'])
      await h.store.update(memoryWrite({ id: 'm1', version: 3 }), 2)
      expect((await h.store.signals(SCOPE.tenantId, ['m1']))[0]?.entityKeys).toEqual([])
    })
  })

  describe('associations', () => {
    it(`adds deltas, clamped to ±${ASSOCIATION_LIMIT}, for keys that need not be entities`, async () => {
      await h.store.insert([
        memoryWrite({ id: 'm1', entities: [mention('Alice')] }),
        memoryWrite({ id: 'm2' }),
      ])
      await h.store.adjustAssociations(SCOPE, 'm1', ['alice', 'tea', 'tea'], 3)
      await h.store.adjustAssociations(SCOPE, 'm1', ['alice'], 3)
      await h.store.adjustAssociations(SCOPE, 'm2', ['alice'], -2.5)
      await h.store.adjustAssociations(SCOPE, 'm2', ['alice'], -20)
      await h.store.adjustAssociations(SCOPE, 'm2', ['tea'], 1)
      await h.store.adjustAssociations(SCOPE, 'm2', ['tea'], -1)
      expect(await learned(SCOPE.tenantId, ['m1', 'm2', 'missing'])).toEqual({
        m1: { alice: ASSOCIATION_LIMIT, tea: 3 },
        // A pair adjusted back to 0 stays.
        m2: { alice: -ASSOCIATION_LIMIT, tea: 0 },
      })
      await expectCode(h.store.adjustAssociations(SCOPE, 'm1', ['alice'], Number.NaN), 'INVALID_INPUT')
      expect(await learned(SCOPE.tenantId, ['m1'])).toEqual({ m1: { alice: ASSOCIATION_LIMIT, tea: 3 } })
    })

    it('keeps associations per scope and deletes them with their memory', async () => {
      const u2 = { tenantId: 'tenant-a', userId: 'user-2' }
      const b1 = { tenantId: 'tenant-b', userId: SCOPE.userId }
      await h.store.insert([memoryWrite({ id: 'm1' }), memoryWrite({ ...b1, id: 'm1' })])
      await h.store.adjustAssociations(SCOPE, 'm1', ['alice'], 1)
      await expectCode(h.store.adjustAssociations(u2, 'm1', ['alice'], 1), 'NOT_FOUND')
      await expectCode(h.store.adjustAssociations(SCOPE, 'ghost', ['alice'], 1), 'NOT_FOUND')
      expect(await learned(SCOPE.tenantId, ['m1'])).toEqual({ m1: { alice: 1 } })
      expect(await learned(b1.tenantId, ['m1'])).toEqual({ m1: {} })
      await h.store.remove(SCOPE.tenantId, 'm1', historyEvent('m1', { event: 'deleted' }))
      await h.store.insert([memoryWrite({ id: 'm1' })])
      expect(await learned(SCOPE.tenantId, ['m1'])).toEqual({ m1: {} })
    })
  })

  describe('removeUser and the entity graph', () => {
    it('leaves no entity, association or access time of the forgotten user', async () => {
      const forgotten = { tenantId: 'tenant-a', userId: 'forgotten' }
      const secret = mention('Zanzibar Quill')
      const writes = () => [
        memoryWrite({ ...forgotten, id: 'f1', entities: [secret, mention('Alice')] }),
        memoryWrite({ ...forgotten, id: 'f2', entities: [secret] }),
      ]
      await h.store.insert([...writes(), memoryWrite({ id: 'kept', entities: [mention('Alice')] })])
      await h.store.adjustAssociations(forgotten, 'f1', [secret.key, 'alice'], 2)
      await h.store.recordAccess('tenant-a', ['f1', 'f2', 'kept'], isoAt(3))

      await h.store.removeUser(forgotten)

      const keys = [secret.key, 'alice']
      expect(await h.store.entities(forgotten, keys)).toEqual([])
      expect(await h.store.signals('tenant-a', ['f1', 'f2'])).toEqual([])
      expect(await h.store.byEntities({ ...candidateQuery(forgotten), keys })).toEqual([])
      expect(await h.store.entitiesOf('tenant-a', ['f1', 'f2'])).toEqual(new Map())
      expect(await h.store.accessTimes('tenant-a', ['f1', 'f2'])).toEqual(new Map())
      // Written again, the same ids and keys start from nothing: no old row was left behind.
      await h.store.insert(writes())
      expect(await h.store.entities(forgotten, keys)).toEqual([
        { ...secret, fan: 2 },
        { ...mention('Alice'), fan: 1 },
      ])
      expect(await learned('tenant-a', ['f1', 'f2'])).toEqual({ f1: {}, f2: {} })
      expect((await h.store.accessTimes('tenant-a', ['f1'])).get('f1')).toEqual([])
      expect(await h.store.entities(SCOPE, ['alice'])).toEqual([{ ...mention('Alice'), fan: 1 }])
      expect((await h.store.accessTimes('tenant-a', ['kept'])).get('kept')).toEqual([isoAt(3)])
    })
  })
}
