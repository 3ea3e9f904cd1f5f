import { describe, expect, it } from 'vitest'
import { createClient } from '../src/client/index.js'
import { MemoryError } from '../src/errors.js'
import { describeMemory } from '../src/testing/memory-behaviour.js'
import { startTestServer } from './server-helpers.js'

const server = await startTestServer({ rateLimit: { perMinute: 100_000, burst: 10_000 } })

// The behaviour suite the embedded memory runs (test/memory-sqlite.test.ts), here
// through the client and a real server on loopback: each test gets a fresh tenant.
describeMemory({
  name: 'HTTP client against a real server',
  create: async () => createClient({ baseUrl: server.url, apiKey: await server.tenantKey() }),
})

describe('HTTP client', () => {
  it('reports an unreachable server as UNAVAILABLE', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'x' })
    const error = await client.search({ query: 'x', userId: 'u' }).catch((e: unknown) => e)
    expect(MemoryError.is(error) && error.code).toBe('UNAVAILABLE')
  })

  it('reports a wrong key as UNAUTHORIZED and a read-only key writing as FORBIDDEN', async () => {
    const wrong = createClient({ baseUrl: server.url, apiKey: 'ar_wrong' })
    expect(await wrong.list({ userId: 'u' }).catch((e: MemoryError) => e.code)).toBe('UNAUTHORIZED')
    const reader = createClient({ baseUrl: server.url, apiKey: await server.tenantKey(['read']) })
    expect(await reader.add({ content: 'x', userId: 'u' }).catch((e: MemoryError) => e.code)).toBe(
      'FORBIDDEN',
    )
    expect(await reader.list({ userId: 'u' })).toEqual({ items: [], nextCursor: null })
  })

  it('walks the entity graph and counts by user', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: await server.tenantKey() })
    const m = await client.add({ content: 'Alice moved to Berlin with Bob', userId: 'alice' })
    await client.add({ content: 'Bob plays the cello', userId: 'alice' })
    const graph = await client.graph({ userId: 'alice', entity: 'Bob' })
    expect(graph.center).toBe('entity:bob')
    expect(graph.nodes.filter((n) => n.type === 'memory')).toHaveLength(2)
    expect(graph.edges).toContainEqual({ source: m.id, target: 'entity:berlin' })
    const around = await client.graph({ userId: 'alice', memoryId: m.id })
    expect(around.center).toBe(m.id)
    await expect(client.graph({ userId: 'alice', entity: 'Zanzibar' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(client.graph({ userId: 'alice' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(await client.stats({ userId: 'alice' })).toMatchObject({
      memories: 2,
      users: 1,
      byStatus: { active: 2 },
    })
  })

  it("lists the tenant's users with counts by status, one page at a time", async () => {
    const client = createClient({ baseUrl: server.url, apiKey: await server.tenantKey() })
    for (const userId of ['carol', 'alice', 'bob'])
      await client.add({ content: `${userId} likes tea`, userId })
    await client.add({ content: 'Alice lives in Paris', userId: 'alice', observedAt: '2024-01-01T00:00:00Z' })
    await client.add({
      content: 'Alice moved to Berlin',
      userId: 'alice',
      observedAt: '2024-06-01T00:00:00Z',
    })
    const first = await client.users({ limit: 2 })
    expect(first.items).toEqual([
      { userId: 'alice', byStatus: { active: 2, superseded: 1, archived: 0 } },
      { userId: 'bob', byStatus: { active: 1, superseded: 0, archived: 0 } },
    ])
    const second = await client.users({ limit: 2, cursor: first.nextCursor })
    expect(second).toEqual({
      items: [{ userId: 'carol', byStatus: { active: 1, superseded: 0, archived: 0 } }],
      nextCursor: null,
    })
    await expect(client.users({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('fails every call after close with CLOSED', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: await server.tenantKey() })
    await client.close()
    await expect(client.list({ userId: 'u' })).rejects.toMatchObject({ code: 'CLOSED' })
  })
})
