import type { IncomingMessage } from 'node:http'
import { endpointUrl } from '../embed/endpoint.js'
import { MemoryError } from '../errors.js'

/** The OpenAI-compatible API the proxy forwards to. */
export interface UpstreamOptions {
  /** Base URL including the version, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseUrl: string
  /**
   * Key sent as `Authorization: Bearer <apiKey>` when the caller sends no
   * `x-upstream-authorization` header of its own. @default none (no Authorization header)
   */
  apiKey?: string
  /** The fetch to use, for tests or custom agents. @default globalThis.fetch */
  fetch?: typeof fetch
}

/** The header in which a caller sends its own upstream credentials (the whole `Bearer ...` value). */
export const UPSTREAM_AUTH_HEADER = 'x-upstream-authorization'

/**
 * Posts a chat-completions body to the upstream's `url` (see `upstreamUrl`).
 * The caller's own `Authorization` header (its Adaptive Recall key) is never
 * forwarded: the upstream sees the caller's `x-upstream-authorization`, else the
 * configured key. Resolves with the response whatever its status, or with null
 * when `signal` aborted (the client left); throws `UPSTREAM_FAILED` when the
 * upstream cannot be reached.
 */
export async function callUpstream(call: {
  url: string
  upstream: UpstreamOptions | undefined
  /** The caller's request, for its `accept` and `x-upstream-authorization` headers. */
  req: IncomingMessage
  body: unknown
  signal: AbortSignal
}): Promise<Response | null> {
  const { url, upstream, req, body, signal } = call
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: headerValue(req, 'accept') ?? 'application/json, text/event-stream',
  }
  const auth =
    headerValue(req, UPSTREAM_AUTH_HEADER) ?? (upstream?.apiKey ? `Bearer ${upstream.apiKey}` : null)
  if (auth) headers.authorization = auth
  const doFetch = upstream?.fetch ?? fetch
  try {
    return await doFetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal })
  } catch (error) {
    if (signal.aborted) return null
    const message = `The upstream at ${url} could not be reached: ${reason(error)}`
    throw new MemoryError('UPSTREAM_FAILED', message, { cause: error })
  }
}

/** The upstream's chat-completions URL; `NOT_CONFIGURED` when there is no valid upstream. */
export function upstreamUrl(upstream: UpstreamOptions | undefined): string {
  if (!upstream?.baseUrl)
    throw new MemoryError(
      'NOT_CONFIGURED',
      'No upstream model API is configured for /v1/chat/completions: set RECALL_UPSTREAM_URL',
    )
  try {
    return endpointUrl(upstream.baseUrl, 'chat/completions')
  } catch (error) {
    throw new MemoryError(
      'NOT_CONFIGURED',
      `The upstream URL is invalid (RECALL_UPSTREAM_URL): ${reason(error)}`,
      {
        cause: error,
      },
    )
  }
}

/** A request header as one trimmed string, or null when absent or empty. */
export function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  return text ? text : null
}

/** The most specific message of an error: fetch hides the network's reason in `cause`. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message
}
