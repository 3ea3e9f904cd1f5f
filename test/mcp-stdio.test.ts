import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemory } from '../src/index.js'
import { tempDir } from './helpers.js'
import { callOk, callTool, TOOL_NAMES } from './mcp-helpers.js'

const dir = await tempDir('recall-mcp-')
const CLI = ['--import', 'tsx', 'src/cli/main.ts', 'mcp']

/** The environment as it is (RECALL_CACHE_DIR included), but always the offline embedder. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('RECALL_EMBEDDINGS_'),
  ),
)

describe('recall mcp: the CLI serving MCP over stdio to the official client', () => {
  const db = join(dir, 'stdio.db')
  const client = new Client({ name: 'mcp-stdio-test', version: '1.0.0' })
  let stderr = ''

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...CLI, '--db', db],
      cwd: process.cwd(),
      env,
      stderr: 'pipe',
    })
    transport.stderr?.on('data', (chunk) => {
      stderr += chunk
    })
    await client.connect(transport)
  })
  afterAll(() => client.close())

  it('lists the nine tools with input schemas and the server name', async () => {
    expect(client.getServerVersion()?.name).toBe('adaptive-recall')
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES])
    for (const tool of tools) expect(Object.keys(tool.inputSchema.properties ?? {}).length).toBeGreaterThan(0)
  })

  it('stores, recalls, builds context, updates and sees the update', async () => {
    const berlin = await callOk(client, 'store', { content: 'Alice moved to Berlin', userId: 'alice' })
    await callOk(client, 'store', { content: 'Alice plays tennis on Sundays', userId: 'alice' })
    const recall = await callTool(client, 'recall', { query: 'Where does Alice live?', userId: 'alice' })
    expect(recall.structured.hits[0].memory.id).toBe(berlin.memory.id)
    expect(recall.text).toMatch(/^1\. \[\d\.\d{3}\] "Alice moved to Berlin"/)

    const context = await callTool(client, 'context', { query: 'Where does Alice live?', userId: 'alice' })
    expect(context.structured.text).toContain('Alice moved to Berlin')
    expect(context.text).toMatch(/\d+ tokens, 2 memories$/)

    await callOk(client, 'update', { id: berlin.memory.id, content: 'Alice moved to Lisbon' })
    const after = await callOk(client, 'recall', { query: 'Who moved to Lisbon?', userId: 'alice' })
    expect(after.hits[0].memory).toMatchObject({
      id: berlin.memory.id,
      content: 'Alice moved to Lisbon',
      version: 2,
    })
    const old = await callOk(client, 'recall', { query: 'Berlin', userId: 'alice' })
    expect(old.hits.map((h: { memory: { content: string } }) => h.memory.content)).not.toContain(
      'Alice moved to Berlin',
    )
  })

  it('answers graph, status, snapshot and feedback', async () => {
    const { memory: m } = await callOk(client, 'store', {
      content: 'Bob works at Siemens in Munich',
      userId: 'bob',
    })
    await callOk(client, 'store', { content: 'Bob prefers window seats', userId: 'bob', type: 'preference' })
    const graph = await callOk(client, 'graph', { userId: 'bob', entity: 'Siemens' })
    expect(graph.nodes).toContainEqual(expect.objectContaining({ type: 'memory', id: m.id }))
    expect(graph.nodes).toContainEqual(expect.objectContaining({ type: 'entity', label: 'Munich' }))

    const status = await callOk(client, 'status', { userId: 'bob' })
    expect(status).toMatchObject({ memories: 2, byType: { fact: 1, preference: 1 } })
    const snapshot = await callOk(client, 'snapshot', { userId: 'bob' })
    expect(snapshot.groups.map((g: { type: string }) => g.type).sort()).toEqual(['fact', 'preference'])

    const rated = await callOk(client, 'feedback', { memoryId: m.id, useful: false, query: 'Siemens' })
    expect(rated.memory.confidence).toBe(4.5)
  })

  it('forgets, and reports bad input as tool errors while it keeps serving', async () => {
    const { memory: m } = await callOk(client, 'store', { content: 'Carol lives in Oslo', userId: 'carol' })
    await callOk(client, 'forget', { id: m.id })
    expect((await callOk(client, 'recall', { query: 'Oslo', userId: 'carol' })).hits).toEqual([])

    const missingUser = await callTool(client, 'recall', { query: 'Oslo' })
    expect(missingUser).toMatchObject({ isError: true, text: expect.stringMatching(/userId/) })
    const gone = await callTool(client, 'update', { id: m.id, content: 'Carol lives in Bergen' })
    expect(gone).toMatchObject({ isError: true, text: `[NOT_FOUND] No memory with id ${m.id}` })
    const malformed = await callTool(client, 'forget', { id: 'nope' })
    expect(malformed).toMatchObject({ isError: true, text: expect.stringMatching(/UUID/) })
    const badDate = await callTool(client, 'store', { content: 'x', userId: 'carol', observedAt: 'someday' })
    expect(badDate.text).toMatch(/^\[INVALID_INPUT\] /)

    expect(await callOk(client, 'status', { userId: 'carol' })).toMatchObject({ memories: 0 })
    expect(stderr).toBe('')
  })
})

describe('recall mcp as a process', () => {
  it('answers piped requests, writes only protocol messages to stdout, and exits when stdin ends', async () => {
    const db = join(dir, 'process.db')
    const child = spawn(process.execPath, [...CLI, '--db', db], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    const call = (id: number, name: string, args: object) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: args },
    })
    const messages = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      call(2, 'store', { content: 'Dana speaks Finnish', userId: 'dana' }),
      call(3, 'context', { query: 'Which languages does Dana speak?', userId: 'dana' }),
    ]
    // All at once and then end of input, as `cat requests | recall mcp` does: every request is still answered.
    child.stdin.end(messages.map((m) => `${JSON.stringify(m)}\n`).join(''))
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)

    const replies = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(replies.map((m) => [m.jsonrpc, m.id])).toEqual([
      ['2.0', 1],
      ['2.0', 2],
      ['2.0', 3],
    ])
    expect(replies[1].result.structuredContent.memory.content).toBe('Dana speaks Finnish')
    // Requests run concurrently, so the context may or may not include the memory stored beside it.
    expect(replies[2].result).toMatchObject({ structuredContent: { tokens: expect.any(Number) } })
    expect(replies[2].result.isError).toBeUndefined()
    const memory = await createMemory({ path: db })
    expect((await memory.search({ query: 'Finnish', userId: 'dana' }))[0]?.memory.content).toBe(
      'Dana speaks Finnish',
    )
    await memory.close()
  })
})
