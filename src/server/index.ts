/**
 * The HTTP server: `import { startServer } from 'adaptive-recall/server'`.
 * Kept out of the core entry point so that importing the library never loads it.
 */
export { hashKey } from './api-keys.js'
export type { ApiKeyRecord, KeyScope, KeyStore } from './key-store.js'
export type { LogFields, Logger } from './logger.js'
export type { RateLimitOptions } from './rate-limit.js'
export type { UpstreamOptions } from './routes/extensions.js'
export type { RunningServer, ServerOptions } from './serve.js'
export { startServer } from './serve.js'
export { createSqliteKeyStore } from './sqlite-key-store.js'
