import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { MemoryError, storeFailed } from '../errors.js'
import type { ApiKeyRecord, KeyScope, KeyStore } from './key-store.js'

interface KeyRow {
  id: string
  tenant_id: string
  name: string
  scopes: string
  hash: string
  prefix: string
  created_at: string
  revoked_at: string | null
}

const toRecord = (row: KeyRow): ApiKeyRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  scopes: JSON.parse(row.scopes) as KeyScope[],
  hash: row.hash,
  prefix: row.prefix,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
})

/** API keys in a SQLite file of their own (`keys.db` beside the memories). */
export function createSqliteKeyStore(path: string): KeyStore {
  let db: Database.Database
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      name TEXT NOT NULL,
      scopes TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE,
      prefix TEXT NOT NULL,
      created_at TEXT NOT NULL,
      revoked_at TEXT
    )`)
  } catch (error) {
    throw storeFailed(error, `opening the key store at ${path}`)
  }
  const run = async <T>(what: string, fn: () => T): Promise<T> => {
    try {
      return fn()
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new MemoryError('CONFLICT', 'this key already exists')
      throw storeFailed(error, what)
    }
  }
  return {
    insert: (key) =>
      run('storing a key', () => {
        db.prepare(
          'INSERT INTO api_keys (id, tenant_id, name, scopes, hash, prefix, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          key.id,
          key.tenantId,
          key.name,
          JSON.stringify(key.scopes),
          key.hash,
          key.prefix,
          key.createdAt,
          key.revokedAt,
        )
      }),
    findByHash: (hash) =>
      run('reading a key', () => {
        const row = db.prepare('SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL').get(hash)
        return row ? toRecord(row as KeyRow) : null
      }),
    list: (tenantId) =>
      run('listing keys', () => {
        const rows =
          tenantId === undefined
            ? db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all()
            : db.prepare('SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id').all(tenantId)
        return (rows as KeyRow[]).map(toRecord)
      }),
    revoke: (id, at) =>
      run('revoking a key', () => {
        const result = db
          .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
          .run(at, id)
        return result.changes > 0
      }),
    count: () =>
      run('counting keys', () => {
        const row = db.prepare('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL').get() as {
          n: number
        }
        return row.n
      }),
    async close() {
      if (db.open) db.close()
    },
  }
}
