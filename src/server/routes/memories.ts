import { z } from 'zod'
import { MemoryError } from '../../errors.js'
import {
  addInputSchema,
  consolidateInputSchema,
  contextInputSchema,
  conversationInputSchema,
  feedbackInputSchema,
  listInputSchema,
  searchInputSchema,
  updateInputSchema,
} from '../../schemas.js'
import {
  fromQuery,
  graphQuerySchema,
  listInput,
  listQuerySchema,
  userQuerySchema,
  usersQuerySchema,
} from '../query.js'
import type { Route } from '../router.js'
import { consolidationReportSchema, statusResponseSchema } from '../status-response.js'

/** Most memories one batch request may add. */
export const MAX_BATCH = 1000

const batchSchema = z.strictObject({ memories: z.array(addInputSchema).min(1).max(MAX_BATCH) })
const flushSchema = z.strictObject({ timeoutMs: z.number().int().min(1).max(600_000).optional() })

const object = (value: unknown, what: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MemoryError('INVALID_INPUT', `${what} must be a JSON object`)
  return value as Record<string, unknown>
}

/** The memory routes: each one calls the public API once. */
export const memoryRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/memories',
    scope: 'write',
    tag: 'memories',
    summary: 'Add one memory, or a conversation (`messages`) from which memories are extracted',
    body: z.union([addInputSchema, conversationInputSchema]),
    ok: { status: 201, description: 'The memory, or for a conversation the episodes and facts stored' },
    handle: async ({ memory, body }) => ({
      status: 201,
      body: await memory.add(object(await body(), 'body') as never),
    }),
  },
  {
    method: 'POST',
    path: '/v1/memories/batch',
    scope: 'write',
    tag: 'memories',
    summary: `Add up to ${MAX_BATCH} memories in one transaction: all or none`,
    body: batchSchema,
    ok: { status: 201, description: 'The memories, in input order' },
    async handle({ memory, body }) {
      const input = object(await body(), 'body')
      const memories = input.memories
      if (!Array.isArray(memories) || Object.keys(input).some((k) => k !== 'memories'))
        throw new MemoryError('INVALID_INPUT', 'Batch body must be { "memories": [...] }')
      if (memories.length > MAX_BATCH)
        throw new MemoryError('INVALID_INPUT', `A batch holds at most ${MAX_BATCH} memories`)
      return { status: 201, body: { memories: await memory.addMany(memories) } }
    },
  },
  {
    method: 'GET',
    path: '/v1/memories',
    scope: 'read',
    tag: 'memories',
    summary: "A user's memories, newest first, one page at a time",
    query: listQuerySchema,
    ok: { status: 200, description: '`{ items, nextCursor }`' },
    handle: async ({ memory, url }) => ({ status: 200, body: await memory.list(listInput(url) as never) }),
  },
  {
    method: 'POST',
    path: '/v1/memories/list',
    scope: 'read',
    tag: 'memories',
    summary: 'The same as GET /v1/memories, with every filter (metadata, when) in a JSON body',
    body: listInputSchema,
    ok: { status: 200, description: '`{ items, nextCursor }`' },
    handle: async ({ memory, body }) => ({ status: 200, body: await memory.list((await body()) as never) }),
  },
  {
    method: 'GET',
    path: '/v1/memories/:id',
    scope: 'read',
    tag: 'memories',
    summary: 'One memory',
    ok: { status: 200, description: 'The memory' },
    async handle({ memory, params }) {
      const found = await memory.get(params.id as string)
      if (!found) throw new MemoryError('NOT_FOUND', `No memory with id ${params.id}`)
      return { status: 200, body: found }
    },
  },
  {
    method: 'PATCH',
    path: '/v1/memories/:id',
    scope: 'write',
    tag: 'memories',
    summary: 'Change content, metadata or tags; the old version stays in history',
    body: updateInputSchema,
    ok: { status: 200, description: 'The updated memory' },
    handle: async ({ memory, params, body }) => ({
      status: 200,
      body: await memory.update(params.id as string, (await body()) as never),
    }),
  },
  {
    method: 'DELETE',
    path: '/v1/memories/:id',
    scope: 'write',
    tag: 'memories',
    summary: 'Delete a memory; its history keeps a tombstone',
    ok: { status: 204, description: 'Deleted' },
    async handle({ memory, params }) {
      await memory.delete(params.id as string)
      return { status: 204 }
    },
  },
  {
    method: 'GET',
    path: '/v1/memories/:id/history',
    scope: 'read',
    tag: 'memories',
    summary: "A memory's audit trail, oldest first",
    ok: { status: 200, description: '`{ events }`' },
    handle: async ({ memory, params }) => ({
      status: 200,
      body: { events: await memory.history(params.id as string) },
    }),
  },
  {
    method: 'POST',
    path: '/v1/search',
    scope: 'read',
    tag: 'retrieval',
    summary: "The user's memories most relevant to a query, best first",
    body: searchInputSchema,
    ok: { status: 200, description: '`{ hits }`, each `{ memory, score, breakdown? }`' },
    handle: async ({ memory, body }) => ({
      status: 200,
      body: { hits: await memory.search((await body()) as never) },
    }),
  },
  {
    method: 'POST',
    path: '/v1/context',
    scope: 'read',
    tag: 'retrieval',
    summary: 'The block to inject into a prompt, within a token budget',
    body: contextInputSchema,
    ok: { status: 200, description: 'The assembled context' },
    handle: async ({ memory, body }) => ({
      status: 200,
      body: await memory.context((await body()) as never),
    }),
  },
  {
    method: 'POST',
    path: '/v1/feedback',
    scope: 'write',
    tag: 'retrieval',
    summary: 'Say whether a retrieved memory helped',
    body: feedbackInputSchema,
    ok: { status: 200, description: 'The memory after feedback' },
    handle: async ({ memory, body }) => ({
      status: 200,
      body: await memory.feedback((await body()) as never),
    }),
  },
  {
    method: 'POST',
    path: '/v1/flush',
    scope: 'write',
    tag: 'memories',
    summary: "Wait until the tenant's background extraction has finished",
    body: flushSchema,
    ok: { status: 204, description: 'Nothing is pending' },
    async handle({ memory, req, body }) {
      const raw = req.headers['content-length'] === '0' ? {} : await body()
      const parsed = flushSchema.safeParse(raw)
      if (!parsed.success)
        throw new MemoryError('INVALID_INPUT', 'Flush body must be { "timeoutMs"?: number }')
      await memory.flush(parsed.data)
      return { status: 204 }
    },
  },
  {
    method: 'DELETE',
    path: '/v1/users/:userId',
    scope: 'write',
    tag: 'users',
    summary: 'Forget a user: every memory, index entry and history',
    ok: { status: 200, description: '`{ deleted }`' },
    handle: async ({ memory, params }) => ({
      status: 200,
      body: await memory.deleteAll({ userId: params.userId as string }),
    }),
  },
  {
    method: 'GET',
    path: '/v1/users',
    scope: 'read',
    tag: 'users',
    summary: "The tenant's users with memory counts by status, by user id",
    query: usersQuerySchema,
    ok: { status: 200, description: '`{ items: [{ userId, byStatus }], nextCursor }`' },
    handle: async ({ memory, url }) => ({
      status: 200,
      body: await memory.users(fromQuery(url, usersQuerySchema)),
    }),
  },
  {
    method: 'GET',
    path: '/v1/status',
    scope: 'read',
    tag: 'users',
    summary:
      'Counts by status and type, the confidence and activation distributions, and the last consolidation, for the tenant or one user',
    query: userQuerySchema,
    ok: {
      status: 200,
      description: 'Counts, distributions, store size and the last consolidation',
      schema: statusResponseSchema,
    },
    handle: async ({ memory, url }) => ({
      status: 200,
      body: await memory.status(fromQuery(url, userQuerySchema)),
    }),
  },
  {
    method: 'GET',
    path: '/v1/graph',
    scope: 'read',
    tag: 'retrieval',
    summary: 'The entity graph around an entity or a memory',
    query: graphQuerySchema,
    ok: { status: 200, description: '`{ center, nodes, edges }`' },
    handle: async ({ memory, url }) => ({
      status: 200,
      body: await memory.graph(fromQuery(url, graphQuerySchema) as never),
    }),
  },
  {
    method: 'POST',
    path: '/v1/consolidate',
    scope: 'write',
    tag: 'lifecycle',
    summary:
      'Merge restatements, supersede contradicted facts, archive expired and decayed memories (dryRun: report only)',
    body: consolidateInputSchema,
    ok: { status: 200, description: 'The consolidation report', schema: consolidationReportSchema },
    handle: async ({ memory, body }) => ({
      status: 200,
      body: await memory.consolidate((await body()) as never),
    }),
  },
  {
    method: 'POST',
    path: '/v1/memories/:id/restore',
    scope: 'write',
    tag: 'lifecycle',
    summary: 'Bring an archived or superseded memory back to active',
    ok: { status: 200, description: 'The memory' },
    handle: async ({ memory, params }) => ({ status: 200, body: await memory.restore(params.id as string) }),
  },
  {
    method: 'POST',
    path: '/v1/events/:id/undo',
    scope: 'write',
    tag: 'lifecycle',
    summary: 'Reverse a lifecycle decision (merged, superseded, archived or restored event), once',
    ok: { status: 200, description: '`{ undone, memories }`' },
    handle: async ({ memory, params }) => ({ status: 200, body: await memory.undo(params.id as string) }),
  },
]
