import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../src/bench/seeded-random.js'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory } from '../src/index.js'
import { createPostgresStore } from '../src/store/postgres/index.js'
import type { MemoryStore } from '../src/store/store.js'
import { isoAt, memoryWrite, newJob, TEST_SPACE } from '../src/testing/fixtures.js'
import { describeMemory } from '../src/testing/memory-behaviour.js'
import { describeStore } from '../src/testing/store-conformance.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'

const url = await postgresUrl()

if (url === null) {
  describe.skip(SKIPPED, () => {
    it('runs the store conformance suite and the memory behaviour suite on PostgreSQL', () => {})
  })
} else {
  const schemas = schemaFactory(url)
  const embedder = await createLocalEmbedder()

  describeStore({ name: 'postgres', create: () => schemas.create() })
  describeMemory({
    name: 'PostgreSQL store',
    create: async () => createMemory({ store: await schemas.create(), embedder }),
  })

  describe('prepared statements', () => {
    // One connection, so what it has prepared is what the store's statements left on it.
    const preparedAfterReads = async (preparedStatements: boolean) => {
      const schema = schemas.schema()
      await (await schemas.create(schema)).close()
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema},public` })
      const store = await createPostgresStore({ pool, preparedStatements })
      try {
        await store.openVectorSpace(TEST_SPACE)
        await store.insert([memoryWrite({ id: 'm1', content: 'Alice keeps bees in Lyon' })])
        for (let i = 0; i < 3; i++)
          expect((await store.get('tenant-a', ['m1'])).map((r) => r.id)).toEqual(['m1'])
        const { rows } = await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'recall\\_%'",
        )
        return rows[0]?.n
      } finally {
        await store.close()
        await pool.end()
      }
    }

    it('are prepared once per connection, and not at all with preparedStatements: false', async () => {
      expect(await preparedAfterReads(true)).toBeGreaterThan(0)
      expect(await preparedAfterReads(false)).toBe(0)
    })
  })

  describe('Postgres store shared by several processes', () => {
    const pair = async (): Promise<[MemoryStore, MemoryStore]> => {
      const schema = schemas.schema()
      // Opened at the same moment: the migration runs once, under its advisory lock.
      const stores = await Promise.all([schemas.create(schema), schemas.create(schema)])
      await Promise.all(stores.map((store) => store.openVectorSpace(TEST_SPACE)))
      return stores
    }

    it('holds a lock across stores on one schema, and only there', async () => {
      const [a, b] = await pair()
      const elsewhere = await schemas.create()
      try {
        const release = await a.tryLock('consolidate:t:*')
        expect(release).toBeTypeOf('function')
        expect(await b.tryLock('consolidate:t:*')).toBeNull()
        // Another schema is another deployment: its lock of the same name is its own.
        const own = await elsewhere.tryLock('consolidate:t:*')
        expect(own).toBeTypeOf('function')
        await own?.()
        await release?.()
        const next = await b.tryLock('consolidate:t:*')
        expect(next).toBeTypeOf('function')
        await next?.()
      } finally {
        await Promise.all([a.close(), b.close(), elsewhere.close()])
      }
    })

    it("sees the other node's writes at once", async () => {
      const [a, b] = await pair()
      try {
        await a.insert([memoryWrite({ id: 'm1', content: 'Alice keeps bees in Lyon' })])
        expect((await b.get('tenant-a', ['m1'])).map((r) => r.content)).toEqual(['Alice keeps bees in Lyon'])
        const query = { tenantId: 'tenant-a', userId: 'user-1', statuses: ['active' as const], limit: 5 }
        expect((await b.keyword({ ...query, terms: ['bees'] })).map((c) => c.id)).toEqual(['m1'])
        await b.recordAccess('tenant-a', ['m1'], isoAt(5))
        expect((await a.get('tenant-a', ['m1']))[0]?.accessCount).toBe(1)
        await expect(b.openVectorSpace({ id: 'other:3', dimensions: 3 })).rejects.toMatchObject({
          code: 'EMBEDDER_MISMATCH',
        })
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })

    it('never hands one job to two claimers', async () => {
      const [a, b] = await pair()
      try {
        for (let i = 0; i < 60; i++) await a.enqueueJob(newJob({ id: `job-${String(i).padStart(2, '0')}` }))
        const claims = Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).claimJobs({ worker: `w${i}`, limit: 3, now: isoAt(1), leaseUntil: isoAt(60) }),
        )
        const claimed = (await Promise.all(claims)).flat().map((job) => job.id)
        expect(claimed.length).toBe(60)
        expect(new Set(claimed).size).toBe(60)
        expect(await b.jobCounts()).toEqual({ pending: 0, running: 60, done: 0, failed: 0 })
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })

    it('keeps concurrent updates of one memory from losing a write (CONFLICT)', async () => {
      const [a, b] = await pair()
      try {
        await a.insert([memoryWrite({ id: 'm1' })])
        const next = (content: string) => memoryWrite({ id: 'm1', content, version: 2 })
        const results = await Promise.allSettled([a.update(next('from a'), 1), b.update(next('from b'), 1)])
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
        const rejected = results.find((r) => r.status === 'rejected')
        expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' })
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })
  })

  describe('Postgres nearest on a large scope (through the HNSW index)', () => {
    it('returns exact best matches, with filters, beyond the exact-scan threshold', async () => {
      const store = await schemas.create()
      try {
        await store.openVectorSpace(TEST_SPACE)
        // Points spread through the space. (Laid along a circle with a gap, they made a
        // chain the graph walk could get stranded at the wrong end of, in about one index
        // build in eight: HNSW's recall is high, not total.)
        const random = seededRandom(7)
        const writes = Array.from({ length: 6000 }, (_, i) =>
          memoryWrite({
            id: `v-${String(i).padStart(4, '0')}`,
            content: 'filler',
            vector: Array.from({ length: 4 }, () => random.next() * 2 - 1),
            tags: i % 2 ? ['odd'] : [],
          }),
        )
        for (let i = 0; i < writes.length; i += 1000) await store.insert(writes.slice(i, i + 1000))
        const query = { tenantId: 'tenant-a', userId: 'user-1', statuses: ['active' as const], limit: 5 }
        const target = Float32Array.from([1, 0, 0, 0])
        const cosine = (v: Float32Array) => (v[0] ?? 0) / Math.hypot(...v)
        const expected = (pool: typeof writes) =>
          [...pool]
            .sort((a, b) => cosine(b.vector) - cosine(a.vector) || a.record.id.localeCompare(b.record.id))
            .slice(0, 5)
            .map((w) => w.record.id)
        const all = await store.nearest({ ...query, vector: target })
        expect(all.map((c) => c.id)).toEqual(expected(writes))
        const odd = await store.nearest({ ...query, filter: { tags: ['odd'] }, vector: target })
        expect(odd.map((c) => c.id)).toEqual(expected(writes.filter((w) => w.record.tags.includes('odd'))))
      } finally {
        await store.close()
      }
    })
  })
}
