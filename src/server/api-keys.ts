import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { newId } from '../ids.js'
import type { ApiKeyRecord, KeyScope, KeyStore } from './key-store.js'

const KEY_PREFIX = 'ar_'

/** SHA-256 of a key, hex. Keys are 256 random bits, so a fast hash is enough. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/** A new random key: `ar_` and 43 base64url characters. */
export function generateKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url')
}

/** Stores a key (generated unless given) and returns it with its record; the key is not kept. */
export async function issueKey(
  keys: KeyStore,
  input: { tenantId: string; scopes: KeyScope[]; name?: string; key?: string },
  at: Date,
): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = input.key ?? generateKey()
  const record: ApiKeyRecord = {
    id: newId(at.getTime()),
    tenantId: input.tenantId,
    name: input.name ?? '',
    scopes: [...new Set(input.scopes)],
    hash: hashKey(key),
    prefix: key.slice(0, KEY_PREFIX.length + 6),
    createdAt: at.toISOString(),
    revokedAt: null,
  }
  await keys.insert(record)
  return { key, record }
}

/** The stored key matching a presented one, compared in constant time, or null. */
export async function verifyKey(keys: KeyStore, presented: string): Promise<ApiKeyRecord | null> {
  const hash = hashKey(presented)
  const record = await keys.findByHash(hash)
  if (!record) return null
  const same = timingSafeEqual(Buffer.from(record.hash, 'hex'), Buffer.from(hash, 'hex'))
  return same ? record : null
}

/** A key as shown by the API: everything but the hash. */
export function publicKey(record: ApiKeyRecord): Omit<ApiKeyRecord, 'hash'> {
  const { hash: _hash, ...rest } = record
  return rest
}
