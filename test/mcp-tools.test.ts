import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory, type Memory } from '../src/index.js'
import { createMcpServer } from '../src/mcp/index.js'
import { callOk, callTool, TOOL_NAMES } from './mcp-helpers.js'

const embedder = await createLocalEmbedder()

/** A client connected in-process to an MCP server over a fresh in-memory store. */
async function connect(canWrite?: boolean): Promise<{ client: Client; memory: Memory }> {
  const memory = await createMemory({ path: ':memory:', embedder })
  const server = createMcpServer(memory, canWrite === undefined ? {} : { canWrite })
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  const client = new Client({ name: 'mcp-tools-test', version: '1.0.0' })
  await Promise.all([server.connect(serverSide), client.connect(clientSide)])
  return { client, memory }
}

describe('MCP tools over an embedded memory', () => {
  let client: Client
  let memory: Memory
  beforeEach(async () => {
    ;({ client, memory } = await connect())
  })
  afterEach(async () => {
    await client.close()
    await memory.close()
  })

  it('lists the nine tools, each described, with strict JSON input schemas', async () => {
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES])
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(60)
      expect(tool.inputSchema.type).toBe('object')
      expect(tool.inputSchema.additionalProperties).toBe(false)
    }
    const store = tools.find((t) => t.name === 'store')
    expect(store?.inputSchema.required).toEqual(['userId'])
    expect(Object.keys(store?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['content', 'messages', 'userId', 'type', 'tags', 'metadata', 'observedAt']),
    )
    expect(tools.find((t) => t.name === 'forget')?.annotations?.destructiveHint).toBe(true)
    expect(tools.find((t) => t.name === 'recall')?.annotations?.readOnlyHint).toBe(true)
  })

  it('stores and recalls, ranking the relevant memory first with its score and id', async () => {
    const berlin = await callOk(client, 'store', {
      content: 'Alice moved to Berlin',
      userId: 'alice',
      tags: ['home'],
      metadata: { via: 'chat' },
    })
    const tennis = await callOk(client, 'store', {
      content: 'Alice plays tennis on Sundays',
      userId: 'alice',
      observedAt: '2024-03-02',
    })
    expect(berlin.memory).toMatchObject({ userId: 'alice', tags: ['home'], metadata: { via: 'chat' } })
    expect(tennis.memory.observedAt).toBe('2024-03-02T00:00:00.000Z')

    const recall = await callTool(client, 'recall', { query: 'Where does Alice live?', userId: 'alice' })
    expect(recall.isError).toBe(false)
    expect(recall.structured.hits[0].memory.id).toBe(berlin.memory.id)
    expect(recall.structured.hits[0].score).toBeGreaterThan(recall.structured.hits[1]?.score ?? 0)
    expect(recall.text.split('\n')[0]).toMatch(
      /^1\. \[\d\.\d{3}\] "Alice moved to Berlin" {2}\(id [0-9a-f-]{36}, fact/,
    )

    const filtered = await callOk(client, 'recall', {
      query: 'Alice',
      userId: 'alice',
      filters: { tags: ['home'] },
    })
    expect(filtered.hits.map((h: { memory: { id: string } }) => h.memory.id)).toEqual([berlin.memory.id])
    expect((await callOk(client, 'recall', { query: 'Berlin', userId: 'bob' })).hits).toEqual([])
  })

  it('stores a conversation given as messages', async () => {
    const result = await callOk(client, 'store', {
      userId: 'alice',
      messages: [
        { role: 'user', content: 'I just adopted a beagle named Max.' },
        { role: 'assistant', content: 'Congratulations on Max!' },
      ],
    })
    expect(result.episodes).toHaveLength(2)
    expect(result.created.length).toBeGreaterThanOrEqual(2)
    const hits = (await callOk(client, 'recall', { query: 'dog', userId: 'alice' })).hits
    expect(hits.some((h: { memory: { content: string } }) => /beagle/.test(h.memory.content))).toBe(true)
  })

  it('builds a context block with its token count', async () => {
    await callOk(client, 'store', { content: 'Alice is allergic to peanuts', userId: 'alice' })
    const outcome = await callTool(client, 'context', { query: 'what can Alice not eat?', userId: 'alice' })
    expect(outcome.structured.text).toContain('Alice is allergic to peanuts')
    expect(outcome.structured.tokens).toBeGreaterThan(5)
    expect(outcome.text).toContain(`${outcome.structured.tokens} tokens, 1 memories`)
  })

  it('updates, rates and forgets memories by id', async () => {
    const { memory: m } = await callOk(client, 'store', { content: 'Alice has one cat', userId: 'alice' })
    const updated = await callOk(client, 'update', { id: m.id, content: 'Alice has two cats' })
    expect(updated.memory).toMatchObject({ content: 'Alice has two cats', version: 2 })
    const hits = (await callOk(client, 'recall', { query: 'cats', userId: 'alice' })).hits
    expect(hits[0].memory.content).toBe('Alice has two cats')

    const rated = await callOk(client, 'feedback', { memoryId: m.id, useful: true, query: 'cats' })
    expect(rated.memory.confidence).toBe(m.confidence + 0.5)

    const guarded = await callTool(client, 'forget', { id: m.id, userId: 'bob' })
    expect(guarded.text).toMatch(/^\[NOT_FOUND\]/)
    expect(await memory.get(m.id)).not.toBeNull()
    expect(await callOk(client, 'forget', { id: m.id, userId: 'alice' })).toEqual({ id: m.id, deleted: 1 })
    expect(await memory.get(m.id)).toBeNull()
    expect((await callTool(client, 'forget', { id: m.id })).text).toMatch(/^\[NOT_FOUND\] No memory with id/)
  })

  it('forgets a whole user only when confirmed with the same userId', async () => {
    await callOk(client, 'store', { content: 'Alice likes jazz', userId: 'alice' })
    await callOk(client, 'store', { content: 'Bob likes opera', userId: 'bob' })
    for (const args of [{ userId: 'alice', all: true }, { userId: 'alice', all: true, confirm: 'bob' }, {}]) {
      const refused = await callTool(client, 'forget', args)
      expect(refused).toMatchObject({ isError: true, text: expect.stringMatching(/^\[INVALID_INPUT\]/) })
    }
    expect((await memory.stats({ userId: 'alice' })).memories).toBe(1)
    const done = await callOk(client, 'forget', { userId: 'alice', all: true, confirm: 'alice' })
    expect(done).toEqual({ userId: 'alice', deleted: 1 })
    expect((await memory.stats()).memories).toBe(1)
  })

  it('explores the graph, counts, and groups a snapshot by type', async () => {
    await callOk(client, 'store', { content: 'Alice moved to Berlin', userId: 'alice' })
    await callOk(client, 'store', { content: 'Alice works at Siemens in Berlin', userId: 'alice' })
    await callOk(client, 'store', { content: 'Alice prefers green tea', userId: 'alice', type: 'preference' })

    const graph = await callTool(client, 'graph', { userId: 'alice', entity: 'Berlin' })
    expect(graph.structured.center).toBe('entity:berlin')
    const memories = graph.structured.nodes.filter((n: { type: string }) => n.type === 'memory')
    expect(memories.map((n: { label: string }) => n.label).sort()).toEqual([
      'Alice moved to Berlin',
      'Alice works at Siemens in Berlin',
    ])
    expect(graph.text).toMatch(/^Centre: Berlin/)
    expect((await callTool(client, 'graph', { userId: 'alice', entity: 'Tokyo' })).text).toMatch(
      /^\[NOT_FOUND\]/,
    )
    const both = await callTool(client, 'graph', {
      userId: 'alice',
      entity: 'Berlin',
      memoryId: memories[0].id,
    })
    expect(both.text).toMatch(/^\[INVALID_INPUT\] .*exactly one of entity, memoryId/)

    const status = await callOk(client, 'status', { userId: 'alice' })
    expect(status).toMatchObject({ memories: 3, byType: { fact: 2, preference: 1 }, byStatus: { active: 3 } })

    const snapshot = await callTool(client, 'snapshot', { userId: 'alice', perType: 1 })
    expect(snapshot.structured.groups.map((g: { type: string; count: number }) => [g.type, g.count])).toEqual(
      [
        ['fact', 2],
        ['preference', 1],
      ],
    )
    expect(snapshot.structured.groups[0].recent).toHaveLength(1)
    expect(snapshot.text).toMatch(/^fact \(2\):\n- .+\n\npreference \(1\):\n- "Alice prefers green tea"/)
  })

  it('reports bad input as tool errors and keeps serving', async () => {
    const missingUser = await callTool(client, 'store', { content: 'no owner' })
    expect(missingUser.isError).toBe(true)
    expect(missingUser.text).toMatch(/userId/)
    const badDate = await callTool(client, 'store', { content: 'x', userId: 'alice', observedAt: 'soon' })
    expect(badDate.text).toMatch(/^\[INVALID_INPUT\] .*observedAt/)
    const neither = await callTool(client, 'store', { userId: 'alice' })
    expect(neither.text).toBe('[INVALID_INPUT] store needs exactly one of content, messages')
    const badId = await callTool(client, 'update', { id: 'not-an-id', content: 'x' })
    expect(badId).toMatchObject({ isError: true, text: expect.stringMatching(/UUID/) })
    const unknown = await callTool(client, 'remember', { content: 'x' })
    expect(unknown).toMatchObject({ isError: true, text: expect.stringMatching(/remember/) })
    expect((await memory.stats()).memories).toBe(0)
    expect(await callOk(client, 'status', {})).toMatchObject({ memories: 0 })
  })
})

describe('MCP tools on a read-only connection', () => {
  it('refuses every write tool with FORBIDDEN and still reads', async () => {
    const { client, memory } = await connect(false)
    try {
      const kept = await memory.add({ content: 'Alice moved to Berlin', userId: 'alice' })
      const writes: [string, Record<string, unknown>][] = [
        ['store', { content: 'Alice moved to Paris', userId: 'alice' }],
        ['update', { id: kept.id, content: 'Alice moved to Paris' }],
        ['feedback', { memoryId: kept.id, useful: false }],
        ['forget', { id: kept.id }],
        ['forget', { userId: 'alice', all: true, confirm: 'alice' }],
      ]
      for (const [name, args] of writes) {
        const outcome = await callTool(client, name, args)
        expect(outcome).toMatchObject({
          isError: true,
          text: expect.stringMatching(/^\[FORBIDDEN\] The \w+ tool/),
        })
      }
      expect(await memory.get(kept.id)).toMatchObject({
        content: 'Alice moved to Berlin',
        version: 1,
        confidence: 5,
      })
      expect((await memory.stats()).memories).toBe(1)
      const hits = (await callOk(client, 'recall', { query: 'Berlin', userId: 'alice' })).hits
      expect(hits[0].memory.id).toBe(kept.id)
    } finally {
      await client.close()
      await memory.close()
    }
  })
})
