import { MemoryError } from '../../errors.js'
import type { JsonObject } from '../../types.js'
import { type ClaimOptions, checkClaim, checkNewJob, instant } from '../sqlite/job-input.js'
import type { Job, JobStatus, NewJob } from '../store.js'
import type { PgContext } from './context.js'

interface JobRow {
  id: string
  tenant_id: string
  user_id: string
  kind: string
  payload: JsonObject
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
 * Stores a pending job. Ids are unique across tenants (`finishJob` takes the id alone);
 * the primary key leads with the tenant, so uniqueness is checked under an advisory
 * lock on the id, which two processes enqueueing the same id cannot both pass.
 */
export async function enqueueJob(ctx: PgContext, input: NewJob): Promise<Job> {
  const { job, payloadJson } = checkNewJob(input)
  const at = new Date().toISOString()
  return ctx.tx(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('recall-job:' || $1, 0))", [job.id])
    const { rows: taken } = await client.query('SELECT 1 FROM jobs WHERE id = $1', [job.id])
    if (taken.length > 0) throw new MemoryError('CONFLICT', `job ${job.id} already exists`)
    const { rows } = await client.query<JobRow>(
      `INSERT INTO jobs (id, tenant_id, user_id, kind, payload, status, max_attempts, run_after, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::json, 'pending', $6, $7, $8, $8) RETURNING *`,
      [job.id, job.tenantId, job.userId, job.kind, payloadJson, job.maxAttempts, job.runAfter, at],
    )
    return toJob(rows[0] as JobRow)
  })
}

/**
 * Claims due jobs in enqueue order: pending ones whose `runAfter` has come and running
 * ones whose lease has run out. `FOR UPDATE SKIP LOCKED` makes concurrent claimers
 * (other connections or processes) pass over rows another claim holds, and the row is
 * re-checked once locked, so no job is ever handed to two workers.
 * A lease lost on the last attempt makes the job `failed` instead of claimable.
 */
export async function claimJobs(ctx: PgContext, options: ClaimOptions): Promise<Job[]> {
  const { worker, limit, now, leaseUntil, kinds } = checkClaim(options)
  const kindFilter = 'AND ($2::text[] IS NULL OR kind = ANY($2::text[]))'
  const rows = await ctx.tx(async (client) => {
    await client.query(
      `UPDATE jobs SET status = 'failed', lease_until = NULL, updated_at = $1,
         last_error = 'lease of ' || worker || ' expired on attempt ' || attempts
       WHERE (tenant_id, id) IN (
         SELECT tenant_id, id FROM jobs
         WHERE status = 'running' AND lease_until <= $1 AND attempts >= max_attempts
         FOR UPDATE SKIP LOCKED)`,
      [now],
    )
    const result = await client.query<JobRow & { seq: string }>(
      `WITH picked AS (
         SELECT tenant_id, id FROM jobs
         WHERE ((status = 'pending' AND run_after <= $1) OR (status = 'running' AND lease_until <= $1))
           ${kindFilter}
         ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, lease_until = $4, worker = $5, updated_at = $1
       FROM picked WHERE j.tenant_id = picked.tenant_id AND j.id = picked.id
       RETURNING j.*`,
      [now, kinds === undefined ? null : [...kinds], limit, leaseUntil, worker],
    )
    return result.rows
  })
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toJob)
}

/**
 * Records the outcome of a running job: `done`, or the error and `pending` again at
 * `retryAt` (default now) while attempts remain, else `failed`. `NOT_FOUND` for an
 * unknown id, `CONFLICT` if the job is not running.
 */
export async function finishJob(ctx: PgContext, id: string, outcome: JobOutcome): Promise<void> {
  const at = new Date().toISOString()
  const failure = outcome.ok ? null : checkFailure(outcome, at)
  await ctx.tx(async (client) => {
    const { rows } = await client.query<Pick<JobRow, 'tenant_id' | 'status' | 'attempts' | 'max_attempts'>>(
      'SELECT tenant_id, status, attempts, max_attempts FROM jobs WHERE id = $1 FOR UPDATE',
      [id],
    )
    const row = rows[0]
    if (row === undefined) throw new MemoryError('NOT_FOUND', `job ${id} not found`)
    if (row.status !== 'running') throw new MemoryError('CONFLICT', `job ${id} is ${row.status}, not running`)
    const status: JobStatus =
      failure === null ? 'done' : row.attempts < row.max_attempts ? 'pending' : 'failed'
    // A success keeps the last error of earlier attempts, so a done job still tells why it was retried.
    await client.query(
      `UPDATE jobs SET status = $1, lease_until = NULL, run_after = coalesce($2, run_after),
         last_error = coalesce($3, last_error), updated_at = $4
       WHERE tenant_id = $5 AND id = $6`,
      [
        status,
        status === 'pending' ? (failure?.retryAt ?? null) : null,
        failure?.error ?? null,
        at,
        row.tenant_id,
        id,
      ],
    )
  })
}

/** Jobs by status, every status present; one tenant's when `tenantId` is given. */
export async function jobCounts(ctx: PgContext, tenantId?: string): Promise<Record<JobStatus, number>> {
  const rows = await (tenantId === undefined
    ? ctx.query<{ status: JobStatus; n: number }>(
        'SELECT status, count(*)::int AS n FROM jobs GROUP BY status',
      )
    : ctx.query<{ status: JobStatus; n: number }>(
        'SELECT status, count(*)::int AS n FROM jobs WHERE tenant_id = $1 GROUP BY status',
        [tenantId],
      ))
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 }
  for (const row of rows) counts[row.status] = row.n
  return counts
}

function checkFailure(outcome: { error: string; retryAt?: string }, now: string) {
  if (typeof outcome.error !== 'string') throw new MemoryError('INVALID_INPUT', 'error must be a string')
  return {
    error: outcome.error,
    retryAt: outcome.retryAt === undefined ? now : instant(outcome.retryAt, 'retryAt'),
  }
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    kind: row.kind,
    payload: row.payload,
    maxAttempts: row.max_attempts,
    runAfter: row.run_after,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
