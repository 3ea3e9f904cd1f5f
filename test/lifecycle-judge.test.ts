import { describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory } from '../src/index.js'
import { startChatServer } from './chat-server.js'

const embedder = await createLocalEmbedder()

describe('lifecycle with an LLM judge (a local server speaking the chat-completions protocol)', () => {
  it('asks the judge about similar pairs the rules leave undecided, and follows its verdict', async () => {
    const server = await startChatServer({
      reply: (req) => {
        const { newer } = JSON.parse(req.body.messages.at(-1)?.content ?? '{}') as { newer: string }
        if (newer.includes('10am'))
          return JSON.stringify({ verdict: 'contradiction', reason: 'the time changed' })
        if (newer.includes('will be held')) return JSON.stringify({ verdict: 'duplicate', reason: 'same' })
        return 'not json at all'
      },
    })
    const memory = await createMemory({
      path: ':memory:',
      embedder,
      lifecycle: { judge: { baseUrl: server.url, model: 'judge-model', apiKey: 'sk-judge' } },
    })
    const standup = await memory.add({
      content: "The team's daily standup meeting is at 9am",
      userId: 'u',
      observedAt: '2024-01-01T00:00:00Z',
    })
    const moved = await memory.add({
      content: "The team's daily standup meeting is now at 10am",
      userId: 'u',
      observedAt: '2024-02-01T00:00:00Z',
    })
    expect(await memory.get(standup.id)).toMatchObject({ status: 'superseded', supersededBy: moved.id })
    const superseded = (await memory.history(standup.id)).find((e) => e.event === 'superseded')
    expect(superseded?.details).toMatchObject({ rule: 'judge', by: moved.id })

    const offsite = await memory.add({ content: 'The team offsite is in Porto in May', userId: 'u' })
    const again = await memory.add({ content: 'The team offsite will be held in Porto in May', userId: 'u' })
    expect(again.id).toBe(offsite.id)
    expect(again.corroborations).toBe(1)

    // An answer the judge cannot give in the expected shape decides nothing.
    const lunch = await memory.add({ content: 'The team lunch is on Friday at the Thai place', userId: 'u' })
    const other = await memory.add({ content: 'The team lunch is on Friday at the pizza place', userId: 'u' })
    expect(other.id).not.toBe(lunch.id)
    expect((await memory.get(lunch.id))?.status).toBe('active')

    const asked = server.requests.map((r) => JSON.parse(r.body.messages.at(-1)?.content ?? '{}'))
    expect(asked).toContainEqual({
      older: "The team's daily standup meeting is at 9am",
      newer: "The team's daily standup meeting is now at 10am",
    })
    expect(asked.map((a) => a.newer)).toContain('The team lunch is on Friday at the pizza place')
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-judge')
    expect(server.requests[0]?.body.model).toBe('judge-model')
    await memory.close()
    await server.close()
  })
})
