import type { KeyStore } from '../server/key-store.js'
import { parseStoreUrl } from './postgres/url.js'
import type { MemoryStore } from './store.js'

/**
 * Opens the store a URL names (`RECALL_STORE`, `--store`): today PostgreSQL. `pg` is
 * imported only here, on demand, so the embedded SQLite path never loads it.
 */
export async function openStoreUrl(url: string): Promise<MemoryStore> {
  const options = parseStoreUrl(url)
  const { createPostgresStore } = await import('./postgres/index.js')
  return createPostgresStore(options)
}

/** Opens the API key store beside the store a URL names, in the same database and schema. */
export async function openKeyStoreUrl(url: string): Promise<KeyStore> {
  const options = parseStoreUrl(url)
  const { createPostgresKeyStore } = await import('./postgres/index.js')
  return createPostgresKeyStore({ ...options, max: 2 })
}
