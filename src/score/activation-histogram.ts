import { type AccessHistory, baseLevelActivation, normaliseActivation } from './activation.js'

/** How many equal buckets the activation histogram has over [0, 1]. */
export const ACTIVATION_BUCKETS = 10

/**
 * The bucket of a normalised activation (see `normaliseActivation`): bucket `i` holds
 * [i/10, (i+1)/10), the last one also 1. With the floor at −10, bucket `i` is base-level
 * activation in [i − 10, i − 9): each bucket is one unit of B, a factor of e in
 * `Σ t^−d`.
 */
export function activationBucket(normalised: number): number {
  return Math.min(ACTIVATION_BUCKETS - 1, Math.max(0, Math.floor(normalised * ACTIVATION_BUCKETS)))
}

/**
 * Counts memories by normalised base-level activation at `now`, computed exactly as
 * the ranking does, for the histogram of a status report. Takes the histories in
 * batches, so a store can stream them without holding every memory at once.
 *
 * @example
 * await activationHistogram(store.accessHistories({ tenantId }), new Date(), 0.5)
 * // [120, 48, 30, 12, 7, 3, 2, 0, 1, 5]
 */
export async function activationHistogram(
  batches: AsyncIterable<readonly AccessHistory[]> | Iterable<readonly AccessHistory[]>,
  now: Date,
  decay: number,
): Promise<number[]> {
  const counts: number[] = new Array(ACTIVATION_BUCKETS).fill(0)
  for await (const batch of batches)
    for (const history of batch) {
      const bucket = activationBucket(normaliseActivation(baseLevelActivation(history, now, decay)))
      counts[bucket] = (counts[bucket] ?? 0) + 1
    }
  return counts
}
