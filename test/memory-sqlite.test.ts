import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory, MemoryError } from '../src/index.js'
import { describeMemory } from '../src/testing/memory-behaviour.js'
import { startEmbeddingServer } from './embedding-server.js'
import { tempDir } from './helpers.js'

const dir = await tempDir()
const embedder = await createLocalEmbedder()
let n = 0
const freshPath = () => join(dir, `memory-${n++}.db`)

describeMemory({ name: 'embedded SQLite file', create: () => createMemory({ path: freshPath(), embedder }) })
describeMemory({
  name: 'embedded SQLite :memory:',
  create: () => createMemory({ path: ':memory:', embedder }),
})

describe('embedded SQLite memory', () => {
  it('skips a consolidation of a scope already running in this process', async () => {
    const memory = await createMemory({ path: freshPath(), embedder })
    await memory.add({ content: 'Alice keeps bees', userId: 'alice', expiresAt: '2020-01-01T00:00:00.000Z' })
    const reports = await Promise.all([
      memory.consolidate({ userId: 'alice' }),
      memory.consolidate({ userId: 'alice' }),
      memory.consolidate(),
    ])
    expect(reports.map((r) => r.skipped)).toEqual([false, true, false])
    expect(reports[1]).toMatchObject({ expired: 0, decisions: [] })
    await memory.close()
  })

  it('pages through one ranking of the candidate pool: no hit repeated or skipped', async () => {
    // Dense and keyword only, five candidates each, and texts that tie on both: the page
    // must not change which memories are ranked, or ties would reorder between pages.
    const scoring = { candidates: 5, activation: 0, spreading: 0, session: 0, claim: 0 }
    const memory = await createMemory({ path: freshPath(), embedder, scoring })
    await memory.addMany(
      Array.from({ length: 12 }, (_, i) => ({ content: `Pottery class number ${i + 1}`, userId: 'u' })),
    )
    const query = { query: 'pottery class', userId: 'u', recordAccess: false }
    const ranking = (await memory.search({ ...query, limit: 12 })).map((h) => h.memory.id)
    const pages = await Promise.all(
      [0, 3, 6, 9].map((offset) => memory.search({ ...query, limit: 3, offset })),
    )
    expect(pages.flat().map((h) => h.memory.id)).toEqual(ranking)
    expect(new Set(ranking).size).toBe(ranking.length)
    await memory.close()
  })

  it('keeps memories across close and reopen', async () => {
    const path = freshPath()
    const first = await createMemory({ path, embedder })
    const m = await first.add({ content: 'Alice moved to Berlin', userId: 'alice' })
    await first.close()
    const second = await createMemory({ path, embedder })
    expect((await second.get(m.id))?.content).toBe('Alice moved to Berlin')
    expect((await second.search({ query: 'Berlin', userId: 'alice' }))[0]?.memory.id).toBe(m.id)
    await second.close()
  })

  it('detects a change of embedder, and re-embeds when asked', async () => {
    const path = freshPath()
    const first = await createMemory({ path, embedder })
    await first.addMany([
      { content: 'Alice moved to Berlin', userId: 'alice' },
      { content: 'Alice plays the violin', userId: 'alice' },
    ])
    await first.close()
    const server = await startEmbeddingServer()
    try {
      const { createOpenAICompatibleEmbedder } = await import('../src/embed/index.js')
      const remote = await createOpenAICompatibleEmbedder({
        baseUrl: server.url,
        model: 'hash-16',
        dimensions: 16,
      })
      const error = await createMemory({ path, embedder: remote }).catch((e: unknown) => e)
      expect(MemoryError.is(error) && error.code).toBe('EMBEDDER_MISMATCH')
      expect((error as Error).message).toMatch(/reindex/)
      const reindexed = await createMemory({ path, embedder: remote, onEmbedderChange: 'reindex' })
      const [hit] = await reindexed.search({ query: 'violin', userId: 'alice' })
      expect(hit?.memory.content).toBe('Alice plays the violin')
      await reindexed.close()
      const back = await createMemory({ path, embedder }).catch((e: unknown) => e)
      expect(MemoryError.is(back) && back.code).toBe('EMBEDDER_MISMATCH')
    } finally {
      await server.close()
    }
  })

  it('adds 10,000 memories in one batch and searches them', async () => {
    const memory = await createMemory({ path: freshPath(), embedder })
    const cities = ['Berlin', 'Lisbon', 'Osaka', 'Quito', 'Nairobi', 'Oslo', 'Hanoi', 'Perth']
    const hobbies = ['chess', 'rowing', 'pottery', 'birdwatching', 'salsa', 'climbing', 'baking']
    const inputs = Array.from({ length: 10_000 }, (_, i) => ({
      content: `Person ${i} lives in ${cities[i % cities.length]} and enjoys ${hobbies[i % hobbies.length]}`,
      userId: `user-${i % 10}`,
    }))
    expect(await memory.addMany(inputs)).toHaveLength(10_000)
    const hits = await memory.search({ query: 'who enjoys pottery in Osaka', userId: 'user-2', limit: 5 })
    expect(hits).toHaveLength(5)
    for (const h of hits) expect(h.memory.content).toMatch(/Osaka|pottery/)
    expect((await memory.stats()).memories).toBe(10_000)
    await memory.close()
  })
})
