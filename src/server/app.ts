import type { IncomingMessage, ServerResponse } from 'node:http'
import { MemoryError } from '../errors.js'
import type { MemoryEngine } from '../memory.js'
import { verifyKey } from './api-keys.js'
import { errorBody, parseJson, readBody, sendError, sendJson } from './http-io.js'
import type { ApiKeyRecord, KeyScope, KeyStore } from './key-store.js'
import type { Logger } from './logger.js'
import { createMetrics } from './metrics.js'
import { buildOpenApi } from './openapi.js'
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js'
import { createRouter, type Route, type RouteContext } from './router.js'
import { docsPage } from './routes/docs-page.js'
import { extensionRoutes, type UpstreamOptions } from './routes/extensions.js'
import { keyRoutes } from './routes/keys.js'
import { memoryRoutes } from './routes/memories.js'
import { transferRoutes } from './routes/transfer.js'
import { serveDashboard } from './static-files.js'

/** Options of `createApp`. */
export interface AppOptions {
  engine: MemoryEngine
  keys: KeyStore
  log: Logger
  /** Largest JSON body, in bytes. @default 1048576 */
  maxBodyBytes?: number
  rateLimit?: RateLimitOptions
  /** Where `/v1/chat/completions` forwards to; without it the proxy answers `NOT_CONFIGURED`. */
  upstream?: UpstreamOptions | undefined
  now?: () => Date
}

interface RequestState {
  /** The route pattern (never the raw path, which may hold ids). */
  route: string
  keyId: string | null
}

const allows = (key: ApiKeyRecord, scope: KeyScope) =>
  key.scopes.includes(scope) || key.scopes.includes('admin')

/**
 * The HTTP application: authentication, rate limiting, routing, errors and
 * metrics around routes that each call the public API once.
 */
export function createApp(options: AppOptions) {
  const now = options.now ?? (() => new Date())
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const metrics = createMetrics()
  const limiter = createRateLimiter(options.rateLimit)
  const routes: Route[] = [
    ...memoryRoutes,
    ...transferRoutes,
    ...keyRoutes(options.keys, now),
    ...extensionRoutes(options.upstream, options.log),
  ]
  const router = createRouter(routes)
  const openApi = buildOpenApi(routes)
  let inFlight = 0
  let idle: (() => void) | null = null

  async function publicRoute(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    switch (path) {
      case '/healthz':
        sendJson(res, 200, { status: 'ok' })
        return true
      case '/readyz':
        try {
          await options.engine.store.stats('default')
          sendJson(res, 200, { status: 'ready' })
        } catch {
          sendJson(res, 503, errorBody('STORE_FAILED', 'The store is not available'))
        }
        return true
      case '/metrics': {
        const stats = await options.engine.store.stats('default').catch(() => null)
        const body = metrics.render([
          {
            name: 'recall_store_size_bytes',
            help: 'Size of the store on disk, when the backend can tell.',
            value: stats?.sizeBytes ?? 0,
          },
          { name: 'recall_http_in_flight', help: 'Requests being served.', value: inFlight },
        ])
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
        res.end(body)
        return true
      }
      case '/openapi.json':
        sendJson(res, 200, openApi)
        return true
      default:
        if (await serveDashboard(path, res)) return true
        // Without the dashboard's files, / shows the docs.
        if (path !== '/docs' && path !== '/') return false
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.end(docsPage(openApi))
        return true
    }
  }

  async function authenticate(req: IncomingMessage): Promise<ApiKeyRecord> {
    const header = req.headers.authorization
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match) throw new MemoryError('UNAUTHORIZED', 'Missing API key: send Authorization: Bearer <key>')
    const key = await verifyKey(options.keys, match[1] as string)
    if (!key) throw new MemoryError('UNAUTHORIZED', 'Invalid or revoked API key')
    return key
  }

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    state: RequestState,
  ): Promise<void> {
    // Named before answering: the response's close event can come before this function resumes.
    state.route = url.pathname
    if (await publicRoute(req, res, url.pathname)) return
    state.route = 'unmatched'
    const key = await authenticate(req)
    state.keyId = key.id
    const limit = limiter.take(key.id)
    if (!limit.ok) {
      res.setHeader('retry-after', String(limit.retryAfterSeconds))
      throw new MemoryError('RATE_LIMITED', `Too many requests; retry after ${limit.retryAfterSeconds} s`, {
        details: { retryAfterSeconds: limit.retryAfterSeconds },
      })
    }
    const found = router.match(req.method ?? 'GET', url.pathname)
    if (!('route' in found)) {
      if (found.allowed.length === 0) throw new MemoryError('NOT_FOUND', `No route ${url.pathname}`)
      res.setHeader('allow', found.allowed.join(', '))
      throw new MemoryError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`)
    }
    const { route, params } = found
    state.route = route.path
    if (route.scope && !allows(key, route.scope))
      throw new MemoryError('FORBIDDEN', `This key lacks the "${route.scope}" scope`)
    let parsed: Promise<unknown> | undefined
    const ctx: RouteContext = {
      req,
      res,
      url,
      params,
      key,
      memory: options.engine.tenant(key.tenantId),
      body: () => {
        parsed ??= readBody(req, maxBodyBytes).then(parseJson)
        return parsed
      },
    }
    const result = await route.handle(ctx)
    if (result) {
      if (result.body === undefined) res.writeHead(result.status).end()
      else sendJson(res, result.status, result.body)
    }
  }

  return {
    /** The `node:http` request listener. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const started = process.hrtime.bigint()
      inFlight++
      const state: RequestState = { route: 'unmatched', keyId: null }
      res.once('close', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9
        metrics.observe(req.method ?? '', state.route, res.statusCode, seconds)
        options.log(res.statusCode >= 500 || !res.writableFinished ? 'warn' : 'info', 'request', {
          method: req.method,
          route: state.route,
          status: res.statusCode,
          ms: Math.round(seconds * 1e4) / 10,
          keyId: state.keyId,
          completed: res.writableFinished,
        })
        if (--inFlight === 0) idle?.()
      })
      try {
        const url = new URL(`http://localhost${req.url ?? '/'}`)
        await serve(req, res, url, state)
      } catch (error) {
        if (!MemoryError.is(error))
          options.log('error', 'unexpected error', {
            method: req.method,
            route: state.route,
            error: error instanceof Error ? error.message : String(error),
          })
        sendError(res, error)
        // Drain what the client is still sending, so it reads our answer instead of a reset.
        if (!req.readableEnded) req.resume()
      }
    },
    /** Resolves once no request is being served. */
    idle(): Promise<void> {
      if (inFlight === 0) return Promise.resolve()
      return new Promise((resolve) => {
        idle = resolve
      })
    },
  }
}
