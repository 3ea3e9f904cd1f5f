import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory, type Memory } from '../src/index.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { bundleChild } from './child-bundle.js'
import { tempDir } from './helpers.js'
import { Ledger } from './ingest-ledger.js'
import { type LineChild, startLineChild } from './line-child.js'
import { sqliteProblems } from './sqlite-consistency.js'

const ROUNDS = 20
const dir = await tempDir('recall-crash-')
const path = join(dir, 'memory.db')
const script = await bundleChild(join(import.meta.dirname, 'fixtures', 'ingest-child.ts'))

/** Child `round`, started ahead of its turn: modules loaded, store not yet opened. */
const start = (round: number) => startLineChild([script, path, String(round)])

describe('crash safety: SIGKILL during continuous ingestion', () => {
  let memory: Memory
  afterAll(() => memory?.close())

  it(`keeps every acknowledged write, and a sound store, across ${ROUNDS} kills`, async () => {
    const ledger = new Ledger()
    const embedder = await createLocalEmbedder()
    // Processes start two turns ahead: loading modules takes longer than a round's writes.
    const ahead = [start(0), start(1)]
    for (let round = 0; round <= ROUNDS; round++) {
      const child = ahead.shift() as LineChild
      if (round + 2 <= ROUNDS) ahead.push(start(round + 2))
      await child.waitFor('loaded')
      // Restart: this process opens the store the killed one left behind, and finishes its jobs.
      child.process.stdin?.write('open\n')
      const killEarly = round % 5 === 4 && round < ROUNDS
      if (killEarly) {
        // Now and then the kill lands while the store opens and resumes jobs.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 400))
      } else {
        await child.waitFor('ready')
        memory ??= await createMemory({ path, embedder })
        await verify(memory, ledger, round)
        if (round === ROUNDS) {
          child.process.stdin?.end()
          expect(await child.exited).toBe(0)
          break
        }
        child.process.stdin?.write(`${JSON.stringify({ resend: [...ledger.unanswered.values()] })}\n`)
        // Every kind of write at least once (a conversation comes sixth), then the kill at a
        // random moment of continuous writing.
        await child.waitFor('conv ')
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 1200))
      }
      child.process.kill('SIGKILL')
      await child.exited
      ledger.read(child.lines)
    }
    // Enough happened for the rounds to mean something.
    expect(ledger.adds).toBeGreaterThan(ROUNDS * 5)
    expect(ledger.conversations.size).toBeGreaterThan(ROUNDS / 2)
  }, 240_000)
})

/** Every acknowledged write is there and findable, deletions hold, and the file and its indexes agree. */
async function verify(memory: Memory, ledger: Ledger, round: number): Promise<void> {
  const { problems, counts } = sqliteProblems(path)
  expect(problems, `after round ${round}`).toEqual([])
  expect(counts.pendingJobs, 'jobs left unfinished after a restart').toBe(0)
  for (const [id, token] of ledger.live) {
    const found = await memory.get(id)
    expect(found?.content, `acknowledged memory ${id} (${token})`).toContain(token)
    expect(found?.status).toBe('active')
  }
  for (const id of ledger.deleted) expect(await memory.get(id), `deleted ${id}`).toBeNull()
  // The newest writes are the likeliest to be lost: each must be found by search, too.
  for (const id of ledger.unsearched) {
    const token = ledger.live.get(id) as string
    const record = await memory.get(id)
    const hits = await memory.search({ query: token, userId: record?.userId ?? '', recordAccess: false })
    expect(
      hits.map((h) => h.memory.id),
      `search for ${token}`,
    ).toContain(id)
  }
  ledger.unsearched.clear()
  const db = new Database(path, { readonly: true })
  try {
    const job = db.prepare('SELECT status FROM jobs WHERE id = ?').pluck()
    for (const conv of ledger.conversations.values()) {
      for (const id of conv.episodes) expect(await memory.get(id), `episode ${id}`).not.toBeNull()
      // Queued at acknowledgement, finished after the restart.
      expect(job.get(conv.jobId), `job of conversation ${conv.round} ${conv.n}`).toBe('done')
    }
    for (const conv of ledger.unsearchedConversations) {
      const hits = await memory.search({
        query: `zc${conv.round}m${conv.n} tulips`,
        userId: 'talker',
        filters: { types: ['fact'] },
        recordAccess: false,
      })
      const fact = hits.find((h) => h.memory.content.includes(`zc${conv.round}m${conv.n}`))
      expect(fact?.memory.metadata, `fact of conversation ${conv.round} ${conv.n}`).toMatchObject({
        provenance: { messageIds: [conv.episodes[0]] },
      })
    }
    ledger.unsearchedConversations.clear()
  } finally {
    db.close()
  }
}

describe('crash safety: a conversation sent again after a crash', () => {
  it('queues the extraction a crash between storing the messages and queueing the job left out', async () => {
    const file = join(dir, 'resend.db')
    const embedder = await createLocalEmbedder()
    const conversation = {
      userId: 'dana',
      messages: [{ role: 'user' as const, name: 'Dana', content: 'I adopted a greyhound named Pixel.' }],
    }
    // The process "dies" right after the episodes are committed: queueing the job never happens.
    const store = await createSqliteStore({ path: file })
    const dying = await createMemory({
      embedder,
      extractInBackground: true,
      store: {
        ...store,
        enqueueJob: () => Promise.reject(new Error('killed before the job was queued')),
      },
    })
    await expect(dying.add(conversation)).rejects.toThrow('killed')
    await dying.close()

    // The client got no answer and sends the same messages again.
    const memory = await createMemory({ path: file, embedder, extractInBackground: true })
    const result = await memory.add(conversation)
    expect(result.created).toEqual([])
    expect(result.jobId).not.toBeNull()
    await memory.flush()
    const facts = await memory.list({ userId: 'dana', filters: { types: ['fact'] } })
    expect(facts.items.map((f) => f.content)).toEqual([expect.stringContaining('Pixel')])
    // Sent a third time: nothing new, and no second job.
    const again = await memory.add(conversation)
    expect(again.jobId).toBe(result.jobId)
    await memory.flush()
    expect((await memory.list({ userId: 'dana', filters: { types: ['fact'] } })).items).toHaveLength(1)
    await memory.close()
  })
})
