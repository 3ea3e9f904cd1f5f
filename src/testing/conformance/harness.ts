import { expect } from 'vitest'
import { MemoryError, type MemoryErrorCode } from '../../errors.js'
import type { CandidateQuery, MemoryStore } from '../../store/store.js'
import type { MemoryFilter } from '../../types.js'

/** What each group of conformance cases needs from the suite. */
export interface StoreHarness {
  /** The fresh store of the running test, with `TEST_SPACE` already opened. */
  readonly store: MemoryStore
  /** Makes another fresh store (the suite does not close it for you). */
  create(): Promise<MemoryStore>
}

/** Awaits `promise`, expects a `MemoryError` with `code`, and returns it. */
export async function expectCode(promise: Promise<unknown>, code: MemoryErrorCode): Promise<MemoryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(MemoryError.is(error), `expected MemoryError ${code}, got ${String(error)}`).toBe(true)
  expect((error as MemoryError).code).toBe(code)
  return error as MemoryError
}

/** The default scope of the fixtures. */
export const SCOPE = { tenantId: 'tenant-a', userId: 'user-1' } as const

/** A candidate query over `SCOPE`, every status, no filter, generous limit. */
export function candidateQuery(overrides: Partial<CandidateQuery> = {}): CandidateQuery {
  return { ...SCOPE, statuses: ['active', 'superseded', 'archived'], limit: 100, ...overrides }
}

/** The ids that list, nearest and keyword each return for `filter`, sorted. */
export async function idsThroughEveryRead(
  store: MemoryStore,
  filter: MemoryFilter,
  word: string,
): Promise<{ list: string[]; nearest: string[]; keyword: string[] }> {
  const query = candidateQuery({ filter })
  const listed = await store.list({ ...SCOPE, filter, limit: 100 })
  const near = await store.nearest({ ...query, vector: Float32Array.from([1, 0, 0, 0]) })
  const matched = await store.keyword({ ...query, terms: [word] })
  const sorted = (items: { id: string }[]) => items.map((item) => item.id).sort()
  return { list: sorted(listed.items), nearest: sorted(near), keyword: sorted(matched) }
}
