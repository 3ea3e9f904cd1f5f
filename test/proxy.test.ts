import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory, HTTP_STATUS, type Memory, MemoryError } from '../src/index.js'
import { type ChatProxyOptions, handleChatCompletions } from '../src/proxy/index.js'
import { tempDir } from './helpers.js'
import { type OpenAIUpstream, startOpenAIUpstream } from './openai-upstream.js'

const embedder = await createLocalEmbedder()
const dataRoot = await tempDir('recall-proxy-')

/**
 * `handleChatCompletions` mounted the way a server mounts it: body parsed as
 * JSON, MemoryErrors thrown before any response turned into `{ error }`.
 * `settled()` waits for every handler so far (they resolve once the exchange is stored).
 */
async function startProxy(options: () => Omit<ChatProxyOptions, 'body'>) {
  const handlers: Promise<void>[] = []
  const server = createServer((req, res) => {
    const handled = (async () => {
      let raw = ''
      for await (const chunk of req) raw += chunk
      try {
        await handleChatCompletions(req, res, { ...options(), body: JSON.parse(raw) })
      } catch (error) {
        if (res.headersSent) throw error
        const code = MemoryError.is(error) ? error.code : 'INTERNAL'
        res.writeHead(HTTP_STATUS[code], { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { code, message: (error as Error).message } }))
      }
    })()
    handlers.push(handled)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    settled: () => Promise.all(handlers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

type TestProxy = Awaited<ReturnType<typeof startProxy>>

const post = (url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ar_recall_key', ...headers },
    body: JSON.stringify(body),
    signal,
  })

const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-test',
  messages: [{ role: 'user', content }],
  ...extra,
})

const systemMessages = (upstream: OpenAIUpstream) =>
  (upstream.requests.at(-1)?.body.messages ?? []).filter((m) => m.role === 'system').map((m) => m.content)

/** Rejects if `promise` takes longer than `ms`: a buffering proxy fails instead of hanging. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

let memory: Memory
let upstream: OpenAIUpstream
let proxy: TestProxy
let proxyOptions: Omit<ChatProxyOptions, 'body' | 'memory'>
let errors: unknown[]

beforeEach(async () => {
  memory = await createMemory({ path: ':memory:', embedder })
  upstream = await startOpenAIUpstream()
  errors = []
  proxyOptions = { upstream: { baseUrl: upstream.url }, onError: (e) => errors.push(e) }
  proxy = await startProxy(() => ({ memory, ...proxyOptions }))
})

afterEach(async () => {
  await proxy.close()
  await upstream.close()
  await memory.close()
})

describe('OpenAI-compatible proxy: context', () => {
  it("injects the user's relevant memories as a system message after the caller's own", async () => {
    await memory.add({ content: 'Alice is allergic to peanuts', userId: 'alice' })
    await memory.add({ content: 'Bob is allergic to cats', userId: 'bob' })
    const body = {
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'You are a careful cook.' },
        { role: 'user', content: [{ type: 'text', text: 'What am I allergic to?' }] },
      ],
      temperature: 0.2,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    }
    const res = await post(proxy.url, body, { 'x-recall-user-id': 'alice' })
    expect(res.status).toBe(200)
    await res.text()

    const sent = upstream.requests[0]?.body
    expect(sent?.messages).toHaveLength(3)
    expect(sent?.messages[0]).toEqual(body.messages[0])
    expect(sent?.messages[1]?.role).toBe('system')
    expect(sent?.messages[1]?.content).toContain('Alice is allergic to peanuts')
    expect(sent?.messages[1]?.content).not.toContain('cats')
    expect(sent?.messages[2]).toEqual(body.messages[1])
    // Every other field goes upstream as sent.
    expect(sent?.temperature).toBe(0.2)
    expect(sent?.tools).toEqual(body.tools)
    expect(sent?.model).toBe('gpt-test')
    expect(Number(res.headers.get('x-recall-context-tokens'))).toBeGreaterThan(10)
  })

  it('injects nothing, first or otherwise, when the user has no memories', async () => {
    const res = await post(proxy.url, ask('Hello there', { user: 'nobody' }))
    await res.text()
    expect(upstream.requests[0]?.body.messages).toEqual([{ role: 'user', content: 'Hello there' }])
    expect(res.headers.get('x-recall-context-tokens')).toBe('0')
  })

  it('puts the memory block first when the caller sent no system message', async () => {
    await memory.add({ content: 'Alice is allergic to peanuts', userId: 'alice' })
    await (await post(proxy.url, ask('Any allergies?', { user: 'alice' }))).text()
    const [first, second] = upstream.requests[0]?.body.messages ?? []
    expect(first?.role).toBe('system')
    expect(first?.content).toContain('peanuts')
    expect(second).toEqual({ role: 'user', content: 'Any allergies?' })
    // The body's `user` names the memory and still goes upstream.
    expect(upstream.requests[0]?.body.user).toBe('alice')
  })
})

describe('OpenAI-compatible proxy: relaying', () => {
  it('returns a non-stream answer byte for byte, and stores the exchange', async () => {
    upstream.set({ reply: 'Porto has lovely tiles.' })
    const res = await post(proxy.url, ask('I am moving to Porto next month.'), {
      'x-recall-user-id': 'alice',
      'x-recall-session-id': 'trip',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.text()).toBe(upstream.sent[0])
    await proxy.settled()

    const hits = await memory.search({ query: 'Porto', userId: 'alice' })
    const contents = hits.map((h) => h.memory.content)
    expect(contents).toContain('user: I am moving to Porto next month.')
    expect(contents).toContain('assistant: Porto has lovely tiles.')
    expect(hits.find((h) => h.memory.content.startsWith('user:'))?.memory.sessionId).toBe('trip')
    expect(errors).toEqual([])
  })

  it('relays a stream chunk by chunk as it arrives, unchanged', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    upstream.set({ reply: 'Lisbon is a lovely city to live in.', beforeLastChunk: () => held })
    const res = await post(proxy.url, ask('My sister Clara lives in Lisbon.', { stream: true }), {
      'x-recall-user-id': 'alice',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    expect(res.headers.get('x-recall-context-tokens')).toBe('0')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    // The upstream holds back [DONE] until released: a buffering proxy would never answer.
    const first = await within(reader.read(), 5000, 'the first chunk')
    let received = decoder.decode(first.value, { stream: true })
    expect(received).toMatch(/^data: \{/)
    expect(received).not.toContain('[DONE]')
    expect(upstream.sent).toHaveLength(0)
    release()
    for (let r = await reader.read(); !r.done; r = await reader.read())
      received += decoder.decode(r.value, { stream: true })
    expect(received).toBe(upstream.sent[0])
    expect(received.endsWith('data: [DONE]\n\n')).toBe(true)
    await proxy.settled()

    // The reply was reassembled from the deltas and stored with the user's message.
    const contents = (await memory.search({ query: 'Clara Lisbon', userId: 'alice' })).map(
      (h) => h.memory.content,
    )
    expect(contents).toContain('user: My sister Clara lives in Lisbon.')
    expect(contents).toContain('assistant: Lisbon is a lovely city to live in.')

    // A later request gets what was said as context.
    const later = await post(proxy.url, ask('Where does my sister live?', { stream: true }), {
      'x-recall-user-id': 'alice',
    })
    await later.text()
    expect(Number(later.headers.get('x-recall-context-tokens'))).toBeGreaterThan(0)
    expect(systemMessages(upstream).join('\n')).toContain('My sister Clara lives in Lisbon.')
  })

  it('stores only the new user messages of the turn, not the earlier history', async () => {
    const body = {
      model: 'gpt-test',
      messages: [
        { role: 'user', content: 'I play the cello.' },
        { role: 'assistant', content: 'Nice!' },
        { role: 'user', content: 'I also collect stamps.' },
      ],
    }
    await (await post(proxy.url, body, { 'x-recall-user-id': 'alice' })).text()
    await proxy.settled()
    const page = await memory.list({ userId: 'alice', limit: 100 })
    const episodes = page.items.filter((m) => m.type === 'episode').map((m) => m.content)
    expect(episodes.sort()).toEqual(['assistant: Hello!', 'user: I also collect stamps.'])
  })

  it('aborts the upstream request when the client disconnects, and stores nothing', async () => {
    let release = () => {}
    upstream.set({
      beforeLastChunk: () =>
        new Promise<void>((resolve) => {
          release = resolve
        }),
    })
    const client = new AbortController()
    const res = await post(
      proxy.url,
      ask('Remember my locker code is 4512', { stream: true }),
      { 'x-recall-user-id': 'alice' },
      client.signal,
    )
    await (res.body as ReadableStream<Uint8Array>).getReader().read()
    client.abort()
    await vi.waitFor(() => expect(upstream.aborted).toBe(1))
    release()
    await proxy.settled()
    expect((await memory.list({ userId: 'alice' })).items).toEqual([])
  })
})

describe('OpenAI-compatible proxy: errors and keys', () => {
  it('rejects a request without a user id with 400 INVALID_INPUT, before calling upstream', async () => {
    const res = await post(proxy.url, ask('Hi'))
    expect(res.status).toBe(400)
    const { error } = (await res.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toMatch(/x-recall-user-id/)
    expect(upstream.requests).toHaveLength(0)
  })

  it('rejects a body without messages with 400 INVALID_INPUT', async () => {
    const res = await post(proxy.url, { model: 'gpt-test' }, { 'x-recall-user-id': 'alice' })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/messages/)
  })

  it('passes an upstream error through with its status and body, and stores nothing', async () => {
    upstream.set({ status: 401 })
    const res = await post(proxy.url, ask('Hi, I live in Oslo'), { 'x-recall-user-id': 'alice' })
    expect(res.status).toBe(401)
    expect(await res.text()).toBe(upstream.sent[0])
    await proxy.settled()
    expect((await memory.list({ userId: 'alice' })).items).toEqual([])
  })

  it('answers 502 UPSTREAM_FAILED when the upstream is down', async () => {
    await upstream.close()
    const res = await post(proxy.url, ask('Hi'), { 'x-recall-user-id': 'alice' })
    expect(res.status).toBe(502)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UPSTREAM_FAILED')
  })

  it('answers 501 NOT_CONFIGURED without an upstream', async () => {
    proxyOptions = {}
    const res = await post(proxy.url, ask('Hi'), { 'x-recall-user-id': 'alice' })
    expect(res.status).toBe(501)
    const { error } = (await res.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('NOT_CONFIGURED')
    expect(error.message).toMatch(/RECALL_UPSTREAM_URL/)
  })

  it("forwards the caller's upstream key, else the configured one, and never the Recall key", async () => {
    proxyOptions = { upstream: { baseUrl: upstream.url, apiKey: 'sk-configured' } }
    await (await post(proxy.url, ask('Hi'), { 'x-recall-user-id': 'alice' })).text()
    await (
      await post(proxy.url, ask('Hi'), {
        'x-recall-user-id': 'alice',
        'x-upstream-authorization': 'Bearer sk-mine',
      })
    ).text()
    proxyOptions = { upstream: { baseUrl: upstream.url } }
    await (await post(proxy.url, ask('Hi'), { 'x-recall-user-id': 'alice' })).text()
    expect(upstream.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer sk-configured',
      'Bearer sk-mine',
      undefined,
    ])
    expect(upstream.requests.map((r) => r.path)).toEqual(Array(3).fill('/v1/chat/completions'))
    for (const r of upstream.requests) expect(JSON.stringify(r.headers)).not.toContain('ar_recall_key')
  })

  it('reports a storage failure through onError without touching the answer', async () => {
    const failing: Pick<Memory, 'context' | 'add'> = {
      context: (input) => memory.context(input),
      add: async () => {
        throw new MemoryError('STORE_FAILED', 'disk full')
      },
    }
    const failingProxy = await startProxy(() => ({ ...proxyOptions, memory: failing }))
    try {
      const res = await post(failingProxy.url, ask('I like jazz', { stream: true }), {
        'x-recall-user-id': 'alice',
      })
      expect(res.status).toBe(200)
      expect(await res.text()).toBe(upstream.sent[0])
      await failingProxy.settled()
      expect(errors).toHaveLength(1)
      expect(MemoryError.is(errors[0]) && errors[0].code).toBe('STORE_FAILED')
    } finally {
      await failingProxy.close()
    }
  })
})

describe('OpenAI-compatible proxy: through the real server', () => {
  const ADMIN_KEY = 'proxy-admin-key-0123456789abcdef'

  it('serves /v1/chat/completions for the admin key, and refuses a bad key with 401', async () => {
    const { startServer } = await import('../src/server/index.js')
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dataRoot, 'server'),
      adminKey: ADMIN_KEY,
      embedder,
      log: false,
      upstream: { baseUrl: upstream.url },
    })
    try {
      const tenant = server.engine.tenant('default')
      await tenant.add({ content: 'Alice is allergic to peanuts', userId: 'alice' })
      const url = `${server.url}/v1/chat/completions`
      const body = ask('What am I allergic to?', { stream: true })
      const res = await post(url, body, { authorization: `Bearer ${ADMIN_KEY}`, 'x-recall-user-id': 'alice' })
      expect(res.status).toBe(200)
      expect(Number(res.headers.get('x-recall-context-tokens'))).toBeGreaterThan(0)
      expect(await res.text()).toBe(upstream.sent[0])
      expect(systemMessages(upstream).join('\n')).toContain('Alice is allergic to peanuts')
      // The Adaptive Recall key authenticates to the server only.
      expect(upstream.requests[0]?.headers.authorization).toBeUndefined()
      await vi.waitFor(async () => {
        const hits = await tenant.search({ query: 'allergic', userId: 'alice', recordAccess: false })
        expect(hits.map((h) => h.memory.content)).toContain('assistant: Hello!')
      })

      const refused = await post(url, body, {
        authorization: 'Bearer not-a-key',
        'x-recall-user-id': 'alice',
      })
      expect(refused.status).toBe(401)
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED')
      expect(upstream.requests).toHaveLength(1)
    } finally {
      await server.close()
    }
  })
})
