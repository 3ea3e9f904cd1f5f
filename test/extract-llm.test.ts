import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryError } from '../src/errors.js'
import { createHeuristicExtractor, createLlmExtractor } from '../src/extract/index.js'

const KEY = 'sk-test-secret-key-123'

interface Received {
  url: string
  headers: IncomingHttpHeaders
  body: {
    model: string
    temperature: number
    response_format: { type: string }
    messages: { role: string; content: string }[]
  }
}
/** What the server does with the n-th request (0-based): answer with this content, or handle `res` itself. */
type Script = (n: number, res: ServerResponse) => string | 'hang' | undefined

/** A real chat-completions server on 127.0.0.1 that records every request. */
async function startServer(script: Script) {
  const requests: Received[] = []
  const server = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    requests.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(raw) })
    const content = script(requests.length - 1, res)
    if (content === 'hang' || content === undefined || res.writableEnded) return
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
      }),
    )
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests }
}

const servers: ReturnType<typeof createServer>[] = []
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    server.close()
  }
})

const CHAT = {
  userId: 'caroline',
  messages: [
    {
      role: 'user' as const,
      name: 'Caroline',
      content: 'Hey Mel! I adopted a dog yesterday.',
      createdAt: '2023-05-08T13:56:00Z',
    },
    {
      role: 'assistant' as const,
      name: 'Melanie',
      content: 'Congrats! What is her name?',
      createdAt: '2023-05-08T13:57:00Z',
    },
    {
      role: 'user' as const,
      content: 'Her name is Luna.\nShe loves the beach.',
      createdAt: '2023-05-08T13:58:00Z',
    },
  ],
}
const HEURISTIC_FACTS = await createHeuristicExtractor().extract(CHAT)
const facts = (list: unknown[]) => JSON.stringify({ facts: list })
const error = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body)

describe('createLlmExtractor against a local chat-completions server', () => {
  it('sends the conversation and returns the parsed facts with their sources', async () => {
    const { url, requests } = await startServer(() =>
      facts([
        { content: 'Caroline adopted a dog on 7 May 2023.', sources: [0], observedAt: '2023-05-07' },
        { content: "Caroline's dog is named Luna and loves the beach.", sources: [2, 1] },
      ]),
    )
    const extractor = createLlmExtractor({ baseUrl: `${url}/`, model: 'gpt-test', apiKey: KEY })
    expect(extractor.id).toBe('llm:gpt-test')
    const report = await extractor.extractWithReport(CHAT)
    expect(report).toEqual({
      extractor: 'llm:gpt-test',
      fallbackReason: null,
      facts: [
        {
          content: 'Caroline adopted a dog on 7 May 2023.',
          sources: [0],
          observedAt: '2023-05-07T00:00:00.000Z',
        },
        { content: "Caroline's dog is named Luna and loves the beach.", sources: [1, 2] },
      ],
    })
    expect(requests).toHaveLength(1)
    const [request] = requests
    expect(request?.url).toBe('/v1/chat/completions')
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.body).toMatchObject({
      model: 'gpt-test',
      temperature: 0,
      response_format: { type: 'json_object' },
    })
    const [system, user] = request?.body.messages ?? []
    expect(system?.role).toBe('system')
    expect(system?.content).toMatch(/third person/)
    expect(system?.content).toMatch(/"facts"/)
    expect(user?.role).toBe('user')
    expect(user?.content).toContain(
      '[0] Monday 2023-05-08 13:56 UTC, Caroline (user): Hey Mel! I adopted a dog yesterday.',
    )
    expect(user?.content).toContain('[1] Monday 2023-05-08 13:57 UTC, Melanie (assistant): Congrats!')
    expect(user?.content).toContain(
      '[2] Monday 2023-05-08 13:58 UTC, caroline (user): Her name is Luna.\n    She loves the beach.',
    )
    expect(await extractor.extract(CHAT)).toEqual(report.facts)
  })

  it('falls back to the heuristic extractor when the answer is not JSON, and says why', async () => {
    const { url } = await startServer(() => 'Sure! Caroline adopted a dog.')
    const extractor = createLlmExtractor({ baseUrl: url, model: 'gpt-test', maxRetries: 0 })
    const report = await extractor.extractWithReport(CHAT)
    expect(report.extractor).toBe('heuristic@1')
    expect(report.facts).toEqual(HEURISTIC_FACTS)
    expect(report.facts.length).toBeGreaterThan(0)
    expect(report.fallbackReason).toMatch(
      /chat\/completions \(model gpt-test\) failed: the answer is not valid JSON/,
    )
    expect(await extractor.extract(CHAT)).toEqual(HEURISTIC_FACTS)
  })

  it('falls back when a source index is out of range, rejecting the whole answer', async () => {
    const { url } = await startServer(() =>
      facts([
        { content: 'Caroline adopted a dog.', sources: [0] },
        { content: 'Luna loves the beach.', sources: [3] },
      ]),
    )
    const report = await createLlmExtractor({ baseUrl: url, model: 'm' }).extractWithReport(CHAT)
    expect(report.facts).toEqual(HEURISTIC_FACTS)
    expect(report.fallbackReason).toMatch(/does not match the schema: facts\.1\.sources\.0/)
  })

  it('retries after an HTTP 500 and uses the answer that follows', async () => {
    const { url, requests } = await startServer((n, res) => {
      if (n === 0) error(res, 500, '{"error":{"message":"overloaded"}}', { 'retry-after-ms': '10' })
      return facts([{ content: 'Caroline adopted a dog.', sources: [0] }])
    })
    const report = await createLlmExtractor({ baseUrl: url, model: 'm', maxRetries: 1 }).extractWithReport(
      CHAT,
    )
    expect(requests).toHaveLength(2)
    expect(report).toEqual({
      extractor: 'llm:m',
      fallbackReason: null,
      facts: [{ content: 'Caroline adopted a dog.', sources: [0] }],
    })
  })

  it('falls back with the status once retries are spent', async () => {
    const { url, requests } = await startServer((_n, res) => {
      error(res, 503, '{"error":{"message":"model is loading"}}', { 'retry-after-ms': '5' })
      return undefined
    })
    const report = await createLlmExtractor({ baseUrl: url, model: 'm', maxRetries: 2 }).extractWithReport(
      CHAT,
    )
    expect(requests).toHaveLength(3)
    expect(report.fallbackReason).toMatch(/HTTP 503: .*model is loading/)
    expect(report.facts).toEqual(HEURISTIC_FACTS)
  })

  it('falls back when the server does not answer in time', async () => {
    const { url } = await startServer(() => 'hang')
    const started = Date.now()
    const report = await createLlmExtractor({
      baseUrl: url,
      model: 'm',
      timeoutMs: 200,
      maxRetries: 0,
    }).extractWithReport(CHAT)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(report.fallbackReason).toMatch(/timed out after 200 ms, 1 attempt/)
    expect(report.facts).toEqual(HEURISTIC_FACTS)
  })

  it('falls back on 401 with the status in the reason and never the key', async () => {
    const { url, requests } = await startServer((_n, res) => {
      error(res, 401, JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }))
      return undefined
    })
    const extractor = createLlmExtractor({ baseUrl: url, model: 'm', apiKey: KEY })
    const report = await extractor.extractWithReport(CHAT)
    expect(requests).toHaveLength(1)
    expect(report.extractor).toBe('heuristic@1')
    expect(report.fallbackReason).toMatch(/HTTP 401/)
    expect(report.fallbackReason).not.toContain(KEY)
    expect(JSON.stringify(report)).not.toContain(KEY)
  })

  it('falls back when nothing listens, using the fallback it was given', async () => {
    const { url } = await startServer(() => 'hang')
    servers.splice(0).forEach((server) => {
      server.closeAllConnections()
      server.close()
    })
    const fallback = { id: 'fixed@1', extract: async () => [{ content: 'A fixed fact.', sources: [0] }] }
    const report = await createLlmExtractor({
      baseUrl: url,
      model: 'm',
      maxRetries: 0,
      fallback,
    }).extractWithReport(CHAT)
    expect(report).toEqual({
      extractor: 'fixed@1',
      facts: [{ content: 'A fixed fact.', sources: [0] }],
      fallbackReason: expect.stringMatching(/network error \(ECONNREFUSED\)/),
    })
  })

  it('rejects with the reason when the caller aborts, without falling back', async () => {
    const { url } = await startServer(() => 'hang')
    const controller = new AbortController()
    const pending = createLlmExtractor({ baseUrl: url, model: 'm' }).extractWithReport(CHAT, {
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(new Error('user cancelled')), 50)
    await expect(pending).rejects.toThrow('user cancelled')
  })

  it('asks nothing for an empty conversation', async () => {
    const { url, requests } = await startServer(() => facts([]))
    const report = await createLlmExtractor({ baseUrl: url, model: 'm' }).extractWithReport({
      userId: 'u',
      messages: [],
    })
    expect(report).toEqual({ facts: [], extractor: 'llm:m', fallbackReason: null })
    expect(requests).toHaveLength(0)
  })

  it.each([
    ['a missing model', { baseUrl: 'http://127.0.0.1:1/v1', model: ' ' }],
    ['a bad URL', { baseUrl: 'not a url', model: 'm' }],
    ['credentials in the URL', { baseUrl: 'http://me:secret@127.0.0.1:1/v1', model: 'm' }],
    ['a bad timeout', { baseUrl: 'http://127.0.0.1:1/v1', model: 'm', timeoutMs: 0 }],
    ['negative retries', { baseUrl: 'http://127.0.0.1:1/v1', model: 'm', maxRetries: -1 }],
  ])('rejects %s with INVALID_INPUT', (_label, options) => {
    let thrown: unknown
    try {
      createLlmExtractor(options)
    } catch (e) {
      thrown = e
    }
    expect(MemoryError.is(thrown) && thrown.code).toBe('INVALID_INPUT')
  })
})
