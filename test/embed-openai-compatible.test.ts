import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createOpenAICompatibleEmbedder } from '../src/embed/index.js'
import { MemoryError } from '../src/errors.js'

const KEY = 'sk-test-secret-key-123'

interface Received {
  url: string
  headers: IncomingHttpHeaders
  body: { model: string; input: string[]; encoding_format: string; dimensions?: number }
}
/** What the server does with the n-th request (0-based); `undefined` answers normally. */
type Script = (n: number, request: Received, res: ServerResponse) => 'hang' | undefined

/** A real embeddings server on 127.0.0.1: "text-<k>" embeds as [1, k, 0], returned in reverse order. */
async function startServer(script: Script = () => undefined) {
  const requests: Received[] = []
  const server = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    const request: Received = { url: req.url ?? '', headers: req.headers, body: JSON.parse(raw) }
    requests.push(request)
    if (script(requests.length - 1, request, res) === 'hang' || res.writableEnded) return
    const data = request.body.input.map((text, index) => ({
      index,
      embedding: [1, Number(text.split('-')[1] ?? 0), 0],
    }))
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ object: 'list', data: data.reverse(), model: request.body.model }))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  servers.push(server)
  return { url, requests }
}

const servers: ReturnType<typeof createServer>[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    server.close()
  }
})

const reply = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body)
const texts = (n: number) => Array.from({ length: n }, (_, k) => `text-${k}`)
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e,
  )

describe('createOpenAICompatibleEmbedder against a local server', () => {
  it('batches, keeps order, sends the protocol fields and returns unit vectors', async () => {
    const { url, requests } = await startServer()
    const embedder = await createOpenAICompatibleEmbedder({ baseUrl: `${url}/`, model: 'm', dimensions: 3 })
    const vectors = await embedder.embed(texts(150))
    expect(requests.map((r) => r.body.input.length)).toEqual([64, 64, 22])
    expect(requests[0]?.url).toBe('/v1/embeddings')
    expect(requests[0]?.body).toMatchObject({ model: 'm', encoding_format: 'float', dimensions: 3 })
    expect(vectors.map((v) => Math.round((v[1] as number) / (v[0] as number)))).toEqual(
      texts(150).map((_, k) => k),
    )
    for (const v of vectors) expect(Math.hypot(...v)).toBeCloseTo(1, 6)
    expect(await embedder.embed([])).toEqual([])
  })

  it('sends the bearer key and extra headers', async () => {
    const { url, requests } = await startServer()
    await createOpenAICompatibleEmbedder({
      baseUrl: url,
      model: 'm',
      apiKey: KEY,
      headers: { 'x-team': 'recall' },
    })
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(requests[0]?.headers['x-team']).toBe('recall')
  })

  it('probes the dimensions once when not given', async () => {
    const { url, requests } = await startServer()
    const embedder = await createOpenAICompatibleEmbedder({ baseUrl: url, model: 'nomic' })
    expect(embedder.dimensions).toBe(3)
    expect(embedder.id).toBe('openai-compatible:nomic:3')
    expect(requests).toHaveLength(1)
    expect(requests[0]?.body.dimensions).toBeUndefined()
    await embedder.embed(['text-1'])
    expect(requests).toHaveLength(2)
  })

  it('retries a 500 and then succeeds', async () => {
    const { url, requests } = await startServer((n, _req, res) =>
      n === 0 ? void reply(res, 500, '{}') : undefined,
    )
    const embedder = await createOpenAICompatibleEmbedder({ baseUrl: url, model: 'm', dimensions: 3 })
    expect(await embedder.embed(['text-5'])).toHaveLength(1)
    expect(requests).toHaveLength(2)
  })

  it('waits as long as Retry-After says on a 429', async () => {
    const { url, requests } = await startServer((n, _req, res) =>
      n === 0 ? void reply(res, 429, '{}', { 'retry-after': '1' }) : undefined,
    )
    const embedder = await createOpenAICompatibleEmbedder({ baseUrl: url, model: 'm', dimensions: 3 })
    const started = Date.now()
    await embedder.embed(['text-1'])
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(requests).toHaveLength(2)
  })

  it('does not retry a 400 and reports the status', async () => {
    const { url, requests } = await startServer(
      (_n, _req, res) => void reply(res, 400, '{"error":"bad model"}'),
    )
    const error = await failure(createOpenAICompatibleEmbedder({ baseUrl: url, model: 'm' }))
    expect(error).toMatchObject({ code: 'EMBED_FAILED', details: { status: 400 } })
    expect((error as Error).message).toMatch(/HTTP 400.*bad model/)
    expect(requests).toHaveLength(1)
  })

  it('fails with EMBED_FAILED after timing out on every attempt', async () => {
    const { url, requests } = await startServer(() => 'hang')
    const options = { baseUrl: url, model: 'm', timeoutMs: 150, maxRetries: 1 }
    const error = await failure(createOpenAICompatibleEmbedder(options))
    expect(MemoryError.is(error) && error.code).toBe('EMBED_FAILED')
    expect((error as Error).message).toMatch(/timed out after 150 ms, 2 attempt/)
    expect(requests).toHaveLength(2)
  })

  it('fails with EMBED_FAILED when nothing listens', async () => {
    const { url } = await startServer()
    for (const server of servers.splice(0)) server.close()
    const error = await failure(createOpenAICompatibleEmbedder({ baseUrl: url, model: 'm', maxRetries: 1 }))
    expect((error as Error).message).toMatch(/network error \(ECONNREFUSED\), 2 attempt/)
  })

  it.each([
    ['malformed JSON', '{"data": [', /not valid JSON/],
    ['a NaN literal', '{"data":[{"index":0,"embedding":[1,NaN,0]}]}', /not valid JSON/],
    ['a null value', '{"data":[{"index":0,"embedding":[1,null,0]}]}', /not a finite number/],
    ['too few embeddings', '{"data":[]}', /expected 1 embeddings, got 0/],
    ['the wrong length', '{"data":[{"index":0,"embedding":[1,0]}]}', /2 dimensions, expected 3/],
    ['an out-of-range index', '{"data":[{"index":1,"embedding":[1,0,0]}]}', /out-of-range index: 1/],
    ['a zero vector', '{"data":[{"index":0,"embedding":[0,0,0]}]}', /cannot be normalised/],
    ['no data', '{"error":"oops"}', /no "data" array/],
  ])('rejects a response with %s as EMBED_FAILED', async (_name, body, message) => {
    const { url } = await startServer((n, _req, res) => (n > 0 ? void reply(res, 200, body) : undefined))
    const embedder = await createOpenAICompatibleEmbedder({ baseUrl: url, model: 'm', maxRetries: 0 })
    const error = await failure(embedder.embed(['text-1']))
    expect(error).toMatchObject({ code: 'EMBED_FAILED', message: expect.stringMatching(message) })
  })

  it('stops at once when the caller aborts, during a request or a backoff', async () => {
    const { url, requests } = await startServer((n, _req, res) =>
      n === 0 ? 'hang' : void reply(res, 503, '{}', { 'retry-after': '20' }),
    )
    const embedder = await createOpenAICompatibleEmbedder({ baseUrl: url, model: 'm', dimensions: 3 })
    for (const expected of [1, 2]) {
      const controller = new AbortController()
      setTimeout(() => controller.abort(), 200)
      const started = Date.now()
      const error = await failure(embedder.embed(['text-1'], { signal: controller.signal }))
      expect((error as Error).name).toBe('AbortError')
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(requests).toHaveLength(expected)
    }
  })

  it('never puts the API key in an error message', async () => {
    const { url } = await startServer(
      (_n, req, res) => void reply(res, 401, `bad key ${req.headers.authorization}`),
    )
    const error = await failure(createOpenAICompatibleEmbedder({ baseUrl: url, model: 'm', apiKey: KEY }))
    expect((error as Error).message).toContain('HTTP 401: bad key Bearer [redacted]')
    expect(JSON.stringify({ ...(error as MemoryError), message: (error as Error).message })).not.toContain(
      KEY,
    )
  })

  it.each([
    ['an empty baseUrl', { baseUrl: '', model: 'm' }],
    ['a baseUrl that is not a URL', { baseUrl: 'localhost:8080', model: 'm' }],
    ['a non-http baseUrl', { baseUrl: 'ftp://example.com/v1', model: 'm' }],
    ['credentials in the baseUrl', { baseUrl: 'http://user:pw@127.0.0.1:9/v1', model: 'm' }],
    ['an empty model', { baseUrl: 'http://127.0.0.1:9/v1', model: ' ' }],
    ['a zero batch size', { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', batchSize: 0 }],
    ['negative retries', { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', maxRetries: -1 }],
  ])('rejects %s with INVALID_INPUT', async (_name, options) => {
    await expect(createOpenAICompatibleEmbedder(options)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})
