import { MemoryError, type MemoryErrorCode } from '../errors.js'

/** Options of `createClient`. */
export interface ClientOptions {
  /** The server, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string
  /** An API key of the tenant to work in. */
  apiKey: string
  /** Per-request timeout in ms (streams: until the response starts). @default 30000 */
  timeoutMs?: number
  /** A fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch
}

export interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  /** A streamed body, sent as is. */
  stream?: ReadableStream<Uint8Array>
  contentType?: string
}

/** Turns an error response into the `MemoryError` the server threw. */
async function toError(response: Response): Promise<MemoryError> {
  const text = await response.text().catch(() => '')
  try {
    const { error } = JSON.parse(text) as {
      error: { code: MemoryErrorCode; message: string; details?: Record<string, unknown> }
    }
    if (typeof error?.code === 'string' && typeof error.message === 'string')
      return new MemoryError(error.code, error.message, { details: error.details })
  } catch {}
  return new MemoryError(
    response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL',
    `Server answered ${response.status} ${response.statusText}`,
  )
}

/** Sends one request and returns the response, or throws the server's error as a `MemoryError`. */
export function createTransport(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '')
  const doFetch = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 30_000
  return async function send(call: Call): Promise<Response> {
    const url = new URL(base + call.path)
    for (const [name, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value))
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}` }
    let body: RequestInit['body']
    if (call.stream) {
      body = call.stream
      headers['content-type'] = call.contentType ?? 'application/octet-stream'
    } else if (call.body !== undefined) {
      body = JSON.stringify(call.body)
      headers['content-type'] = 'application/json'
    }
    let response: Response
    try {
      response = await doFetch(url, {
        method: call.method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        ...(call.stream ? { duplex: 'half' } : {}),
      } as RequestInit)
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError'
      throw new MemoryError(
        timedOut ? 'TIMEOUT' : 'UNAVAILABLE',
        timedOut
          ? `${call.method} ${call.path} took longer than ${timeoutMs} ms`
          : `Cannot reach ${base}: ${(error as Error).message}`,
        { cause: error },
      )
    }
    if (!response.ok) throw await toError(response)
    return response
  }
}
