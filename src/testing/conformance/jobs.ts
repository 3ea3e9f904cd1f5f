import { describe, expect, it } from 'vitest'
import type { JobStatus, MemoryStore } from '../../store/store.js'
import { isoAt, newJob } from '../fixtures.js'
import { expectCode, SCOPE, type StoreHarness } from './harness.js'

const NONE: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 }

/** `worker` claims at `isoAt(minute)` with a five-minute lease. */
function claim(
  store: MemoryStore,
  minute: number,
  options: { worker?: string; limit?: number; kinds?: readonly string[] } = {},
) {
  return store.claimJobs({
    worker: options.worker ?? 'w1',
    limit: options.limit ?? 10,
    now: isoAt(minute),
    leaseUntil: isoAt(minute + 5),
    ...(options.kinds === undefined ? {} : { kinds: options.kinds }),
  })
}

const ids = (jobs: readonly { id: string }[]) => jobs.map((job) => job.id)

/** The persisted job queue: enqueue, claim under a lease, finish, count. */
export function jobCases(h: StoreHarness): void {
  describe('jobs', () => {
    it('enqueues, claims and finishes a job, keeping its payload intact', async () => {
      const input = newJob({ id: 'j1', payload: { messages: [{ role: 'user', content: 'hi' }], n: 1.5 } })
      const queued = await h.store.enqueueJob(input)
      expect(queued).toMatchObject({
        ...input,
        maxAttempts: 3,
        status: 'pending',
        attempts: 0,
        lastError: null,
      })
      expect(Number.isNaN(Date.parse(queued.createdAt))).toBe(false)
      expect(Number.isNaN(Date.parse(queued.updatedAt))).toBe(false)
      expect(await h.store.jobCounts(SCOPE.tenantId)).toEqual({ ...NONE, pending: 1 })

      const [claimed, ...rest] = await claim(h.store, 1)
      expect(rest).toEqual([])
      expect(claimed).toMatchObject({
        ...input,
        maxAttempts: 3,
        status: 'running',
        attempts: 1,
        lastError: null,
      })
      expect(await h.store.jobCounts(SCOPE.tenantId)).toEqual({ ...NONE, running: 1 })
      // The lease holds: nobody else gets the job while its worker may still be on it.
      expect(await claim(h.store, 2, { worker: 'w2' })).toEqual([])

      await h.store.finishJob('j1', { ok: true })
      expect(await h.store.jobCounts(SCOPE.tenantId)).toEqual({ ...NONE, done: 1 })
      expect(await claim(h.store, 1000)).toEqual([])
      await expectCode(h.store.finishJob('j1', { ok: true }), 'CONFLICT')
      await expectCode(h.store.finishJob('never-queued', { ok: true }), 'NOT_FOUND')
    })

    it('rejects invalid jobs and a taken id, in any tenant', async () => {
      await expectCode(h.store.enqueueJob(newJob({ kind: '' })), 'INVALID_INPUT')
      for (const payload of [[], null, 'text'])
        await expectCode(h.store.enqueueJob(newJob({ payload: payload as never })), 'INVALID_INPUT')
      for (const maxAttempts of [0, -1, 1.5])
        await expectCode(h.store.enqueueJob(newJob({ maxAttempts })), 'INVALID_INPUT')
      expect(await h.store.jobCounts()).toEqual(NONE)

      await h.store.enqueueJob(newJob({ id: 'j1', maxAttempts: 1 }))
      await expectCode(h.store.enqueueJob(newJob({ id: 'j1', tenantId: 'tenant-b' })), 'CONFLICT')
      expect(await h.store.jobCounts('tenant-b')).toEqual(NONE)
      expect(await claim(h.store, 1)).toMatchObject([{ id: 'j1', tenantId: 'tenant-a', maxAttempts: 1 }])
    })

    it('claims due jobs only, oldest first, up to the limit', async () => {
      for (const [id, minute] of [
        ['a', 0],
        ['later', 10],
        ['c', 0],
        ['d', 3],
      ] as const)
        await h.store.enqueueJob(newJob({ id, runAfter: isoAt(minute) }))
      expect(ids(await claim(h.store, 1))).toEqual(['a', 'c'])
      expect(await claim(h.store, 2)).toEqual([])
      for (const id of ['a', 'c']) await h.store.finishJob(id, { ok: true })
      await h.store.enqueueJob(newJob({ id: 'e', runAfter: isoAt(0) }))
      expect(ids(await claim(h.store, 9, { limit: 1 }))).toEqual(['d'])
      expect(ids(await claim(h.store, 9, { limit: 1 }))).toEqual(['e'])
      expect(await claim(h.store, 9)).toEqual([])
      expect(ids(await claim(h.store, 10))).toEqual(['later'])
    })

    it('hands a job whose lease ran out to another worker', async () => {
      await h.store.enqueueJob(newJob({ id: 'j1' }))
      await h.store.claimJobs({ worker: 'w1', limit: 1, now: isoAt(1), leaseUntil: isoAt(3) })
      const early = { worker: 'w2', limit: 1, now: isoAt(2), leaseUntil: isoAt(8) }
      expect(await h.store.claimJobs(early)).toEqual([])
      const taken = await h.store.claimJobs({ ...early, now: isoAt(3) })
      expect(taken).toMatchObject([{ id: 'j1', status: 'running', attempts: 2 }])
      expect(await h.store.claimJobs({ ...early, now: isoAt(4) })).toEqual([])
      expect(await h.store.jobCounts()).toEqual({ ...NONE, running: 1 })
    })

    it('retries a failed job from retryAt, then fails it for good after maxAttempts', async () => {
      await h.store.enqueueJob(newJob({ id: 'j1', maxAttempts: 2 }))
      await claim(h.store, 1)
      await h.store.finishJob('j1', { ok: false, error: 'boom 1', retryAt: isoAt(10) })
      expect(await h.store.jobCounts()).toEqual({ ...NONE, pending: 1 })
      expect(await claim(h.store, 9)).toEqual([])
      const [retry] = await claim(h.store, 10)
      expect(retry).toMatchObject({ id: 'j1', status: 'running', attempts: 2, lastError: 'boom 1' })

      await h.store.finishJob('j1', { ok: false, error: 'boom 2', retryAt: isoAt(11) })
      expect(await h.store.jobCounts()).toEqual({ ...NONE, failed: 1 })
      expect(await claim(h.store, 1000)).toEqual([])
      await expectCode(h.store.finishJob('j1', { ok: true }), 'CONFLICT')
    })

    it('makes a failed job due at once when no retryAt is given', async () => {
      await h.store.enqueueJob(newJob({ id: 'j1' }))
      await claim(h.store, 1)
      await h.store.finishJob('j1', { ok: false, error: 'flaky' })
      // Due at the time of the failure, which is after every isoAt() instant and before this one.
      expect(await claim(h.store, 2)).toEqual([])
      const now = new Date()
      const again = await h.store.claimJobs({
        worker: 'w1',
        limit: 1,
        now: new Date(now.getTime() + 1000).toISOString(),
        leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
      })
      expect(again).toMatchObject([{ id: 'j1', attempts: 2, lastError: 'flaky' }])
      await h.store.finishJob('j1', { ok: true })
      expect(await h.store.jobCounts()).toEqual({ ...NONE, done: 1 })
    })

    it('claims only the kinds asked for', async () => {
      await h.store.enqueueJob(newJob({ id: 'e1', kind: 'extract' }))
      await h.store.enqueueJob(newJob({ id: 's1', kind: 'summarise' }))
      await h.store.enqueueJob(newJob({ id: 'x1', kind: 'reindex' }))
      expect(ids(await claim(h.store, 1, { kinds: ['summarise'] }))).toEqual(['s1'])
      expect(await claim(h.store, 1, { kinds: ['other'] })).toEqual([])
      expect(ids(await claim(h.store, 1, { kinds: ['reindex', 'extract'] }))).toEqual(['e1', 'x1'])
    })

    it('counts every status, for one tenant or all', async () => {
      expect(await h.store.jobCounts()).toEqual(NONE)
      expect(await h.store.jobCounts('tenant-a')).toEqual(NONE)
      await h.store.enqueueJob(newJob({ id: 'a1' }))
      await h.store.enqueueJob(newJob({ id: 'a2', runAfter: isoAt(100) }))
      await h.store.enqueueJob(newJob({ id: 'b1', tenantId: 'tenant-b' }))
      await h.store.enqueueJob(newJob({ id: 'b2', tenantId: 'tenant-b', runAfter: isoAt(100) }))
      expect(ids(await claim(h.store, 1))).toEqual(['a1', 'b1'])
      await h.store.finishJob('b1', { ok: true })
      expect(await h.store.jobCounts('tenant-a')).toEqual({ ...NONE, pending: 1, running: 1 })
      expect(await h.store.jobCounts('tenant-b')).toEqual({ ...NONE, pending: 1, done: 1 })
      expect(await h.store.jobCounts()).toEqual({ pending: 2, running: 1, done: 1, failed: 0 })
      expect(await h.store.jobCounts('tenant-c')).toEqual(NONE)
    })

    it('removeUser deletes every job of that user and nobody else', async () => {
      const forgotten = { tenantId: 'tenant-a', userId: 'forgotten' }
      await h.store.enqueueJob(newJob({ ...forgotten, id: 'f-done' }))
      await h.store.enqueueJob(newJob({ ...forgotten, id: 'f-running' }))
      await h.store.enqueueJob(newJob({ ...forgotten, id: 'f-pending', runAfter: isoAt(100) }))
      expect(ids(await claim(h.store, 1, { limit: 2 }))).toEqual(['f-done', 'f-running'])
      await h.store.finishJob('f-done', { ok: true })
      await h.store.enqueueJob(newJob({ id: 'other-user' }))
      await h.store.enqueueJob(newJob({ ...forgotten, tenantId: 'tenant-b', id: 'other-tenant' }))

      expect(await h.store.removeUser(forgotten)).toBe(0)

      expect(await h.store.jobCounts('tenant-a')).toEqual({ ...NONE, pending: 1 })
      expect(await h.store.jobCounts('tenant-b')).toEqual({ ...NONE, pending: 1 })
      expect(ids(await claim(h.store, 1000)).sort()).toEqual(['other-tenant', 'other-user'])
      await expectCode(h.store.finishJob('f-running', { ok: true }), 'NOT_FOUND')
      // Nothing of the removed jobs lingers, not even their ids.
      await h.store.enqueueJob(newJob({ ...forgotten, id: 'f-done' }))
    })
  })
}
