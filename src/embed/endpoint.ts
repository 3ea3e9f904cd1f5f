import { MemoryError } from '../errors.js'

/**
 * The URL of one operation of an OpenAI-compatible API: `baseUrl` (e.g.
 * `http://localhost:11434/v1`, with or without a trailing slash) plus `path`.
 * Rejects what is not an http(s) URL, and URLs holding credentials, which
 * would end up in logs and errors: keys go in `apiKey`.
 */
export function endpointUrl(baseUrl: unknown, path: string): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') throw invalid('baseUrl must be a non-empty URL')
  let parsed: URL
  try {
    parsed = new URL(baseUrl.trim())
  } catch (cause) {
    throw invalid('baseUrl is not a valid URL', cause)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalid('baseUrl must be an http(s) URL')
  if (parsed.username || parsed.password)
    throw invalid('baseUrl must not hold credentials: use apiKey or headers')
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/${path}`
  return parsed.href
}

/** An `INVALID_INPUT` error about a client option. */
export function invalid(message: string, cause?: unknown): MemoryError {
  return new MemoryError('INVALID_INPUT', message, { cause })
}

/** Removes the API key, and any bearer token, from text bound for an error message. */
export function redact(text: string, secret: string | undefined): string {
  const out = text.replace(/Bearer\s+[^\s"',;]+/gi, 'Bearer [redacted]')
  return secret ? out.replaceAll(secret, '[redacted]') : out
}
