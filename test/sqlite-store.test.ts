import { spawn } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { allFtsTables } from '../src/store/sqlite/fts-tables.js'
import { MIGRATIONS } from '../src/store/sqlite/migrations.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { historyEvent, isoAt, memoryWrite, mention, newJob, TEST_SPACE } from '../src/testing/fixtures.js'
import { describeStore } from '../src/testing/store-conformance.js'
import { tempDir } from './helpers.js'

const dir = await tempDir('recall-sqlite-')
let n = 0
// A nested path also proves that missing parent directories are created.
const freshPath = () => join(dir, `store-${n++}`, 'nested', 'memory.db')

describeStore({ name: 'sqlite (file)', create: () => createSqliteStore({ path: freshPath() }) })
describeStore({ name: 'sqlite (:memory:)', create: () => createSqliteStore({ path: ':memory:' }) })

function raw(path: string): Database.Database {
  return new Database(path, { readonly: true })
}

const scope = { tenantId: 'tenant-a', userId: 'user-1' }
const query = { ...scope, statuses: ['active' as const], limit: 10 }

describe('sqlite store', () => {
  it('keeps records, vectors, history and term counts across close and reopen', async () => {
    const path = freshPath()
    const first = await createSqliteStore({ path })
    await first.openVectorSpace(TEST_SPACE)
    const write = memoryWrite({ id: 'm1', content: 'remembers the lighthouse', vector: [0, 1, 0, 0] })
    await first.insert([write])
    await first.close()

    const second = await createSqliteStore({ path })
    await second.openVectorSpace(TEST_SPACE)
    expect(await second.get('tenant-a', ['m1'])).toEqual([write.record])
    expect(await second.history('tenant-a', 'm1')).toEqual(write.events)
    expect((await second.nearest({ ...query, vector: Float32Array.from([0, 1, 0, 0]) }))[0]?.id).toBe('m1')
    expect((await second.keyword({ ...query, terms: ['lighthouse'] }))[0]?.id).toBe('m1')
    expect((await second.termCounts('tenant-a', ['lighthouse'])).counts.get('lighthouse')).toBe(1)
    await expect(second.openVectorSpace({ id: 'other:4', dimensions: 4 })).rejects.toMatchObject({
      code: 'EMBEDDER_MISMATCH',
    })
    await second.close()
  })

  it('stores the vectors of many small users without reserving room for a thousand each', async () => {
    const path = freshPath()
    const store = await createSqliteStore({ path })
    // A common embedding width: at sqlite-vec's default chunk of 1,024 vectors, each user's
    // first vector reserved 1.5 MB of zeros (60 MB for these 40 users).
    await store.openVectorSpace({ id: 'wide:384', dimensions: 384 })
    const vector = new Float32Array(384).fill(0.05)
    for (let user = 0; user < 40; user++)
      await store.insert(
        [0, 1].map((i) => memoryWrite({ id: `u${user}-m${i}`, userId: `user-${user}`, vector })),
      )
    expect(
      (await store.nearest({ ...query, userId: 'user-7', vector, limit: 5 })).map((c) => c.id).sort(),
    ).toEqual(['u7-m0', 'u7-m1'])
    await store.close()
    expect(statSync(path).size).toBeLessThan(16 * 1024 * 1024)
  })

  it('runs files in WAL mode', async () => {
    const path = freshPath()
    const store = await createSqliteStore({ path })
    const db = raw(path)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
    await store.close()
  })

  describe('checkpoints', () => {
    // About 600 pages of log: past the 250 at which the writing connection checkpoints on
    // its own, short of its backstop of 4,000 while a thread does it.
    const writeLog = async (store: Awaited<ReturnType<typeof createSqliteStore>>) => {
      await store.openVectorSpace(TEST_SPACE)
      for (let batch = 0; batch < 6; batch++)
        await store.insert(
          Array.from({ length: 100 }, (_, i) =>
            memoryWrite({ id: `m-${batch}-${i}`, content: `note ${batch} ${i} ${'x'.repeat(2000)}` }),
          ),
        )
    }
    const fileSize = (path: string) => statSync(path).size

    it('are not made by the writes while a thread makes them', async () => {
      const path = freshPath()
      // A thread that waits a minute: whatever reaches the file before, a write put there.
      const store = await createSqliteStore({ path, backgroundCheckpoints: { intervalMs: 60_000 } })
      const before = fileSize(path)
      await writeLog(store)
      expect(fileSize(`${path}-wal`)).toBeGreaterThan(250 * 4096)
      expect(fileSize(path)).toBe(before)
      await store.close()
      // Closing folds the log in.
      expect(fileSize(path)).toBeGreaterThan(before + 500 * 4096)
    })

    it('are made by the thread soon after the writes, and by the writes without it', async () => {
      for (const backgroundCheckpoints of [undefined, false] as const) {
        const path = freshPath()
        const store = await createSqliteStore({ path, backgroundCheckpoints })
        const before = fileSize(path)
        await writeLog(store)
        await expect
          .poll(() => fileSize(path), { timeout: 5000, interval: 50 })
          .toBeGreaterThan(before + 100 * 4096)
        await store.close()
      }
    })
  })

  it('applies each migration once and not again on reopen', async () => {
    const path = freshPath()
    await (await createSqliteStore({ path })).close()
    const versions = () => {
      const db = raw(path)
      const rows = db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all()
      db.close()
      return rows
    }
    const first = versions()
    expect(first.map((row) => (row as { version: number }).version)).toEqual(MIGRATIONS.map((m) => m.version))
    await (await createSqliteStore({ path })).close()
    expect(versions()).toEqual(first)
  })

  it('lets several processes open and write a fresh file at the same moment', async () => {
    // Each process opens ROUNDS fresh files, all processes at the same instants, so that
    // their migrations race; every open and write must still succeed, each step once.
    const ROUNDS = 5
    const PROCESSES = ['p1', 'p2', 'p3', 'p4']
    const raceDir = join(dir, `race-${n++}`)
    const script = join(dir, 'open-concurrently.mts')
    const src = (file: string) => fileURLToPath(new URL(`../src/${file}`, import.meta.url))
    writeFileSync(
      script,
      `import { createSqliteStore } from ${JSON.stringify(src('store/sqlite/sqlite-store.ts'))}
       import { memoryWrite, TEST_SPACE } from ${JSON.stringify(src('testing/fixtures.ts'))}
       const [dir, id, startAt] = process.argv.slice(2)
       for (let round = 0; round < ${ROUNDS}; round++) {
         while (Date.now() < Number(startAt) + round * 300) await new Promise((r) => setTimeout(r, 1))
         const store = await createSqliteStore({ path: dir + '/race-' + round + '.db' })
         await store.openVectorSpace(TEST_SPACE)
         await store.insert([memoryWrite({ id })])
         await store.close()
       }`,
    )
    const startAt = Date.now() + 2500
    const run = (id: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, raceDir, id, String(startAt)])
        let stderr = ''
        child.stderr.on('data', (chunk) => {
          stderr += String(chunk)
        })
        child.on('close', (code) => resolve({ code, stderr }))
      })
    const results = await Promise.all(PROCESSES.map(run))
    expect(results).toEqual(results.map(() => ({ code: 0, stderr: '' })))
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(raceDir, `race-${round}.db`)
      const store = await createSqliteStore({ path })
      const listed = await store.list({ ...scope, limit: 10 })
      expect(listed.items.map((r) => r.id).sort()).toEqual(PROCESSES)
      await store.close()
      const db = raw(path)
      expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
        n: MIGRATIONS.length,
      })
      db.close()
    }
  })

  it('never hands one job to two stores on the same file', async () => {
    const path = freshPath()
    const a = await createSqliteStore({ path })
    const b = await createSqliteStore({ path })
    await a.enqueueJob(newJob({ id: 'j1' }))
    const lease = { limit: 5, now: isoAt(1), leaseUntil: isoAt(3) }
    expect(await b.claimJobs({ ...lease, worker: 'b' })).toMatchObject([{ id: 'j1', attempts: 1 }])
    expect(await a.claimJobs({ ...lease, worker: 'a' })).toEqual([])
    // b's lease runs out: a takes the job over, and b no longer gets it.
    const later = { ...lease, now: isoAt(3), leaseUntil: isoAt(9) }
    expect(await a.claimJobs({ ...later, worker: 'a' })).toMatchObject([{ id: 'j1', attempts: 2 }])
    expect(await b.claimJobs({ ...later, worker: 'b' })).toEqual([])
    await a.finishJob('j1', { ok: true })
    expect(await b.jobCounts()).toEqual({ pending: 0, running: 0, done: 1, failed: 0 })
    await a.close()
    await b.close()
  })

  it('splits a queue between processes claiming at the same moment, each job once', async () => {
    const JOBS = 120
    const PROCESSES = 4
    const path = freshPath()
    const store = await createSqliteStore({ path })
    for (let i = 0; i < JOBS; i++) await store.enqueueJob(newJob({ id: `j${i}` }))
    await store.close()
    const script = join(dir, 'claim-concurrently.mts')
    const src = fileURLToPath(new URL('../src/store/sqlite/sqlite-store.ts', import.meta.url))
    writeFileSync(
      script,
      `import { createSqliteStore } from ${JSON.stringify(src)}
       const [path, worker, startAt] = process.argv.slice(2)
       const store = await createSqliteStore({ path })
       while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1))
       const claimed = []
       for (;;) {
         const jobs = await store.claimJobs({
           worker, limit: 2, now: '2024-01-01T00:01:00.000Z', leaseUntil: '2024-01-02T00:00:00.000Z',
         })
         if (jobs.length === 0) break
         claimed.push(...jobs.map((job) => job.id))
       }
       await store.close()
       process.stdout.write(JSON.stringify(claimed))`,
    )
    const startAt = Date.now() + 2000
    const run = (worker: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, path, worker, String(startAt)])
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (chunk) => {
          stdout += String(chunk)
        })
        child.stderr.on('data', (chunk) => {
          stderr += String(chunk)
        })
        child.on('close', (code) => resolve({ code, stdout, stderr }))
      })
    const results = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => run(`w${i}`)))
    expect(results.map(({ code, stderr }) => ({ code, stderr }))).toEqual(
      results.map(() => ({ code: 0, stderr: '' })),
    )
    const claimed = results.flatMap((result) => JSON.parse(result.stdout) as string[])
    expect(claimed.length).toBe(JOBS)
    expect(new Set(claimed).size).toBe(JOBS)
    const db = raw(path)
    expect(
      db.prepare("SELECT count(*) AS n FROM jobs WHERE status = 'running' AND attempts = 1").get(),
    ).toEqual({ n: JOBS })
    db.close()
  })

  it('fails a job whose lease ran out on its last attempt instead of retrying it forever', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.enqueueJob(newJob({ id: 'poison', maxAttempts: 2 }))
    await store.enqueueJob(newJob({ id: 'fine', runAfter: isoAt(5) }))
    for (const minute of [1, 3]) {
      const claimed = await store.claimJobs({
        worker: 'w',
        limit: 1,
        now: isoAt(minute),
        leaseUntil: isoAt(minute + 1),
      })
      expect(claimed.map((job) => job.id)).toEqual(['poison'])
    }
    const after = await store.claimJobs({ worker: 'w', limit: 5, now: isoAt(5), leaseUntil: isoAt(6) })
    expect(after.map((job) => job.id)).toEqual(['fine'])
    expect(await store.jobCounts()).toEqual({ pending: 0, running: 1, done: 0, failed: 1 })
    await store.close()
  })

  it('passes integrity checks after every kind of write', async () => {
    const path = freshPath()
    const store = await createSqliteStore({ path })
    await store.openVectorSpace(TEST_SPACE)
    const topics = ['tea', 'chess', 'rain', 'jazz'].map((name) => mention(name, 'topic'))
    await store.insert(
      Array.from({ length: 50 }, (_, i) =>
        memoryWrite({ id: `m${i}`, userId: `u${i % 3}`, entities: topics.slice(i % 4) }),
      ),
    )
    await store.update(
      memoryWrite({ id: 'm1', userId: 'u1', content: 'changed words', version: 2, entities: topics }),
      1,
    )
    await store.patch('tenant-a', 'm4', { status: 'archived' }, [], 1)
    await store.recordAccess('tenant-a', ['m1', 'm2', 'm3'], '2024-03-01T00:00:00.000Z')
    await store.adjustAssociations({ tenantId: 'tenant-a', userId: 'u2' }, 'm2', ['tea', 'unseen'], 1)
    await store.adjustAssociations({ tenantId: 'tenant-a', userId: 'u0' }, 'm3', ['tea'], -1)
    await store.remove('tenant-a', 'm2', historyEvent('m2', { event: 'deleted' }))
    for (let i = 0; i < 6; i++) await store.enqueueJob(newJob({ id: `j${i}`, userId: `u${i % 3}` }))
    await store.claimJobs({ worker: 'w', limit: 4, now: isoAt(1), leaseUntil: isoAt(2) })
    await store.finishJob('j0', { ok: true })
    await store.finishJob('j1', { ok: false, error: 'boom' })
    await store.removeUser({ tenantId: 'tenant-a', userId: 'u0' })
    await store.openVectorSpace({ id: 'other:3', dimensions: 3 }, { reset: true })
    await store.close()
    const db = new Database(path)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    // FTS5 raises an error if its index disagrees with its content.
    const fts = allFtsTables(db)
    expect(fts).toHaveLength(1)
    for (const table of fts) db.exec(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`)
    db.close()
  })

  it('leaves no byte of deleted content or vectors in the database file', async () => {
    const path = freshPath()
    const store = await createSqliteStore({ path })
    await store.openVectorSpace(TEST_SPACE)
    // Lower-cased and without the ending that stemming may rewrite, as the FTS index keeps it.
    const marker = (tag: string) => `qx${tag}marker`
    const vectorOf = (seed: number) => [0.123457 * seed, 0.654321, -0.111119, 0.999331]
    const bytesOf = (seed: number) => Buffer.from(Float32Array.from(vectorOf(seed)).buffer)
    await store.insert([
      memoryWrite({
        id: 'one',
        content: `secret ${marker('one')}Zy text`,
        metadata: { note: marker('one') },
      }),
      memoryWrite({
        id: 'two',
        userId: 'leaver',
        content: `private ${marker('two')}Zy`,
        vector: vectorOf(2),
        entities: [mention(`${marker('leaverentity')} Vale`), mention('Shared')],
      }),
      memoryWrite({
        id: 'kept',
        content: `ordinary ${marker('kept')}Zy words`,
        vector: vectorOf(3),
        entities: [mention(`${marker('keptentity')} Vale`)],
      }),
    ])
    await store.adjustAssociations({ tenantId: 'tenant-a', userId: 'leaver' }, 'two', [marker('assoc')], 1)
    const leaver = { tenantId: 'tenant-a', userId: 'leaver' }
    await store.enqueueJob(newJob({ ...leaver, id: 'job-done', payload: { text: marker('jobdone') } }))
    await store.enqueueJob(newJob({ ...leaver, id: 'job-failed', payload: { text: marker('jobfailed') } }))
    await store.enqueueJob(newJob({ ...leaver, id: 'job-queued', payload: { text: marker('jobqueued') } }))
    await store.enqueueJob(newJob({ id: 'job-kept', payload: { text: marker('jobkept') } }))
    await store.claimJobs({ worker: 'w', limit: 2, now: isoAt(1), leaseUntil: isoAt(2) })
    await store.finishJob('job-done', { ok: true })
    await store.finishJob('job-failed', { ok: false, error: `failed on ${marker('joberror')}` })
    await store.update(
      memoryWrite({
        id: 'one',
        content: `secret ${marker('one')}Zy text`,
        version: 2,
        entities: [mention(`${marker('oneentity')}`)],
      }),
      1,
    )
    await store.close()
    const file = () => readFileSync(path)
    const jobTags = ['jobdone', 'jobfailed', 'jobqueued', 'joberror']
    for (const tag of [
      'one',
      'two',
      'kept',
      'leaverentity',
      'keptentity',
      'assoc',
      'oneentity',
      'jobkept',
      ...jobTags,
    ])
      expect(file().toString('latin1').toLowerCase()).toContain(marker(tag))
    expect(file().includes(bytesOf(2))).toBe(true)

    const reopened = await createSqliteStore({ path })
    await reopened.remove('tenant-a', 'one', historyEvent('one', { event: 'deleted' }))
    await reopened.removeUser({ tenantId: 'tenant-a', userId: 'leaver' })
    await reopened.close()
    const text = file().toString('latin1').toLowerCase()
    expect(text).not.toContain(marker('one'))
    expect(text).not.toContain(marker('two'))
    // Entity names and keys, and association keys, of what was forgotten are gone too.
    expect(text).not.toContain(marker('leaverentity'))
    expect(text).not.toContain(marker('oneentity'))
    expect(text).not.toContain(marker('assoc'))
    // Job payloads quote the user's messages; errors may too.
    for (const tag of jobTags) expect(text).not.toContain(marker(tag))
    expect(text).toContain(marker('jobkept'))
    expect(text).toContain(marker('keptentity'))
    expect(file().includes(bytesOf(2))).toBe(false)
    expect(text).toContain(marker('kept'))
    expect(file().includes(bytesOf(3))).toBe(true)
  })

  it('stems English words in keyword search', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.openVectorSpace(TEST_SPACE)
    await store.insert([memoryWrite({ id: 'm1', content: 'She was running marathons' })])
    expect((await store.keyword({ ...query, terms: ['run', 'marathon'] })).map((c) => c.id)).toEqual(['m1'])
    await store.close()
  })
})
