import { describe, expect, it } from 'vitest'
import { statusResponseSchema } from '../src/server/status-response.js'
import { postgresUrl, schemaFactory } from './postgres-helpers.js'
import { ADMIN_KEY, startTestServer } from './server-helpers.js'

const UNKNOWN_ID = '0190b3c4-0000-7000-8000-000000000000'
const unlimited = { rateLimit: { perMinute: 100_000, burst: 10_000 } }
const server = await startTestServer(unlimited)
const { call } = server

// The API's own behaviour runs on both stores: memories and keys on PostgreSQL too.
const url = await postgresUrl()
const onPostgres = async (database: string) => {
  const storeUrl = new URL(database)
  storeUrl.searchParams.set('schema', schemaFactory(database).schema())
  return startTestServer({ ...unlimited, storeUrl: storeUrl.toString() })
}
const backends = [
  { name: 'SQLite', server },
  ...(url === null ? [] : [{ name: 'PostgreSQL', server: await onPostgres(url) }]),
]

for (const backend of backends) describe(`on ${backend.name}`, () => apiCases(backend.server))

/** Keys, tenant isolation, bad input and memories over HTTP, against one server. */
function apiCases(server: Awaited<ReturnType<typeof startTestServer>>) {
  const { call } = server

  describe('server: authentication and keys', () => {
    it.each([
      ['no header', null, undefined],
      ['a wrong key', 'ar_not-a-real-key', undefined],
      ['a malformed header', null, { authorization: 'Basic abc' }],
      ['an empty bearer', null, { authorization: 'Bearer ' }],
    ])('rejects %s with 401 UNAUTHORIZED in the one error shape', async (_label, key, headers) => {
      const res = await call('GET', '/v1/memories?userId=u', { key, headers })
      expect(res.status).toBe(401)
      expect(res.json).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } })
    })

    it('creates, lists and revokes keys; lists never show a key or its hash', async () => {
      const created = await call('POST', '/v1/keys', {
        body: { tenantId: 'acme', scopes: ['read'], name: 'ci' },
      })
      expect(created.status).toBe(201)
      expect(created.json).toMatchObject({ tenantId: 'acme', scopes: ['read'], name: 'ci', revokedAt: null })
      expect(created.json.key).toMatch(/^ar_[\w-]{43}$/)
      expect(created.json).not.toHaveProperty('hash')
      const listed = await call('GET', '/v1/keys?tenantId=acme')
      expect(listed.json.keys).toHaveLength(1)
      expect(listed.text).not.toContain(created.json.key)
      expect(listed.json.keys[0]).not.toHaveProperty('hash')
      expect((await call('GET', '/v1/memories?userId=u', { key: created.json.key })).status).toBe(200)
      expect((await call('DELETE', `/v1/keys/${created.json.id}`)).status).toBe(204)
      expect((await call('GET', '/v1/memories?userId=u', { key: created.json.key })).status).toBe(401)
      expect((await call('DELETE', `/v1/keys/${created.json.id}`)).json.error.code).toBe('NOT_FOUND')
    })

    it('enforces scopes: read keys cannot write, only admin keys manage keys', async () => {
      const reader = await server.tenantKey(['read'])
      const writer = await server.tenantKey(['read', 'write'])
      const add = { body: { content: 'x', userId: 'u' } }
      expect((await call('POST', '/v1/memories', { ...add, key: reader })).json.error.code).toBe('FORBIDDEN')
      expect((await call('POST', '/v1/memories', { ...add, key: writer })).status).toBe(201)
      const keyRequest = { body: { tenantId: 'evil', scopes: ['admin'] } }
      const denied = await call('POST', '/v1/keys', { ...keyRequest, key: writer })
      expect(denied.status).toBe(403)
      expect((await call('GET', '/v1/keys', { key: writer })).status).toBe(403)
      expect((await call('POST', '/v1/reindex', { body: {}, key: writer })).status).toBe(403)
    })

    it.each([
      [{ tenantId: '', scopes: ['read'] }],
      [{ tenantId: 'a/b', scopes: ['read'] }],
      [{ tenantId: 'a', scopes: [] }],
      [{ tenantId: 'a', scopes: ['root'] }],
      [{ tenantId: 'a', scopes: ['read'], extra: 1 }],
    ])('rejects a bad key request %j with 400', async (body) => {
      const res = await call('POST', '/v1/keys', { body })
      expect(res.status).toBe(400)
      expect(res.json.error.code).toBe('INVALID_INPUT')
    })
  })

  describe('server: tenant isolation', () => {
    it("never shows, changes or reveals another tenant's memories", async () => {
      const a = await server.tenantKey()
      const b = await server.tenantKey()
      const added = await call('POST', '/v1/memories', {
        key: a,
        body: { content: 'Alice keeps the spare key under the blue flowerpot', userId: 'alice' },
      })
      const id = added.json.id as string
      const notFound = async (method: string, path: string, body?: unknown) => {
        const asB = await call(method, path, { key: b, body })
        const unknown = await call(method, path.replace(id, UNKNOWN_ID), { key: b, body })
        expect(asB.status).toBe(404)
        // Another tenant's id and an id that never existed answer alike.
        expect(asB.json).toEqual({
          error: { ...unknown.json.error, message: unknown.json.error.message.replace(UNKNOWN_ID, id) },
        })
      }
      await notFound('GET', `/v1/memories/${id}`)
      await notFound('PATCH', `/v1/memories/${id}`, { content: 'hijacked' })
      await notFound('DELETE', `/v1/memories/${id}`)
      await notFound('GET', `/v1/memories/${id}/history`)
      await notFound('POST', '/v1/feedback', { memoryId: id, useful: false })
      await notFound('GET', `/v1/graph?userId=alice&memoryId=${id}`)
      const search = await call('POST', '/v1/search', {
        key: b,
        body: { query: 'spare key flowerpot', userId: 'alice' },
      })
      expect(search.json).toEqual({ hits: [] })
      const context = await call('POST', '/v1/context', {
        key: b,
        body: { query: 'spare key', userId: 'alice' },
      })
      expect(context.text).not.toContain('flowerpot')
      expect((await call('GET', '/v1/memories?userId=alice', { key: b })).json.items).toEqual([])
      expect((await call('GET', '/v1/export', { key: b })).text).not.toContain('flowerpot')
      expect((await call('GET', '/v1/status', { key: b })).json.memories).toBe(0)
      expect((await call('DELETE', '/v1/users/alice', { key: b })).json).toEqual({ deleted: 0 })
      const still = await call('GET', `/v1/memories/${id}`, { key: a })
      expect(still.json.content).toBe('Alice keeps the spare key under the blue flowerpot')
      expect(still.json.version).toBe(1)
    })
  })

  describe('server: bad input never gives a 5xx', () => {
    const id = UNKNOWN_ID
    const cases: [string, string, { body?: unknown; raw?: string | Buffer }, number][] = [
      ['POST', '/v1/memories', { raw: '{bad json' }, 400],
      ['POST', '/v1/memories', { raw: '' }, 400],
      ['POST', '/v1/memories', { raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }, 400],
      ['POST', '/v1/memories', { body: [1, 2] }, 400],
      ['POST', '/v1/memories', { body: 'a string' }, 400],
      ['POST', '/v1/memories', { body: null }, 400],
      ['POST', '/v1/memories', { body: { content: 42, userId: 'u' } }, 400],
      ['POST', '/v1/memories', { body: { content: 'x', userId: 'u', unknown: true } }, 400],
      ['POST', '/v1/memories', { raw: '{"content":"x","userId":"u","confidence":1e999}' }, 400],
      [
        'POST',
        '/v1/memories',
        {
          body: {
            content: 'x',
            userId: 'u',
            metadata: JSON.parse(`${'{"a":'.repeat(60)}1${'}'.repeat(60)}`),
          },
        },
        400,
      ],
      ['POST', '/v1/memories', { body: { messages: [], userId: 'u' } }, 400],
      ['POST', '/v1/memories/batch', { body: { memories: 'x' } }, 400],
      [
        'POST',
        '/v1/memories/batch',
        { body: { memories: [{ content: 'ok', userId: 'u' }, { content: '' }] } },
        400,
      ],
      [
        'POST',
        '/v1/memories/batch',
        { body: { memories: Array.from({ length: 1001 }, () => ({ content: 'x', userId: 'u' })) } },
        400,
      ],
      ['GET', '/v1/memories?userId=u&limit=abc', {}, 400],
      ['GET', '/v1/memories?userId=u&limit=100000', {}, 400],
      ['GET', '/v1/memories?userId=u&colour=red', {}, 400],
      ['GET', '/v1/memories?userId=u&userId=v', {}, 400],
      ['GET', '/v1/memories?userId=u&status=deleted', {}, 400],
      ['GET', '/v1/memories?userId=u&cursor=%27%3B%20DROP%20TABLE%20memories', {}, 400],
      ['GET', '/v1/memories', {}, 400],
      ['GET', '/v1/memories/..%2F..%2Fetc%2Fpasswd', {}, 400],
      ['GET', `/v1/memories/${id}%00`, {}, 400],
      ['PATCH', `/v1/memories/${id}`, { body: {} }, 400],
      ['PATCH', `/v1/memories/${id}`, { body: { content: 'x' } }, 404],
      ['POST', '/v1/search', { body: { query: '"unbalanced AND (NEAR', userId: 'u' } }, 200],
      ['POST', '/v1/search', { body: { query: "'; DROP TABLE memories; --", userId: 'u' } }, 200],
      ['POST', '/v1/search', { body: { query: 'x', userId: 'u', limit: 'ten' } }, 400],
      [
        'POST',
        '/v1/search',
        { body: { query: 'x', userId: 'u', filters: { metadata: { a: { $gt: 1 } } } } },
        400,
      ],
      ['POST', '/v1/context', { body: { query: 'x', userId: 'u', maxTokens: -1 } }, 400],
      ['POST', '/v1/context', { body: { query: 'x', userId: 'u', format: 'yaml' } }, 400],
      ['POST', '/v1/feedback', { body: { memoryId: 'nope', useful: true } }, 400],
      ['POST', '/v1/flush', { body: { timeoutMs: 'soon' } }, 400],
      ['DELETE', `/v1/users/${encodeURIComponent(' ')}`, {}, 400],
      ['GET', '/v1/graph?userId=u', {}, 400],
      ['GET', '/v1/graph?userId=u&entity=x&limit=0', {}, 400],
      ['POST', '/v1/import', { raw: 'not json\n' }, 400],
      ['GET', '/v1/export?userId=%20', {}, 400],
      ['GET', '/v1/export?user=u', {}, 400],
      ['GET', '/v1/memories/not-an-id/history', {}, 400],
      ['DELETE', '/v1/memories/not-an-id', {}, 400],
      ['GET', '/v1/status?userId=u&x=1', {}, 400],
      ['POST', '/v1/feedback', { body: { memoryId: id, useful: 'yes' } }, 400],
      ['POST', '/v1/memories/list', { body: {} }, 400],
      ['POST', '/v1/memories/list', { body: { userId: 'u', filters: { when: 12 } } }, 400],
      ['POST', '/v1/chat/completions', { body: { model: 'm', messages: 'hi' } }, 400],
      [
        'POST',
        '/v1/chat/completions',
        { body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } },
        400,
      ],
      [
        'POST',
        '/v1/chat/completions',
        { body: { model: 'm', messages: [{ role: 'user', content: 'hi' }], user: 'u' } },
        501,
      ],
      ['POST', '/mcp', { raw: '{"jsonrpc":' }, 400],
      ['GET', '/v1/nothing-here', {}, 404],
      ['PUT', '/v1/memories', { body: {} }, 405],
      ['GET', '/mcp', {}, 405],
    ]
    it.each(cases)('%s %s %j → %i', async (method, path, init, status) => {
      const before = (await call('GET', '/v1/status')).json.memories
      const res = await call(method, path, init)
      expect(res.status).toBe(status)
      if (status >= 400)
        expect(res.json).toEqual({
          error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
        })
      expect((await call('GET', '/v1/status')).json.memories).toBe(before)
    })

    it('answers a body over the limit with 413 and keeps serving', async () => {
      const res = await call('POST', '/v1/memories', {
        raw: JSON.stringify({ content: 'x'.repeat(2 * 1024 * 1024), userId: 'u' }),
      })
      expect(res.status).toBe(413)
      expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE')
      expect((await call('GET', '/healthz', { key: null })).status).toBe(200)
    })
  })

  describe('server: memories over HTTP', () => {
    it('adds a conversation, a batch, and streams export into import', async () => {
      const key = await server.tenantKey()
      const conversation = await call('POST', '/v1/memories', {
        key,
        body: {
          userId: 'alice',
          messages: [
            { role: 'user', name: 'Alice', content: 'I adopted a beagle called Max last week.' },
            { role: 'assistant', content: 'Congratulations on Max!' },
          ],
        },
      })
      expect(conversation.status).toBe(201)
      expect(conversation.json.episodes).toHaveLength(2)
      const batch = await call('POST', '/v1/memories/batch', {
        key,
        body: {
          memories: [
            { content: 'Alice is allergic to peanuts', userId: 'alice' },
            { content: 'Bob plays cello', userId: 'bob' },
          ],
        },
      })
      expect(batch.json.memories.map((m: { content: string }) => m.content)).toEqual([
        'Alice is allergic to peanuts',
        'Bob plays cello',
      ])
      const exported = await call('GET', '/v1/export?userId=alice', { key })
      expect(exported.headers.get('content-type')).toMatch(/application\/x-ndjson/)
      const other = await server.tenantKey()
      const imported = await call('POST', '/v1/import', { key: other, raw: exported.text })
      expect(imported.json.imported).toBe(exported.text.trim().split('\n').length - 1)
      const hits = await call('POST', '/v1/search', {
        key: other,
        body: { query: 'what is Alice allergic to', userId: 'alice' },
      })
      expect(hits.json.hits[0].memory.content).toBe('Alice is allergic to peanuts')
    })
  })
}

describe('server: operations', () => {
  it('serves health, readiness, metrics, OpenAPI and docs without a key', async () => {
    expect((await call('GET', '/healthz', { key: null })).json).toEqual({ status: 'ok' })
    expect((await call('GET', '/readyz', { key: null })).json).toEqual({ status: 'ready' })
    await call('GET', '/v1/memories?userId=u')
    const metrics = await call('GET', '/metrics', { key: null })
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(metrics.text).toMatch(
      /recall_http_requests_total\{method="GET",route="\/v1\/memories",status="200"\} \d+/,
    )
    expect(metrics.text).toMatch(
      /recall_http_request_duration_seconds_bucket\{method="GET",route="\/v1\/memories",le="\+Inf"\} \d+/,
    )
    expect(metrics.text).toMatch(/recall_store_size_bytes \d+/)
    expect(metrics.text).toMatch(
      /recall_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/,
    )
    expect(metrics.text).not.toMatch(/\/v1\/memories\/[0-9a-f]{8}-/)
    const doc = (await call('GET', '/openapi.json', { key: null })).json
    expect(doc.openapi).toBe('3.1.0')
    for (const [path, method] of [
      ['/v1/memories', 'post'],
      ['/v1/memories/{id}', 'patch'],
      ['/v1/search', 'post'],
      ['/v1/keys', 'post'],
      ['/v1/chat/completions', 'post'],
      ['/mcp', 'post'],
    ])
      expect(doc.paths[path as string][method as string]).toBeDefined()
    expect(
      doc.paths['/v1/search'].post.requestBody.content['application/json'].schema.properties.query,
    ).toBeDefined()
    // The status body is documented, and what the server answers fits what it documents.
    const statusDoc = doc.paths['/v1/status'].get.responses['200'].content['application/json'].schema
    expect(statusDoc.properties.activation).toMatchObject({ type: 'array', minItems: 10, maxItems: 10 })
    const key = await server.tenantKey()
    await call('POST', '/v1/memories', { key, body: { content: 'Alice keeps bees', userId: 'alice' } })
    await call('POST', '/v1/consolidate', { key, body: {} })
    const status = statusResponseSchema.parse((await call('GET', '/v1/status', { key })).json)
    expect(status.activation.reduce((a, b) => a + b, 0)).toBe(status.byStatus.active)
    expect(status.lastConsolidation).toMatchObject({ dryRun: false, users: 1, scanned: 1 })
    const docs = await call('GET', '/docs', { key: null })
    expect(docs.headers.get('content-type')).toMatch(/text\/html/)
    expect(docs.text).toContain('/v1/search')
    expect(docs.text).not.toMatch(/<script|(?:src|href)="https?:/)
  })

  it('rate limits per key with 429 and Retry-After, leaving other keys alone', async () => {
    const limited = await startTestServer({ rateLimit: { perMinute: 60, burst: 3 } })
    const tenant = await limited.tenantKey() // spends one of the admin key's three
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await limited.call('GET', '/v1/status')).status)
    expect(statuses).toEqual([200, 200, 429, 429])
    const res = await limited.call('GET', '/v1/status')
    expect(res.json.error.code).toBe('RATE_LIMITED')
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await limited.call('GET', '/v1/status', { key: tenant })).status).toBe(200)
  })
})

describe('server: logs and shutdown', () => {
  it('logs every request as a JSON line with the route pattern and never the key', async () => {
    const lines: string[] = []
    const logged = await startTestServer({
      log: (level, msg, fields) => lines.push(JSON.stringify({ level, msg, ...fields })),
    })
    const key = await logged.tenantKey()
    const added = await logged.call('POST', '/v1/memories', {
      key,
      body: { content: 'secret-marker-91', userId: 'u' },
    })
    await logged.call('GET', `/v1/memories/${added.json.id}`, { key })
    await logged.call('GET', '/v1/status', { key: 'ar_wrong-key-value' })
    const all = lines.join('\n')
    expect(lines.some((l) => l.includes('"route":"/v1/memories/:id"') && l.includes('"status":200'))).toBe(
      true,
    )
    expect(lines.some((l) => l.includes('"status":401'))).toBe(true)
    for (const secret of [key, ADMIN_KEY, 'ar_wrong-key-value', 'secret-marker-91', added.json.id])
      expect(all).not.toContain(secret)
  })

  it('finishes in-flight requests on close, then refuses new ones', async () => {
    const closing = await startTestServer()
    const memories = Array.from({ length: 1000 }, (_, i) => ({
      content: `Fact number ${i} about tea`,
      userId: 'u',
    }))
    const inFlight = closing.call('POST', '/v1/memories/batch', { body: { memories } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await closing.close()
    expect((await inFlight).status).toBe(201)
    await expect(fetch(`${closing.url}/healthz`)).rejects.toThrow()
  })
})
