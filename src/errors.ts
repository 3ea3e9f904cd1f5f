const MARKER = Symbol.for('adaptive-recall.MemoryError')

/** Stable error codes. Callers branch on these, never on messages. */
export type MemoryErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'EMBEDDER_MISMATCH'
  | 'STORE_FAILED'
  | 'EMBED_FAILED'
  | 'UPSTREAM_FAILED'
  | 'NOT_CONFIGURED'
  | 'CLOSED'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'INTERNAL'

/** The HTTP status each code maps to: the one table the server uses. */
export const HTTP_STATUS: Readonly<Record<MemoryErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMBEDDER_MISMATCH: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  STORE_FAILED: 503,
  EMBED_FAILED: 502,
  UPSTREAM_FAILED: 502,
  NOT_CONFIGURED: 501,
  CLOSED: 503,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
}

/**
 * The only error the library throws on purpose.
 *
 * @example
 * try { await memory.update(id, { content: '' }) }
 * catch (e) { if (MemoryError.is(e) && e.code === 'INVALID_INPUT') ... }
 */
export class MemoryError extends Error {
  readonly code: MemoryErrorCode
  readonly details: Record<string, unknown> | undefined
  readonly [MARKER] = true

  constructor(
    code: MemoryErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'MemoryError'
    this.code = code
    this.details = options.details
  }

  /** True for a MemoryError from any copy of this package. */
  static is(value: unknown): value is MemoryError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true
  }
}

/** Wraps an unexpected failure of a backend so callers see one code. */
export function storeFailed(cause: unknown, what: string): MemoryError {
  if (MemoryError.is(cause)) return cause
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new MemoryError('STORE_FAILED', `${what} failed: ${reason}`, { cause })
}
