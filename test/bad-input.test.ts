import { connect } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { ServerOptions } from '../src/server/index.js'
import { fuzzRequest, type Operation } from './fuzz-requests.js'
import { runAll } from './fuzz-run.js'
import { HOSTILE_STRINGS } from './fuzz-values.js'
import { TOOL_NAMES } from './mcp-helpers.js'
import { startOpenAIUpstream } from './openai-upstream.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'
import { ADMIN_KEY, startTestServer } from './server-helpers.js'

/** Set FUZZ_SEED to replay a failing run; each run otherwise draws new requests. */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const UNLIMITED = { perMinute: 1e9, burst: 1e9 }
const upstream = await startOpenAIUpstream({ reply: 'Fine.', chunkDelayMs: 0 })
afterAll(() => upstream.close())

/**
 * A real server with a seeded target tenant (two users, updates and deletes in their
 * history), a scratch tenant that may take any write, and keys for each.
 */
async function fuzzServer(options: Partial<ServerOptions> = {}) {
  const server = await startTestServer({
    rateLimit: UNLIMITED,
    upstream: { baseUrl: upstream.url },
    ...options,
  })
  const keys = {
    target: await server.tenantKey(['read', 'write'], 'target'),
    read: await server.tenantKey(['read'], 'target'),
    scratch: await server.tenantKey(['read', 'write'], 'scratch'),
    admin: ADMIN_KEY,
  }
  const users = ['fuzz-alice', 'fuzz-bob']
  const ids: string[] = []
  const topics = [
    'green tea',
    'the Berlin office',
    'a violin lesson',
    'NEAR the harbour',
    "O'Brien's 50% discount",
  ]
  for (const [i, topic] of topics.entries())
    for (const userId of users) {
      const added = await server.call('POST', '/v1/memories', {
        key: keys.target,
        body: {
          content: `${userId} mentioned ${topic} on day ${i}`,
          userId,
          tags: [`t${i}`],
          metadata: { i },
        },
      })
      expect(added.status).toBe(201)
      ids.push(added.json.id)
    }
  expect(
    (
      await server.call('PATCH', `/v1/memories/${ids[0]}`, {
        key: keys.target,
        body: { content: 'fuzz-alice switched to coffee' },
      })
    ).status,
  ).toBe(200)
  expect((await server.call('DELETE', `/v1/memories/${ids[1]}`, { key: keys.target })).status).toBe(204)
  ids.splice(1, 1)
  const doc = (await server.call('GET', '/openapi.json', { key: null })).json
  const operations: Operation[] = Object.entries(doc.paths as Record<string, object>).flatMap(
    ([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  )
  /** The target tenant's export without its header (which carries the time of export). */
  const exportTarget = async () =>
    (await server.call('GET', '/v1/export', { key: keys.target })).text.split('\n').slice(1).join('\n')
  return { server, keys, world: { operations, ids, users }, exportTarget }
}

type Fuzz = Awaited<ReturnType<typeof fuzzServer>>

/** Fuzzes a fresh server with `count` requests and checks the outcome. */
async function fuzzAndCheck(fuzz: Fuzz, count: number) {
  const before = await fuzz.exportTarget()
  expect(before.split('\n').filter(Boolean)).toHaveLength(9)
  const requests = fc.sample(fuzzRequest(fuzz.world), { numRuns: count, seed: SEED })
  const { problems, hits } = await runAll({ url: fuzz.server.url, keys: fuzz.keys }, requests)
  expect(problems.slice(0, 10), `FUZZ_SEED=${SEED}: ${problems.length} problems`).toEqual([])
  for (const op of fuzz.world.operations)
    expect(hits.get(`${op.method} ${op.path}`) ?? 0, `${op.method} ${op.path}`).toBeGreaterThan(count / 100)
  expect((await fuzz.server.call('GET', '/healthz', { key: null })).status).toBe(200)
  expect(await fuzz.exportTarget()).toBe(before)
  const search = await fuzz.server.call('POST', '/v1/search', {
    key: fuzz.keys.target,
    body: { query: 'coffee', userId: 'fuzz-alice', recordAccess: false },
  })
  expect(search.json.hits[0].memory.content).toBe('fuzz-alice switched to coffee')
}

describe('malformed requests on SQLite', () => {
  it('answer 10,000 fuzzed requests without a 5xx, always in the error shape, changing nothing', {
    timeout: 240_000,
  }, async () => {
    await fuzzAndCheck(await fuzzServer(), Number(process.env.FUZZ_N ?? 10_000))
  })

  it('answer the inputs that once failed with a clear 4xx', async () => {
    const fuzz = await fuzzServer()
    const before = await fuzz.exportTarget()
    const cases: [string, string, { key?: string; raw?: string | Buffer }, number, string][] = [
      ['GET', '/v1/memories/%ff', {}, 400, 'INVALID_INPUT'],
      ['DELETE', '/v1/users/%E0%A4%A', {}, 400, 'INVALID_INPUT'],
      ['POST', '/v1/import', { raw: Buffer.from([0x7b, 0xff, 0xfe, 0x0a]) }, 400, 'INVALID_INPUT'],
      ['POST', '/v1/reindex', { key: ADMIN_KEY, raw: '{"everything":true}' }, 400, 'INVALID_INPUT'],
      ['GET', `/v1/status?userId=${'x'.repeat(20_000)}`, {}, 413, 'PAYLOAD_TOO_LARGE'],
    ]
    for (const [method, path, init, status, code] of cases) {
      const answer = await fuzz.server.call(method, path, { key: fuzz.keys.target, ...init })
      expect({ path: path.slice(0, 40), status: answer.status, code: answer.json?.error?.code }).toEqual({
        path: path.slice(0, 40),
        status,
        code,
      })
    }
    expect(await fuzz.exportTarget()).toBe(before)
  })

  it('answer raw HTTP oddities the same way', async () => {
    const fuzz = await fuzzServer()
    const { port } = new URL(fuzz.server.url)
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        let out = ''
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(text))
        socket.on('data', (chunk) => {
          out += chunk
        })
        socket.on('end', () => resolve(out))
        socket.on('error', reject)
      })
    const auth = `Authorization: Bearer ${fuzz.keys.target}\r\nConnection: close\r\n`
    const cases = [
      `GET http://evil.example/v1/status HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET //v1/status HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/memories/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/memories/%ff%fe HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `DELETE /v1/users/%E0%A4%A HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `GET /v1/status?userId=%ff HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
      `POST /v1/search HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: 9\r\n\r\n{"query":`,
      `POST /v1/search HTTP/1.1\r\nHost: x\r\n${auth}Transfer-Encoding: chunked\r\n\r\n3\r\n{"q\r\n0\r\n\r\n`,
      `GET /v1/status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${fuzz.keys.target}\r\nAuthorization: Bearer nope\r\nConnection: close\r\n\r\n`,
      `GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Bad\u0001Header: 1\r\n${auth}\r\n`,
      `GET /v1/status?userId=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`,
    ]
    for (const text of cases) {
      const answer = await raw(text)
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])
      expect(status, text).toBeLessThan(500)
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4)
      if (status >= 400) expect(JSON.parse(body), text).toMatchObject({ error: { code: expect.any(String) } })
    }
    // An answer to HEAD carries no body, even when the parser refused the request.
    const head = await raw(`HEAD /v1/status?userId=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`)
    expect(head).toMatch(/^HTTP\/1\.1 413 /)
    expect(head.endsWith('\r\n\r\n')).toBe(true)
  })
})

const url = await postgresUrl()
if (url === null) {
  describe.skip(SKIPPED, () => {
    it('answers fuzzed requests on PostgreSQL', () => {})
  })
} else {
  const schemas = schemaFactory(url)
  describe('malformed requests on PostgreSQL', () => {
    it('answer 2,000 fuzzed requests without a 5xx, always in the error shape, changing nothing', {
      timeout: 240_000,
    }, async () => {
      const storeUrl = `${url}${url.includes('?') ? '&' : '?'}schema=${schemas.schema()}`
      await fuzzAndCheck(await fuzzServer({ storeUrl }), 2_000)
    })
  })
}

describe('malformed MCP tool arguments', () => {
  it('are tool errors, never protocol failures or crashes', { timeout: 120_000 }, async () => {
    const fuzz = await fuzzServer()
    const before = await fuzz.exportTarget()
    const transport = new StreamableHTTPClientTransport(new URL(`${fuzz.server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${fuzz.keys.scratch}` } },
    })
    const client = new Client({ name: 'fuzz', version: '1.0.0' })
    await client.connect(transport)
    const hostile = fc.constantFrom(...HOSTILE_STRINGS)
    const value = fc.oneof(
      hostile,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(hostile, { maxLength: 3 }),
      fc.dictionary(hostile, hostile, { maxKeys: 3 }),
    )
    const args = fc.record({
      tool: fc.constantFrom(...TOOL_NAMES),
      base: fc.constantFrom<Record<string, unknown>>(
        { query: 'tea', userId: 'u' },
        { content: 'fuzz note', userId: 'u' },
        { id: fuzz.world.ids[0], content: 'x' },
        { userId: 'u', all: true, confirm: 'u' },
        { memoryId: fuzz.world.ids[0], useful: true },
        { userId: 'u', entity: 'tea' },
        {},
      ),
      changes: fc.dictionary(
        fc.constantFrom(
          'query',
          'userId',
          'content',
          'id',
          'memoryId',
          'limit',
          'filters',
          'messages',
          'all',
          'confirm',
          'entity',
          'perType',
          'maxTokens',
          'format',
          'metadata',
          'tags',
          'useful',
          'zz',
        ),
        value,
        { maxKeys: 3 },
      ),
    })
    try {
      let errors = 0
      for (const { tool, base, changes } of fc.sample(args, { numRuns: 600, seed: SEED })) {
        const result = await client.callTool({ name: tool, arguments: { ...base, ...changes } })
        const text = (result.content as { text?: string }[]).map((c) => c.text ?? '').join('\n')
        if (result.isError) {
          errors++
          expect(text, `FUZZ_SEED=${SEED} ${tool}`).toMatch(/^(\[[A-Z_]+\] |MCP error -32602: )/)
          expect(text).not.toMatch(/^\[INTERNAL\]/)
        }
      }
      expect(errors).toBeGreaterThan(100)
    } finally {
      await client.close()
    }
    expect((await fuzz.server.call('GET', '/healthz', { key: null })).status).toBe(200)
    expect(await fuzz.exportTarget()).toBe(before)
  })
})
