import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import { memoryWrite, TEST_SPACE } from '../testing/fixtures.js'
import { forgetInTenantRun } from './forget-in-runs.js'

const report = (decisions: { action: string; memoryId: string; otherId?: string }[]) => ({
  dryRun: false,
  merged: 1,
  archived: 2,
  decisions,
  truncated: false,
})

describe('forgetInTenantRun', () => {
  it("drops the decisions about the user's memories and memories that are gone, keeps the rest and the counts", async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.openVectorSpace(TEST_SPACE)
    await store.insert([
      memoryWrite({ id: 'kept', userId: 'other' }),
      memoryWrite({ id: 'also-kept', userId: 'other' }),
      memoryWrite({ id: 'forgotten', userId: 'leaving' }),
    ])
    await store.saveRun(
      'tenant-a',
      null,
      report([
        { action: 'archive', memoryId: 'kept' },
        { action: 'merge', memoryId: 'gone', otherId: 'kept' },
        { action: 'archive', memoryId: 'gone-too' },
        { action: 'merge', memoryId: 'also-kept', otherId: 'kept' },
        { action: 'supersede', memoryId: 'kept', otherId: 'forgotten' },
        { action: 'archive', memoryId: 'forgotten' },
      ]),
    )
    await forgetInTenantRun(store, 'tenant-a', 'leaving')
    expect(await store.lastRun('tenant-a', null)).toEqual({
      ...report([
        { action: 'archive', memoryId: 'kept' },
        { action: 'merge', memoryId: 'also-kept', otherId: 'kept' },
      ]),
      truncated: true,
    })
    await store.close()
  })

  it('leaves a report alone when every memory it names still exists, or when there is none', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.openVectorSpace(TEST_SPACE)
    await forgetInTenantRun(store, 'tenant-a', 'leaving')
    expect(await store.lastRun('tenant-a', null)).toBeNull()
    await store.insert([memoryWrite({ id: 'kept' })])
    const whole = report([{ action: 'archive', memoryId: 'kept' }])
    await store.saveRun('tenant-a', null, whole)
    await forgetInTenantRun(store, 'tenant-a', 'leaving')
    expect(await store.lastRun('tenant-a', null)).toEqual(whole)
    await store.close()
  })
})
