import { randomBytes } from 'node:crypto'
import { openStoreUrl } from '../store/open-store.js'
import type { MemoryStore } from '../store/store.js'
import { dropSchema } from './drop-schema.js'

/** A store opened for one benchmark run, and how to remove what the run wrote. */
export interface BenchStore {
  store: MemoryStore
  /** Drops the run's schema. Call after the memory (and so the store) is closed. */
  drop(): Promise<void>
}

/**
 * Opens a PostgreSQL store in a new schema `<prefix>_<random>` of the database `url`
 * names, so a benchmark never sees (or leaves behind) another run's memories.
 */
export async function openBenchStore(url: string, prefix: string): Promise<BenchStore> {
  const parsed = new URL(url)
  parsed.searchParams.set('schema', `${prefix.replace(/\W+/g, '_')}_${randomBytes(4).toString('hex')}`)
  const schemaUrl = parsed.toString()
  return { store: await openStoreUrl(schemaUrl), drop: () => dropSchema(schemaUrl) }
}
