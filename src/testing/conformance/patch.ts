import { describe, expect, it } from 'vitest'
import { historyEvent, isoAt, memoryWrite } from '../fixtures.js'
import { candidateQuery, expectCode, SCOPE, type StoreHarness } from './harness.js'

/** patch: fields that need no re-embedding, under optimistic concurrency. */
export function patchCases(h: StoreHarness): void {
  describe('patch', () => {
    it('changes fields without re-embedding, bumps the version and appends events', async () => {
      const write = memoryWrite({ id: 'm1', content: 'likes green tea', tags: ['old'], version: 2 })
      await h.store.insert([write])
      const events = [
        historyEvent('m1', { event: 'updated', at: isoAt(7), actor: 'system', details: { rule: 'decay' } }),
        historyEvent('m1', { event: 'updated', at: isoAt(8) }),
      ]
      const changes = { confidence: 9.5, status: 'archived', metadata: { k: 'v' }, tags: ['new'] } as const
      const patched = await h.store.patch(SCOPE.tenantId, 'm1', { ...changes, tags: ['new'] }, events, 2)
      const expected = { ...write.record, ...changes, tags: ['new'], version: 3, updatedAt: isoAt(8) }
      expect(patched).toEqual(expected)
      expect(await h.store.get(SCOPE.tenantId, ['m1'])).toEqual([expected])
      expect(await h.store.history(SCOPE.tenantId, 'm1')).toEqual([...write.events, ...events])
      const query = candidateQuery()
      expect((await h.store.keyword({ ...query, terms: ['green'] })).map((c) => c.id)).toEqual(['m1'])
      const [hit] = await h.store.nearest({ ...query, vector: write.vector })
      expect(hit?.score).toBeCloseTo(1, 5)
      const tagged = await h.store.list({ ...SCOPE, filter: { tags: ['new'] }, limit: 10 })
      expect(tagged.items.map((r) => r.id)).toEqual(['m1'])
    })

    it('leaves unnamed fields alone and stamps the current time when there are no events', async () => {
      const write = memoryWrite({ id: 'm1', metadata: { a: 1 }, tags: ['x'] })
      await h.store.insert([write])
      const before = Date.now()
      const patched = await h.store.patch(SCOPE.tenantId, 'm1', { confidence: 0 }, [], 1)
      const stamped = Date.parse(patched.updatedAt)
      expect(stamped).toBeGreaterThanOrEqual(before - 1000)
      expect(stamped).toBeLessThanOrEqual(Date.now() + 1000)
      expect(patched).toEqual({ ...write.record, confidence: 0, version: 2, updatedAt: patched.updatedAt })
      expect(await h.store.history(SCOPE.tenantId, 'm1')).toEqual(write.events)
    })

    it('refuses a stale version (CONFLICT) or a missing memory (NOT_FOUND) and changes nothing', async () => {
      const write = memoryWrite({ id: 'm1', version: 4 })
      await h.store.insert([write])
      const event = historyEvent('m1', { event: 'updated', at: isoAt(9) })
      await expectCode(h.store.patch(SCOPE.tenantId, 'm1', { confidence: 1 }, [event], 3), 'CONFLICT')
      await expectCode(h.store.patch(SCOPE.tenantId, 'ghost', { confidence: 1 }, [], 1), 'NOT_FOUND')
      await expectCode(h.store.patch('tenant-b', 'm1', { confidence: 1 }, [], 4), 'NOT_FOUND')
      expect(await h.store.get(SCOPE.tenantId, ['m1'])).toEqual([write.record])
      expect(await h.store.history(SCOPE.tenantId, 'm1')).toEqual(write.events)
    })

    it('rejects values a record cannot hold (INVALID_INPUT)', async () => {
      const write = memoryWrite({ id: 'm1' })
      await h.store.insert([write])
      const invalid = [
        { confidence: 10.5 },
        { confidence: -1 },
        { confidence: Number.NaN },
        { status: 'gone' },
      ]
      for (const changes of [...invalid, { content: 'sneaky' }, { tags: 'solo' }, { metadata: [1] }]) {
        await expectCode(h.store.patch(SCOPE.tenantId, 'm1', changes as never, [], 1), 'INVALID_INPUT')
      }
      expect(await h.store.get(SCOPE.tenantId, ['m1'])).toEqual([write.record])
    })
  })
}
