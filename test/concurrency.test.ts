import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { bundleChild } from './child-bundle.js'
import { HOT, hotLoad, runClients } from './concurrent-clients.js'
import { tempDir } from './helpers.js'
import { startLineChild } from './line-child.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'
import { request, type ServeProcess, startServe } from './serve-process.js'
import { sqliteProblems } from './sqlite-consistency.js'

const CLIENTS = 50
const ADMIN_KEY = 'concurrency-admin-key-0123456789abcdef'
// Every client shares one key: the per-key rate limit is not what this test is about.
const SERVE_ENV = { RECALL_ADMIN_KEY: ADMIN_KEY, RECALL_RATE_LIMIT: '1000000' }
const dir = await tempDir('recall-concurrency-')
const pg = await postgresUrl()
const holdLock = await bundleChild(join(import.meta.dirname, 'fixtures', 'hold-lock.ts'))

interface Report {
  skipped: boolean
  expired: number
}

/** Two nodes on one store: a tenant key, and `HOT` memories at confidence 0 for everyone to change. */
async function prepare(nodes: ServeProcess[]) {
  const [a, b] = nodes as [ServeProcess, ServeProcess]
  const issued = await request(a.url, ADMIN_KEY, 'POST', '/v1/keys', {
    tenantId: 'acme',
    scopes: ['read', 'write'],
  })
  expect(issued.status).toBe(201)
  const key = issued.json.key as string
  const hot: string[] = []
  for (let i = 0; i < HOT; i++) {
    const added = await request(i % 2 ? a.url : b.url, key, 'POST', '/v1/memories', {
      content: `Shared checklist ${i} for the harbour crane inspection`,
      userId: 'crew',
      confidence: 0,
    })
    expect(added.status, added.text).toBe(201)
    hot.push(added.json.id)
  }
  return { key, hot }
}

/** No lost update, no error reaching a client, and counts that add up. */
async function checkAfterClients(nodes: ServeProcess[], key: string, hot: string[]) {
  const urls = nodes.map((n) => n.url)
  const outcome = await runClients(urls, key, CLIENTS, hot)
  expect(outcome.unexpected).toEqual([])
  const { feedbacks, tagEdits } = hotLoad(CLIENTS)
  const [a, b] = urls as [string, string]
  for (const id of hot) {
    const memory = (await request(a, key, 'GET', `/v1/memories/${id}`)).json
    expect(memory.confidence, `confidence of ${id}`).toBe(feedbacks * 0.5)
    expect(memory.version, `every write of ${id} made a version`).toBe(1 + feedbacks + tagEdits)
    expect(memory.tags).toHaveLength(1)
    const { events } = (await request(b, key, 'GET', `/v1/memories/${id}/history`)).json as {
      events: { event: string; details?: { confidenceBefore?: number } }[]
    }
    // Serialized: each feedback started from where the one before it ended.
    const steps = events.filter((e) => e.event === 'feedback').map((e) => e.details?.confidenceBefore)
    expect(steps).toEqual(Array.from({ length: feedbacks }, (_, i) => i * 0.5))
    expect(events.filter((e) => e.event === 'updated')).toHaveLength(tagEdits)
  }
  let total = HOT
  for (const [userId, acked] of outcome.added) {
    const listed = new Set<string>()
    for (let cursor: string | null = null; ; ) {
      const page = await request(
        b,
        key,
        'GET',
        `/v1/memories?userId=${userId}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      )
      expect(page.status).toBe(200)
      for (const item of page.json.items as { id: string }[]) listed.add(item.id)
      cursor = page.json.nextCursor
      if (cursor === null) break
    }
    expect([...listed].sort(), `memories of ${userId}`).toEqual([...acked].sort())
    const status = (await request(a, key, 'GET', `/v1/status?userId=${userId}`)).json
    expect(status.memories).toBe(acked.size)
    total += acked.size
  }
  expect(outcome.added.size).toBe(5)
  expect((await request(b, key, 'GET', '/v1/status')).json.memories).toBe(total)
}

describe('two recall serve processes on one SQLite data directory', () => {
  let nodes: ServeProcess[]
  let key: string
  let hot: string[]
  const data = join(dir, 'shared')

  beforeAll(async () => {
    nodes = await Promise.all([startServe(data, SERVE_ENV), startServe(data, SERVE_ENV)])
    ;({ key, hot } = await prepare(nodes))
  }, 120_000)
  afterAll(async () => {
    expect(await Promise.all(nodes.map((n) => n.stop()))).toEqual([0, 0])
    expect(sqliteProblems(join(data, 'memory.db')).problems).toEqual([])
  })

  it(`serves ${CLIENTS} concurrent clients with no lost update, no busy error and counts that add up`, async () => {
    await checkAfterClients(nodes, key, hot)
  }, 180_000)

  it('runs one consolidation when both processes are asked at the same moment', async () => {
    const [a, b] = nodes as [ServeProcess, ServeProcess]
    const memories = Array.from({ length: 300 }, (_, i) => ({
      content: `Dock log ${i}: crate ${i * 13} moved to bay ${i % 17}`,
      userId: 'dock',
      ...(i % 10 === 0 ? { expiresAt: '2020-01-01T00:00:00.000Z' } : {}),
    }))
    const stored = await request(a.url, key, 'POST', '/v1/memories/batch', { memories })
    expect(stored.status).toBe(201)
    const reports = await Promise.all(
      [a, b].map((n) => request(n.url, key, 'POST', '/v1/consolidate', { userId: 'dock' })),
    )
    expect(reports.map((r) => r.status)).toEqual([200, 200])
    expect(reports.map((r) => (r.json as Report).skipped).sort()).toEqual([false, true])
    expect(reports.map((r) => (r.json as Report).expired).sort()).toEqual([0, 30])
    const expired = (stored.json.memories as { id: string }[]).filter((_, i) => i % 10 === 0)
    for (const { id } of expired.slice(0, 5)) {
      const { events } = (await request(b.url, key, 'GET', `/v1/memories/${id}/history`)).json
      expect(events.filter((e: { event: string }) => e.event === 'archived')).toHaveLength(1)
    }
  }, 120_000)
})

describe('SQLite locks across processes', () => {
  it('keeps a lock from every other process while its holder lives, and frees it when the holder is killed', async () => {
    const path = join(dir, 'locks', 'memory.db')
    const store = await createSqliteStore({ path })
    const holder = startLineChild([holdLock, path, 'consolidate:acme:*', '2000'])
    expect(await holder.waitFor('lock ')).toBe('lock taken')
    expect(await store.tryLock('consolidate:acme:*')).toBeNull()
    // Well past its lease: the holder renews it while it lives.
    await new Promise((resolve) => setTimeout(resolve, 5_000))
    expect(await store.tryLock('consolidate:acme:*')).toBeNull()
    expect(await store.tryLock('consolidate:acme:bob')).not.toBeNull()
    holder.process.kill('SIGKILL')
    await holder.exited
    let release: (() => Promise<void>) | null = null
    for (let i = 0; i < 300 && release === null; i++) {
      release = await store.tryLock('consolidate:acme:*')
      if (release === null) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(release, 'the lease of a killed holder ran out').not.toBeNull()
    // Now this process holds it: another process is refused until it is released, then let in.
    const second = startLineChild([holdLock, path, 'consolidate:acme:*', '2000'])
    expect(await second.waitFor('lock ')).toBe('lock held elsewhere')
    await release?.()
    const third = startLineChild([holdLock, path, 'consolidate:acme:*', '2000'])
    expect(await third.waitFor('lock ')).toBe('lock taken')
    await store.close()
    for (const child of [second, third]) child.process.kill('SIGKILL')
  }, 60_000)
})

if (pg === null) {
  describe.skip(SKIPPED, () => {
    it('runs two recall serve processes and concurrent clients on PostgreSQL', () => {})
  })
} else {
  const schemas = schemaFactory(pg)
  describe('two recall serve processes on one PostgreSQL schema', () => {
    let nodes: ServeProcess[]
    beforeAll(async () => {
      const env = {
        RECALL_STORE: `${pg}${pg.includes('?') ? '&' : '?'}schema=${schemas.schema()}`,
        ...SERVE_ENV,
      }
      nodes = await Promise.all([startServe(join(dir, 'pg-a'), env), startServe(join(dir, 'pg-b'), env)])
    }, 120_000)
    afterAll(async () => {
      expect(await Promise.all(nodes.map((n) => n.stop()))).toEqual([0, 0])
    })

    it(`serves ${CLIENTS} concurrent clients with no lost update, no error and counts that add up`, async () => {
      const { key, hot } = await prepare(nodes)
      await checkAfterClients(nodes, key, hot)
    }, 180_000)
  })
}
