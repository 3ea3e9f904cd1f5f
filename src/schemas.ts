import { z } from 'zod'
import { MemoryError } from './errors.js'
import { isId } from './ids.js'
import type { JsonObject } from './types.js'

/**
 * The zod schemas for every public operation's input. One schema per operation,
 * shared by the library, the CLI (and later the HTTP API and MCP tools), so
 * every surface rejects the same input with the same message.
 */

const MAX_JSON_DEPTH = 32
const MAX_METADATA_BYTES = 64 * 1024
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** What no store can keep in text: PostgreSQL refuses NUL and lone surrogates, in text and JSON alike. */
const unstorable = (s: string) => s.includes('\0') || /\p{Cs}/u.test(s)
const UNSTORABLE_MESSAGE = 'strings must not contain NUL or lone surrogates'

/** Why a value is not plain JSON, or null when it is. */
function jsonProblem(value: unknown, depth: number): string | null {
  if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`
  if (typeof value === 'string') return unstorable(value) ? UNSTORABLE_MESSAGE : null
  if (value === null || typeof value === 'boolean') return null
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'numbers must be finite'
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonProblem(item, depth + 1)
      if (problem) return problem
    }
    return null
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) return 'only plain objects are allowed'
    for (const [key, item] of Object.entries(value)) {
      const problem = unstorable(key) ? `keys: ${UNSTORABLE_MESSAGE}` : jsonProblem(item, depth + 1)
      if (problem) return problem
    }
    return null
  }
  return `${typeof value} is not a JSON value`
}

const text = (name: string, max: number) =>
  z
    .string({ error: `${name} must be a string` })
    .trim()
    .min(1, `${name} must not be empty`)
    .max(max, `${name} must be at most ${max} characters`)
    .refine((s) => !/\p{Cs}/u.test(s), `${name} contains invalid Unicode (a lone surrogate)`)
    .refine((s) => !/\p{Cc}/u.test(s), `${name} must not contain control characters`)

/** An id in the one shape memory and event ids have. */
export const idSchema = z.string().refine(isId, 'must be a memory id (a UUID)')

export const userIdSchema = text('userId', 256)

/** A page's `nextCursor`, handed back: opaque, but never with what no cursor holds. */
const cursorSchema = z
  .string({ error: 'cursor must be a string' })
  .max(1024, 'cursor must be at most 1024 characters')
  .refine((s) => !/[\p{Cs}\p{Cc}]/u.test(s), 'cursor must be the nextCursor of an earlier page')
  .nullable()
  .optional()
const optionalScopeId = (name: string) => text(name, 256).optional().nullable()

/** ISO 8601 date or date-time (or a Date), normalised to `toISOString()`. */
export const dateSchema = z
  .union([z.string(), z.date()], { error: 'must be an ISO 8601 date string' })
  .transform((value, ctx) => {
    const ms = value instanceof Date ? value.getTime() : ISO_DATE.test(value) ? Date.parse(value) : Number.NaN
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'must be a valid ISO 8601 date, e.g. 2024-03-02T10:00:00Z' })
      return z.NEVER
    }
    return new Date(ms).toISOString()
  })

export const metadataSchema = z
  .custom<JsonObject>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'metadata must be a JSON object',
  )
  .superRefine((value, ctx) => {
    const problem = jsonProblem(value, 0)
    if (problem) ctx.addIssue({ code: 'custom', message: `metadata is not plain JSON: ${problem}` })
    else if (Buffer.byteLength(JSON.stringify(value)) > MAX_METADATA_BYTES)
      ctx.addIssue({
        code: 'custom',
        message: `metadata must be at most ${MAX_METADATA_BYTES} bytes as JSON`,
      })
  })

export const tagsSchema = z.array(text('tag', 128), { error: 'tags must be an array of strings' }).max(64)
const typeSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'type must be a short lower-case word')
const confidenceSchema = z.number().min(0).max(10)

/** Input of `memory.add` and each item of `memory.addMany`. */
export const addInputSchema = z.strictObject({
  content: z.string({ error: 'content must be a string' }),
  userId: userIdSchema,
  agentId: optionalScopeId('agentId'),
  sessionId: optionalScopeId('sessionId'),
  source: text('source', 2048).optional().nullable(),
  observedAt: dateSchema.optional(),
  metadata: metadataSchema.optional(),
  tags: tagsSchema.optional(),
  type: typeSchema.optional(),
  confidence: confidenceSchema.optional(),
  /** When the memory is archived automatically (time to live). */
  expiresAt: dateSchema.optional(),
})

/** One message of a conversation given to `memory.add({ messages })`. */
export const messageSchema = z.strictObject({
  role: z.enum(['user', 'assistant', 'system', 'tool'], {
    error: 'role must be user, assistant, system or tool',
  }),
  content: z.string({ error: 'content must be a string' }),
  /** The speaker's name; first-person statements are attributed to it. */
  name: text('name', 128).optional(),
  /** When it was said. @default now */
  createdAt: dateSchema.optional(),
  /** The caller's id for the message; re-sending it never duplicates anything. */
  id: text('id', 256).optional(),
})

/** Input of `memory.add` with a conversation instead of one content. */
export const conversationInputSchema = z.strictObject({
  messages: z.array(messageSchema).min(1, 'messages must not be empty').max(1000),
  userId: userIdSchema,
  agentId: optionalScopeId('agentId'),
  sessionId: optionalScopeId('sessionId'),
  source: text('source', 2048).optional().nullable(),
  metadata: metadataSchema.optional(),
  tags: tagsSchema.optional(),
})

/** Input of `memory.update`: at least one field. */
export const updateInputSchema = z
  .strictObject({
    content: z.string({ error: 'content must be a string' }).optional(),
    metadata: metadataSchema.optional(),
    tags: tagsSchema.optional(),
  })
  .refine((u) => u.content !== undefined || u.metadata !== undefined || u.tags !== undefined, {
    message: 'update needs at least one of content, metadata, tags',
  })

const scalar = z.union([
  z.string().refine((v) => !unstorable(v), UNSTORABLE_MESSAGE),
  z.number().refine(Number.isFinite),
  z.boolean(),
  z.null(),
])

export const filterSchema = z.strictObject({
  tags: tagsSchema.optional(),
  metadata: z
    .record(
      z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'metadata filter keys are letters, digits, _ . : -'),
      scalar,
      { error: 'metadata filter values must be strings, numbers, booleans or null' },
    )
    .optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  types: z.array(typeSchema).max(32).optional(),
  /** A time expression ("last week", "in March 2024") resolved against `now` into from/to. */
  when: z.string().trim().min(1).max(200).optional(),
})

const searchFields = {
  query: text('query', 4096),
  userId: userIdSchema,
  filters: filterSchema.optional(),
  /** Recent conversation; its entities spread activation like the query's. */
  conversation: z.string().max(65536).optional(),
  /** The moment to rank for (recency, relative dates). @default now */
  now: dateSchema.optional(),
  /** Count this retrieval as an access of the memories returned. @default true */
  recordAccess: z.boolean().default(true),
  /** Answer as of this moment: memories observed by then and not yet superseded then. */
  asOf: dateSchema.optional(),
  /** Include memories that newer ones superseded. @default false */
  includeSuperseded: z.boolean().default(false),
  /** Include archived memories. @default false */
  includeArchived: z.boolean().default(false),
}

export const statusSchema = z.enum(['active', 'superseded', 'archived'])

/** Deepest a search pages: `offset` + `limit` stays within 1,000 hits. */
export const MAX_SEARCH_OFFSET = 900

export const searchInputSchema = z.strictObject({
  ...searchFields,
  limit: z.number().int().min(1).max(100).default(10),
  /**
   * Skip this many of the best hits: with `limit`, one page of the ranking. Every page ranks
   * the same candidates (`scoring.candidates` per strategy), so pages never overlap. @default 0
   */
  offset: z
    .number()
    .int()
    .min(0)
    .max(MAX_SEARCH_OFFSET)
    .default(0)
    .describe(`Skip this many of the best hits (0-${MAX_SEARCH_OFFSET}): with limit, one page`),
  /** Only memories of these statuses; overrides `includeSuperseded` and `includeArchived`. */
  status: z
    .array(statusSchema)
    .min(1)
    .optional()
    .describe('Only memories of these statuses; overrides includeSuperseded and includeArchived'),
  explain: z.boolean().default(false),
})

export const contextInputSchema = z.strictObject({
  ...searchFields,
  maxTokens: z.number().int().min(16).max(200_000).default(1000),
  format: z.enum(['markdown', 'xml', 'json']).default('markdown'),
})

export const listInputSchema = z.strictObject({
  userId: userIdSchema,
  limit: z.number().int().min(1).max(1000).default(20),
  cursor: cursorSchema,
  filters: filterSchema.optional(),
  status: z.array(statusSchema).optional(),
})

export const feedbackInputSchema = z.strictObject({
  memoryId: idSchema,
  useful: z.boolean({ error: 'useful must be true or false' }),
  /** The query the memory was retrieved for; its entities' association with the memory is adjusted. */
  query: text('query', 4096).optional(),
  actor: text('actor', 256).optional(),
})

export const graphInputSchema = z
  .strictObject({
    userId: userIdSchema,
    /** An entity's name, e.g. `Alice` or `New York`. */
    entity: text('entity', 256).optional(),
    /** A memory whose entities the graph is centred on. */
    memoryId: idSchema.optional(),
    /** Most memories to include. @default 25 */
    limit: z.number().int().min(1).max(200).default(25),
  })
  .refine((q) => (q.entity === undefined) !== (q.memoryId === undefined), {
    message: 'graph needs exactly one of entity, memoryId',
  })

export const consolidateInputSchema = z.strictObject({
  /** One user; omit for every user of the tenant. */
  userId: userIdSchema.optional(),
  /** Report what would change, and change nothing. @default false */
  dryRun: z.boolean().default(false),
})

export const usersInputSchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(50),
  /** The previous page's `nextCursor`. */
  cursor: cursorSchema,
})

export const userScopeSchema = z.strictObject({ userId: userIdSchema })
export const exportInputSchema = z.strictObject({ userId: userIdSchema.optional() })

/**
 * Parses input with a schema, turning zod's report into one `INVALID_INPUT`
 * error whose message names the first problem and whose details list them all.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
  const first = issues[0]
  const where = first?.path ? `${first.path}: ` : ''
  throw new MemoryError('INVALID_INPUT', `Invalid ${what}: ${where}${first?.message ?? 'bad input'}`, {
    details: { issues },
  })
}

/** Input of `memory.add`. */
export type AddInput = z.input<typeof addInputSchema>
/** Input of `memory.update`. */
export type UpdateInput = z.input<typeof updateInputSchema>
/** Input of `memory.search`. */
export type SearchInput = z.input<typeof searchInputSchema>
/** Input of `memory.list`. */
export type ListInput = z.input<typeof listInputSchema>
/** Filters of `search` and `list`. */
export type FilterInput = z.input<typeof filterSchema>
/** Input of `memory.context`. */
export type ContextInput = z.input<typeof contextInputSchema>
/** Input of `memory.feedback`. */
export type FeedbackInput = z.input<typeof feedbackInputSchema>
/** Input of `memory.add` with messages. */
export type ConversationInput = z.input<typeof conversationInputSchema>
/** One message of a conversation. */
export type MessageInput = z.input<typeof messageSchema>
/** Input of `memory.graph`. */
export type GraphInput = z.input<typeof graphInputSchema>
