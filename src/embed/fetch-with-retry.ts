import { setTimeout as sleep } from 'node:timers/promises'

/** How `fetchWithRetry` times out and retries. */
export interface RetryPolicy {
  /** Limit for one attempt, including reading the body. */
  timeoutMs: number
  /** Attempts after the first one. */
  maxRetries: number
  /** Caller's cancellation; stops at once, without retrying. */
  signal?: AbortSignal | undefined
}

/** The final answer of the server: status and body text. */
export interface FetchResult {
  status: number
  text: string
}

/** Why no answer came back: each attempt failed in the network or timed out. */
export class NoResponseError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

const BASE_DELAY_MS = 500
const MAX_BACKOFF_MS = 8_000
const MAX_RETRY_AFTER_MS = 30_000

/**
 * Sends a request and reads its body, retrying on network errors, timeouts, 408,
 * 429 and 5xx with exponential backoff and jitter (or the server's `Retry-After`,
 * capped at 30 s). Returns the last response, whatever its status, once it is not
 * retryable or retries are spent. Rejects with the caller's abort reason when the
 * caller's signal fires, and with `NoResponseError` when no attempt got an answer.
 */
export async function fetchWithRetry(
  doFetch: typeof fetch,
  url: string,
  init: Omit<RequestInit, 'signal'>,
  policy: RetryPolicy,
): Promise<FetchResult> {
  const { signal } = policy
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted()
    const timeout = AbortSignal.timeout(policy.timeoutMs)
    const last = attempt >= policy.maxRetries
    let waitMs: number
    try {
      const response = await doFetch(url, {
        ...init,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })
      const text = await response.text()
      if (last || !isRetryable(response.status)) return { status: response.status, text }
      waitMs = retryAfterMs(response.headers) ?? backoffMs(attempt)
    } catch (error) {
      signal?.throwIfAborted()
      const reason = timeout.aborted
        ? `timed out after ${policy.timeoutMs} ms`
        : `network error (${describeNetworkError(error)})`
      if (last) throw new NoResponseError(reason, attempt + 1, { cause: error })
      waitMs = backoffMs(attempt)
    }
    await sleep(waitMs, undefined, signal ? { signal } : undefined).catch(() => signal?.throwIfAborted())
  }
}

function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

function backoffMs(attempt: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt)
  return exponential * (0.5 + Math.random() / 2)
}

/** `retry-after-ms` (sent by OpenAI) or `Retry-After` in seconds or as a date. */
function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN)
  const raw = headers.get('retry-after')
  const seconds = raw === null ? Number.NaN : Number(raw)
  let wait = Number.isFinite(ms) ? ms : seconds * 1000
  if (!Number.isFinite(wait) && raw !== null) wait = Date.parse(raw) - Date.now()
  return Number.isFinite(wait) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, wait)) : undefined
}

function describeNetworkError(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
}

/**
 * POSTs a JSON body with `fetchWithRetry`. When no attempt got an answer, the
 * failure is handed to `noResponse` (with the attempts counted in the message)
 * so each client throws its own error type; other errors pass through.
 */
export async function postWithRetry(
  doFetch: typeof fetch,
  url: string,
  request: { headers: Record<string, string>; body: string },
  policy: RetryPolicy,
  noResponse: (message: string, cause: NoResponseError) => Error,
): Promise<FetchResult> {
  try {
    return await fetchWithRetry(doFetch, url, { method: 'POST', ...request }, policy)
  } catch (error) {
    if (error instanceof NoResponseError)
      throw noResponse(`${error.message}, ${error.attempts} attempt(s)`, error)
    throw error
  }
}
