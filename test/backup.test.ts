import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory, type Memory } from '../src/index.js'
import type { MemoryStore } from '../src/store/store.js'
import { tempDir } from './helpers.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'
import { startTestServer } from './server-helpers.js'

const embedder = await createLocalEmbedder()
const dir = await tempDir('recall-backup-')
let files = 0
const NOW = '2024-09-01T12:00:00.000Z'
const USERS = ['alice', 'bob']

/** A memory on a fresh SQLite file, or on `store`, with a fixed clock. */
const open = (store?: MemoryStore): Promise<Memory> =>
  createMemory({
    ...(store ? { store } : { path: join(dir, `backup-${files++}.db`) }),
    embedder,
    now: () => new Date(NOW),
  })

/**
 * Everything export and import are meant to carry: several users, sessions, metadata and
 * tags, updates (history), a deleted memory, a merge, a superseded fact, an archived
 * memory, retrievals (access times and counts) and feedback (confidence).
 */
async function seed(memory: Memory): Promise<void> {
  for (const userId of USERS) {
    const name = userId === 'alice' ? 'Alice' : 'Bob'
    const at = (day: number) => `2024-0${1 + (day % 8)}-1${day % 10}T09:00:00Z`
    await memory.addMany(
      [
        `${name} lives in Paris`,
        `${name} works at Siemens as an engineer`,
        `${name} plays the violin on Sundays`,
        `${name} met Carol at the harbour cafe`,
        `${name} is allergic to peanuts`,
        `${name} wants to visit Tokyo next spring`,
        `${name}'s sister Dana studies biology in Lyon`,
      ].map((content, day) => ({
        content,
        userId,
        sessionId: `s${day % 3}`,
        observedAt: at(day),
        metadata: { day, source: { kind: 'chat', n: [day] } },
        tags: day % 2 === 0 ? ['even'] : ['odd'],
        source: day % 2 === 0 ? 'chat' : null,
      })),
    )
    await memory.add({ content: `${name} lives in Paris!`, userId, observedAt: at(8) })
    await memory.add({ content: `${name} moved to Berlin`, userId, observedAt: '2024-08-20T09:00:00Z' })
    const note = await memory.add({ content: `${name} keeps a spare key under the mat`, userId })
    await memory.update(note.id, { content: `${name} keeps a spare key with Carol`, tags: ['home'] })
    const gone = await memory.add({ content: `${name} had a passing thought`, userId })
    await memory.delete(gone.id)
    await memory.add({ content: `${name} has a dentist appointment`, userId, expiresAt: '2024-02-01' })
    for (const query of ['where does she live', 'violin', 'allergic'])
      await memory.search({ query: `${query} ${name}`, userId })
    const [violin] = await memory.search({ query: 'violin', userId, recordAccess: false })
    await memory.feedback({ memoryId: violin?.memory.id as string, useful: true, query: `${name} music` })
  }
  await memory.consolidate()
}

const QUERIES = [
  'Where does Alice live?',
  'what does Bob do for work',
  'violin Sunday',
  'peanuts allergy',
  'Tokyo trip',
  'Carol harbour',
  'spare key',
  'sister biology Lyon',
  'Alice music',
]

/** Export lines without the header (which carries the time of export), sorted by memory id. */
async function exported(memory: Memory): Promise<string[]> {
  const lines: string[] = []
  for await (const line of memory.export()) lines.push(line)
  return lines.slice(1).sort()
}

/** Each query's hits with their scores and explanations, looked at without touching anything. */
async function answers(memory: Memory) {
  const out: unknown[] = []
  for (const userId of USERS)
    for (const query of QUERIES)
      out.push(
        await memory.search({ query, userId, limit: 20, explain: true, recordAccess: false, now: NOW }),
      )
  return out
}

async function histories(memory: Memory, lines: string[]) {
  return Promise.all(lines.map((line) => memory.history(JSON.parse(line).record.id)))
}

/** Copies `from` into `to` through export and import. */
async function copy(from: Memory, to: Memory): Promise<void> {
  const result = await to.import(from.export())
  expect(result).toMatchObject({ skipped: 0 })
  expect(result.imported).toBe((await exported(from)).length)
}

/** Expects `copy` to hold exactly what `original` holds, and to rank every query alike. */
async function expectSame(original: Memory, copy: Memory): Promise<void> {
  const lines = await exported(original)
  expect(await exported(copy)).toEqual(lines)
  expect(await histories(copy, lines)).toEqual(await histories(original, lines))
  expect(await answers(copy)).toEqual(await answers(original))
  for (const userId of USERS)
    expect(await copy.stats({ userId })).toEqual({
      ...(await original.stats({ userId })),
      sizeBytes: expect.anything(),
    })
}

describe('backup: export then import', () => {
  it('SQLite to SQLite: identical records, history and search results', { timeout: 120_000 }, async () => {
    const original = await open()
    await seed(original)
    const lines = await exported(original)
    expect(new Set(lines.map((l) => JSON.parse(l).record.status))).toEqual(
      new Set(['active', 'superseded', 'archived']),
    )
    const restored = await open()
    await copy(original, restored)
    await expectSame(original, restored)
    // A second import finds every id and changes nothing.
    expect(await restored.import(original.export())).toEqual({ imported: 0, skipped: lines.length })
    await expectSame(original, restored)
    await Promise.all([original.close(), restored.close()])
  })
})

describe('backup through the server', () => {
  it('GET /v1/export into POST /v1/import of another server: the same store', {
    timeout: 120_000,
  }, async () => {
    const clock = { memory: { now: () => new Date(NOW) } }
    const [from, to] = [await startTestServer(clock), await startTestServer(clock)]
    const original = from.engine.tenant('acme')
    await seed(original)
    const exported = await from.call('GET', '/v1/export', { key: await from.tenantKey(['read'], 'acme') })
    expect(exported.status).toBe(200)
    const key = await to.tenantKey(['read', 'write'], 'acme')
    const imported = await to.call('POST', '/v1/import', { key, raw: exported.text })
    expect(imported.json).toEqual({ imported: exported.text.trim().split('\n').length - 1, skipped: 0 })
    await expectSame(original, to.engine.tenant('acme'))
  })
})

const url = await postgresUrl()
if (url === null) {
  describe.skip(SKIPPED, () => {
    it('round-trips through PostgreSQL', () => {})
  })
} else {
  const schemas = schemaFactory(url)
  describe('backup across backends', () => {
    it('SQLite to PostgreSQL and back: identical records, history and search results', {
      timeout: 120_000,
    }, async () => {
      const original = await open()
      await seed(original)
      const postgres = await open(await schemas.create())
      await copy(original, postgres)
      const lines = await exported(original)
      expect(await exported(postgres)).toEqual(lines)
      expect(await histories(postgres, lines)).toEqual(await histories(original, lines))
      const back = await open()
      await copy(postgres, back)
      await expectSame(original, back)
      await Promise.all([original.close(), postgres.close(), back.close()])
    })
  })
}
