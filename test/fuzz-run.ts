import { request as httpRequest } from 'node:http'
import { HTTP_STATUS, type MemoryErrorCode } from '../src/errors.js'
import type { FuzzAuth, FuzzRequest } from './fuzz-requests.js'

/** Where fuzzed requests go: a server's URL and a key for each kind of caller. */
export interface FuzzTarget {
  url: string
  keys: Record<Exclude<FuzzAuth, 'none' | 'bogus'>, string>
}

/** What is wrong with the answer to `request`, or null when it is acceptable. */
function problem(request: FuzzRequest, status: number, text: string): string | null {
  if (status >= 500) return `status ${status}`
  if (status < 400 || request.method === 'HEAD') return null
  let json: Record<string, unknown>
  try {
    json = JSON.parse(text)
  } catch {
    return `${status} with a body that is not JSON`
  }
  // The MCP transport answers protocol errors as JSON-RPC errors, the shape MCP clients read.
  if (request.path.startsWith('/mcp') && json.jsonrpc === '2.0') {
    const error = json.error as { code?: unknown; message?: unknown } | undefined
    return typeof error?.code === 'number' && typeof error.message === 'string'
      ? null
      : 'a JSON-RPC answer without an error'
  }
  const error = json.error as { code?: unknown; message?: unknown } | undefined
  if (Object.keys(json).join() !== 'error' || typeof error?.message !== 'string')
    return `${status} without the error shape`
  const extra = Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k))
  if (extra.length > 0) return `unexpected error fields ${extra.join()}`
  const expected = HTTP_STATUS[error.code as MemoryErrorCode]
  return expected === status ? null : `code ${String(error.code)} answered with ${status}`
}

/**
 * Sends one fuzzed request as the key its `auth` names, on a connection of its own: a
 * pooled keep-alive connection can be closed by the server just as a request goes out,
 * and that race would pass for a reset. The path is normalised as a browser would send it.
 */
function send(server: FuzzTarget, request: FuzzRequest): Promise<{ status: number; text: string }> {
  const headers = { ...request.headers }
  const auth = request.auth
  if (auth !== 'none' && auth !== 'bogus') headers.authorization = `Bearer ${server.keys[auth]}`
  const url = new URL(server.url + request.path)
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: request.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(request.body)
  })
}

/** Runs every request, `concurrency` at a time; returns the problems found and what each route got. */
export async function runAll(server: FuzzTarget, requests: FuzzRequest[], concurrency = 8) {
  const problems: string[] = []
  const hits = new Map<string, number>()
  let next = 0
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as FuzzRequest
      hits.set(request.route, (hits.get(request.route) ?? 0) + 1)
      try {
        const { status, text } = await send(server, request)
        const found = problem(request, status, text)
        if (found)
          problems.push(
            `${found}: ${request.method} ${request.path.slice(0, 200)} ${String(request.body).slice(0, 200)} -> ${text.slice(0, 300)}`,
          )
      } catch (error) {
        problems.push(
          `no answer (${String(error)}): ${request.method} ${request.path.slice(0, 200)} ${String(request.body).slice(0, 300)} (${String(request.body).length} chars)`,
        )
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { problems, hits }
}
