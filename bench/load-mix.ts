/** What the load's requests work on: a key, the preloaded users and some of their memory ids. */
export interface LoadTarget {
  key: string
  users: readonly string[]
  /** Ids of preloaded memories, for get and feedback. */
  ids: readonly string[]
}

/** One HTTP request as autocannon sends it. */
export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

/** The mix, in percent: mostly reads, as an assistant's memory sees them, and a steady trickle of writes. */
export const MIX = { search: 30, context: 15, list: 15, get: 15, add: 15, feedback: 10 } as const

const TOPICS = ['garden', 'train', 'piano', 'recipe', 'meeting', 'holiday', 'book', 'invoice']

/**
 * The `n`th request of the load: an operation drawn by `MIX` from `random` (0..1), on a
 * user and memory drawn the same way. Adds carry `n`, so no two say the same thing.
 */
export function mixedRequest(target: LoadTarget, n: number, random: () => number): LoadRequest {
  const headers = { authorization: `Bearer ${target.key}`, 'content-type': 'application/json' }
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T
  const userId = pick(target.users)
  const topic = pick(TOPICS)
  const post = (path: string, body: unknown): LoadRequest => ({
    method: 'POST',
    path,
    headers,
    body: JSON.stringify(body),
  })
  let roll = random() * 100
  const next = (share: number) => {
    roll -= share
    return roll < 0
  }
  if (next(MIX.search)) return post('/v1/search', { query: `what about the ${topic}?`, userId, limit: 10 })
  if (next(MIX.context)) return post('/v1/context', { query: `the ${topic}`, userId, maxTokens: 500 })
  if (next(MIX.list)) return { method: 'GET', path: `/v1/memories?userId=${userId}&limit=20`, headers }
  if (next(MIX.get)) return { method: 'GET', path: `/v1/memories/${pick(target.ids)}`, headers }
  if (next(MIX.add))
    return post('/v1/memories', { content: `Load note ${n}: ${userId} mentioned the ${topic} again`, userId })
  return post('/v1/feedback', { memoryId: pick(target.ids), useful: random() < 0.7 })
}

/** Preloaded memories of `user`: varied enough for search to have something to rank. */
export function preloadInputs(user: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    content: `${user} wrote note ${i} about the ${TOPICS[i % TOPICS.length]} on day ${(i * 7) % 365}`,
    userId: user,
  }))
}
