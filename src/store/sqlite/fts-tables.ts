import type { SqliteDatabase, StoreContext } from './context.js'

/**
 * The keyword index is one FTS5 table per tenant, named after the tenant's number in
 * `fts_tables`. FTS5 scores BM25 with the statistics of its whole table (row count,
 * average length, how many rows hold each term), so with one table for every tenant a
 * tenant's scores moved with what others stored: watching its own scores, a tenant could
 * tell whether a rare word was stored by anyone else. A table per tenant gives each tenant
 * statistics of its own, as the PostgreSQL store keeps them (`text-stats.ts`). Users of one
 * tenant share their tenant's statistics, as they share its key.
 */

/** The SQL that creates the registry of per-tenant tables (migration 6). */
export const FTS_TABLES_SQL = `
  CREATE TABLE fts_tables (
    n INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL UNIQUE
  );
`

const tableName = (n: number) => `memory_fts_${n}`

/** Creates a tenant's table; 'scope' holds the scope id so MATCH narrows to one user inside it. */
function createTable(db: SqliteDatabase, n: number): void {
  const name = tableName(n)
  db.exec(`CREATE VIRTUAL TABLE ${name} USING fts5 (content, scope, tokenize = 'porter unicode61');
    INSERT INTO ${name} (${name}, rank) VALUES ('secure-delete', 1);`)
}

/** The name of the tenant's FTS5 table, or null when the tenant never stored anything. */
export function ftsTable(ctx: StoreContext, tenantId: string): string | null {
  const row = ctx.sql('SELECT n FROM fts_tables WHERE tenant_id = ?').get(tenantId) as
    | { n: number }
    | undefined
  return row === undefined ? null : tableName(row.n)
}

/** The tenant's FTS5 table, created on first use. Call inside a write transaction. */
export function ensureFtsTable(ctx: StoreContext, tenantId: string): string {
  return ftsTable(ctx, tenantId) ?? registerTable(ctx.db, tenantId)
}

function registerTable(db: SqliteDatabase, tenantId: string): string {
  const n = Number(db.prepare('INSERT INTO fts_tables (tenant_id) VALUES (?)').run(tenantId).lastInsertRowid)
  createTable(db, n)
  return tableName(n)
}

/**
 * Migration 5's data step: moves every tenant's rows out of the shared `memory_fts`
 * table of migration 1 into a table of its own, then drops the shared table.
 */
export function splitSharedFts(db: SqliteDatabase): void {
  const tenants = db.prepare('SELECT DISTINCT tenant_id FROM memories ORDER BY tenant_id').pluck().all()
  for (const tenantId of tenants as string[]) {
    const name = registerTable(db, tenantId)
    db.prepare(
      `INSERT INTO ${name} (rowid, content, scope)
       SELECT f.rowid, f.content, f.scope FROM memory_fts f JOIN memories m ON m.rid = f.rowid
       WHERE m.tenant_id = ?`,
    ).run(tenantId)
  }
  db.exec('DROP TABLE memory_fts')
}

/** Every tenant's FTS5 table (integrity checks, tests). */
export function allFtsTables(db: SqliteDatabase): string[] {
  return (db.prepare('SELECT n FROM fts_tables ORDER BY n').pluck().all() as number[]).map(tableName)
}
