/** Inputs of base-level activation: when a memory was encoded and retrieved. */
export interface AccessHistory {
  /** When the memory was first encoded (its first presentation). */
  encodedAt: string
  /** Total retrievals so far (not counting the encoding). */
  accessCount: number
  /** The most recent retrieval times, newest first; may hold fewer than `accessCount`. */
  recentAccesses: readonly string[]
}

const SECOND = 1000

/**
 * ACT-R base-level activation `B = ln Σ (t − t_i)^(−d)`, ages in seconds, over
 * every presentation: the encoding and each retrieval. Recent retrievals are
 * exact; the older ones, of which only the count is kept, are spread evenly
 * between the oldest exact one and the encoding (Petrov's 2006 approximation),
 * so the cost stays bounded however often a memory is used. Ages are at least
 * one second, so a memory observed "in the future" counts as brand new.
 */
export function baseLevelActivation(history: AccessHistory, now: Date, decay: number): number {
  const age = (iso: string) => Math.max(1, (now.getTime() - Date.parse(iso)) / SECOND)
  const exact = history.recentAccesses.slice(0, history.accessCount).map(age)
  const encodedAge = age(history.encodedAt)
  const older = history.accessCount - exact.length // retrievals known only by count
  let sum = 0
  for (const t of exact) sum += t ** -decay
  if (older <= 0) return Math.log(sum + encodedAge ** -decay)
  const tk = Math.max(...exact, 1)
  const tn = Math.max(encodedAge, tk)
  // The older retrievals and the encoding itself, spread evenly over (t_k, t_n].
  const n = older + 1
  sum +=
    tn - tk < 1 ? n * tn ** -decay : (n * (tn ** (1 - decay) - tk ** (1 - decay))) / ((1 - decay) * (tn - tk))
  return Math.log(sum)
}

/** Base-level activation below this maps to 0: about 15 years since the only use (d = 0.5). */
export const ACTIVATION_FLOOR = -10

/**
 * Maps activation to [0, 1] linearly between `ACTIVATION_FLOOR` and 0 (a use
 * within the last second). Linear in log-time, so each tenfold of age costs
 * the same, whatever the scale.
 */
export function normaliseActivation(b: number): number {
  return Math.min(1, Math.max(0, (b - ACTIVATION_FLOOR) / -ACTIVATION_FLOOR))
}
