import { MemoryError } from '../../errors.js'

/** What a store URL names: the connection string for `pg` and the schema, if any. */
export interface StoreUrl {
  connectionString: string
  schema?: string
  /** False when the URL says `?prepare=false`. */
  preparedStatements?: boolean
}

/**
 * Reads a store URL (`RECALL_STORE`, `--store`): `postgres://` or `postgresql://`, with an
 * optional `?schema=name` that is taken out of the connection string (so that `pg` never
 * sees it) and given to the store, which creates that schema, and `?prepare=false` for a
 * pooler that cannot keep prepared statements. Never echoes the URL back:
 * it may hold a password.
 */
export function parseStoreUrl(url: string): StoreUrl {
  const example = 'postgres://user:password@host:5432/db (optionally ?schema=name)'
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new MemoryError('INVALID_INPUT', `the store must be a PostgreSQL URL such as ${example}`)
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new MemoryError(
      'INVALID_INPUT',
      `the store URL must start with postgres:// or postgresql://, got ${parsed.protocol}//: e.g. ${example}`,
    )
  const schema = parsed.searchParams.get('schema')
  const prepare = parsed.searchParams.get('prepare')
  if (prepare !== null && prepare !== 'true' && prepare !== 'false')
    throw new MemoryError(
      'INVALID_INPUT',
      `the store URL's prepare must be true or false, got ${JSON.stringify(prepare)}`,
    )
  parsed.searchParams.delete('schema')
  parsed.searchParams.delete('prepare')
  const connectionString = parsed.toString()
  return {
    connectionString,
    ...(schema === null ? {} : { schema }),
    ...(prepare === 'false' ? { preparedStatements: false } : {}),
  }
}
