import { describe, expect, it } from 'vitest'
import type { StoredClaim } from '../../store/store.js'
import { historyEvent, isoAt, memoryWrite } from '../fixtures.js'
import { candidateQuery, SCOPE, type StoreHarness } from './harness.js'

const claim = (key: string, value = 'x'): StoredClaim => ({ key, value, polarity: 1, exclusive: true })

/** `byClaims`: the newest memories asserting any of the keys, as the lifecycle reads them. */
export function claimCases(h: StoreHarness): void {
  const byKeys = (keys: string[], overrides: Parameters<typeof candidateQuery>[0] = {}) =>
    h.store.byClaims({ ...candidateQuery(overrides), keys })
  const sortedClaims = (found: { id: string; claims: StoredClaim[] }[]) =>
    found.map(({ id, claims }) => ({ id, claims: [...claims].sort((a, b) => (a.key < b.key ? -1 : 1)) }))

  describe('byClaims', () => {
    it('returns the newest claim rows first (observedAt, then id, both descending), up to the limit', async () => {
      // Twelve memories assert "alice\u0000residence", three of them at one instant, and two
      // also assert a second key; one is superseded.
      await h.store.insert(
        Array.from({ length: 12 }, (_, i) =>
          memoryWrite({
            id: `m${String(i).padStart(2, '0')}`,
            observedAt: isoAt(Math.min(i, 9)),
            claims: [
              claim('alice\u0000residence', `city ${i}`),
              ...(i % 5 === 0 ? [claim('alice\u0000employer')] : []),
            ],
            status: i === 7 ? 'superseded' : 'active',
          }),
        ),
      )
      const active = { statuses: ['active' as const] }
      const found = await byKeys(['alice\u0000residence', 'alice\u0000employer'], { ...active, limit: 5 })
      // m11, m10, m09 share the newest instant and come by id, descending; m10 brings two rows.
      expect(found.map((f) => f.id)).toEqual(['m11', 'm10', 'm09', 'm08'])
      expect(sortedClaims(found)[1]?.claims.map((c) => c.key)).toEqual([
        'alice\u0000employer',
        'alice\u0000residence',
      ])
      // The superseded m07 is left out unless asked for.
      const all = await byKeys(['alice\u0000residence'], { limit: 50 })
      expect(all.map((f) => f.id)).toEqual([
        'm11',
        'm10',
        'm09',
        'm08',
        'm07',
        'm06',
        'm05',
        'm04',
        'm03',
        'm02',
        'm01',
        'm00',
      ])
      expect(
        (await byKeys(['alice\u0000residence'], { ...active, limit: 50 })).map((f) => f.id),
      ).not.toContain('m07')
      // A cut inside the newest instant keeps its ids in order.
      expect((await byKeys(['alice\u0000residence'], { ...active, limit: 2 })).map((f) => f.id)).toEqual([
        'm11',
        'm10',
      ])
      expect(await byKeys(['nobody\u0000residence'])).toEqual([])
      expect(await byKeys([])).toEqual([])
    })

    it('follows edits and deletions, and keeps to the scope', async () => {
      await h.store.insert([
        memoryWrite({ id: 'a', observedAt: isoAt(1), claims: [claim('k')] }),
        memoryWrite({ id: 'b', observedAt: isoAt(2), claims: [claim('k')] }),
        memoryWrite({ id: 'c', userId: 'user-2', observedAt: isoAt(3), claims: [claim('k')] }),
        memoryWrite({ id: 'd', tenantId: 'tenant-b', observedAt: isoAt(4), claims: [claim('k')] }),
      ])
      expect((await byKeys(['k'])).map((f) => f.id)).toEqual(['b', 'a'])
      // Observed later now, and asserting something else.
      await h.store.update(
        memoryWrite({ id: 'a', version: 2, observedAt: isoAt(5), claims: [claim('k', 'new')] }),
        1,
      )
      expect(await byKeys(['k'])).toEqual([
        { id: 'a', claims: [claim('k', 'new')] },
        { id: 'b', claims: [claim('k')] },
      ])
      await h.store.remove(SCOPE.tenantId, 'b', historyEvent('b', { event: 'deleted' }))
      expect((await byKeys(['k'])).map((f) => f.id)).toEqual(['a'])
      expect((await byKeys(['k'], { userId: 'user-2' })).map((f) => f.id)).toEqual(['c'])
    })
  })
}
