import { describe, expect, it } from 'vitest'
import { historyEvent, isoAt, memoryWrite } from '../fixtures.js'
import { candidateQuery, SCOPE, type StoreHarness } from './harness.js'

const SECRET = 'zanzibarian'

/** remove and removeUser: nothing deleted stays reachable. */
export function removalCases(h: StoreHarness): void {
  describe('remove', () => {
    it('deletes the memory everywhere and leaves content-free history plus the tombstone', async () => {
      const created = historyEvent('gone', {
        at: isoAt(1),
        after: { content: `my ${SECRET} password`, metadata: {}, tags: [] },
        details: { input: `my ${SECRET} password` },
      })
      const updated = historyEvent('gone', {
        event: 'updated',
        at: isoAt(2),
        actor: 'system',
        before: { content: `my ${SECRET} password`, metadata: {}, tags: [] },
        after: { content: `my ${SECRET} passphrase`, metadata: {}, tags: [] },
      })
      await h.store.insert([
        memoryWrite({ id: 'gone', content: `my ${SECRET} passphrase`, events: [created, updated] }),
        memoryWrite({ id: 'kept', content: 'an ordinary passphrase', vector: [0, 1, 0, 0] }),
      ])
      const tombstone = historyEvent('gone', {
        event: 'deleted',
        at: isoAt(3),
        details: { reason: 'user request' },
      })

      expect(await h.store.remove(SCOPE.tenantId, 'gone', tombstone)).toBe(true)

      expect(await h.store.get(SCOPE.tenantId, ['gone'])).toEqual([])
      expect((await h.store.list({ ...SCOPE, limit: 10 })).items.map((r) => r.id)).toEqual(['kept'])
      const query = candidateQuery()
      const near = await h.store.nearest({ ...query, vector: Float32Array.from([1, 0, 0, 0]) })
      expect(near.map((c) => c.id)).toEqual(['kept'])
      expect(await h.store.keyword({ ...query, terms: [SECRET] })).toEqual([])
      expect((await h.store.keyword({ ...query, terms: ['passphrase'] })).map((c) => c.id)).toEqual(['kept'])
      const counts = await h.store.termCounts(SCOPE.tenantId, [SECRET, 'passphrase'])
      expect(counts.counts.has(SECRET)).toBe(false)
      expect(counts.counts.get('passphrase')).toBe(1)
      expect(counts.total).toBe(3)

      const events = await h.store.history(SCOPE.tenantId, 'gone')
      expect(events.map((e) => [e.id, e.event, e.at, e.actor])).toEqual([
        [created.id, 'created', created.at, 'user'],
        [updated.id, 'updated', updated.at, 'system'],
        [tombstone.id, 'deleted', tombstone.at, 'user'],
      ])
      expect(events.slice(0, 2).every((e) => e.before === undefined && e.after === undefined)).toBe(true)
      expect(events[2]?.details).toEqual({ reason: 'user request' })
      expect(JSON.stringify(events)).not.toContain(SECRET)
    })

    it('returns false when there is nothing to delete, and appends nothing', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' })])
      expect(await h.store.remove(SCOPE.tenantId, 'm1', historyEvent('m1', { event: 'deleted' }))).toBe(true)
      const after = await h.store.history(SCOPE.tenantId, 'm1')
      expect(await h.store.remove(SCOPE.tenantId, 'm1', historyEvent('m1', { event: 'deleted' }))).toBe(false)
      expect(await h.store.history(SCOPE.tenantId, 'm1')).toEqual(after)
      expect(await h.store.remove(SCOPE.tenantId, 'never', historyEvent('never', { event: 'deleted' }))).toBe(
        false,
      )
    })
  })

  describe('removeUser', () => {
    it('deletes every trace of one user and nothing of anyone else', async () => {
      const forgotten = { tenantId: 'tenant-a', userId: 'forgotten' }
      await h.store.insert([
        memoryWrite({ ...forgotten, id: 'f1', content: `${SECRET} diary entry`, tags: ['diary'] }),
        memoryWrite({ ...forgotten, id: 'f2', content: `second ${SECRET} note`, vector: [0, 1, 0, 0] }),
        memoryWrite({ ...forgotten, id: 'f3', content: 'removed earlier' }),
        memoryWrite({ id: 'other-user', content: 'diary of someone else' }),
        memoryWrite({
          tenantId: 'tenant-b',
          userId: 'forgotten',
          id: 'other-tenant',
          content: `${SECRET} in b`,
        }),
      ])
      await h.store.remove('tenant-a', 'f3', historyEvent('f3', { event: 'deleted' }))

      expect(await h.store.removeUser(forgotten)).toBe(2)

      expect(await h.store.get('tenant-a', ['f1', 'f2', 'f3'])).toEqual([])
      expect((await h.store.list({ ...forgotten, limit: 10 })).items).toEqual([])
      const query = candidateQuery(forgotten)
      expect(await h.store.nearest({ ...query, vector: Float32Array.from([1, 0, 0, 0]) })).toEqual([])
      expect(await h.store.keyword({ ...query, terms: [SECRET, 'diary'] })).toEqual([])
      for (const id of ['f1', 'f2', 'f3']) expect(await h.store.history('tenant-a', id)).toEqual([])
      const counts = await h.store.termCounts('tenant-a', [SECRET, 'diary', 'removed'])
      expect(counts.counts.has(SECRET)).toBe(false)
      expect(counts.counts.has('removed')).toBe(false)
      expect(counts.counts.get('diary')).toBe(1)
      expect(counts.total).toBe(4)
      const stats = await h.store.stats('tenant-a')
      expect(stats).toMatchObject({ memories: 1, users: 1 })
      const scanned: string[] = []
      for await (const batch of h.store.scan({ tenantId: 'tenant-a' }))
        scanned.push(...batch.map((m) => m.record.id))
      expect(scanned).toEqual(['other-user'])

      // The same user id in another tenant is another person.
      expect((await h.store.get('tenant-b', ['other-tenant'])).length).toBe(1)
      const inB = { ...candidateQuery({ tenantId: 'tenant-b', userId: 'forgotten' }), terms: [SECRET] }
      expect((await h.store.keyword(inB)).map((c) => c.id)).toEqual(['other-tenant'])
      expect((await h.store.termCounts('tenant-b', [SECRET])).counts.get(SECRET)).toBe(1)

      expect(await h.store.removeUser(forgotten)).toBe(0)
    })
  })
}
