import { MemoryError } from '../../errors.js'
import type { JsonObject } from '../../types.js'
import type { Job, JobStatus, NewJob } from '../store.js'
import type { StoreContext } from './context.js'
import { type ClaimOptions, checkClaim, checkNewJob, instant } from './job-input.js'

/** A `jobs` row as the driver returns it (migration 3). */
interface JobRow {
  seq: number
  id: string
  tenant_id: string
  user_id: string
  kind: string
  payload: string
  status: JobStatus
  attempts: number
  max_attempts: number
  run_after: string
  last_error: string | null
  created_at: string
  updated_at: string
}

/** Outcome of a claimed job, as `finishJob` takes it. */
export type JobOutcome = { ok: true } | { ok: false; error: string; retryAt?: string }

/**
 * Stores a pending job. Ids are unique across tenants (`finishJob` takes the id alone),
 * so a taken id is `CONFLICT` whichever tenant holds it. `runAfter` is kept in
 * `toISOString()` form; `createdAt` and `updatedAt` are the current time.
 */
export function enqueueJob(ctx: StoreContext, input: NewJob): Job {
  const { job, payloadJson } = checkNewJob(input)
  const at = new Date().toISOString()
  return ctx.db
    .transaction(() => {
      if (ctx.sql('SELECT 1 FROM jobs WHERE id = ?').get(job.id) !== undefined)
        throw new MemoryError('CONFLICT', `job ${job.id} already exists`)
      const row = ctx
        .sql(
          `INSERT INTO jobs (id, tenant_id, user_id, kind, payload, status, max_attempts, run_after,
             created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?) RETURNING *`,
        )
        .get(job.id, job.tenantId, job.userId, job.kind, payloadJson, job.maxAttempts, job.runAfter, at, at)
      return toJob(row as JobRow)
    })
    .immediate()
}

/**
 * Claims due jobs in enqueue order: pending ones whose `runAfter` has come and running
 * ones whose lease has run out. Selecting and marking happen in one statement inside a
 * `BEGIN IMMEDIATE` transaction, which holds the file's write lock from the start, so
 * two connections (or processes) can never both see a job as claimable.
 *
 * A lost lease counts as a failed attempt: a job whose lease ran out on its last
 * attempt becomes `failed` instead of claimable, so a payload that kills its worker
 * is not retried forever.
 */
export function claimJobs(ctx: StoreContext, options: ClaimOptions): Job[] {
  const { worker, limit, now, leaseUntil, kinds } = checkClaim(options)
  const kindFilter = 'AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))'
  const rows = ctx.db
    .transaction(() => {
      ctx
        .sql(
          `UPDATE jobs SET status = 'failed', lease_until = NULL, updated_at = @now,
             last_error = 'lease of ' || worker || ' expired on attempt ' || attempts
           WHERE status = 'running' AND lease_until <= @now AND attempts >= max_attempts`,
        )
        .run({ now })
      return ctx
        .sql(
          `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = @leaseUntil,
             worker = @worker, updated_at = @now
           WHERE seq IN (
             SELECT seq FROM jobs WHERE status = 'pending' AND run_after <= @now ${kindFilter}
             UNION ALL
             SELECT seq FROM jobs WHERE status = 'running' AND lease_until <= @now ${kindFilter}
             ORDER BY seq LIMIT @limit
           )
           RETURNING *`,
        )
        .all({ worker, limit, now, leaseUntil, kinds: kinds === undefined ? null : JSON.stringify(kinds) })
    })
    .immediate() as JobRow[]
  return rows.sort((a, b) => a.seq - b.seq).map(toJob)
}

/**
 * Records the outcome of a running job. Success makes it `done`; the payload stays (a
 * done job is evidence of what was processed) until its user is removed. A failure
 * stores the error and makes the job pending again at `retryAt` (default: now) while
 * attempts remain, else `failed`. `NOT_FOUND` for an unknown id (or its user was
 * removed), `CONFLICT` if the job is not running (finished already, or failed when its
 * lease ran out on the last attempt). The outcome names no worker, so a worker whose
 * lease ran out can still finish a job another worker has taken over.
 */
export function finishJob(ctx: StoreContext, id: string, outcome: JobOutcome): void {
  const at = new Date().toISOString()
  const failure = outcome.ok ? null : checkFailure(outcome, at)
  ctx.db
    .transaction(() => {
      const row = ctx.sql('SELECT status, attempts, max_attempts FROM jobs WHERE id = ?').get(id) as
        | Pick<JobRow, 'status' | 'attempts' | 'max_attempts'>
        | undefined
      if (row === undefined) throw new MemoryError('NOT_FOUND', `job ${id} not found`)
      if (row.status !== 'running')
        throw new MemoryError('CONFLICT', `job ${id} is ${row.status}, not running`)
      const status: JobStatus =
        failure === null ? 'done' : row.attempts < row.max_attempts ? 'pending' : 'failed'
      // A success keeps the last error of earlier attempts, so a done job still tells why it was retried.
      ctx
        .sql(
          `UPDATE jobs SET status = ?, lease_until = NULL, run_after = coalesce(?, run_after),
             last_error = coalesce(?, last_error), updated_at = ?
           WHERE id = ?`,
        )
        .run(status, status === 'pending' ? (failure?.retryAt ?? null) : null, failure?.error ?? null, at, id)
    })
    .immediate()
}

function checkFailure(outcome: { error: string; retryAt?: string }, now: string) {
  if (typeof outcome.error !== 'string') throw new MemoryError('INVALID_INPUT', 'error must be a string')
  return {
    error: outcome.error,
    retryAt: outcome.retryAt === undefined ? now : instant(outcome.retryAt, 'retryAt'),
  }
}

/** Jobs by status, every status present; one tenant's when `tenantId` is given. */
export function jobCounts(ctx: StoreContext, tenantId?: string): Record<JobStatus, number> {
  const rows = (
    tenantId === undefined
      ? ctx.sql('SELECT status, count(*) AS n FROM jobs GROUP BY status').all()
      : ctx.sql('SELECT status, count(*) AS n FROM jobs WHERE tenant_id = ? GROUP BY status').all(tenantId)
  ) as { status: JobStatus; n: number }[]
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 }
  for (const row of rows) counts[row.status] = row.n
  return counts
}

/** Deletes every job of one user, payloads and errors included (part of `removeUser`). */
export function deleteUserJobs(ctx: StoreContext, tenantId: string, userId: string): void {
  ctx.sql('DELETE FROM jobs WHERE tenant_id = ? AND user_id = ?').run(tenantId, userId)
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as JsonObject,
    maxAttempts: row.max_attempts,
    runAfter: row.run_after,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
