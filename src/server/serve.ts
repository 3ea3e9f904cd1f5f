import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import type { Embedder } from '../embed/embedder.js'
import { MemoryError } from '../errors.js'
import { createMemoryEngine, type MemoryEngine, type MemoryOptions } from '../memory.js'
import { openKeyStoreUrl, openStoreUrl } from '../store/open-store.js'
import { issueKey, verifyKey } from './api-keys.js'
import { createApp } from './app.js'
import { answerClientError } from './client-error.js'
import type { KeyStore } from './key-store.js'
import { jsonLogger, type Logger, silentLogger } from './logger.js'
import type { RateLimitOptions } from './rate-limit.js'
import type { UpstreamOptions } from './routes/extensions.js'
import { createSqliteKeyStore } from './sqlite-key-store.js'

/** Accepts `key` as an admin key, issuing it unless stored; another node issuing it first is fine. */
async function ensureAdminKey(keys: KeyStore, key: string): Promise<void> {
  if (await verifyKey(keys, key)) return
  try {
    await issueKey(
      keys,
      { tenantId: 'default', scopes: ['read', 'write', 'admin'], name: 'admin', key },
      new Date(),
    )
  } catch (error) {
    if (!(MemoryError.is(error) && error.code === 'CONFLICT' && (await verifyKey(keys, key)))) throw error
  }
}

/** Options of `startServer`. */
export interface ServerOptions {
  /** @default 8787 */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** Where the SQLite files live. @default './.recall' */
  dataDir?: string
  /**
   * A PostgreSQL URL (`postgres://…`, optionally `?schema=name`) to keep memories and API
   * keys in instead of `dataDir`: several nodes on one database serve the same data.
   * @default none (SQLite files in `dataDir`)
   */
  storeUrl?: string | undefined
  /** An admin key to accept (created if new). Without it, the first start creates one. */
  adminKey?: string | undefined
  embedder?: Embedder
  /** Engine options beyond the store path and embedder (scoring, extractor...). */
  memory?: Omit<MemoryOptions, 'tenantId' | 'path' | 'embedder'>
  /** A key store instead of `<dataDir>/keys.db`. */
  keys?: KeyStore
  /** `false` for no logs. @default JSON lines on stderr */
  log?: Logger | false
  maxBodyBytes?: number
  rateLimit?: RateLimitOptions
  upstream?: UpstreamOptions | undefined
  /** How long shutdown waits for in-flight requests, in ms. @default 10000 */
  shutdownTimeoutMs?: number
}

/** A running server. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:8787`. */
  url: string
  /** The admin key created on this start (first start without keys), shown once; else null. */
  createdAdminKey: string | null
  engine: MemoryEngine
  /** Stops accepting, finishes in-flight requests, then closes the store. */
  close(): Promise<void>
}

/** Starts the HTTP server on the embedded store, or on PostgreSQL with `storeUrl`. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir ?? '.recall')
  const log = options.log === false ? silentLogger : (options.log ?? jsonLogger())
  const storeUrl = options.storeUrl
  const engine = await createMemoryEngine({
    ...options.memory,
    path: join(dataDir, 'memory.db'),
    ...(storeUrl ? { store: await openStoreUrl(storeUrl) } : {}),
    ...(options.embedder ? { embedder: options.embedder } : {}),
  })
  let keys: KeyStore
  try {
    keys =
      options.keys ??
      (storeUrl ? await openKeyStoreUrl(storeUrl) : createSqliteKeyStore(join(dataDir, 'keys.db')))
  } catch (error) {
    await engine.close().catch(() => undefined)
    throw error
  }
  let createdAdminKey: string | null = null
  try {
    if (options.adminKey) await ensureAdminKey(keys, options.adminKey)
    else if ((await keys.count()) === 0) {
      const issued = await issueKey(
        keys,
        { tenantId: 'default', scopes: ['read', 'write', 'admin'], name: 'admin' },
        new Date(),
      )
      createdAdminKey = issued.key
    }
  } catch (error) {
    await Promise.allSettled([engine.close(), keys.close()])
    throw error
  }

  const app = createApp({
    engine,
    keys,
    log,
    maxBodyBytes: options.maxBodyBytes,
    rateLimit: options.rateLimit,
    upstream: options.upstream,
  })
  const server = createServer({ requestTimeout: 300_000 }, (req, res) => {
    void app.handle(req, res)
  })
  server.on('clientError', answerClientError)
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
      server.off('error', fail)
      done()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | null = null
  return {
    url: `http://${host}:${address.port}`,
    createdAdminKey,
    engine,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()))
        server.closeIdleConnections()
        const timeout = options.shutdownTimeoutMs ?? 10_000
        let timer: NodeJS.Timeout | undefined
        await Promise.race([
          app.idle(),
          new Promise<void>((done) => {
            timer = setTimeout(done, timeout)
          }),
        ])
        clearTimeout(timer)
        server.closeAllConnections()
        await stopped
        await engine.close()
        await keys.close()
      })()
      return closing
    },
  }
}
