import { MemoryError } from './errors.js'

/** Tries of one optimistic read-modify-write before `CONFLICT` reaches the caller. */
const WRITE_ATTEMPTS = 25

/**
 * Whether a failed optimistic write (attempt `attempt`, from 0) should be tried again:
 * only a lost version race (`CONFLICT`), and only so often. Waits a random, growing pause
 * first, so that writers racing on one memory (several server nodes) spread out instead
 * of colliding again in lockstep.
 */
export async function retryOnConflict(error: unknown, attempt: number): Promise<boolean> {
  if (!(MemoryError.is(error) && error.code === 'CONFLICT') || attempt >= WRITE_ATTEMPTS - 1) return false
  const ceiling = Math.min(2 ** attempt, 50)
  await new Promise((done) => setTimeout(done, Math.random() * ceiling))
  return true
}
