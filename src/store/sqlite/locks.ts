/** Held lock names, per database file (or per in-memory store). */
const held = new Map<string, Set<string>>()

/**
 * Locks for one SQLite store: in memory, since an embedded store serves one process (the
 * server is one node on SQLite). Stores opened on the same file in one process share
 * them; two processes on one file are not kept apart (run one server per SQLite file, or
 * use PostgreSQL for several nodes).
 */
export function lockTable(file: string | null): (key: string) => Promise<(() => Promise<void>) | null> {
  const names = file === null ? new Set<string>() : (held.get(file) ?? new Set<string>())
  if (file !== null) held.set(file, names)
  return async (key) => {
    if (names.has(key)) return null
    names.add(key)
    let released = false
    return async () => {
      if (released) return
      released = true
      names.delete(key)
    }
  }
}
