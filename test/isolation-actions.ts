import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { expect } from 'vitest'
import type { IsolationWorld } from './isolation-world.js'
import { USERS } from './isolation-world.js'
import type { recordingStore } from './recording-store.js'

// biome-ignore lint/suspicious/noExplicitAny: answers are whatever JSON the server sent
type Json = any

const OPS = [
  'add',
  'add',
  'add',
  'add',
  'search',
  'search',
  'search',
  'context',
  'context',
  'list',
  'get',
  'get',
  'history',
  'update',
  'update',
  'delete',
  'feedback',
  'graph',
  'graph',
  'entity',
  'export',
  'export',
  'status',
  'status',
  'users',
  'restore',
  'undo',
  'probeUser',
  'snapshot',
  'forgetUser',
] as const
const WORDS = [
  'violin',
  'harbor',
  'lantern',
  'quartz',
  'meadow',
  'copper',
  'falcon',
  'orchid',
  'Paris',
  'Tokyo',
]

/** One step of a run: who acts, through which door, and whose memory it aims at. */
export interface Action {
  op: (typeof OPS)[number]
  tenant: number
  user: number
  via: 'http' | 'mcp'
  target: { tenant: number; user: number; pick: number }
  word: string
  flag: boolean
}

/** Random steps for three tenants and their users. */
export const actionArb: fc.Arbitrary<Action> = fc.record({
  op: fc.constantFrom(...OPS),
  tenant: fc.nat(2),
  user: fc.nat(USERS - 1),
  via: fc.constantFrom('http', 'mcp'),
  target: fc.record({ tenant: fc.nat(2), user: fc.nat(USERS - 1), pick: fc.nat() }),
  word: fc.constantFrom(...WORDS),
  flag: fc.boolean(),
})

type Recorder = ReturnType<typeof recordingStore>
interface Answer {
  status: number
  text: string
  json: Json
}

let counter = 0

/**
 * Runs one action and checks it: the answer shows nothing of another tenant (or, for a
 * call about one user, of another user), results belong to the caller, and an id of
 * another tenant is answered exactly like an id that never existed, after the same work.
 */
export async function runAction(world: IsolationWorld, rec: Recorder, a: Action): Promise<void> {
  const me = world.tenant(a.tenant)
  const userId = me.users[a.user] as string
  const marker = me.markers[a.user] as string
  const other = world.tenant(a.target.tenant)
  const otherMarker = other.markers[a.target.user] as string
  const picked = world.pick(a.target.tenant, a.target.user, a.target.pick)
  const foreign = picked !== null && a.target.tenant !== a.tenant ? picked : null

  /** An HTTP call as this tenant, leak-checked; `user` null for calls about the whole tenant. */
  const http = async (method: string, path: string, body?: unknown, user: string | null = userId) => {
    const answer = await world.server.call(method, path, {
      key: me.key,
      ...(body === undefined ? {} : { body }),
    })
    world.expectNoLeak(a.tenant, user, path + JSON.stringify(body ?? null), answer.text, `${method} ${path}`)
    return answer as Answer
  }
  /** An MCP tool call as this tenant, leak-checked. */
  const tool = async (name: string, args: Record<string, unknown>, user: string | null = userId) => {
    const result = await me.mcp.callTool({ name, arguments: args })
    const text = (result.content as { text?: string }[]).map((c) => c.text ?? '').join('\n')
    const answer = { status: result.isError ? 400 : 200, text, json: result.structuredContent as Json }
    world.expectNoLeak(a.tenant, user, JSON.stringify(args), text + JSON.stringify(answer.json ?? null), name)
    return answer
  }
  /** The same call with a foreign id and with an id that never existed: same answer, same work. */
  const sameAsMissing = async (call: (id: string) => Promise<Answer>, id: string) => {
    const missing = randomUUID()
    let seen: Answer | undefined
    let unseen: Answer | undefined
    const work = await rec.callsOf(async () => {
      seen = await call(id)
    }, [id])
    const none = await rec.callsOf(async () => {
      unseen = await call(missing)
    }, [missing])
    expect(unseen?.text).toMatch(/NOT_FOUND/)
    expect({ status: seen?.status, text: seen?.text.replaceAll(id, '<id>') }).toEqual({
      status: unseen?.status,
      text: unseen?.text.replaceAll(missing, '<id>'),
    })
    expect(work).toEqual(none)
  }
  const mine = (ids: string[]) => {
    for (const id of ids)
      expect(world.memories.get(id), `${a.op} returned ${id}`).toMatchObject({
        tenant: a.tenant,
        user: a.user,
      })
  }
  const liveIds = (u?: number) => [...world.live(a.tenant, u).keys()].sort()

  switch (a.op) {
    case 'add': {
      const content = `${marker} ${a.word} note ${counter++}`
      const record =
        a.via === 'http'
          ? (await http('POST', '/v1/memories', { content, userId })).json
          : (await tool('store', { content, userId })).json.memory
      expect(record).toMatchObject({ tenantId: me.id, userId })
      if (!world.memories.has(record.id))
        world.memories.set(record.id, {
          tenant: a.tenant,
          user: a.user,
          content: record.content,
          deleted: false,
        })
      return
    }
    case 'search': {
      const query = `${a.word} ${otherMarker}`
      const hits =
        a.via === 'http'
          ? (
              await http('POST', '/v1/search', {
                query,
                userId,
                limit: 50,
                explain: true,
                recordAccess: a.flag,
              })
            ).json.hits
          : (await tool('recall', { query, userId, limit: 50 })).json.hits
      mine(hits.map((h: Json) => h.memory.id))
      return
    }
    case 'context': {
      const query = `${a.word} ${otherMarker}`
      const out =
        a.via === 'http'
          ? (
              await http('POST', '/v1/context', {
                query,
                userId,
                maxTokens: 4000,
                format: a.flag ? 'xml' : 'json',
              })
            ).json
          : (await tool('context', { query, userId, maxTokens: 4000 })).json
      mine(out.memories ? out.memories.map((m: Json) => m.id) : out.memoryIds)
      return
    }
    case 'list': {
      const page = (
        await http('GET', `/v1/memories?userId=${userId}&limit=1000&status=active,superseded,archived`)
      ).json
      expect(page.items.map((m: Json) => m.id).sort()).toEqual(liveIds(a.user))
      return
    }
    case 'export': {
      if (a.flag) return world.expectExportMatches(a.tenant)
      const answer = await http('GET', `/v1/export?userId=${userId}`)
      const ids = answer.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .filter((l) => l.kind === 'memory')
        .map((l) => l.record.id)
      expect(ids.sort()).toEqual(liveIds(a.user))
      return
    }
    case 'status': {
      const scoped = a.flag ? { userId } : {}
      const stats =
        a.via === 'http'
          ? (
              await http(
                'GET',
                a.flag ? `/v1/status?userId=${userId}` : '/v1/status',
                undefined,
                a.flag ? userId : null,
              )
            ).json
          : (await tool('status', scoped, a.flag ? userId : null)).json
      expect(stats.memories).toBe(world.live(a.tenant, a.flag ? a.user : undefined).size)
      return
    }
    case 'users': {
      const page = (await http('GET', '/v1/users', undefined, null)).json
      for (const item of page.items) expect(me.users).toContain(item.userId)
      return
    }
    case 'snapshot': {
      const snap = (await tool('snapshot', { userId, perType: 20 })).json
      mine(snap.groups.flatMap((g: Json) => g.recent.map((m: Json) => m.id)))
      return
    }
    case 'entity': {
      const graph =
        a.via === 'http'
          ? await http('GET', `/v1/graph?userId=${userId}&entity=${a.word}`)
          : await tool('graph', { userId, entity: a.word })
      if (graph.status === 200)
        mine(graph.json.nodes.filter((n: Json) => n.type === 'memory').map((n: Json) => n.id))
      return
    }
    case 'probeUser': {
      // Another tenant's own user is, to this tenant, a user that does not exist.
      const stranger = other.users[2] as string
      if (a.target.tenant === a.tenant) return
      const ghost = `ghost-${randomUUID()}`
      const ask = (u: string) =>
        a.flag
          ? http(
              'POST',
              '/v1/search',
              { query: `${a.word} ${otherMarker}`, userId: u, recordAccess: false },
              u,
            )
          : http('GET', `/v1/memories?userId=${u}&status=active,superseded,archived`, undefined, u)
      const [seen, unseen] = [await ask(stranger), await ask(ghost)]
      expect(seen.text.replaceAll(stranger, '<user>')).toBe(unseen.text.replaceAll(ghost, '<user>'))
      expect(seen.json.hits ?? seen.json.items).toEqual([])
      return
    }
    case 'forgetUser': {
      const expected = world.live(a.tenant, a.user).size
      const out =
        a.via === 'http'
          ? (await http('DELETE', `/v1/users/${userId}`)).json
          : (await tool('forget', { userId, all: true, confirm: userId })).json
      expect(out.deleted).toBe(expected)
      for (const id of world.live(a.tenant, a.user).keys())
        (world.memories.get(id) as { deleted: boolean }).deleted = true
      return
    }
  }
  // Every other step names a memory by id: its own, another tenant's, or none at all.
  const id = picked ?? randomUUID()
  const viaHttp = a.via === 'http'
  const byId: Record<string, (id: string) => Promise<Answer>> = {
    get: (x) => http('GET', `/v1/memories/${x}`, undefined, null),
    history: (x) => http('GET', `/v1/memories/${x}/history`, undefined, null),
    update: (x) =>
      viaHttp
        ? http('PATCH', `/v1/memories/${x}`, { content: `${otherMarker} revised ${a.word}` }, null)
        : tool('update', { id: x, content: `${otherMarker} revised ${a.word}` }, null),
    delete: (x) =>
      viaHttp ? http('DELETE', `/v1/memories/${x}`, undefined, null) : tool('forget', { id: x }, null),
    feedback: (x) =>
      viaHttp
        ? http('POST', '/v1/feedback', { memoryId: x, useful: a.flag }, null)
        : tool('feedback', { memoryId: x, useful: a.flag }, null),
    graph: (x) =>
      viaHttp
        ? http('GET', `/v1/graph?userId=${userId}&memoryId=${x}`)
        : tool('graph', { userId, memoryId: x }),
    restore: (x) => http('POST', `/v1/memories/${x}/restore`, undefined, null),
    undo: (x) => http('POST', `/v1/events/${x}/undo`, undefined, null),
  }
  const call = byId[a.op] as (id: string) => Promise<Answer>
  if (a.op === 'undo') {
    if (foreign === null) return sameAsMissing(call, randomUUID())
    const events = (await world.server.call('GET', `/v1/memories/${foreign}/history`, { key: other.key }))
      .json.events
    return sameAsMissing(call, events[0].id)
  }
  if (foreign !== null || picked === null || a.op === 'restore')
    return sameAsMissing(call, foreign ?? randomUUID())
  // The tenant's own memory: the call works (graph only for the memory's own user).
  const answer = await call(id)
  const known = world.memories.get(id) as { user: number; content: string; deleted: boolean }
  if (a.op === 'graph') {
    expect(answer.status).toBe(known.user === a.user ? 200 : viaHttp ? 404 : 400)
    return
  }
  expect(answer.status, `${a.op} of an own memory: ${answer.text}`).toBeLessThan(300)
  if (a.op === 'get') expect(answer.json.content).toBe(known.content)
  if (a.op === 'update') known.content = `${otherMarker} revised ${a.word}`
  if (a.op === 'delete') known.deleted = true
}
