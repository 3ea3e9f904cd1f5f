import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './helpers.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'

const url = await postgresUrl()

interface Node {
  child: ChildProcess
  url: string
  err: () => string
}

/** Starts `recall serve` as a real process on `store` and waits for its banner. */
async function serve(dataDir: string, env: Record<string, string>): Promise<Node> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--data', dataDir],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  child.stderr?.on('data', (c) => {
    err += c
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c) => {
      out += c
      if (out.includes('Health')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)))
  })
  return { child, url: /listening on (http:\/\/\S+)/.exec(out)?.[1] as string, err: () => err }
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  return exited
}

/** One JSON request; fails the test on an unexpected status. */
async function call<T>(node: Node, key: string, method: string, path: string, body?: unknown, status = 200) {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  expect(res.status, `${method} ${path}: ${text}`).toBe(status)
  return (text === '' ? undefined : JSON.parse(text)) as T
}

interface Memory {
  id: string
  content: string
  confidence: number
  tags: string[]
  status: string
}
interface Event {
  event: string
  details?: { confidenceBefore?: number; confidenceAfter?: number }
}

if (url === null) {
  describe.skip(SKIPPED, () => {
    it('runs two recall serve processes on one database', () => {})
  })
} else {
  const schemas = schemaFactory(url)
  const adminKey = 'nodes-admin-key-0123456789abcdef'
  let a: Node
  let b: Node
  let key: string

  describe('two recall serve processes on one PostgreSQL database', () => {
    beforeAll(async () => {
      const dir = await tempDir('recall-nodes-')
      const env = {
        RECALL_STORE: `${url}${url.includes('?') ? '&' : '?'}schema=${schemas.schema()}`,
        RECALL_ADMIN_KEY: adminKey,
      }
      // Started together: migrations, the key table and the shared admin key race and must all settle.
      ;[a, b] = await Promise.all([serve(join(dir, 'a'), env), serve(join(dir, 'b'), env)])
      // A tenant key created through A works on B.
      key = (
        await call<{ key: string }>(
          a,
          adminKey,
          'POST',
          '/v1/keys',
          { tenantId: 'acme', scopes: ['read', 'write'] },
          201,
        )
      ).key
    }, 60_000)

    afterAll(async () => {
      const codes = await Promise.all([a, b].filter(Boolean).map((node) => stop(node.child)))
      expect(codes).toEqual([0, 0])
    })

    it('serves what one node writes from the other at once, with keys issued on either', async () => {
      const listed = await call<{ keys: { tenantId: string }[] }>(b, adminKey, 'GET', '/v1/keys')
      expect(listed.keys.map((k) => k.tenantId)).toContain('acme')
      const added = await call<Memory>(
        a,
        key,
        'POST',
        '/v1/memories',
        {
          content: 'Alice keeps bees in Lyon',
          userId: 'alice',
        },
        201,
      )
      expect((await call<Memory>(b, key, 'GET', `/v1/memories/${added.id}`)).content).toBe(
        'Alice keeps bees in Lyon',
      )
      const found = await call<{ hits: { memory: Memory }[] }>(b, key, 'POST', '/v1/search', {
        query: 'who keeps bees?',
        userId: 'alice',
      })
      expect(found.hits[0]?.memory.id).toBe(added.id)
      // Another tenant's key does not reach it on either node.
      const other = (
        await call<{ key: string }>(
          b,
          adminKey,
          'POST',
          '/v1/keys',
          { tenantId: 'globex', scopes: ['read'] },
          201,
        )
      ).key
      await call(a, other, 'GET', `/v1/memories/${added.id}`, undefined, 404)
    })

    it('loses no update when both nodes change one memory at the same moment', async () => {
      const memory = await call<Memory>(
        a,
        key,
        'POST',
        '/v1/memories',
        {
          content: 'Bob drinks his coffee black',
          userId: 'bob',
          confidence: 1,
        },
        201,
      )
      // 16 steps of 0.5 from 1: 9, under the cap of 10, so no step is hidden by clamping.
      await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          call(i % 2 === 0 ? a : b, key, 'POST', '/v1/feedback', { memoryId: memory.id, useful: true }),
        ),
      )
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call(i % 2 === 0 ? a : b, key, 'PATCH', `/v1/memories/${memory.id}`, { tags: [`t${i}`] }),
        ),
      )
      const after = await call<Memory>(b, key, 'GET', `/v1/memories/${memory.id}`)
      expect(after.confidence).toBe(9)
      expect(after.tags).toHaveLength(1)
      const { events } = await call<{ events: Event[] }>(a, key, 'GET', `/v1/memories/${memory.id}/history`)
      const feedback = events.filter((e) => e.event === 'feedback')
      expect(feedback).toHaveLength(16)
      // Serialized: each step starts where the previous one ended.
      expect(feedback.map((e) => e.details?.confidenceBefore)).toEqual(
        Array.from({ length: 16 }, (_, i) => 1 + i * 0.5),
      )
      expect(events.filter((e) => e.event === 'updated')).toHaveLength(10)
    }, 30_000)

    it('runs one consolidation when both nodes are asked at the same moment', async () => {
      const topics = ['chess', 'tennis', 'sushi', 'Lisbon', 'Python', 'jazz', 'hiking', 'opera']
      const memories = Array.from({ length: 400 }, (_, i) => ({
        content: `Carol note ${i}: she mentioned ${topics[i % topics.length]} and the number ${i * 7}`,
        userId: 'carol',
        // Every tenth memory has expired: the pass archives it, once.
        ...(i % 10 === 0 ? { expiresAt: '2020-01-01T00:00:00.000Z' } : {}),
      }))
      const { memories: stored } = await call<{ memories: Memory[] }>(
        a,
        key,
        'POST',
        '/v1/memories/batch',
        { memories },
        201,
      )
      const expired = stored.filter((_, i) => i % 10 === 0).map((m) => m.id)
      interface Report {
        skipped: boolean
        expired: number
        archived: number
      }
      const reports = await Promise.all([
        call<Report>(a, key, 'POST', '/v1/consolidate', { userId: 'carol' }),
        call<Report>(b, key, 'POST', '/v1/consolidate', { userId: 'carol' }),
      ])
      expect(reports.map((r) => r.skipped).sort()).toEqual([false, true])
      const ran = reports.find((r) => !r.skipped) as Report
      expect(ran.expired).toBe(expired.length)
      const skipped = reports.find((r) => r.skipped) as Report
      expect(skipped.expired + skipped.archived).toBe(0)
      // Applied once: one archiving event per expired memory, and nothing left for a later pass.
      for (const id of expired.slice(0, 10)) {
        const { events } = await call<{ events: Event[] }>(b, key, 'GET', `/v1/memories/${id}/history`)
        expect(events.filter((e) => e.event === 'archived')).toHaveLength(1)
      }
      const status = await call<{ byStatus?: Record<string, number> }>(
        a,
        key,
        'GET',
        '/v1/status?userId=carol',
      )
      expect(JSON.stringify(status)).toContain('archived')
      const later = await call<Report>(b, key, 'POST', '/v1/consolidate', { userId: 'carol' })
      expect(later).toMatchObject({ skipped: false, expired: 0 })
    }, 60_000)
  })
}
