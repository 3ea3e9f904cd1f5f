import { type Answer, request } from './serve-process.js'

/** Memories every client changes at once: feedback raises confidence, PATCH replaces tags. */
export const HOT = 5
/** Feedback steps each client gives its hot memory, and tag edits it makes. */
const FEEDBACKS = 2
const TAG_EDITS = 1
const USERS = 5

/** What the clients were told: every acknowledged add, and every answer that was not the expected one. */
export interface ClientsOutcome {
  /** userId -> ids of the memories acknowledged with 201. */
  added: Map<string, Set<string>>
  /** `METHOD path -> status body` for each answer other than the expected status. */
  unexpected: string[]
  requests: number
}

/**
 * `clients` concurrent HTTP clients, each alternating between the given server nodes on
 * every request: adds (single and batch), feedback and tag edits on `hot` memories shared
 * by all clients, a content update of its own memory read back from the other node,
 * and searches, context, lists and gets in between.
 */
export async function runClients(
  nodes: readonly string[],
  key: string,
  clients: number,
  hot: readonly string[],
) {
  const outcome: ClientsOutcome = { added: new Map(), unexpected: [], requests: 0 }
  const call = async (
    client: number,
    step: number,
    method: string,
    path: string,
    body: unknown,
    expected: number,
  ) => {
    const answer = await request(nodes[(client + step) % nodes.length] as string, key, method, path, body)
    outcome.requests++
    if (answer.status !== expected)
      outcome.unexpected.push(`${method} ${path} -> ${answer.status} ${answer.text.slice(0, 300)}`)
    return answer
  }
  const acknowledge = (userId: string, answer: Answer, ids: string[]) => {
    if (answer.status !== 201) return
    const set = outcome.added.get(userId) ?? new Set<string>()
    for (const id of ids) set.add(id)
    outcome.added.set(userId, set)
  }

  async function client(c: number): Promise<void> {
    const userId = `user-${c % USERS}`
    const note = (k: number) => ({
      content: `Client ${c} logged reading ${c * 100 + k} at the ${['dam', 'mill', 'pier'][k % 3]} gauge`,
      userId,
    })
    let step = 0
    const own: string[] = []
    for (let k = 0; k < 2; k++) {
      const one = await call(c, step++, 'POST', '/v1/memories', note(k), 201)
      acknowledge(userId, one, [one.json?.id])
      if (one.status === 201) own.push(one.json.id)
    }
    const batch = await call(c, step++, 'POST', '/v1/memories/batch', { memories: [2, 3, 4].map(note) }, 201)
    acknowledge(userId, batch, batch.json?.memories?.map((m: { id: string }) => m.id) ?? [])
    const target = hot[c % hot.length] as string
    for (let i = 0; i < Math.max(FEEDBACKS, TAG_EDITS); i++) {
      const writes: Promise<Answer>[] = []
      if (i < FEEDBACKS)
        writes.push(call(c, step++, 'POST', '/v1/feedback', { memoryId: target, useful: true }, 200))
      if (i < TAG_EDITS)
        writes.push(call(c, step++, 'PATCH', `/v1/memories/${target}`, { tags: [`client-${c}`] }, 200))
      writes.push(call(c, step++, 'POST', '/v1/search', { query: `reading ${c * 100} gauge`, userId }, 200))
      await Promise.all(writes)
    }
    const mine = own[0]
    if (mine !== undefined) {
      const revised = `Client ${c} corrected reading ${c * 100 + 9} at the weir gauge`
      await call(c, step++, 'PATCH', `/v1/memories/${mine}`, { content: revised }, 200)
      const back = await call(c, step++, 'GET', `/v1/memories/${mine}`, undefined, 200)
      if (back.status === 200 && back.json?.content !== revised)
        outcome.unexpected.push(`acknowledged update of ${mine} not read back: ${back.text.slice(0, 200)}`)
    }
    await Promise.all([
      call(c, step++, 'POST', '/v1/context', { query: 'gauge readings', userId, maxTokens: 300 }, 200),
      call(c, step++, 'GET', `/v1/memories?userId=${userId}&limit=20`, undefined, 200),
      call(c, step++, 'GET', `/v1/memories/${target}`, undefined, 200),
    ])
  }

  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)))
  return outcome
}

/** How many feedback steps and tag edits each hot memory received in `runClients`. */
export function hotLoad(clients: number): { feedbacks: number; tagEdits: number } {
  const per = clients / HOT
  return { feedbacks: per * FEEDBACKS, tagEdits: per * TAG_EDITS }
}
