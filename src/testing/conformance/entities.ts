import { describe, expect, it } from 'vitest'
import { historyEvent, isoAt, memoryWrite, mention } from '../fixtures.js'
import { candidateQuery, expectCode, SCOPE, type StoreHarness } from './harness.js'

const alice = mention('Alice')
const bob = mention('Bob')
const paris = mention('Paris', 'place')

/** Entity links: fan, removal, replacement on update, isolation, byEntities and entitiesOf. */
export function entityCases(h: StoreHarness): void {
  const byKeys = (keys: string[], overrides: Parameters<typeof candidateQuery>[0] = {}) =>
    h.store.byEntities({ ...candidateQuery(overrides), keys })

  describe('entities', () => {
    it('links memories to entities and counts their fan over every status', async () => {
      await h.store.insert([
        memoryWrite({ id: 'm1', entities: [alice, paris] }),
        memoryWrite({ id: 'm2', entities: [alice], status: 'archived' }),
        memoryWrite({ id: 'm3', entities: [bob] }),
      ])
      expect(await h.store.entities(SCOPE, ['paris', 'nobody', 'alice', 'bob'])).toEqual([
        { ...paris, fan: 1 },
        { ...alice, fan: 2 },
        { ...bob, fan: 1 },
      ])
      expect(await h.store.entities(SCOPE, [])).toEqual([])
    })

    it('keeps the name and kind of the latest mention', async () => {
      await h.store.insert([memoryWrite({ id: 'm1', entities: [alice] })])
      await h.store.insert([
        memoryWrite({ id: 'm2', entities: [{ key: 'alice', name: 'ALICE', kind: 'topic' }] }),
      ])
      expect(await h.store.entities(SCOPE, ['alice'])).toEqual([
        { key: 'alice', name: 'ALICE', kind: 'topic', fan: 2 },
      ])
    })

    it('counts every mention in one batch and keeps the batch’s last name and kind, per scope', async () => {
      const u2 = { tenantId: 'tenant-a', userId: 'user-2' }
      await h.store.insert([memoryWrite({ id: 'm0', entities: [alice] })])
      await h.store.insert([
        memoryWrite({ id: 'm1', entities: [alice, paris] }),
        memoryWrite({ ...u2, id: 'u2-m1', entities: [{ ...alice, name: 'Alice Two' }] }),
        memoryWrite({ id: 'm2', entities: [{ key: 'alice', name: 'ALICE', kind: 'topic' }, paris] }),
        memoryWrite({ id: 'm3', entities: [bob, { ...alice, name: 'Al' }] }),
        memoryWrite({ ...u2, id: 'u2-m2', entities: [bob] }),
      ])
      expect(await h.store.entities(SCOPE, ['alice', 'paris', 'bob'])).toEqual([
        { ...alice, name: 'Al', fan: 4 },
        { ...paris, fan: 2 },
        { ...bob, fan: 1 },
      ])
      expect(await h.store.entities(u2, ['alice', 'bob'])).toEqual([
        { ...alice, name: 'Alice Two', fan: 1 },
        { ...bob, fan: 1 },
      ])
      // Links keep each memory's own order.
      const linked = await h.store.entitiesOf('tenant-a', ['m2', 'm3'])
      expect(linked.get('m2')?.map((e) => e.key)).toEqual(['alice', 'paris'])
      expect(linked.get('m3')?.map((e) => e.key)).toEqual(['bob', 'alice'])
    })

    it('lowers the fan on remove and deletes entities no memory mentions', async () => {
      await h.store.insert([
        memoryWrite({ id: 'm1', entities: [alice, bob] }),
        memoryWrite({ id: 'm2', entities: [alice] }),
      ])
      await h.store.remove(SCOPE.tenantId, 'm1', historyEvent('m1', { event: 'deleted' }))
      expect(await h.store.entities(SCOPE, ['alice', 'bob'])).toEqual([{ ...alice, fan: 1 }])
      expect((await byKeys(['bob'])).map((c) => c.id)).toEqual([])
      await h.store.remove(SCOPE.tenantId, 'm2', historyEvent('m2', { event: 'deleted' }))
      expect(await h.store.entities(SCOPE, ['alice'])).toEqual([])
      // A later mention starts a new entity from nothing.
      await h.store.insert([memoryWrite({ id: 'm3', entities: [alice] })])
      expect(await h.store.entities(SCOPE, ['alice'])).toEqual([{ ...alice, fan: 1 }])
    })

    it('replaces the links on update', async () => {
      await h.store.insert([
        memoryWrite({ id: 'm1', entities: [alice, bob] }),
        memoryWrite({ id: 'm2', entities: [alice] }),
      ])
      const carol = mention('Carol')
      await h.store.update(memoryWrite({ id: 'm1', version: 2, entities: [carol, alice] }), 1)
      expect((await h.store.entitiesOf(SCOPE.tenantId, ['m1'])).get('m1')).toEqual([
        { ...carol, fan: 1 },
        { ...alice, fan: 2 },
      ])
      expect(await h.store.entities(SCOPE, ['alice', 'bob', 'carol'])).toEqual([
        { ...alice, fan: 2 },
        { ...carol, fan: 1 },
      ])
      await h.store.update(memoryWrite({ id: 'm1', version: 3 }), 2)
      expect((await h.store.entitiesOf(SCOPE.tenantId, ['m1'])).get('m1')).toEqual([])
      expect(await h.store.entities(SCOPE, ['alice', 'carol'])).toEqual([{ ...alice, fan: 1 }])
    })

    it('rejects malformed mentions (INVALID_INPUT) and writes nothing', async () => {
      const bad = [
        { key: '', name: 'Nobody', kind: 'person' },
        { key: 'x', name: 'X', kind: 'planet' },
      ] as const
      for (const entity of bad) {
        const write = memoryWrite({ id: 'bad', entities: [entity as never] })
        await expectCode(h.store.insert([write]), 'INVALID_INPUT')
      }
      expect(await h.store.get(SCOPE.tenantId, ['bad'])).toEqual([])
      expect(await h.store.entities(SCOPE, ['x'])).toEqual([])
    })

    it('keeps entities of users and tenants apart', async () => {
      const u2 = { tenantId: 'tenant-a', userId: 'user-2' }
      const b1 = { tenantId: 'tenant-b', userId: SCOPE.userId }
      await h.store.insert([
        memoryWrite({ id: 'shared', entities: [alice] }),
        memoryWrite({ ...u2, id: 'u2-m', entities: [{ ...alice, name: 'Alice Two' }, bob] }),
        memoryWrite({ ...b1, id: 'shared', entities: [{ ...alice, name: 'Alice B' }, paris] }),
      ])
      expect(await h.store.entities(SCOPE, ['alice', 'bob', 'paris'])).toEqual([{ ...alice, fan: 1 }])
      expect(await h.store.entities(u2, ['alice'])).toEqual([{ ...alice, name: 'Alice Two', fan: 1 }])
      expect(await h.store.entities(b1, ['alice'])).toEqual([{ ...alice, name: 'Alice B', fan: 1 }])
      expect(await byKeys(['alice', 'bob', 'paris'])).toEqual([{ id: 'shared', keys: ['alice'] }])
      expect((await byKeys(['alice'], u2)).map((c) => c.id)).toEqual(['u2-m'])
      // Each mention's fan is that of the memory's own scope.
      expect(await h.store.entitiesOf('tenant-a', ['shared', 'u2-m'])).toEqual(
        new Map([
          ['shared', [{ ...alice, fan: 1 }]],
          [
            'u2-m',
            [
              { ...alice, name: 'Alice Two', fan: 1 },
              { ...bob, fan: 1 },
            ],
          ],
        ]),
      )
      expect([...(await h.store.entitiesOf('tenant-b', ['shared', 'u2-m'])).keys()]).toEqual(['shared'])
      expect(await h.store.entities({ tenantId: 'tenant-c', userId: 'user-1' }, ['alice'])).toEqual([])
    })
  })

  describe('byEntities', () => {
    it('ranks by shared keys, then newest, honouring statuses, filter and limit', async () => {
      await h.store.insert([
        memoryWrite({ id: 'old-both', createdAt: isoAt(1), entities: [bob, alice] }),
        memoryWrite({ id: 'new-both', createdAt: isoAt(5), entities: [alice, paris, bob], tags: ['t'] }),
        memoryWrite({ id: 'alice-old', createdAt: isoAt(2), entities: [alice], tags: ['t'] }),
        memoryWrite({ id: 'bob-new', createdAt: isoAt(4), entities: [bob] }),
        memoryWrite({ id: 'archived', createdAt: isoAt(9), entities: [alice, bob], status: 'archived' }),
        memoryWrite({ id: 'unlinked', createdAt: isoAt(9), entities: [paris] }),
      ])
      expect(await byKeys(['bob', 'alice'], { statuses: ['active'] })).toEqual([
        { id: 'new-both', keys: ['bob', 'alice'] },
        { id: 'old-both', keys: ['bob', 'alice'] },
        { id: 'bob-new', keys: ['bob'] },
        { id: 'alice-old', keys: ['alice'] },
      ])
      const ids = async (keys: string[], overrides: Parameters<typeof candidateQuery>[0]) =>
        (await byKeys(keys, overrides)).map((c) => c.id)
      expect(await ids(['alice', 'bob'], {})).toEqual([
        'archived',
        'new-both',
        'old-both',
        'bob-new',
        'alice-old',
      ])
      expect(await ids(['alice', 'bob'], { statuses: ['active'], limit: 2 })).toEqual([
        'new-both',
        'old-both',
      ])
      expect(await ids(['alice'], { filter: { tags: ['t'] } })).toEqual(['new-both', 'alice-old'])
      expect(await ids(['alice'], { statuses: ['superseded'] })).toEqual([])
      expect(await ids([], {})).toEqual([])
      expect(await ids(['nobody'], {})).toEqual([])
      await expectCode(byKeys(['alice'], { limit: 0 }), 'INVALID_INPUT')
    })
  })

  describe('entitiesOf', () => {
    it('maps each found memory to its mentions in written order, with their fan', async () => {
      await h.store.insert([
        memoryWrite({ id: 'm1', entities: [paris, alice, { ...paris, name: 'PARIS' }] }),
        memoryWrite({ id: 'm2' }),
        memoryWrite({ id: 'm3', entities: [alice] }),
      ])
      const found = await h.store.entitiesOf(SCOPE.tenantId, ['m1', 'm2', 'missing'])
      // A key mentioned twice is one link, at its first place, named by its last mention.
      expect(found).toEqual(
        new Map([
          [
            'm1',
            [
              { ...paris, name: 'PARIS', fan: 1 },
              { ...alice, fan: 2 },
            ],
          ],
          ['m2', []],
        ]),
      )
      expect(await h.store.entitiesOf(SCOPE.tenantId, [])).toEqual(new Map())
    })
  })
}
