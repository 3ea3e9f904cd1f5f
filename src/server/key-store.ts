/** What an API key may do. `admin` also manages keys of every tenant. */
export type KeyScope = 'read' | 'write' | 'admin'

/** An API key as stored: never the key itself, only its hash. */
export interface ApiKeyRecord {
  id: string
  tenantId: string
  name: string
  scopes: KeyScope[]
  /** SHA-256 of the key, hex. */
  hash: string
  /** The key's first characters, to tell keys apart in a list. */
  prefix: string
  createdAt: string
  revokedAt: string | null
}

/**
 * Where API keys live. Small on purpose: each store backend (SQLite, PostgreSQL)
 * brings its own, next to its memories.
 */
export interface KeyStore {
  insert(key: ApiKeyRecord): Promise<void>
  /** The unrevoked key with this hash, or null. */
  findByHash(hash: string): Promise<ApiKeyRecord | null>
  /** Keys of one tenant, or of every tenant, oldest first. */
  list(tenantId?: string): Promise<ApiKeyRecord[]>
  /** Marks a key revoked; false when there is no such unrevoked key. */
  revoke(id: string, at: string): Promise<boolean>
  /** How many unrevoked keys exist. */
  count(): Promise<number>
  close(): Promise<void>
}
