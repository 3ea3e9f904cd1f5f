import { afterEach, beforeEach, describe } from 'vitest'
import type { MemoryStore } from '../store/store.js'
import { accessHistoryCases } from './conformance/access-histories.js'
import { claimCases } from './conformance/claims.js'
import { cognitiveCases } from './conformance/cognitive.js'
import { entityCases } from './conformance/entities.js'
import { isolationCases } from './conformance/isolation.js'
import { jobCases } from './conformance/jobs.js'
import { lifecycleCases } from './conformance/lifecycle.js'
import { listAndFilterCases } from './conformance/list-filters.js'
import { lockCases } from './conformance/locks.js'
import { patchCases } from './conformance/patch.js'
import { recordCases } from './conformance/records.js'
import { removalCases } from './conformance/removal.js'
import { searchCases } from './conformance/search.js'
import { TEST_SPACE } from './fixtures.js'

/** Options of `describeStore`. */
export interface DescribeStoreOptions {
  /** Shown in the suite's title, e.g. `sqlite (file)`. */
  name: string
  /** A fresh, empty store per test. The suite opens `TEST_SPACE` on it and closes it after. */
  create: () => Promise<MemoryStore>
}

/**
 * The contract every `MemoryStore` must honour, as one vitest suite. Each backend runs
 * it and adds its own tests after; the cases use only the contract, never a backend's
 * internals, so passing here is what "a working store" means.
 *
 * @example
 * describeStore({ name: 'sqlite', create: () => createSqliteStore({ path: ':memory:' }) })
 */
export function describeStore({ name, create }: DescribeStoreOptions): void {
  describe(`MemoryStore conformance: ${name}`, () => {
    let current: MemoryStore | undefined
    beforeEach(async () => {
      current = await create()
      await current.openVectorSpace(TEST_SPACE)
    })
    afterEach(async () => {
      await current?.close()
      current = undefined
    })
    const harness = {
      get store(): MemoryStore {
        if (current === undefined) throw new Error('no store: cases run only inside a test')
        return current
      },
      create,
    }
    recordCases(harness)
    isolationCases(harness)
    listAndFilterCases(harness)
    searchCases(harness)
    removalCases(harness)
    lifecycleCases(harness)
    entityCases(harness)
    patchCases(harness)
    cognitiveCases(harness)
    claimCases(harness)
    accessHistoryCases(harness)
    jobCases(harness)
    lockCases(harness)
  })
}
