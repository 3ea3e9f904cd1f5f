import { randomUUID } from 'node:crypto'
import { MemoryError, storeFailed } from '../../errors.js'
import type { StoreContext } from './context.js'

/** How long a lock stays taken without renewal, in ms. */
export const DEFAULT_LOCK_LEASE_MS = 30_000

/** A release function; it rejects when the lease was lost while the lock was held. */
export type LockRelease = () => Promise<void>

/** The locks of one SQLite store. */
export interface LockTable {
  /** Takes `key` unless any process on the file holds it; null at once when held. */
  tryLock(key: string): LockRelease | null
  /** Releases every lock this store holds (on close). */
  releaseAll(): void
}

/**
 * Named locks in the `locks` table, so that every process on the file sees them (two
 * server processes on one SQLite file consolidate a scope once, not twice). Taking a lock
 * is one `BEGIN IMMEDIATE` transaction that clears an expired row and inserts ours, so two
 * connections can never both take it. A holder renews its lease every third of
 * `leaseMs` while it works; a process that dies stops renewing, and its lock is free
 * again once the lease has run out.
 */
export function lockTable(ctx: StoreContext, leaseMs: number = DEFAULT_LOCK_LEASE_MS): LockTable {
  const held = new Map<string, () => void>()

  function tryLock(key: string): LockRelease | null {
    const holder = randomUUID()
    const taken = ctx.db
      .transaction(() => {
        const now = Date.now()
        ctx.sql('DELETE FROM locks WHERE name = ? AND expires_at <= ?').run(key, now)
        return ctx
          .sql('INSERT OR IGNORE INTO locks (name, holder, expires_at) VALUES (?, ?, ?)')
          .run(key, holder, now + leaseMs).changes
      })
      .immediate()
    if (taken !== 1) return null
    let lost: unknown = null
    const timer = setInterval(
      () => {
        try {
          const renewed = ctx
            .sql('UPDATE locks SET expires_at = ? WHERE name = ? AND holder = ?')
            .run(Date.now() + leaseMs, key, holder).changes
          if (renewed === 0) throw new Error('another holder took the lock over after the lease ran out')
        } catch (error) {
          // No caller to tell now: stop renewing, and let release() report it.
          lost = error
          clearInterval(timer)
        }
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    )
    // A held lock must not keep the process alive.
    timer.unref()
    const drop = () => {
      // Already dropped when the store closed.
      if (!held.delete(holder)) return
      clearInterval(timer)
      ctx.sql('DELETE FROM locks WHERE name = ? AND holder = ?').run(key, holder)
    }
    held.set(holder, drop)
    let released = false
    return async () => {
      if (released) return
      released = true
      try {
        drop()
      } catch (error) {
        throw storeFailed(error, `sqlite releasing lock ${key}`)
      }
      if (lost !== null)
        throw new MemoryError(
          'STORE_FAILED',
          `lock ${key} was lost while held: ${lost instanceof Error ? lost.message : String(lost)}`,
          {
            cause: lost,
          },
        )
    }
  }

  return {
    tryLock,
    releaseAll() {
      for (const drop of [...held.values()]) drop()
    },
  }
}
