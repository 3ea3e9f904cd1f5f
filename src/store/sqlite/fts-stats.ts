import type { StoreContext } from './context.js'

/**
 * The statistics FTS5's `bm25()` scores a tenant's table with, read as FTS5 keeps them,
 * so an index outside FTS5 can score exactly alike: the row count and total tokens from
 * the table's "averages" record, and how many rows hold a term in the content column
 * from an `fts5vocab` table over it (a temporary table of this connection, so reading
 * statistics never writes the database).
 */
export interface FtsStatistics {
  rows: number
  /** Tokens of every row in every column, as `bm25()` averages lengths. */
  tokens: number
}

// FTS5 keeps the averages record in its data table under this id (FTS5_AVERAGES_ROWID).
const AVERAGES_ROWID = 1

/** Row count and total tokens of the table; zero rows for an empty one. */
export function ftsStatistics(ctx: StoreContext, table: string): FtsStatistics {
  const block = ctx.sql(`SELECT block FROM ${table}_data WHERE id = ?`).pluck().get(AVERAGES_ROWID) as
    | Buffer
    | undefined
  if (block === undefined || block.length === 0) return { rows: 0, tokens: 0 }
  // A varint for the row count, then one per column for its total tokens.
  const values = readVarints(block)
  const rows = values[0] ?? 0
  let tokens = 0
  for (let i = 1; i < values.length; i++) tokens += values[i] as number
  return { rows, tokens }
}

// The vocabulary tables each connection has made.
const vocabularies = new WeakMap<StoreContext, Set<string>>()

/** How many rows of the table hold each term (already tokenized, as FTS5 indexes it) in `content`. */
export function contentHits(ctx: StoreContext, table: string, terms: readonly string[]): number[] {
  const vocab = `${table}_vocab`
  const made = vocabularies.get(ctx) ?? new Set<string>()
  vocabularies.set(ctx, made)
  if (!made.has(vocab)) {
    ctx.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocab} USING fts5vocab(main, ${table}, 'col')`)
    made.add(vocab)
  }
  const hits = ctx.sql(`SELECT doc FROM temp.${vocab} WHERE term = ? AND col = 'content'`).pluck()
  return terms.map((term) => (hits.get(term) as number | undefined) ?? 0)
}

/** SQLite's variable-length integers (up to 9 bytes, big-endian groups of 7 bits), as FTS5 writes them. */
export function readVarints(bytes: Uint8Array): number[] {
  const out: number[] = []
  let i = 0
  while (i < bytes.length) {
    let value = 0
    for (let n = 0; ; n++) {
      const byte = bytes[i++] as number
      if (n === 8) {
        value = value * 256 + byte
        break
      }
      value = value * 128 + (byte & 0x7f)
      if ((byte & 0x80) === 0 || i >= bytes.length) break
    }
    out.push(value)
  }
  return out
}
