import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { hostileString, hugeBody, jsonValue, junkBody } from './fuzz-values.js'

/** Who a fuzzed request authenticates as. */
export type FuzzAuth = 'target' | 'read' | 'scratch' | 'admin' | 'none' | 'bogus'

/** One generated request. */
export interface FuzzRequest {
  /** The route it aims at, `METHOD /path/{param}`, or `other`. */
  route: string
  method: string
  path: string
  auth: FuzzAuth
  headers: Record<string, string>
  body?: string | Buffer
}

/** One operation of the route table, as `/openapi.json` lists it. */
export interface Operation {
  method: string
  path: string
}

/** What the generator knows of the seeded data. */
export interface FuzzWorld {
  operations: readonly Operation[]
  /** Ids of seeded memories of the target tenant (reads may name them; writes never do). */
  ids: readonly string[]
  /** Users of the target tenant. */
  users: readonly string[]
}

/**
 * Routes whose valid requests change nothing stored (search and context only with
 * `recordAccess: false`, which the generator forces for the target tenant).
 */
const READ_ONLY = new Set(['POST /v1/memories/list', 'POST /v1/search', 'POST /v1/context', 'POST /v1/flush'])
const changes = (method: string, path: string) =>
  method !== 'GET' && method !== 'HEAD' && !READ_ONLY.has(`${method} ${path}`)

/** A valid body for each route with one, as a starting point for mutations. */
function template(route: string, world: FuzzWorld, id: string): unknown {
  const userId = world.users[0] ?? 'u'
  switch (route) {
    case 'POST /v1/memories':
      return { content: 'Fuzz note about tea', userId, tags: ['t'], metadata: { k: 'v' } }
    case 'POST /v1/memories/batch':
      return { memories: [{ content: 'Fuzz batch note', userId }] }
    case 'POST /v1/memories/list':
      return { userId, limit: 5, filters: { tags: ['t'] } }
    case 'PATCH /v1/memories/{id}':
      return { content: 'changed', tags: ['x'] }
    case 'POST /v1/search':
    case 'POST /v1/context':
      return { query: 'tea', userId, filters: { from: '2020-01-01' }, explain: true }
    case 'POST /v1/feedback':
      return { memoryId: id, useful: true, query: 'tea' }
    case 'POST /v1/flush':
      return { timeoutMs: 1000 }
    case 'POST /v1/consolidate':
      return { userId, dryRun: true }
    case 'POST /v1/keys':
      return { tenantId: 'fuzz-made', scopes: ['read'] }
    case 'POST /v1/chat/completions':
      return { model: 'm', messages: [{ role: 'user', content: 'tea?' }], user: userId }
    case 'POST /mcp':
      return {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'recall', arguments: { query: 'tea', userId } },
      }
    default:
      return {}
  }
}

const FIELDS = [
  'content',
  'userId',
  'query',
  'limit',
  'filters',
  'metadata',
  'tags',
  'messages',
  'memories',
  'cursor',
  'status',
  'useful',
  'memoryId',
  'maxTokens',
  'format',
  'explain',
  'recordAccess',
  'now',
  'asOf',
  'dryRun',
  'timeoutMs',
  'tenantId',
  'scopes',
  'model',
  'stream',
  'user',
  'jsonrpc',
  'method',
  'params',
  'id',
  'observedAt',
  'type',
  'confidence',
  'source',
  'conversation',
  'zzUnknown',
  '__proto__',
  'constructor',
]
const QUERY_NAMES = [
  'userId',
  'limit',
  'cursor',
  'status',
  'type',
  'tag',
  'from',
  'to',
  'entity',
  'memoryId',
  'tenantId',
  'zz',
]
const OTHER_PATHS = [
  '/',
  '/v1',
  '/v2/search',
  '/v1/memoriesx',
  '/v1/memories/a/b/c',
  '/dashboard/../package.json',
  '/dashboard/%2e%2e%2fpackage.json',
  '/dashboard/..%2F..%2Fpackage.json',
  '/dashboard/x.js',
  '/.env',
  '/%00',
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
  '/docs',
  '/mcp/x',
  '//v1/search',
]
const BOGUS_AUTH = [
  'Bearer ar_nope',
  'Basic dXNlcjpwYXNz',
  'Bearer',
  'Token abc',
  `Bearer ${'k'.repeat(8000)}`,
]

/** Sets a property as an own, enumerable one (so `__proto__` becomes a JSON key, not a prototype). */
function put(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, configurable: true, writable: true })
}

function encodeParam(value: string, mode: 'component' | 'raw'): string {
  if (mode === 'raw') return value.replace(/[?#]/g, (c) => encodeURIComponent(c))
  try {
    return encodeURIComponent(value)
  } catch {
    return '%ED%A0%80' // a lone surrogate has no UTF-8 form: send the bytes it would have had
  }
}

/**
 * Malformed and hostile requests over every operation of the route table. Requests made
 * with the target tenant's keys never ask for a change that could succeed: writes name no
 * seeded memory, carry an invalid body, and searches do not record accesses, so the
 * target's export must come out of any number of them unchanged.
 */
export function fuzzRequest(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const operation = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...world.operations) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_PATHS).map((path) => ({ method: 'GET', path })) },
  )
  return fc
    .record({
      op: operation,
      auth: fc.constantFrom<FuzzAuth>(
        'target',
        'target',
        'target',
        'read',
        'scratch',
        'scratch',
        'admin',
        'none',
        'bogus',
      ),
      bogus: fc.constantFrom(...BOGUS_AUTH),
      method: fc.oneof(
        { weight: 12, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') },
      ),
      params: fc.array(
        fc.record({
          kind: fc.constantFrom('seeded', 'random', 'hostile', 'hostile'),
          value: hostileString,
          pick: fc.nat(),
          mode: fc.constantFrom<'component' | 'raw'>('component', 'raw'),
        }),
        { minLength: 2, maxLength: 2 },
      ),
      query: fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES), hostileString, fc.boolean()), {
        maxLength: 4,
      }),
      bodyKind: fc.constantFrom('template', 'mutated', 'mutated', 'mutated', 'junk', 'any', 'none'),
      huge: fc.nat(199),
      mutations: fc.array(fc.tuple(fc.constantFrom(...FIELDS), jsonValue), { minLength: 1, maxLength: 3 }),
      any: jsonValue,
      junk: junkBody,
      contentType: fc.option(
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
        ),
      ),
    })
    .chain((c) => hugeBody.map((huge) => ({ ...c, hugeBody: huge })))
    .map((c) => {
      const method = c.method ?? c.op.method
      const auth: FuzzAuth =
        c.op.path === '/mcp' && (c.auth === 'target' || c.auth === 'read') ? 'scratch' : c.auth
      // An admin's valid reindex re-embeds every tenant, the target included: only invalid ones.
      const reindex = c.op.path === '/v1/reindex' && auth === 'admin' && method !== 'GET' && method !== 'HEAD'
      const safe = auth === 'target' || auth === 'read'
      const mutating = changes(method, c.op.path)
      let n = 0
      const path = c.op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const p = c.params[n++ % c.params.length] as (typeof c.params)[number]
        const seeded = name === 'userId' ? world.users : world.ids
        if (p.kind === 'seeded' && !(safe && mutating) && seeded.length > 0)
          return encodeURIComponent(seeded[p.pick % seeded.length] as string)
        if (p.kind === 'hostile') return encodeParam(p.value, p.mode)
        return randomUUID()
      })
      const query = c.query
        .map(
          ([name, value, raw]) =>
            `${name}=${raw ? encodeParam(value, 'raw').replace(/&/g, '%26') : encodeParam(value, 'component')}`,
        )
        .join('&')
      const headers: Record<string, string> = {}
      if (c.contentType !== null) headers['content-type'] = c.contentType
      const request: FuzzRequest = {
        route: `${c.op.method} ${c.op.path}`,
        method,
        path: query === '' ? path : `${path}?${query}`,
        auth,
        headers,
      }
      if (auth === 'bogus') headers.authorization = c.bogus
      // What the streamable HTTP transport insists on; without it the answer is 406.
      if (c.op.path === '/mcp' && c.contentType !== null)
        headers.accept = 'application/json, text/event-stream'
      if (reindex) return { ...request, body: JSON.stringify({ zzForcedUnknown: c.any }) }
      if (method === 'GET' || method === 'HEAD' || c.bodyKind === 'none') return request
      if (c.huge === 0) return { ...request, body: c.hugeBody }
      if (c.bodyKind === 'junk') return { ...request, body: c.junk }
      const seededId = world.ids[0] ?? randomUUID()
      const body: unknown =
        c.bodyKind === 'any' ? c.any : template(request.route, world, safe ? randomUUID() : seededId)
      if (c.bodyKind === 'mutated' && typeof body === 'object' && body !== null && !Array.isArray(body))
        for (const [name, value] of c.mutations) put(body as Record<string, unknown>, name, value)
      if (safe && typeof body === 'object' && body !== null && !Array.isArray(body)) {
        const object = body as Record<string, unknown>
        if (mutating) {
          put(object, 'zzForcedUnknown', 1)
          put(object, 'messages', 'not a list') // the chat proxy takes unknown fields; this it refuses
        } else put(object, 'recordAccess', false)
      }
      return { ...request, body: JSON.stringify(body) ?? 'null' }
    })
}
