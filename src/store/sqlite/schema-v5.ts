/**
 * Migration 5: named locks shared by every process on the file (`tryLock`). A row is a
 * lease: its holder renews `expires_at` (milliseconds since the epoch) while it works,
 * so a holder that dies without releasing loses the lock once the lease runs out.
 */
export const SCHEMA_V5 = `
  CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
`
