import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runGrowth } from '../src/bench/growth.js'
import { createLocalEmbedder, createOpenAICompatibleEmbedder } from '../src/embed/index.js'
import { createMemory } from '../src/index.js'
import { startEmbeddingServer } from './embedding-server.js'
import { runRecall, tempDir } from './helpers.js'
import { startTestServer } from './server-helpers.js'

const dir = await tempDir()
const embedder = await createLocalEmbedder()

describe('lifecycle growth', () => {
  it('keeps about one active memory per fact under many restatements, losing none', async () => {
    const memory = await createMemory({ path: join(dir, 'growth.db'), embedder })
    const result = await runGrowth(memory, { facts: 60, total: 2400, batch: 400 })
    expect(result.lostFacts).toBe(0)
    expect(result.lostInputs).toBe(0)
    expect(result.activeAfterConsolidate).toBeGreaterThanOrEqual(60)
    expect(result.activeAfterConsolidate).toBeLessThanOrEqual(66)
    await memory.close()
  }, 120_000)
})

describe('restatements in a bulk add', () => {
  it('finds an exact restatement behind more than 50 newer memories with the same claim key', async () => {
    const memory = await createMemory({ path: join(dir, 'bulk-restated.db'), embedder })
    const at = (day: number) => new Date(Date.UTC(2024, 0, 1 + day)).toISOString()
    const first = await memory.add({ content: 'I have a dog named Max.', userId: 'u', observedAt: at(0) })
    // Sixty other dogs: `pet:dog` holds many values, so none supersedes Max.
    await memory.addMany(
      Array.from({ length: 60 }, (_, i) => ({
        content: `I have a dog named ${String.fromCharCode(65 + (i % 26))}${'xyz'[Math.floor(i / 26)]}ber.`,
        userId: 'u',
        observedAt: at(1 + i),
      })),
    )
    // A batch too large for neighbour checks: only the index lookups can find the restatement.
    const batch = Array.from({ length: 40 }, (_, i) => ({
      content: `Note ${i}: the meeting moved to room ${100 + i}.`,
      userId: 'u',
      observedAt: at(100),
    }))
    batch.push({ content: 'I have a dog named Max.', userId: 'u', observedAt: at(101) })
    const results = await memory.addMany(batch)
    expect(results.at(-1)?.id).toBe(first.id)
    expect(await memory.get(first.id)).toMatchObject({ status: 'active', corroborations: 1 })
    await memory.close()
  })
})

describe('lifecycle under concurrent adds', () => {
  it('settles adds made at the same time as if one came after the other', async () => {
    const memory = await createMemory({ path: join(dir, 'concurrent.db'), embedder })
    const add = (content: string, observedAt: string) => memory.add({ content, userId: 'alice', observedAt })
    const [paris, again, berlin] = await Promise.all([
      add('Alice lives in Paris', '2024-01-01T00:00:00Z'),
      add('Alice lives in Paris.', '2024-02-01T00:00:00Z'),
      add('Alice lives in Berlin', '2024-06-01T00:00:00Z'),
    ])
    // The restatement merged into the first, and the later fact superseded both.
    expect(again.id).toBe(paris.id)
    expect(await memory.get(paris.id)).toMatchObject({ status: 'superseded', supersededBy: berlin.id })
    const active = await memory.list({ userId: 'alice', status: ['active'] })
    expect(active.items.map((m) => m.content)).toEqual(['Alice lives in Berlin'])
    await memory.close()
  })
})

describe('closing a memory', () => {
  it('lets the adds in progress finish first, so none is lost', async () => {
    // An embedding API that answers after 300 ms: the add is still waiting when close() is called.
    const server = await startEmbeddingServer({ delayMs: 300 })
    try {
      const remote = await createOpenAICompatibleEmbedder({
        baseUrl: server.url,
        model: 'hash-16',
        dimensions: 16,
      })
      const path = join(dir, 'close-while-adding.db')
      const memory = await createMemory({ path, embedder: remote })
      const adding = memory.addMany(
        Array.from({ length: 200 }, (_, i) => ({ content: `Note ${i} about the garden`, userId: 'alice' })),
      )
      const closed = memory.close()
      expect(await adding).toHaveLength(200)
      await closed
      const reopened = await createMemory({ path, embedder: remote })
      expect((await reopened.stats()).memories).toBe(200)
      await reopened.close()
    } finally {
      await server.close()
    }
  })
})

describe('lifecycle over HTTP and the CLI', () => {
  it('consolidates, restores and undoes through the API', async () => {
    const server = await startTestServer()
    const key = await server.tenantKey()
    const add = (content: string, observedAt: string) =>
      server.call('POST', '/v1/memories', { key, body: { content, userId: 'alice', observedAt } })
    const paris = (await add('Alice lives in Paris', '2024-01-01T00:00:00Z')).json
    const berlin = (await add('Alice moved to Berlin', '2024-06-01T00:00:00Z')).json
    const old = await server.call('GET', `/v1/memories/${paris.id}`, { key })
    expect(old.json).toMatchObject({
      status: 'superseded',
      supersededBy: berlin.id,
      validTo: '2024-06-01T00:00:00.000Z',
    })
    const history = (await server.call('GET', `/v1/memories/${paris.id}/history`, { key })).json.events
    const superseded = history.find((e: { event: string }) => e.event === 'superseded')
    expect(superseded.details).toMatchObject({ rule: 'claim-conflict', by: berlin.id })
    const undone = await server.call('POST', `/v1/events/${superseded.id}/undo`, { key })
    expect(undone.json.memories[0]).toMatchObject({ id: paris.id, status: 'active' })
    expect((await server.call('POST', `/v1/events/${superseded.id}/undo`, { key })).json.error.code).toBe(
      'CONFLICT',
    )
    const report = await server.call('POST', '/v1/consolidate', {
      key,
      body: { userId: 'alice', dryRun: true },
    })
    expect(report.json).toMatchObject({ dryRun: true, users: 1, superseded: 1 })
    expect((await server.call('GET', `/v1/memories/${paris.id}`, { key })).json.status).toBe('active')
    expect(
      (await server.call('POST', '/v1/consolidate', { key, body: { userId: 'alice' } })).json.superseded,
    ).toBe(1)
    const restored = await server.call('POST', `/v1/memories/${paris.id}/restore`, { key })
    expect(restored.json).toMatchObject({ status: 'active', supersededBy: null, validTo: null })
    const status = await server.call('GET', '/v1/status?userId=alice', { key })
    expect(status.json.lastConsolidation).toMatchObject({ dryRun: false, superseded: 1 })
    const other = await server.tenantKey()
    expect((await server.call('POST', `/v1/memories/${paris.id}/restore`, { key: other })).status).toBe(404)
    expect((await server.call('POST', `/v1/events/${superseded.id}/undo`, { key: other })).status).toBe(404)
  })

  it('runs consolidate, status, restore and undo in the CLI', async () => {
    const db = join(dir, 'cli.db')
    const recall = (...args: string[]) => runRecall([...args, '--db', db])
    await recall('add', 'Alice lives in Paris', '--user', 'alice', '--observed-at', '2024-01-01')
    const moved = JSON.parse(
      (
        await recall(
          'add',
          'Alice moved to Berlin',
          '--user',
          'alice',
          '--observed-at',
          '2024-06-01',
          '--json',
        )
      ).out,
    )
    expect((await recall('status', '--user', 'alice')).out).toMatch(/superseded\s+1/)
    const listed = JSON.parse((await recall('list', '--user', 'alice', '--json')).out) as {
      items: { id: string; status: string }[]
    }
    const old = listed.items.find((m) => m.id !== moved.id) as { id: string }
    const history = JSON.parse((await recall('history', old.id, '--json')).out) as {
      id: string
      event: string
    }[]
    const event = history.find((e) => e.event === 'superseded') as { id: string }
    expect((await recall('undo', event.id)).out).toMatch(/Undid superseded/)
    expect((await recall('undo', event.id)).code).toBe(1)
    const dry = await recall('consolidate', '--user', 'alice', '--dry-run')
    expect(dry.out).toMatch(/Would change: 0 merged, 1 superseded/)
    expect((await recall('consolidate')).out).toMatch(/Changed: 0 merged, 1 superseded/)
    expect((await recall('restore', old.id)).out).toContain('Alice lives in Paris')
    expect((await recall('status', '--user', 'alice')).out).toMatch(/last consolidation/)
  })
})
