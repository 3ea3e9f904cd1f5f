import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { generateText, simulateReadableStream, streamText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV3 } from 'ai/test'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memoryMiddleware } from '../src/ai-sdk/index.js'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory, type Memory, MemoryError } from '../src/index.js'
import { tempDir } from './helpers.js'

const embedder = await createLocalEmbedder()

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
}
const finishReason = { unified: 'stop', raw: 'stop' } as const

/** A model that answers `reply` to every generate call. */
const replying = (reply: string) =>
  new MockLanguageModelV3({
    doGenerate: async () => ({ content: [{ type: 'text', text: reply }], finishReason, usage, warnings: [] }),
  })

/** A model that streams `deltas` as one text block, a few ms apart. */
const streaming = (deltas: string[]) =>
  new MockLanguageModelV3({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunkDelayInMs: 5,
        chunks: [
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't1' },
          ...deltas.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
          { type: 'text-end', id: 't1' },
          { type: 'finish', finishReason, usage },
        ],
      }),
    }),
  })

let memory: Memory

beforeEach(async () => {
  memory = await createMemory({ path: ':memory:', embedder })
})

afterEach(async () => {
  await memory.close()
})

const contents = async (query: string, userId = 'alice') =>
  (await memory.search({ query, userId, recordAccess: false })).map((h) => h.memory.content)

describe('memoryMiddleware with generateText', () => {
  it('injects the relevant memory after the system prompt, keeps the output, stores the exchange', async () => {
    await memory.add({ content: 'Alice is allergic to peanuts', userId: 'alice' })
    await memory.add({ content: 'Bob is allergic to cats', userId: 'bob' })
    const model = replying('Avoid peanuts.')
    const result = await generateText({
      model: wrapLanguageModel({
        model,
        middleware: memoryMiddleware({ memory, userId: 'alice', sessionId: 'lunch' }),
      }),
      system: 'You are a careful cook.',
      prompt: 'What am I allergic to?',
    })
    expect(result.text).toBe('Avoid peanuts.')

    const prompt = model.doGenerateCalls[0]?.prompt ?? []
    expect(prompt).toHaveLength(3)
    expect(prompt[0]).toEqual({ role: 'system', content: 'You are a careful cook.' })
    expect(prompt[1]?.role).toBe('system')
    expect(prompt[1]?.content).toContain('Alice is allergic to peanuts')
    expect(prompt[1]?.content).not.toContain('cats')
    expect(prompt[2]).toMatchObject({
      role: 'user',
      content: [{ type: 'text', text: 'What am I allergic to?' }],
    })

    const hits = await memory.search({ query: 'allergic peanuts', userId: 'alice', recordAccess: false })
    const said = hits.find((h) => h.memory.content === 'user: What am I allergic to?')
    expect(said?.memory.sessionId).toBe('lunch')
    expect(hits.map((h) => h.memory.content)).toContain('assistant: Avoid peanuts.')
  })

  it('leaves the prompt as it is when the user has no memories', async () => {
    const model = replying('Hi!')
    await generateText({
      model: wrapLanguageModel({ model, middleware: memoryMiddleware({ memory, userId: 'nobody' }) }),
      prompt: 'Hello',
    })
    expect(model.doGenerateCalls[0]?.prompt).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
    ])
  })

  it('takes the user id from the call when given a function', async () => {
    await memory.add({ content: 'Bob plays the cello', userId: 'bob' })
    const model = replying('You play the cello.')
    const middleware = memoryMiddleware({
      memory,
      userId: (params) => String(params.providerOptions?.recall?.userId),
    })
    await generateText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'Which instrument do I play?',
      providerOptions: { recall: { userId: 'bob' } },
    })
    expect(model.doGenerateCalls[0]?.prompt[0]?.content).toContain('Bob plays the cello')
    expect(await contents('instrument', 'bob')).toContain('assistant: You play the cello.')
    expect(await contents('instrument', 'alice')).toEqual([])
  })

  it('reports a storage failure to onError and still returns the answer', async () => {
    const errors: unknown[] = []
    const failing: Pick<Memory, 'context' | 'add'> = {
      context: (input) => memory.context(input),
      add: async () => {
        throw new MemoryError('STORE_FAILED', 'disk full')
      },
    }
    const result = await generateText({
      model: wrapLanguageModel({
        model: replying('Noted.'),
        middleware: memoryMiddleware({ memory: failing, userId: 'alice', onError: (e) => errors.push(e) }),
      }),
      prompt: 'I like jazz',
    })
    expect(result.text).toBe('Noted.')
    expect(errors).toHaveLength(1)
    expect(MemoryError.is(errors[0]) && errors[0].code).toBe('STORE_FAILED')
  })
})

describe('memoryMiddleware with streamText', () => {
  it('passes the stream through unchanged and stores the exchange once it is consumed', async () => {
    const deltas = ['Lisbon ', 'is a lovely ', 'city to live in.']
    const middleware = memoryMiddleware({ memory, userId: 'alice' })
    const result = streamText({
      model: wrapLanguageModel({ model: streaming(deltas), middleware }),
      prompt: 'My sister Clara lives in Lisbon.',
    })
    const received: string[] = []
    for await (const text of result.textStream) received.push(text)
    expect(received).toEqual(deltas)
    expect(await result.text).toBe(deltas.join(''))

    const stored = await contents('Clara Lisbon')
    expect(stored).toContain('user: My sister Clara lives in Lisbon.')
    expect(stored).toContain('assistant: Lisbon is a lovely city to live in.')

    // A later call is given what was said.
    const model = streaming(['In Lisbon.'])
    const later = streamText({
      model: wrapLanguageModel({ model, middleware }),
      prompt: 'Where does my sister live?',
    })
    await later.consumeStream()
    const injected = model.doStreamCalls[0]?.prompt[0]
    expect(injected?.role).toBe('system')
    expect(injected?.content).toContain('My sister Clara lives in Lisbon.')
  })

  it('stores nothing when the stream reports an error', async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start', id: 't1' },
            { type: 'text-delta', id: 't1', delta: 'Half an ans' },
            { type: 'error', error: new Error('overloaded') },
          ],
        }),
      }),
    })
    const result = streamText({
      model: wrapLanguageModel({ model, middleware: memoryMiddleware({ memory, userId: 'alice' }) }),
      prompt: 'Tell me about my trip to Rome',
      onError: () => {},
    })
    await result.consumeStream()
    expect((await memory.list({ userId: 'alice' })).items).toEqual([])
  })
})

describe('adaptive-recall/ai-sdk', () => {
  it('loads without the ai package: it imports only its types', async () => {
    const dir = await tempDir('recall-ai-sdk-')
    // A resolve hook that fails the import of `ai` or any `@ai-sdk/*` package.
    await writeFile(
      join(dir, 'hooks.mjs'),
      `export async function resolve(specifier, context, next) {
        if (/^(ai|@ai-sdk\\/[^/]+)(\\/|$)/.test(specifier)) throw new Error('loaded ' + specifier)
        return next(specifier, context)
      }`,
    )
    await writeFile(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module'\nregister('./hooks.mjs', import.meta.url)\n`,
    )
    const run = (module: string) =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          '--import',
          join(dir, 'register.mjs'),
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(module)}); console.log(Object.keys(m).join())`,
        ],
        { cwd: fileURLToPath(new URL('..', import.meta.url)) },
      )
    expect((await run(fileURLToPath(new URL('../src/ai-sdk/index.ts', import.meta.url)))).stdout.trim()).toBe(
      'memoryMiddleware',
    )
    // The hook works: `ai` itself is refused.
    await expect(run('ai')).rejects.toThrow(/loaded ai/)
  })
})
