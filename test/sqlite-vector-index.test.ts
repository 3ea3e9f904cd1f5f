import { spawn } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { mixSeed, seededRandom } from '../src/bench/seeded-random.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { MemoryStore, VectorQuery } from '../src/store/store.js'
import { historyEvent, memoryWrite } from '../src/testing/fixtures.js'
import { tempDir } from './helpers.js'

/**
 * The HNSW index behind nearest-neighbour search in large scopes, checked against the
 * same file searched exactly: it must follow every write, delete, update and user
 * removal, in this process or another, and survive a crash.
 */
const SPACE = { id: 'test:16', dimensions: 16 }
const MIN = 50
const dir = await tempDir('recall-hnsw-')
let n = 0
const freshPath = () => join(dir, `store-${n++}.db`)
const scope = { tenantId: 'tenant-a', userId: 'user-1' }

const vectorOf = (seed: number) => {
  const rng = seededRandom(mixSeed(seed, 7))
  return Array.from({ length: SPACE.dimensions }, () => rng.next() - 0.5)
}
const write = (i: number, extra: Parameters<typeof memoryWrite>[0] = {}) =>
  memoryWrite({ id: `m-${String(i).padStart(4, '0')}`, content: `note ${i}`, vector: vectorOf(i), ...extra })

async function open(path: string, vectorIndex: { minScopeSize: number } | false = { minScopeSize: MIN }) {
  const store = await createSqliteStore({ path, vectorIndex })
  await store.openVectorSpace(SPACE)
  return store
}

const query = (seed: number, overrides: Partial<VectorQuery> = {}): VectorQuery => ({
  ...scope,
  statuses: ['active'],
  limit: 10,
  vector: Float32Array.from(vectorOf(seed)),
  ...overrides,
})

/**
 * The indexed store answers like an exact search of the same file, to the precision of
 * the graph's 16-bit vectors (on data this small, the walk itself misses nothing): at
 * every rank the memory found is as near as the one exact search puts there, within
 * 2e-3, and its score is within that of its exact score. Memories nearly as near as one
 * another may trade places; no memory farther than that takes a place.
 */
async function expectSameAsExact(indexed: MemoryStore, path: string, overrides: Partial<VectorQuery> = {}) {
  const exact = await open(path, false)
  for (const seed of [1001, 1002, 1003, 1004, 1005]) {
    const found = await indexed.nearest(query(seed, overrides))
    const expected = await exact.nearest(query(seed, overrides))
    const all = await exact.nearest(query(seed, { ...overrides, limit: 10_000 }))
    const exactScore = new Map(all.map((c) => [c.id, c.score]))
    expect(found).toHaveLength(expected.length)
    for (const [i, c] of found.entries()) {
      const truth = exactScore.get(c.id) as number
      expect(Math.abs(c.score - truth)).toBeLessThan(2e-3)
      expect(Math.abs(truth - (expected[i]?.score as number))).toBeLessThan(2e-3)
    }
  }
  await exact.close()
}

/** Every vector of the scope, by asking for more neighbours than there are memories. */
async function everything(store: MemoryStore): Promise<string[]> {
  const all = await store.nearest(query(1, { limit: 10_000, statuses: ['active', 'superseded', 'archived'] }))
  return all.map((c) => c.id).sort()
}

describe('sqlite HNSW index', () => {
  it('follows inserts, updates, deletes and statuses in a scope past the threshold', async () => {
    const path = freshPath()
    const store = await open(path)
    await store.insert(Array.from({ length: 200 }, (_, i) => write(i)))
    await expectSameAsExact(store, path)
    // Updates move vectors, deletes take them away, and a superseded memory stays indexed but is not returned.
    const moved = write(3, { vector: vectorOf(1001) })
    await store.update({ ...moved, record: { ...moved.record, version: 2 } }, 1)
    for (const id of ['m-0010', 'm-0011', 'm-0012'])
      await store.remove('tenant-a', id, historyEvent(id, { event: 'deleted' }))
    await store.patch('tenant-a', 'm-0020', { status: 'superseded' }, [], 1)
    await store.insert(Array.from({ length: 30 }, (_, i) => write(500 + i)))
    expect((await store.nearest(query(1001)))[0]?.id).toBe('m-0003')
    await expectSameAsExact(store, path)
    const ids = await everything(store)
    expect(ids).toHaveLength(227)
    expect(ids).not.toContain('m-0010')
    expect(ids).toContain('m-0529')
    await store.close()
  })

  it('serves filtered searches by asking for more neighbours, and exactly when the filter is too narrow', async () => {
    const path = freshPath()
    const store = await open(path)
    await store.insert(
      Array.from({ length: 300 }, (_, i) =>
        write(i, { tags: i % 3 === 0 ? ['third'] : [], type: i === 7 ? 'rare' : 'fact' }),
      ),
    )
    await expectSameAsExact(store, path, { filter: { tags: ['third'] } })
    await expectSameAsExact(store, path, { filter: { types: ['rare'] } })
    expect((await store.nearest(query(5, { filter: { types: ['rare'] } }))).map((c) => c.id)).toEqual([
      'm-0007',
    ])
    await store.close()
  })

  it('sees what another process wrote to the same file', async () => {
    const path = freshPath()
    const reader = await open(path)
    const writer = await open(path)
    await writer.insert(Array.from({ length: 120 }, (_, i) => write(i)))
    await expectSameAsExact(reader, path)
    await writer.insert([write(900, { vector: vectorOf(1002) })])
    await writer.remove('tenant-a', 'm-0001', historyEvent('m-0001', { event: 'deleted' }))
    expect((await reader.nearest(query(1002)))[0]?.id).toBe('m-0900')
    expect(await everything(reader)).not.toContain('m-0001')
    await writer.close()
    await reader.close()
  })

  it('keeps its index in a file beside the database, and drops the file when a memory is deleted', async () => {
    const path = freshPath()
    const first = await open(path)
    await first.insert(Array.from({ length: 100 }, (_, i) => write(i)))
    await first.nearest(query(1))
    await first.insert([write(100)])
    await first.close()
    const files = readdirSync(`${path}.hnsw`)
    expect(files).toHaveLength(1)
    const second = await open(path)
    await second.insert([write(101)])
    await expectSameAsExact(second, path)
    expect(await everything(second)).toHaveLength(102)
    await second.remove('tenant-a', 'm-0050', historyEvent('m-0050', { event: 'deleted' }))
    expect(readdirSync(`${path}.hnsw`)).toEqual([])
    expect(await everything(second)).not.toContain('m-0050')
    await second.close()
  })

  it('agrees with the store after a writer is killed mid-write', async () => {
    const path = freshPath()
    const script = join(dir, 'write-until-killed.mts')
    const src = (file: string) => fileURLToPath(new URL(`../src/${file}`, import.meta.url))
    writeFileSync(
      script,
      `import { createSqliteStore } from ${JSON.stringify(src('store/sqlite/sqlite-store.ts'))}
       import { memoryWrite } from ${JSON.stringify(src('testing/fixtures.ts'))}
       const store = await createSqliteStore({ path: process.argv[2], vectorIndex: { minScopeSize: ${MIN} } })
       await store.openVectorSpace(${JSON.stringify(SPACE)})
       const vector = (i) => Array.from({ length: ${SPACE.dimensions} }, (_, j) => Math.sin(i * 31 + j))
       const write = (i) => memoryWrite({ id: 'w-' + i, content: 'note ' + i, vector: vector(i) })
       await store.insert(Array.from({ length: 100 }, (_, i) => write(i)))
       // Builds the index and saves it; every write after this is only in the database.
       await store.nearest({ tenantId: 'tenant-a', userId: 'user-1', statuses: ['active'], limit: 5, vector: Float32Array.from(vector(0)) })
       process.stdout.write('indexed\\n')
       // Paced, so the kill lands while it writes; capped below the searches' limit.
       for (let i = 100; i < 5000; i += 20) {
         await new Promise((resolve) => setTimeout(resolve, 5))
         await store.insert(Array.from({ length: 20 }, (_, j) => write(i + j)))
         if (i % 60 === 0) await store.nearest({ tenantId: 'tenant-a', userId: 'user-1', statuses: ['active'], limit: 5, vector: Float32Array.from(vector(i)) })
       }`,
    )
    const child = spawn(process.execPath, ['--import', 'tsx', script, path])
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk)
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        if (String(chunk).includes('indexed')) setTimeout(resolve, 400)
      })
      child.on('close', () => reject(new Error(`writer ended early: ${stderr}`)))
    })
    child.kill('SIGKILL')
    await new Promise((resolve) => child.on('close', resolve))
    expect(existsSync(`${path}.hnsw`)).toBe(true)

    const store = await open(path)
    const stored: string[] = []
    let cursor: string | null = null
    do {
      const page = await store.list({ ...scope, limit: 1000, cursor })
      stored.push(...page.items.map((r) => r.id))
      cursor = page.nextCursor
    } while (cursor !== null)
    stored.sort()
    expect(stored.length).toBeGreaterThan(100)
    expect(stored.length).toBeLessThan(5000)
    expect(await everything(store)).toEqual(stored)
    await expectSameAsExact(store, path)
    await store.close()
  })

  it('forgets a removed user and rebuilds after the vector space is reset', async () => {
    const path = freshPath()
    const store = await open(path)
    await store.insert(Array.from({ length: 80 }, (_, i) => write(i)))
    await store.insert(Array.from({ length: 80 }, (_, i) => write(300 + i, { userId: 'user-2' })))
    expect(await everything(store)).toHaveLength(80)
    expect(await store.removeUser(scope)).toBe(80)
    expect(await store.nearest(query(1))).toEqual([])
    await store.openVectorSpace(SPACE, { reset: true })
    await store.replaceVectors(
      Array.from({ length: 80 }, (_, i) => ({
        tenantId: 'tenant-a',
        id: `m-0${300 + i}`,
        vector: Float32Array.from(vectorOf(1003 + i)),
      })),
    )
    const other = { ...scope, userId: 'user-2' }
    expect((await store.nearest({ ...query(1003), ...other }))[0]?.id).toBe('m-0300')
    await store.close()
  })
})
