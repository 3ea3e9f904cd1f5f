import { MemoryError } from '../../errors.js'
import type { NewJob } from '../store.js'

/** `NewJob.maxAttempts` when omitted. */
export const DEFAULT_MAX_ATTEMPTS = 3

/** A new job as validated for storage: defaults filled in, payload serialised, time canonical. */
export interface CheckedJob {
  job: Required<NewJob>
  payloadJson: string
}

/** Options of `claimJobs`, as the contract declares them. */
export interface ClaimOptions {
  worker: string
  limit: number
  now: string
  leaseUntil: string
  kinds?: readonly string[]
}

/** Validates a job to enqueue; throws `INVALID_INPUT` naming the first bad field. */
export function checkNewJob(input: NewJob): CheckedJob {
  for (const field of ['id', 'tenantId', 'userId', 'kind'] as const) {
    if (typeof input[field] !== 'string' || input[field] === '')
      invalid(`job ${field} must be a non-empty string`)
  }
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) invalid('job maxAttempts must be an integer ≥ 1')
  return {
    job: { ...input, maxAttempts, runAfter: instant(input.runAfter, 'runAfter') },
    payloadJson: payloadJson(input.payload),
  }
}

/** Validates claim options and returns them with canonical times. */
export function checkClaim(options: ClaimOptions): ClaimOptions {
  if (typeof options.worker !== 'string' || options.worker === '')
    invalid('worker must be a non-empty string')
  if (!Number.isInteger(options.limit) || options.limit < 1) invalid('limit must be an integer ≥ 1')
  const now = instant(options.now, 'now')
  const leaseUntil = instant(options.leaseUntil, 'leaseUntil')
  // A lease that has already run out would let the next claim take the job straight back.
  if (leaseUntil <= now) invalid('leaseUntil must be later than now')
  if (options.kinds?.some((kind) => typeof kind !== 'string')) invalid('kinds must be strings')
  return { ...options, now, leaseUntil }
}

/**
 * An ISO time in `toISOString()` form. Claims compare times as text (that is what the
 * indexes order), which is only chronological when every time has this one shape.
 */
export function instant(value: string | undefined, field: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (Number.isNaN(ms)) invalid(`${field} must be an ISO date-time`)
  return new Date(ms).toISOString()
}

function payloadJson(payload: unknown): string {
  const prototype =
    typeof payload === 'object' && payload !== null ? Object.getPrototypeOf(payload) : undefined
  if (prototype !== Object.prototype && prototype !== null) invalid('job payload must be a JSON object')
  try {
    return JSON.stringify(payload)
  } catch (error) {
    throw new MemoryError('INVALID_INPUT', 'job payload must be serialisable as JSON', { cause: error })
  }
}

function invalid(message: string): never {
  throw new MemoryError('INVALID_INPUT', message)
}
