import { randomUUID } from 'node:crypto'
import type { Job, MemoryStore } from '../store/store.js'

/** Runs persisted background jobs of one kind, one batch at a time. */
export interface JobWorker {
  /** Starts a pass if none is running (new work was queued, or on open to resume after a restart). */
  wake(): void
  /** Resolves when the tenant has no pending or running job left; rejects after `timeoutMs`. */
  drain(tenantId: string, timeoutMs: number): Promise<void>
  /** Finishes the current batch and stops. */
  stop(): Promise<void>
}

const BATCH = 4
const RETRY_MS = 1_000
const POLL_MS = 25

/**
 * A worker that claims jobs from the store (so that several processes on one
 * store never run one job twice), runs them, and records the outcome. A failed
 * job is retried after a pause until its attempts run out.
 */
export function createJobWorker(options: {
  store: MemoryStore
  kind: string
  now: () => Date
  run: (job: Job) => Promise<void>
  /** How long a claimed job stays this worker's before another may take it over. */
  leaseMs: number
}): JobWorker {
  const worker = `worker-${randomUUID()}`
  let pass: Promise<void> | null = null
  let stopped = false

  async function loop(): Promise<void> {
    while (!stopped) {
      const now = options.now()
      const jobs = await options.store.claimJobs({
        worker,
        limit: BATCH,
        kinds: [options.kind],
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + options.leaseMs).toISOString(),
      })
      if (jobs.length === 0) return
      for (const job of jobs) {
        try {
          await options.run(job)
          await options.store.finishJob(job.id, { ok: true })
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          const retryAt = new Date(options.now().getTime() + RETRY_MS).toISOString()
          await options.store.finishJob(job.id, { ok: false, error: message, retryAt })
        }
      }
    }
  }

  function wake() {
    if (stopped || pass) return
    pass = loop()
      .catch(() => undefined) // a store failure ends this pass; the next wake starts another
      .finally(() => {
        pass = null
      })
  }

  return {
    wake,
    async drain(tenantId, timeoutMs) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        wake()
        await pass
        const counts = await options.store.jobCounts(tenantId)
        if (counts.pending + counts.running === 0) return
        if (Date.now() > deadline) throw new Error(`background jobs still running after ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      }
    },
    async stop() {
      stopped = true
      await pass
    },
  }
}
