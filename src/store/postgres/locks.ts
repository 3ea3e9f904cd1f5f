import type { PgContext } from './context.js'

// The two-key form of advisory locks, with this first key, never meets the migration's
// one-key lock; the second key hashes the schema with the name, so that stores in other
// schemas of the database (other deployments, tests) never contend.
const LOCK_SPACE = 0x4c6f_636b // "Lock"

/**
 * `pg_try_advisory_lock` on a connection of its own, kept out of the pool until release:
 * session locks belong to a connection, so the lock lives exactly as long as that
 * connection holds it, and a node that dies releases it with its connection.
 */
export async function tryLock(ctx: PgContext, key: string): Promise<(() => Promise<void>) | null> {
  const client = await ctx.pool.connect()
  const args = [LOCK_SPACE, key]
  let taken = false
  try {
    const { rows } = await client.query<{ taken: boolean }>(
      "SELECT pg_try_advisory_lock($1, hashtext(current_schema() || ':' || $2)) AS taken",
      args,
    )
    taken = rows[0]?.taken === true
  } finally {
    if (!taken) client.release()
  }
  if (!taken) return null
  let released = false
  return async () => {
    if (released) return
    released = true
    try {
      await client.query("SELECT pg_advisory_unlock($1, hashtext(current_schema() || ':' || $2))", args)
      client.release()
    } catch (error) {
      // A connection that could not unlock may still hold the lock: close it, which frees it.
      client.release(error instanceof Error ? error : new Error(String(error)))
      throw error
    }
  }
}
