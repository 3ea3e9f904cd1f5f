/** Options of `createRateLimiter`. */
export interface RateLimitOptions {
  /** Sustained requests per minute per key. @default 600 */
  perMinute?: number
  /** Requests a key may make at once before the limit applies. @default 60 */
  burst?: number
}

/**
 * A token bucket per key: each key holds up to `burst` tokens, refilled at
 * `perMinute / 60` per second; a request takes one.
 */
export function createRateLimiter(options: RateLimitOptions = {}, clock: () => number = Date.now) {
  const perSecond = (options.perMinute ?? 600) / 60
  const burst = options.burst ?? 60
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    /** Takes a token: `{ ok: true }`, or how many seconds until one is free. */
    take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const now = clock()
      const bucket = buckets.get(key) ?? { tokens: burst, at: now }
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond)
      bucket.at = now
      buckets.set(key, bucket)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { ok: true }
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) }
    },
  }
}
