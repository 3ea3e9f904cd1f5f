import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { startServer } from '../src/server/serve.js'
import { tempDir } from './helpers.js'
import { callOk, callTool, TOOL_NAMES } from './mcp-helpers.js'

const ADMIN_KEY = 'ar_mcp-http-test-admin-key-0123456789abcdefghijk'
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
}

describe('MCP over streamable HTTP through the real server', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  const keys: Record<'t1' | 't2' | 't1Read', string> = { t1: '', t2: '', t1Read: '' }
  const clients: Client[] = []

  async function createKey(tenantId: string, scopes: string[]): Promise<string> {
    const res = await fetch(`${server.url}/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId, scopes }),
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { key: string }).key
  }

  /** An official MCP client authenticated with the key. */
  async function connect(key: string): Promise<Client> {
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    })
    const client = new Client({ name: 'mcp-http-test', version: '1.0.0' })
    await client.connect(transport)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: await tempDir('recall-mcp-http-'),
      adminKey: ADMIN_KEY,
      embedder: await createLocalEmbedder(),
      log: false,
    })
    keys.t1 = await createKey('t1', ['read', 'write'])
    keys.t2 = await createKey('t2', ['read', 'write'])
    keys.t1Read = await createKey('t1', ['read'])
  })
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()))
    await server?.close()
  })

  it('serves every tool: list, store, recall, context, status', async () => {
    const client = await connect(keys.t1)
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES])
    const berlin = await callOk(client, 'store', { content: 'Alice moved to Berlin', userId: 'alice' })
    await callOk(client, 'store', { content: 'Alice plays tennis on Sundays', userId: 'alice' })
    const hits = (await callOk(client, 'recall', { query: 'Where does Alice live?', userId: 'alice' })).hits
    expect(hits[0].memory).toMatchObject({ id: berlin.memory.id, tenantId: 't1' })
    const context = await callOk(client, 'context', { query: 'Where does Alice live?', userId: 'alice' })
    expect(context.text).toContain('Alice moved to Berlin')
    expect(await callOk(client, 'status', { userId: 'alice' })).toMatchObject({ memories: 2 })
    const bad = await callTool(client, 'update', { id: berlin.memory.id, tags: 'not-a-list' })
    expect(bad.isError).toBe(true)
    expect((await callOk(client, 'snapshot', { userId: 'alice' })).groups[0]).toMatchObject({
      type: 'fact',
      count: 2,
    })
  })

  it('rejects a missing or wrong key with 401, for raw requests and the official client', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer ar_wrong' }]
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify(INITIALIZE),
      })
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } })
    }
    await expect(connect('ar_wrong')).rejects.toMatchObject({
      code: 401,
      message: expect.stringMatching(/UNAUTHORIZED/),
    })
  })

  it("never shows one tenant's memories to another tenant's key", async () => {
    const t1 = await connect(keys.t1)
    const t2 = await connect(keys.t2)
    const secret = await callOk(t1, 'store', {
      content: 'Zed keeps the spare key under the mat',
      userId: 'zed',
    })
    const id = secret.memory.id as string

    expect((await callOk(t2, 'recall', { query: 'spare key mat', userId: 'zed' })).hits).toEqual([])
    expect(await callOk(t2, 'status', {})).toMatchObject({ memories: 0 })
    expect((await callTool(t2, 'update', { id, content: 'stolen' })).text).toMatch(/^\[NOT_FOUND\]/)
    expect((await callTool(t2, 'forget', { id })).text).toMatch(/^\[NOT_FOUND\]/)
    expect((await callTool(t2, 'graph', { userId: 'zed', memoryId: id })).text).toMatch(/^\[NOT_FOUND\]/)
    await callOk(t2, 'forget', { userId: 'zed', all: true, confirm: 'zed' })

    const still = (await callOk(t1, 'recall', { query: 'spare key mat', userId: 'zed' })).hits
    expect(still[0].memory).toMatchObject({
      id,
      content: 'Zed keeps the spare key under the mat',
      version: 1,
    })
  })

  it('lets a read-only key recall but not store, update or forget', async () => {
    const writer = await connect(keys.t1)
    const { memory } = await callOk(writer, 'store', {
      content: 'Yara collects vinyl records',
      userId: 'yara',
    })
    const reader = await connect(keys.t1Read)
    const hits = (await callOk(reader, 'recall', { query: 'vinyl', userId: 'yara' })).hits
    expect(hits[0].memory.id).toBe(memory.id)

    const store = await callTool(reader, 'store', { content: 'Yara sold her records', userId: 'yara' })
    expect(store).toMatchObject({ isError: true, text: expect.stringMatching(/^\[FORBIDDEN\]/) })
    expect((await callTool(reader, 'forget', { id: memory.id })).text).toMatch(/^\[FORBIDDEN\]/)
    expect((await callTool(reader, 'update', { id: memory.id, content: 'x' })).text).toMatch(/^\[FORBIDDEN\]/)
    expect(await callOk(writer, 'status', { userId: 'yara' })).toMatchObject({ memories: 1 })
  })
})
