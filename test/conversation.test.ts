import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createLlmExtractor } from '../src/extract/index.js'
import { createMemory, MemoryError } from '../src/index.js'
import { startChatServer } from './chat-server.js'
import { tempDir } from './helpers.js'

const dir = await tempDir()
const embedder = await createLocalEmbedder()
let n = 0
const freshPath = () => join(dir, `conv-${n++}.db`)

const CHAT = [
  {
    role: 'user' as const,
    name: 'Caroline',
    content: 'Hey Mel! I adopted a dog yesterday, her name is Luna.',
    createdAt: '2023-05-08T13:56:00Z',
  },
  {
    role: 'assistant' as const,
    name: 'Melanie',
    content: 'Wow, congrats! What breed is she?',
    createdAt: '2023-05-08T13:57:00Z',
  },
  {
    role: 'user' as const,
    name: 'Caroline',
    content: 'She is a golden retriever. I take her to the park every morning.',
    createdAt: '2023-05-08T13:58:00Z',
  },
]

describe('conversation ingestion', () => {
  it('keeps every message as an episode and extracts attributed facts linked to them', async () => {
    const memory = await createMemory({ path: freshPath(), embedder })
    const result = await memory.add({ messages: CHAT, userId: 'caroline', sessionId: 's1' })
    expect(result.episodes).toHaveLength(3)
    expect(result.jobId).toBeNull()
    expect(result.facts.length).toBeGreaterThan(0)
    const episode = await memory.get(result.episodes[0] as string)
    expect(episode).toMatchObject({
      type: 'episode',
      content: 'Caroline: Hey Mel! I adopted a dog yesterday, her name is Luna.',
      sessionId: 's1',
      observedAt: '2023-05-08T13:56:00.000Z',
      metadata: { role: 'user', speaker: 'Caroline' },
    })
    const facts = await Promise.all(result.facts.map((id) => memory.get(id)))
    const adopted = facts.find((f) => f?.content.includes('adopted a dog'))
    expect(adopted?.content).toMatch(/^Caroline adopted a dog/)
    expect(adopted?.content).toMatch(/7 May 2023|2023-05-07/)
    expect(adopted?.type).toBe('fact')
    expect(adopted?.metadata).toMatchObject({ provenance: { messageIds: [result.episodes[0]] } })
    expect(facts.some((f) => /What breed/.test(f?.content ?? ''))).toBe(false)
    const [hit] = await memory.search({ query: 'When did Caroline adopt a dog?', userId: 'caroline' })
    expect(hit?.memory.content).toMatch(/adopt/)
    await memory.close()
  })

  it('is idempotent: the same messages again create nothing', async () => {
    const memory = await createMemory({ path: freshPath(), embedder })
    const first = await memory.add({ messages: CHAT, userId: 'caroline', sessionId: 's1' })
    const again = await memory.add({ messages: CHAT, userId: 'caroline', sessionId: 's1' })
    expect(again.created).toEqual([])
    expect(again.episodes).toEqual(first.episodes)
    const withIds = CHAT.map((m, i) => ({ ...m, createdAt: undefined, id: `m${i}` }))
    const a = await memory.add({ messages: withIds, userId: 'caroline', sessionId: 's2' })
    const b = await memory.add({ messages: withIds, userId: 'caroline', sessionId: 's2' })
    expect(a.created.length).toBeGreaterThan(0)
    expect(b.created).toEqual([])
    expect((await memory.stats()).memories).toBe(first.created.length + a.created.length)
    await memory.close()
  })

  it.each([
    ['no messages', { messages: [], userId: 'u' }],
    ['bad role', { messages: [{ role: 'robot', content: 'x' }], userId: 'u' }],
    ['empty content', { messages: [{ role: 'user', content: ' ' }], userId: 'u' }],
    ['bad time', { messages: [{ role: 'user', content: 'x', createdAt: 'noon' }], userId: 'u' }],
  ])('rejects %s with INVALID_INPUT and stores nothing', async (_label, input) => {
    const memory = await createMemory({ path: ':memory:', embedder })
    const error = await memory.add(input as never).catch((e: unknown) => e)
    expect(MemoryError.is(error) && error.code).toBe('INVALID_INPUT')
    expect((await memory.stats()).memories).toBe(0)
    await memory.close()
  })

  it('extracts with an LLM in the background; flush waits for it', async () => {
    const server = await startChatServer({
      delayMs: 200,
      reply: () =>
        JSON.stringify({
          facts: [{ content: 'Caroline adopted a dog named Luna on 2023-05-07.', sources: [0] }],
        }),
    })
    try {
      const extractor = createLlmExtractor({ baseUrl: server.url, model: 'test-model', apiKey: 'sk-test' })
      const memory = await createMemory({ path: freshPath(), embedder, extractor })
      const result = await memory.add({ messages: CHAT, userId: 'caroline', sessionId: 's1' })
      expect(result.jobId).not.toBeNull()
      expect(result.facts).toEqual([])
      expect((await memory.stats()).byType).toEqual({ episode: 3 })
      await memory.flush()
      expect((await memory.stats()).byType).toEqual({ episode: 3, fact: 1 })
      const [hit] = await memory.search({ query: 'Luna', userId: 'caroline', filters: { types: ['fact'] } })
      expect(hit?.memory.metadata).toMatchObject({
        provenance: { extractor: 'llm:test-model', messageIds: [result.episodes[0]] },
      })
      expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test')
      await memory.close()
    } finally {
      await server.close()
    }
  })

  it('falls back to the heuristic extractor and records why', async () => {
    const server = await startChatServer({ reply: () => 'this is not JSON' })
    try {
      const extractor = createLlmExtractor({ baseUrl: server.url, model: 'test-model', maxRetries: 0 })
      const memory = await createMemory({ path: freshPath(), embedder, extractor })
      await memory.add({ messages: CHAT, userId: 'caroline' })
      await memory.flush()
      const facts = await memory.list({ userId: 'caroline', filters: { types: ['fact'] } })
      expect(facts.items.length).toBeGreaterThan(0)
      expect(facts.items[0]?.metadata).toMatchObject({ provenance: { fallbackReason: expect.any(String) } })
      await memory.close()
    } finally {
      await server.close()
    }
  })

  it('finishes extraction jobs after the process that queued them was killed', async () => {
    const path = freshPath()
    const slow = await startChatServer({ delayMs: 60_000, reply: () => '{"facts":[]}' })
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/queue-and-die.ts'), path, slow.url],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    const queued = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()))
      child.on('exit', (code) => reject(new Error(`child exited ${code} before queueing`)))
    })
    child.kill('SIGKILL')
    await slow.close()
    expect(queued).toMatch(/^queued /)
    const fast = await startChatServer({
      reply: () =>
        JSON.stringify({ facts: [{ content: 'Caroline adopted a dog named Luna.', sources: [0] }] }),
    })
    try {
      const extractor = createLlmExtractor({ baseUrl: fast.url, model: 'test-model' })
      const memory = await createMemory({ path, embedder, extractor })
      await memory.flush({ timeoutMs: 200_000 })
      expect((await memory.stats()).byType).toMatchObject({ episode: 3, fact: 1 })
      await memory.close()
    } finally {
      await fast.close()
    }
  }, 240_000)
})

describe('background extraction across tenants', () => {
  it('stores facts in the tenant that queued the job, whichever memory runs it', async () => {
    const path = freshPath()
    // Tenant A's model hangs, and its short lease lets tenant B's worker take the job over.
    const slow = await startChatServer({ delayMs: 30_000, reply: () => '{"facts":[]}' })
    const fast = await startChatServer({
      reply: () =>
        JSON.stringify({ facts: [{ content: 'Caroline adopted a dog named Luna.', sources: [0] }] }),
    })
    try {
      const slowExtractor = createLlmExtractor({ baseUrl: slow.url, model: 'slow', timeoutMs: 60_000 })
      const tenantA = await createMemory({
        path,
        embedder,
        extractor: slowExtractor,
        tenantId: 'tenant-a',
        jobLeaseMs: 300,
      })
      const fastExtractor = createLlmExtractor({ baseUrl: fast.url, model: 'fast' })
      await tenantA.add({ messages: CHAT, userId: 'caroline' })
      await new Promise((resolve) => setTimeout(resolve, 400))
      const tenantB = await createMemory({ path, embedder, extractor: fastExtractor, tenantId: 'tenant-b' })
      await tenantB.flush()
      const [fact] = (await tenantA.list({ userId: 'caroline', filters: { types: ['fact'] } })).items
      expect(fact).toMatchObject({ tenantId: 'tenant-a', content: 'Caroline adopted a dog named Luna.' })
      expect((await tenantB.stats()).memories).toBe(0)
      await tenantB.close()
      await slow.close()
      await tenantA.close()
    } finally {
      await fast.close()
    }
  }, 60_000)
})
