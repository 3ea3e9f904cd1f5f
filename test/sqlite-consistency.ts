import Database from 'better-sqlite3'
import * as sqliteVec from 'sqlite-vec'

/** What `sqliteProblems` counted, for the test's own assertions. */
export interface SqliteCounts {
  memories: number
  pendingJobs: number
}

/**
 * Everything wrong with a store file, as readable lines (none when it is sound): SQLite's
 * own integrity and foreign-key checks, FTS5's integrity check, and the derived indexes
 * against the memories they derive from: one FTS row with the same text and one vector
 * per memory and nothing else, term counts equal to the sum of the memories' terms, and
 * each entity's fan equal to its links.
 * Opens its own connection; run it while no process writes, since the FTS check writes.
 */
export function sqliteProblems(path: string): { problems: string[]; counts: SqliteCounts } {
  const db = new Database(path, { timeout: 10_000 })
  sqliteVec.load(db)
  const problems: string[] = []
  const all = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[]
  const value = (sql: string) => db.prepare(sql).pluck().get() as number
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`)
    for (const row of db.pragma('foreign_key_check') as Record<string, unknown>[])
      problems.push(`foreign_key_check: ${JSON.stringify(row)}`)
    const check = (label: string, sql: string) => {
      const rows = all(sql)
      if (rows.length > 0) problems.push(`${label}: ${rows.length}, e.g. ${JSON.stringify(rows[0])}`)
    }
    // The keyword index is one FTS5 table per tenant, listed in fts_tables.
    const tables = all('SELECT n, tenant_id FROM fts_tables') as { n: number; tenant_id: string }[]
    for (const { n, tenant_id: tenant } of tables) {
      const fts = `memory_fts_${n}`
      const quoted = `'${tenant.replaceAll("'", "''")}'`
      try {
        db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`).run()
      } catch (error) {
        problems.push(`fts integrity-check of ${fts}: ${(error as Error).message}`)
      }
      check(
        `memories of ${tenant} without an FTS row of their text`,
        `SELECT m.rid, m.id FROM memories m LEFT JOIN ${fts} f ON f.rowid = m.rid
         WHERE m.tenant_id = ${quoted} AND (f.rowid IS NULL OR f.content IS NOT m.content)`,
      )
      check(
        `FTS rows of ${tenant} without one of its memories`,
        `SELECT f.rowid FROM ${fts} f LEFT JOIN memories m ON m.rid = f.rowid
         WHERE m.rid IS NULL OR m.tenant_id IS NOT ${quoted}`,
      )
    }
    check(
      "entities whose fan is not their links' count (or with none)",
      `SELECT e.entity_id, e.fan, count(l.rid) AS links FROM entities e
       LEFT JOIN memory_entities l ON l.entity_id = e.entity_id
       GROUP BY e.entity_id HAVING e.fan <> count(l.rid) OR count(l.rid) = 0`,
    )
    check(
      'memories of a tenant without a keyword table',
      'SELECT m.rid, m.id FROM memories m WHERE m.tenant_id NOT IN (SELECT tenant_id FROM fts_tables)',
    )
    const vectors = new Set(db.prepare('SELECT rowid FROM memory_vectors').pluck().all() as number[])
    const rids = db.prepare('SELECT rid FROM memories').pluck().all() as number[]
    const missing = rids.filter((rid) => !vectors.has(rid))
    if (missing.length > 0) problems.push(`memories without a vector: ${missing.length}`)
    if (vectors.size !== rids.length) problems.push(`vectors ${vectors.size} != memories ${rids.length}`)
    const flagged = value('SELECT count(*) FROM memories WHERE has_vector = 0')
    if (flagged > 0) problems.push(`memories flagged without a vector: ${flagged}`)
    problems.push(...termCountProblems(db))
    const stuck = all("SELECT id, status, last_error FROM jobs WHERE status = 'failed'")
    if (stuck.length > 0) problems.push(`failed jobs: ${JSON.stringify(stuck)}`)
    return {
      problems,
      counts: {
        memories: rids.length,
        pendingJobs: value("SELECT count(*) FROM jobs WHERE status IN ('pending', 'running')"),
      },
    }
  } finally {
    db.close()
  }
}

/** `term_counts` and `term_totals` against the term bags stored with each memory. */
function termCountProblems(db: Database.Database): string[] {
  const expected = new Map<string, number>()
  const totals = new Map<string, number>()
  for (const row of db.prepare('SELECT tenant_id, terms FROM memories').all() as {
    tenant_id: string
    terms: string
  }[])
    for (const [term, n] of JSON.parse(row.terms) as [string, number][]) {
      const key = `${row.tenant_id}\u0000${term}`
      expected.set(key, (expected.get(key) ?? 0) + n)
      totals.set(row.tenant_id, (totals.get(row.tenant_id) ?? 0) + n)
    }
  const problems: string[] = []
  const stored = db.prepare('SELECT tenant_id, term, n FROM term_counts').all() as {
    tenant_id: string
    term: string
    n: number
  }[]
  for (const row of stored) {
    const key = `${row.tenant_id}\u0000${row.term}`
    if (expected.get(key) !== row.n) problems.push(`term count ${row.term}: ${row.n} != ${expected.get(key)}`)
    expected.delete(key)
  }
  for (const key of expected.keys()) problems.push(`term count missing: ${key.replace('\u0000', ' ')}`)
  for (const row of db.prepare('SELECT tenant_id, total FROM term_totals').all() as {
    tenant_id: string
    total: number
  }[]) {
    if (totals.get(row.tenant_id) !== row.total)
      problems.push(`term total of ${row.tenant_id}: ${row.total} != ${totals.get(row.tenant_id)}`)
    totals.delete(row.tenant_id)
  }
  for (const tenant of totals.keys()) problems.push(`term total missing for ${tenant}`)
  return problems.slice(0, 20)
}
