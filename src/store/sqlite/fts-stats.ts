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

/** Per connection: the vocabulary tables it made, and the counts it read while nothing changed. */
interface Vocabularies {
  made: Set<string>
  cached: Map<string, { version: string; hits: Map<string, number> }>
}

const vocabularies = new WeakMap<StoreContext, Vocabularies>()
// Terms remembered per table; past this, the table's memory starts afresh.
const CACHED_TERMS = 20_000

/**
 * How many rows of the table hold each term (already tokenized, as FTS5 indexes it) in
 * `content`. fts5vocab counts a term's rows by walking its whole doclist (2 ms for a term
 * in 90,000 memories), so counts are remembered for as long as `version` (what names the
 * table's state: the change log's position, its row and token totals) stays the same.
 */
export function contentHits(
  ctx: StoreContext,
  table: string,
  terms: readonly string[],
  version: string,
): number[] {
  const vocab = `${table}_vocab`
  const own = vocabularies.get(ctx) ?? { made: new Set<string>(), cached: new Map() }
  vocabularies.set(ctx, own)
  if (!own.made.has(vocab)) {
    ctx.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocab} USING fts5vocab(main, ${table}, 'col')`)
    own.made.add(vocab)
  }
  let cache = own.cached.get(table)
  if (cache === undefined || cache.version !== version || cache.hits.size > CACHED_TERMS) {
    cache = { version, hits: new Map() }
    own.cached.set(table, cache)
  }
  const known = cache.hits
  const read = ctx.sql(`SELECT doc FROM temp.${vocab} WHERE term = ? AND col = 'content'`).pluck()
  return terms.map((term) => {
    let hits = known.get(term)
    if (hits === undefined) {
      hits = (read.get(term) as number | undefined) ?? 0
      known.set(term, hits)
    }
    return hits
  })
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
