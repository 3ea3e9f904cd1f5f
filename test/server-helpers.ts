import { join } from 'node:path'
import { afterAll } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { type ServerOptions, startServer } from '../src/server/index.js'
import { tempDir } from './helpers.js'

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the server answered
type Json = any

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef'

const embedder = await createLocalEmbedder()
let servers = 0

/** A real server on a loopback port with its own data directory, closed after the file's tests. */
export async function startTestServer(options: Partial<ServerOptions> = {}) {
  const dir = await tempDir('recall-server-')
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, `data-${servers++}`),
    adminKey: ADMIN_KEY,
    embedder,
    log: false,
    ...options,
  })
  afterAll(() => server.close())
  let tenants = 0

  /** Calls the API and returns status, headers and parsed JSON (or text). */
  async function call(
    method: string,
    path: string,
    init: {
      key?: string | null
      body?: unknown
      raw?: string | Buffer
      headers?: Record<string, string>
    } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers }
    const key = init.key === undefined ? ADMIN_KEY : init.key
    if (key !== null) headers.authorization = `Bearer ${key}`
    let body: string | Buffer | undefined = init.raw
    if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers['content-type'] = 'application/json'
    }
    const response = await fetch(server.url + path, { method, headers, body })
    const text = await response.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, json: json as Json, text }
  }

  /** A key for a fresh tenant (or the given one) with the given scopes. */
  async function tenantKey(scopes: string[] = ['read', 'write'], tenantId = `tenant-${tenants++}`) {
    const created = await call('POST', '/v1/keys', { body: { tenantId, scopes } })
    if (created.status !== 201) throw new Error(`creating a key failed: ${created.text}`)
    return created.json.key as string
  }

  return { ...server, call, tenantKey }
}
