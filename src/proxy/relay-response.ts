import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { MemoryError } from '../errors.js'

/**
 * Upstream headers passed on to the client. Content-Length and Content-Encoding
 * are not among them: fetch has already decoded the body, so they would no
 * longer describe the bytes sent. Rate-limit headers are, so clients can back off.
 */
const RELAYED = /^(content-type|cache-control|retry-after|x-request-id|x-ratelimit-.*)$/i

/** Options of `relayResponse`. */
export interface RelayOptions {
  /** Headers of our own to add, e.g. `x-recall-context-tokens`. */
  headers: Record<string, string>
  /** Aborted when the client disconnects: the relay stops quietly. */
  signal: AbortSignal
  /** Sees every chunk of the body as it passes. */
  onChunk?: (chunk: Uint8Array) => void
}

/**
 * Sends the upstream's answer to the client unchanged: its status, content
 * type and body bytes, each chunk written as soon as it arrives (so a stream
 * stays a stream), waiting for the client when it reads slower than the
 * upstream writes. Resolves `complete` when the body was sent whole, `aborted`
 * when the client left. When the upstream fails mid-body the client's
 * connection is destroyed, so a truncated answer never looks complete, and the
 * promise rejects with `UPSTREAM_FAILED`.
 */
export async function relayResponse(
  upstream: Response,
  res: ServerResponse,
  options: RelayOptions,
): Promise<'complete' | 'aborted'> {
  const { signal, onChunk } = options
  res.statusCode = upstream.status
  for (const [name, value] of upstream.headers) if (RELAYED.test(name)) res.setHeader(name, value)
  for (const [name, value] of Object.entries(options.headers)) res.setHeader(name, value)
  // Headers go out now: a streaming client learns the status before the first token.
  res.flushHeaders()
  if (upstream.body === null) {
    res.end()
    return 'complete'
  }
  try {
    for await (const chunk of upstream.body) {
      if (signal.aborted) return 'aborted'
      onChunk?.(chunk)
      if (!res.write(chunk)) await once(res, 'drain', { signal })
    }
  } catch (error) {
    if (signal.aborted) return 'aborted'
    const failure = new MemoryError(
      'UPSTREAM_FAILED',
      `The upstream answer broke off: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
    res.destroy(failure)
    throw failure
  }
  res.end()
  return 'complete'
}
