import type { IncomingMessage, ServerResponse } from 'node:http'
import { HTTP_STATUS, MemoryError, type MemoryErrorCode } from '../errors.js'

/** Reads a request body up to `limit` bytes; `PAYLOAD_TOO_LARGE` beyond it. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function tooLarge(limit: number): MemoryError {
  return new MemoryError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`, {
    details: { limit },
  })
}

/** Parses a JSON body: strict UTF-8, and `INVALID_INPUT` for anything that is not JSON. */
export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) throw new MemoryError('INVALID_INPUT', 'Request body is empty: send a JSON object')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw)
  } catch {
    throw new MemoryError('INVALID_INPUT', 'Request body is not valid UTF-8')
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    // The parser's message quotes the body, which may hold a secret: say only where it broke.
    const at = /position (\d+)/.exec((error as Error).message)?.[1]
    throw new MemoryError(
      'INVALID_INPUT',
      `Request body is not valid JSON${at === undefined ? '' : ` (at position ${at})`}`,
    )
  }
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

/** The one error shape of the API: `{ error: { code, message, details? } }`. */
export function errorBody(code: MemoryErrorCode, message: string, details?: Record<string, unknown>) {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

/**
 * Sends an error. A `MemoryError` keeps its code and message; anything else is
 * an `INTERNAL` error whose message reveals nothing (the caller logs it).
 */
export function sendError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  if (MemoryError.is(error))
    sendJson(res, HTTP_STATUS[error.code], errorBody(error.code, error.message, error.details))
  else sendJson(res, 500, errorBody('INTERNAL', 'Internal server error'))
}
