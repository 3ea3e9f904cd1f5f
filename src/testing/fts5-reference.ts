import Database from 'better-sqlite3'

/**
 * The tokens real FTS5 (`porter unicode61`, as the SQLite store indexes content) makes of
 * each document, in order, read back through fts5vocab: the reference that code scoring
 * or tokenizing like FTS5 is tested against.
 */
export function fts5Streams(docs: readonly string[]): string[][] {
  const db = new Database(':memory:')
  try {
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`)
    const insert = db.prepare('INSERT INTO t(rowid, x) VALUES (?, ?)')
    db.transaction(() => {
      for (const [i, doc] of docs.entries()) insert.run(i + 1, doc)
    })()
    const streams = docs.map((): string[] => [])
    const rows = db.prepare('SELECT term, doc, offset FROM v').raw().iterate() as Iterable<
      [string, number, number]
    >
    for (const [term, doc, offset] of rows) (streams[doc - 1] as string[])[offset] = term
    return streams
  } finally {
    db.close()
  }
}
