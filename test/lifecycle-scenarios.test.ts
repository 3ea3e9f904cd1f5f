import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { createMemory, type Memory, MemoryError, type MemoryRecord, type SearchHit } from '../src/index.js'
import type { MemoryStore } from '../src/store/store.js'
import { decayScenarios } from './lifecycle-scenarios/decay.js'
import { edgeScenarios } from './lifecycle-scenarios/edges.js'
import { keepApart, restatements } from './lifecycle-scenarios/pairs.js'
import { placeScenarios } from './lifecycle-scenarios/places.js'
import type {
  DecayScenario,
  FactStep,
  StatementPair,
  StreamScenario,
} from './lifecycle-scenarios/scenario.js'
import { workAndLifeScenarios } from './lifecycle-scenarios/work-and-life.js'
import { postgresUrl, schemaFactory } from './postgres-helpers.js'

/*
 * Runs the lifecycle scenarios of test/lifecycle-scenarios/: streams of
 * statements with what they must leave behind, pairs that must stay apart or
 * merge, and decay driven by a clock the test moves. Failure messages show the
 * inputs and what the memory did, by step key.
 */

const embedder = await createLocalEmbedder()
const DAY = 86_400_000
const iso = (at: string) => new Date(at).toISOString()

/** Where the scenarios run: an in-memory SQLite store each, and a fresh PostgreSQL schema each. */
interface Backend {
  name: string
  store(): Promise<MemoryStore> | null
}
const url = await postgresUrl()
const schemas = url === null ? null : schemaFactory(url)
const backends: Backend[] = [
  { name: 'SQLite', store: () => null },
  ...(schemas === null ? [] : [{ name: 'PostgreSQL', store: () => schemas.create() }]),
]

/** A memory on the backend's store whose clock the test sets. */
async function openMemory(backend: Backend, start: string, lifecycle?: DecayScenario['lifecycle']) {
  let clock = new Date(start)
  const store = await backend.store()
  const memory = await createMemory({
    ...(store === null ? { path: ':memory:' } : { store }),
    embedder,
    now: () => new Date(clock),
    ...(lifecycle ? { lifecycle } : {}),
  })
  return {
    memory,
    now: () => clock,
    set: (at: Date) => {
      clock = at
    },
  }
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`)
  return value
}

/** Rejection code of a promise, or 'resolved'. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    return MemoryError.is(error) ? error.code : String(error)
  }
}

/** What one `add` of a stream returned, and the memory it returned as it was just before. */
interface Added {
  step: FactStep
  record: MemoryRecord
  before: MemoryRecord | null
}

/** A stream, ingested. Keys name memories; `keyOf` names a memory by the first step that returned it. */
interface Run {
  memory: Memory
  added: Added[]
  id(key: string): string
  step(key: string): FactStep
  keyOf(id: string | null | undefined): string
  render(hits: readonly SearchHit[]): string
  inputs: string
}

async function ingest(backend: Backend, s: StreamScenario): Promise<Run> {
  const { memory, now, set } = await openMemory(backend, iso(must(s.steps[0], 'a step').at))
  const added: Added[] = []
  const latest = new Map<string, MemoryRecord>()
  const keyById = new Map<string, string>()
  for (const step of s.steps) {
    // The clock never runs backwards: an older statement is simply learnt later.
    set(new Date(Math.max(now().getTime() + 1000, Date.parse(step.at))))
    const record = await memory.add({
      content: step.content,
      userId: step.user,
      observedAt: step.at,
      ...(step.type ? { type: step.type } : {}),
      ...(step.source ? { source: step.source } : {}),
    })
    added.push({ step, record, before: latest.get(record.id) ?? null })
    latest.set(record.id, record)
    if (!keyById.has(record.id)) keyById.set(record.id, step.key)
  }
  set(new Date(now().getTime() + DAY))
  const byKey = new Map(added.map((a) => [a.step.key, a]))
  const keyOf = (id: string | null | undefined) => (id ? (keyById.get(id) ?? id) : 'nothing')
  return {
    memory,
    added,
    id: (key) => must(byKey.get(key), `step ${key}`).record.id,
    step: (key) => must(byKey.get(key), `step ${key}`).step,
    keyOf,
    render: (hits) =>
      hits
        .map((h, i) => `  ${i + 1}. [${keyOf(h.memory.id)}] ${h.memory.content} (${h.memory.status})`)
        .join('\n') || '  (no hits)',
    inputs: s.steps.map((st) => `  ${st.key} @${st.at} ${st.user}: ${st.content}`).join('\n'),
  }
}

const hasText = (details: unknown, text: string) =>
  JSON.stringify(details ?? {}).includes(JSON.stringify(text).slice(1, -1))

function describeStream(backend: Backend, s: StreamScenario) {
  describe(s.name, () => {
    const e = s.expectations
    const merges = e.merges ?? {}
    const canonical = s.steps.filter((st) => merges[st.key] === undefined)
    const users = [...new Set(s.steps.map((st) => st.user))]
    let run: Run
    beforeAll(async () => {
      run = await ingest(backend, s)
    })
    afterAll(() => run?.memory.close())

    it('merges restatements, and every other statement becomes its own memory', async () => {
      const expected = Object.fromEntries(s.steps.map((st) => [st.key, merges[st.key] ?? st.key]))
      const actual = Object.fromEntries(run.added.map((a) => [a.step.key, run.keyOf(a.record.id)]))
      expect(actual, `step → memory it was stored as\n${run.inputs}`).toEqual(expected)
      for (const a of run.added.filter((x) => merges[x.step.key] !== undefined)) {
        const before = must(a.before, `${a.step.key} merged into nothing`)
        expect.soft(a.record.corroborations, `${a.step.key}: corroborations`).toBe(before.corroborations + 1)
        if (before.confidence < 10)
          expect.soft(a.record.confidence, `${a.step.key}: confidence`).toBeGreaterThan(before.confidence)
        const events = (await run.memory.history(a.record.id)).filter((ev) => ev.event === 'merged')
        const held = events.some(
          (ev) =>
            hasText(ev.details, a.step.content) &&
            hasText(ev.details, iso(a.step.at)) &&
            (!a.step.source || hasText(ev.details, a.step.source)),
        )
        expect
          .soft(held, `${a.step.key}: a 'merged' event holds its content, observedAt and source`)
          .toBe(true)
      }
      for (const st of canonical) {
        const count = Object.values(merges).filter((into) => into === st.key).length
        const record = must(await run.memory.get(run.id(st.key)), st.key)
        expect.soft(record.corroborations, `${st.key}: corroborations`).toBe(count)
      }
    })

    it('supersedes exactly what newer statements contradict', async () => {
      const expected: Record<string, string> = {}
      const actual: Record<string, string> = {}
      const successor = new Map(e.supersessions ?? [])
      for (const st of canonical) {
        const record = must(await run.memory.get(run.id(st.key)), st.key)
        const state =
          record.status === 'superseded' ? `superseded by ${run.keyOf(record.supersededBy)}` : record.status
        const newer = successor.get(st.key)
        actual[st.key] = state
        expected[st.key] = newer ? `superseded by ${newer}` : 'active'
        if (e.mayBeSuperseded?.includes(st.key) && record.status !== 'archived') expected[st.key] = state
      }
      expect(actual, `statuses after the stream\n${run.inputs}`).toEqual(expected)
      for (const [older, newer] of e.supersessions ?? []) {
        const record = must(await run.memory.get(run.id(older)), older)
        expect
          .soft(record.validTo, `${older}: validTo is when ${newer} was observed`)
          .toBe(iso(run.step(newer).at))
        const event = (await run.memory.history(record.id)).find((ev) => ev.event === 'superseded')
        expect.soft(event?.details, `${older}: a 'superseded' event with its rule`).toHaveProperty('rule')
      }
    })

    it('ranks the current fact first for every "what is true now" question', async () => {
      for (const q of e.current) {
        const userId = run.step(q.answer).user
        const hits = await run.memory.search({
          query: q.query,
          userId,
          ...(q.types ? { filters: { types: q.types } } : {}),
        })
        const why = `"${q.query}" (${userId}) returned\n${run.render(hits)}\ninputs\n${run.inputs}`
        expect.soft(run.keyOf(hits[0]?.memory.id), why).toBe(q.answer)
        expect.soft(hits.filter((h) => h.memory.status !== 'active').length, why).toBe(0)
      }
    })

    it('never ranks a superseded fact above its successor', async () => {
      for (const q of e.current) {
        const userId = run.step(q.answer).user
        const hits = await run.memory.search({ query: q.query, userId, includeSuperseded: true, limit: 20 })
        const ids = hits.map((h) => h.memory.id)
        const misplaced = hits
          .filter((h, i) => {
            const by = h.memory.supersededBy
            return h.memory.status === 'superseded' && by !== null && !ids.slice(0, i).includes(by)
          })
          .map((h) => `${run.keyOf(h.memory.id)} above (or without) ${run.keyOf(h.memory.supersededBy)}`)
        expect.soft(misplaced, `"${q.query}" with includeSuperseded\n${run.render(hits)}`).toEqual([])
      }
    })

    it('answers questions about the past as things stood then', async () => {
      for (const q of e.past ?? []) {
        const userId = run.step(q.answer).user
        const asOf = iso(q.asOf)
        const hits = await run.memory.search({
          query: q.query,
          userId,
          asOf,
          ...(q.types ? { filters: { types: q.types } } : {}),
        })
        const why = `"${q.query}" as of ${asOf} (${userId}) returned\n${run.render(hits)}\ninputs\n${run.inputs}`
        expect.soft(run.keyOf(hits[0]?.memory.id), why).toBe(q.answer)
        const anachronisms = hits
          .filter(
            (h) => h.memory.observedAt > asOf || (h.memory.validTo !== null && h.memory.validTo <= asOf),
          )
          .map((h) => run.keyOf(h.memory.id))
        expect.soft(anachronisms, `${why}\nnot yet observed or no longer valid then`).toEqual([])
      }
    })

    it('loses no statement: each is a memory search finds, or a merge its history keeps', async () => {
      for (const a of run.added) {
        const into = run.keyOf(a.record.id)
        if (into !== a.step.key) {
          const events = await run.memory.history(a.record.id)
          const kept = events.some((ev) => ev.event === 'merged' && hasText(ev.details, a.step.content))
          expect
            .soft(kept, `${a.step.key} "${a.step.content}" merged into ${into}: in its history`)
            .toBe(true)
          continue
        }
        const hits = await run.memory.search({
          query: a.step.content,
          userId: a.step.user,
          includeSuperseded: true,
          includeArchived: true,
          limit: 20,
          recordAccess: false,
        })
        expect
          .soft(
            hits.map((h) => h.memory.id),
            `${a.step.key} "${a.step.content}" is found`,
          )
          .toContain(a.record.id)
      }
    })

    it('reports the same counts in status as list shows, and a dry run finds nothing left to do', async () => {
      for (const userId of users) {
        const listed = await run.memory.list({
          userId,
          status: ['active', 'superseded', 'archived'],
          limit: 1000,
        })
        const counts = { active: 0, superseded: 0, archived: 0 }
        for (const m of listed.items) counts[m.status]++
        const status = await run.memory.status({ userId })
        expect.soft({ ...counts, ...status.byStatus }, `${userId}: status.byStatus`).toEqual(counts)
        const report = await run.memory.consolidate({ userId, dryRun: true })
        const decisions = report.decisions
          .filter((d) => d.action !== 'archive')
          .map((d) => `${d.action} ${run.keyOf(d.memoryId)} → ${run.keyOf(d.otherId)} (${d.rule})`)
        expect.soft(decisions, `${userId}: a dry-run consolidate after the stream`).toEqual([])
      }
    })

    if (e.undoSupersession) {
      const older = e.undoSupersession
      it(`undo of the supersession of ${older} makes both active, once`, async () => {
        const olderId = run.id(older)
        const newerId = must((await run.memory.get(olderId))?.supersededBy, `${older} superseded`)
        const event = must(
          (await run.memory.history(olderId)).findLast((ev) => ev.event === 'superseded'),
          `${older}'s superseded event`,
        )
        const result = await run.memory.undo(event.id)
        expect(result.undone.id).toBe(event.id)
        expect(result.memories.map((m) => m.id)).toContain(olderId)
        expect(await run.memory.get(olderId)).toMatchObject({
          status: 'active',
          supersededBy: null,
          validTo: null,
        })
        expect((await run.memory.get(newerId))?.status).toBe('active')
        expect((await run.memory.history(olderId)).map((ev) => ev.event)).toContain('undone')
        expect(await codeOf(run.memory.undo(event.id))).toBe('CONFLICT')
      })
    }

    if (e.undoMerge) {
      const key = e.undoMerge
      it(`undo of the merge of ${key} makes it its own memory again, once`, async () => {
        const step = run.step(key)
        const targetId = run.id(key)
        const before = must(await run.memory.get(targetId), key)
        const event = must(
          (await run.memory.history(targetId)).find(
            (ev) =>
              ev.event === 'merged' &&
              hasText(ev.details, step.content) &&
              hasText(ev.details, iso(step.at)) &&
              (!step.source || hasText(ev.details, step.source)),
          ),
          `the merged event of ${key}`,
        )
        const result = await run.memory.undo(event.id)
        const separate = result.memories.find((m) => m.id !== targetId)
        expect(separate).toMatchObject({
          content: step.content,
          status: 'active',
          observedAt: iso(step.at),
          ...(step.source ? { source: step.source } : {}),
        })
        expect((await run.memory.get(targetId))?.corroborations).toBe(before.corroborations - 1)
        expect(await codeOf(run.memory.undo(event.id))).toBe('CONFLICT')
      })
    }
  })
}

function lifecycleStreams(backend: Backend) {
  describe('lifecycle streams', () => {
    for (const s of [...placeScenarios, ...workAndLifeScenarios, ...edgeScenarios]) describeStream(backend, s)
  })
}

/** Adds a pair a month apart; returns both memories as they are afterwards. */
async function addPair(backend: Backend, pair: StatementPair) {
  const { memory, set } = await openMemory(backend, '2024-01-01T00:00:00Z')
  const [u1, u2] = pair.users ?? ['alice', 'alice']
  const [t1, t2] = pair.types ?? ['fact', 'fact']
  try {
    const a = await memory.add({ content: pair.first, userId: u1, type: t1, observedAt: '2024-01-01' })
    set(new Date('2024-02-01T00:00:00Z'))
    const b = await memory.add({ content: pair.second, userId: u2, type: t2, observedAt: '2024-02-01' })
    const first = must(await memory.get(a.id), 'first')
    const second = must(await memory.get(b.id), 'second')
    const firstEvents = (await memory.history(a.id)).map((ev) => ev.event)
    const active = await memory.list({ userId: u1, status: ['active'], limit: 100 })
    return { first, second, firstEvents, activeOfFirstUser: active.items.length }
  } finally {
    await memory.close()
  }
}

function pairCases(backend: Backend) {
  describe('statements that must stay apart', () => {
    it.each(keepApart)('$why', async (pair) => {
      const { first, second, firstEvents } = await addPair(backend, pair)
      const why = `"${pair.first}" then "${pair.second}"`
      expect(second.id, `${why}: merged`).not.toBe(first.id)
      expect.soft(firstEvents, why).not.toContain('merged')
      const expectedFirst = pair.maySupersede && first.status === 'superseded' ? 'superseded' : 'active'
      expect
        .soft({ first: first.status, second: second.status }, why)
        .toEqual({ first: expectedFirst, second: 'active' })
      expect.soft([first.corroborations, second.corroborations], `${why}: corroborations`).toEqual([0, 0])
    })
  })

  describe('statements that say the same thing', () => {
    it.each(restatements)('$why', async (pair) => {
      const { first, second, activeOfFirstUser } = await addPair(backend, pair)
      const why = `"${pair.first}" then "${pair.second}"`
      expect(second.id, `${why}: not merged`).toBe(first.id)
      expect.soft(first.corroborations, why).toBe(1)
      expect.soft(activeOfFirstUser, `${why}: active memories`).toBe(1)
    })
  })
}

async function runDecay(backend: Backend, s: DecayScenario) {
  const { memory, now, set } = await openMemory(backend, s.start ?? '2024-01-01T09:00:00.000Z', s.lifecycle)
  const keys = new Map<string, { id: string; user: string; content: string }>()
  const memoryOf = (key: string) => must(keys.get(key), `memory ${key}`)
  const keyOf = (id: string | undefined) => [...keys].find(([, m]) => m.id === id)?.[0] ?? String(id)
  let report: Awaited<ReturnType<Memory['consolidate']>> | null = null
  try {
    for (const [i, step] of s.steps.entries()) {
      const where = `step ${i + 1} ${JSON.stringify(step)}`
      if ('add' in step) {
        const user = step.user ?? 'zoe'
        const record = await memory.add({
          content: step.content,
          userId: user,
          ...(step.type ? { type: step.type } : {}),
          ...(step.expiresInDays === undefined
            ? {}
            : { expiresAt: new Date(now().getTime() + step.expiresInDays * DAY).toISOString() }),
        })
        expect(record.content, `${where}: stored as itself`).toBe(step.content)
        keys.set(step.add, { id: record.id, user, content: step.content })
      } else if ('wait' in step) {
        set(new Date(now().getTime() + step.wait * DAY))
      } else if ('use' in step) {
        const m = memoryOf(step.use)
        const hits = await memory.search({ query: step.query, userId: m.user, limit: 1 })
        expect(keyOf(hits[0]?.memory.id), where).toBe(step.use)
      } else if ('consolidate' in step) {
        report = await memory.consolidate({
          ...(step.consolidate.user ? { userId: step.consolidate.user } : {}),
          ...(step.consolidate.dryRun ? { dryRun: true } : {}),
        })
        const decisions = report.decisions.map((d) => `${d.action} ${keyOf(d.memoryId)} (${d.rule})`)
        expect(report, `${where}\ndecisions: ${decisions.join('; ')}`).toMatchObject(step.report ?? {})
      } else if ('restore' in step) {
        const restored = await memory.restore(memoryOf(step.restore).id)
        expect(restored.status, where).toBe('active')
      } else if ('check' in step) {
        await checkStatuses(memory, step.check, memoryOf, [...keys.keys()], report, where)
      } else {
        const status = await memory.status({ userId: step.status.user ?? 'zoe' })
        if (step.status.active !== undefined) expect(status.byStatus.active, where).toBe(step.status.active)
        if (step.status.archived !== undefined)
          expect(status.byStatus.archived, where).toBe(step.status.archived)
        if (step.status.consolidated) expect(status.lastConsolidation, where).not.toBeNull()
      }
    }
  } finally {
    await memory.close()
  }
}

async function checkStatuses(
  memory: Memory,
  check: Extract<DecayScenario['steps'][number], { check: unknown }>['check'],
  memoryOf: (key: string) => { id: string; user: string; content: string },
  allKeys: string[],
  report: Awaited<ReturnType<Memory['consolidate']>> | null,
  where: string,
) {
  const expected: Record<string, string> = {}
  const actual: Record<string, string> = {}
  for (const key of check.active ?? []) expected[key] = 'active'
  for (const key of check.archived ?? []) expected[key] = 'archived'
  for (const key of Object.keys(expected)) actual[key] = must(await memory.get(memoryOf(key).id), key).status
  expect(actual, where).toEqual(expected)
  for (const key of check.archived ?? []) {
    const m = memoryOf(key)
    const search = { query: m.content, userId: m.user, limit: 10, recordAccess: false }
    const visible = (await memory.search(search)).map((h) => h.memory.id)
    const archive = (await memory.search({ ...search, includeArchived: true })).map((h) => h.memory.id)
    const listed = (await memory.list({ userId: m.user, status: ['archived'], limit: 1000 })).items.map(
      (r) => r.id,
    )
    expect.soft(visible, `${where}: ${key} hidden from a default search`).not.toContain(m.id)
    expect.soft(archive, `${where}: ${key} found with includeArchived`).toContain(m.id)
    expect.soft(listed, `${where}: ${key} listed as archived`).toContain(m.id)
    expect
      .soft(
        (await memory.history(m.id)).map((ev) => ev.event),
        `${where}: ${key}`,
      )
      .toContain('archived')
  }
  for (const key of check.expired ?? []) {
    const id = memoryOf(key).id
    const decided = report?.decisions.some(
      (d) => d.memoryId === id && d.action === 'archive' && d.rule === 'expired',
    )
    expect.soft(decided, `${where}: ${key} archived by the rule 'expired' in the report`).toBe(true)
    const event = (await memory.history(id)).findLast((ev) => ev.event === 'archived')
    expect.soft(event?.details?.rule, `${where}: ${key}'s archived event`).toBe('expired')
  }
  if (check.untouched)
    for (const key of allKeys) {
      const events = (await memory.history(memoryOf(key).id)).map((ev) => ev.event)
      expect.soft(events, `${where}: ${key} untouched`).toEqual(['created'])
    }
}

for (const backend of backends)
  describe(`on ${backend.name}`, () => {
    lifecycleStreams(backend)
    pairCases(backend)
    describe('decay, time to live and caps', () => {
      it.each(decayScenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => runDecay(backend, s))
    })
  })
