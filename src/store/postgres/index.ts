/**
 * The PostgreSQL + pgvector store, behind the `adaptive-recall/postgres` subpath so that
 * importing the core never loads the `pg` driver (an optional peer dependency).
 *
 * @example
 * import { createMemory } from 'adaptive-recall'
 * import { createPostgresStore } from 'adaptive-recall/postgres'
 * const memory = await createMemory({ store: await createPostgresStore({ connectionString }) })
 */

export { createPostgresKeyStore } from './key-store.js'
export type { PostgresStoreOptions } from './pool.js'
export { createPostgresStore } from './postgres-store.js'
export { parseStoreUrl, type StoreUrl } from './url.js'
