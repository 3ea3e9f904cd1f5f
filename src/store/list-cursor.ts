import { MemoryError } from '../errors.js'
import type { MemoryStatus } from '../types.js'
import type { UserSummary } from './store.js'

/** The opaque cursor of `list`: the last item's creation time and id. */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url')
}

/** The position a cursor names; `INVALID_INPUT` for anything `encodeCursor` did not write. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return value as [string, string]
    }
  } catch {
    // Not JSON: reported below like any other malformed cursor.
  }
  throw new MemoryError('INVALID_INPUT', 'malformed list cursor')
}

/** Users from rows of (user, status, count), in row order; a user without memories has a null status. */
export function summariseUsers(
  rows: readonly { user_id: string; status: MemoryStatus | null; n: number }[],
): UserSummary[] {
  const users = new Map<string, UserSummary>()
  for (const r of rows) {
    const user = users.get(r.user_id) ?? {
      userId: r.user_id,
      byStatus: { active: 0, superseded: 0, archived: 0 },
    }
    if (r.status) user.byStatus[r.status] = r.n
    users.set(r.user_id, user)
  }
  return [...users.values()]
}
