import { z } from 'zod'
import { MemoryError } from '../errors.js'

/**
 * Query-string parameters of the GET routes, as the OpenAPI document shows
 * them. Values arrive as strings; `fromQuery` turns them into the operation's
 * input, which the operation's own schema then checks.
 */
export const listQuerySchema = z.strictObject({
  userId: z.string(),
  limit: z.string().optional().describe('1–1000, default 20'),
  cursor: z.string().optional().describe("The previous page's nextCursor"),
  status: z.string().optional().describe('Comma-separated: active, superseded, archived'),
  type: z.string().optional().describe('Comma-separated memory types'),
  tag: z.string().optional().describe('Comma-separated tags; all must be present'),
  from: z.string().optional().describe('Earliest observedAt (ISO 8601)'),
  to: z.string().optional().describe('Latest observedAt (ISO 8601)'),
})

export const usersQuerySchema = z.strictObject({
  limit: z.string().optional().describe('1–1000, default 50'),
  cursor: z.string().optional().describe("The previous page's nextCursor"),
})

export const userQuerySchema = z.strictObject({ userId: z.string().optional() })

export const graphQuerySchema = z.strictObject({
  userId: z.string(),
  entity: z.string().optional(),
  memoryId: z.string().optional(),
  limit: z.string().optional().describe('1–200, default 25'),
})

const NUMERIC = new Set(['limit'])
const LISTS = new Set(['status', 'type', 'tag'])

/**
 * The query string as an object: `INVALID_INPUT` for a parameter the route
 * does not take or one given twice; numbers and comma lists converted.
 */
export function fromQuery(url: URL, allowed: z.ZodObject): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const known = Object.keys(allowed.shape)
  for (const [name, value] of url.searchParams) {
    if (!known.includes(name))
      throw new MemoryError(
        'INVALID_INPUT',
        `Unknown query parameter "${name}"; expected one of ${known.join(', ')}`,
      )
    if (name in out) throw new MemoryError('INVALID_INPUT', `Query parameter "${name}" is given twice`)
    if (NUMERIC.has(name)) out[name] = value.trim() === '' ? Number.NaN : Number(value)
    else if (LISTS.has(name))
      out[name] = value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    else out[name] = value
  }
  return out
}

/** The list query in the shape of `memory.list`'s input. */
export function listInput(url: URL): Record<string, unknown> {
  const { status, type, tag, from, to, ...rest } = fromQuery(url, listQuerySchema)
  const filters = Object.fromEntries(
    Object.entries({ types: type, tags: tag, from, to }).filter(([, v]) => v !== undefined),
  )
  return {
    ...rest,
    ...(status === undefined ? {} : { status }),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
  }
}
