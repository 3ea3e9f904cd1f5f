import { describe, expect, it } from 'vitest'
import { expectCode, type StoreHarness } from './harness.js'

/** `tryLock`: one holder per name, released for the next; names are independent. */
export function lockCases(h: StoreHarness): void {
  describe('locks', () => {
    it('gives a name to one holder at a time and to the next after release', async () => {
      const release = await h.store.tryLock('consolidate:tenant-a:*')
      expect(release).toBeTypeOf('function')
      expect(await h.store.tryLock('consolidate:tenant-a:*')).toBeNull()
      const other = await h.store.tryLock('consolidate:tenant-b:*')
      expect(other).toBeTypeOf('function')
      await release?.()
      await release?.() // releasing twice is harmless
      const again = await h.store.tryLock('consolidate:tenant-a:*')
      expect(again).toBeTypeOf('function')
      await Promise.all([again?.(), other?.()])
    })

    it('lets exactly one of many simultaneous callers take a name', async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => h.store.tryLock('race')))
      const taken = results.filter((r) => r !== null)
      expect(taken).toHaveLength(1)
      await taken[0]?.()
    })

    it('refuses on a closed store', async () => {
      const store = await h.create()
      await store.close()
      await expectCode(store.tryLock('late'), 'CLOSED')
    })
  })
}
