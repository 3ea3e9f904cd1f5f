import { MemoryError } from '../errors.js'
import type { Memory } from '../memory.js'
import {
  addInputSchema,
  consolidateInputSchema,
  contextInputSchema,
  conversationInputSchema,
  feedbackInputSchema,
  graphInputSchema,
  idSchema,
  listInputSchema,
  parseInput,
  searchInputSchema,
  updateInputSchema,
  userScopeSchema,
  usersInputSchema,
} from '../schemas.js'
import { type ClientOptions, createTransport } from './http.js'

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T

async function* lines(response: Response): AsyncIterable<string> {
  const decoder = new TextDecoder()
  let rest = ''
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true })
    const parts = rest.split('\n')
    rest = parts.pop() ?? ''
    for (const line of parts) yield `${line}\n`
  }
  rest += decoder.decode()
  if (rest) yield rest
}

function toStream(source: AsyncIterable<string | Uint8Array> | Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator = (async function* () {
    for await (const chunk of source) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk
  })()
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    async cancel() {
      await iterator.return?.(undefined)
    },
  })
}

/**
 * A `Memory` that talks to an Adaptive Recall server: the same methods and
 * shapes as the embedded one, so moving between them is a one-line change.
 * Input is checked here with the server's own schemas before it is sent.
 *
 * @example
 * const memory = createClient({ baseUrl: 'http://127.0.0.1:8787', apiKey: process.env.RECALL_KEY! })
 * await memory.add({ content: 'Alice moved to Berlin', userId: 'alice' })
 */
export function createClient(options: ClientOptions): Memory {
  const transport = createTransport(options)
  let closed = false
  const send: typeof transport = (call) => {
    if (closed) return Promise.reject(new MemoryError('CLOSED', 'The client is closed'))
    return transport(call)
  }
  const id = (value: unknown) => encodeURIComponent(parseInput(idSchema, value, 'id'))

  return {
    async add(input: unknown): Promise<never> {
      const isConversation = typeof input === 'object' && input !== null && 'messages' in input
      parseInput(
        isConversation ? conversationInputSchema : addInputSchema,
        input,
        isConversation ? 'conversation' : 'memory',
      )
      return json(await send({ method: 'POST', path: '/v1/memories', body: input }))
    },
    async flush(opts = {}) {
      await send({ method: 'POST', path: '/v1/flush', body: opts })
    },
    async addMany(inputs) {
      if (!Array.isArray(inputs)) throw new MemoryError('INVALID_INPUT', 'addMany takes an array of memories')
      if (inputs.length === 0) return []
      inputs.forEach((input, i) => {
        try {
          parseInput(addInputSchema, input, 'memory')
        } catch (error) {
          if (!MemoryError.is(error) || inputs.length === 1) throw error
          throw new MemoryError(error.code, `Item ${i}: ${error.message}`, {
            details: { index: i, ...error.details },
          })
        }
      })
      const body = await json<{ memories: never }>(
        await send({ method: 'POST', path: '/v1/memories/batch', body: { memories: inputs } }),
      )
      return body.memories
    },
    async get(memoryId) {
      try {
        return await json(await send({ method: 'GET', path: `/v1/memories/${id(memoryId)}` }))
      } catch (error) {
        if (MemoryError.is(error) && error.code === 'NOT_FOUND') return null
        throw error
      }
    },
    async list(input) {
      parseInput(listInputSchema, input, 'list request')
      return json(await send({ method: 'POST', path: '/v1/memories/list', body: input }))
    },
    async update(memoryId, patch) {
      const path = `/v1/memories/${id(memoryId)}`
      parseInput(updateInputSchema, patch, 'update')
      return json(await send({ method: 'PATCH', path, body: patch }))
    },
    async delete(memoryId) {
      await send({ method: 'DELETE', path: `/v1/memories/${id(memoryId)}` })
    },
    async history(memoryId) {
      return (
        await json<{ events: never }>(
          await send({ method: 'GET', path: `/v1/memories/${id(memoryId)}/history` }),
        )
      ).events
    },
    async search(input) {
      parseInput(searchInputSchema, input, 'search')
      return (await json<{ hits: never }>(await send({ method: 'POST', path: '/v1/search', body: input })))
        .hits
    },
    async context(input) {
      parseInput(contextInputSchema, input, 'context request')
      return json(await send({ method: 'POST', path: '/v1/context', body: input }))
    },
    async feedback(input) {
      parseInput(feedbackInputSchema, input, 'feedback')
      return json(await send({ method: 'POST', path: '/v1/feedback', body: input }))
    },
    async deleteAll(input) {
      const { userId } = parseInput(userScopeSchema, input, 'deleteAll request')
      return json(await send({ method: 'DELETE', path: `/v1/users/${encodeURIComponent(userId)}` }))
    },
    export(input = {}) {
      const query = { userId: input.userId }
      return (async function* () {
        yield* lines(await send({ method: 'GET', path: '/v1/export', query }))
      })()
    },
    async import(source, opts = {}) {
      const stream = toStream(source)
      const result = await json<{ imported: number; skipped: number }>(
        await send({ method: 'POST', path: '/v1/import', stream, contentType: 'application/x-ndjson' }),
      )
      opts.onProgress?.(result.imported + result.skipped, result.imported + result.skipped)
      return result
    },
    async reindex() {
      return json(await send({ method: 'POST', path: '/v1/reindex', body: {} }))
    },
    async stats(input = {}) {
      return json(await send({ method: 'GET', path: '/v1/status', query: { userId: input.userId } }))
    },
    async graph(input) {
      const q = parseInput(graphInputSchema, input, 'graph request')
      const query = { userId: q.userId, entity: q.entity, memoryId: q.memoryId, limit: q.limit }
      return json(await send({ method: 'GET', path: '/v1/graph', query }))
    },
    async consolidate(input = {}) {
      parseInput(consolidateInputSchema, input, 'consolidate request')
      return json(await send({ method: 'POST', path: '/v1/consolidate', body: input }))
    },
    async status(input = {}) {
      return json(await send({ method: 'GET', path: '/v1/status', query: { userId: input.userId } }))
    },
    async restore(memoryId) {
      return json(await send({ method: 'POST', path: `/v1/memories/${id(memoryId)}/restore` }))
    },
    async undo(eventId) {
      const path = `/v1/events/${encodeURIComponent(parseInput(idSchema, eventId, 'event id'))}/undo`
      return json(await send({ method: 'POST', path }))
    },
    async users(input = {}) {
      const q = parseInput(usersInputSchema, input, 'users request')
      const query = { limit: q.limit, cursor: q.cursor ?? undefined }
      return json(await send({ method: 'GET', path: '/v1/users', query }))
    },
    async close() {
      closed = true
    },
  }
}
