import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { runRecall } from './helpers.js'
import { postgresUrl, SKIPPED } from './postgres-helpers.js'

const url = await postgresUrl()
// Two small conversations in LoCoMo's format, written for the bench tests.
const MINI = join(import.meta.dirname, 'fixtures/locomo-mini.json')

/** The bench_ schemas in the database now. */
async function benchSchemas(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'bench\\_%'",
    )
    return rows.map((row) => row.name)
  } finally {
    await client.end()
  }
}

type SystemFigures = { name: string } & Record<'recall@5' | 'recall@10' | 'ndcg@10' | 'context1000', number>
const recallOf = (report: { systems: SystemFigures[] }) =>
  Object.fromEntries(
    report.systems.map((s) => [s.name, [s['recall@5'], s['recall@10'], s['ndcg@10'], s.context1000]]),
  )

if (url === null) {
  describe.skip(SKIPPED, () => {
    it('ranks LoCoMo on PostgreSQL as on SQLite', () => {})
  })
} else {
  describe('recall bench locomo --store postgres://', () => {
    it('ranks as on SQLite and leaves no schema behind', { timeout: 180_000 }, async () => {
      const before = await benchSchemas(url)
      const onPostgres = await runRecall(['bench', 'locomo', '--data', MINI, '--json', '--store', url])
      expect(onPostgres.err).not.toMatch(/error/i)
      expect(onPostgres.code).toBe(0)
      const onSqlite = await runRecall(['bench', 'locomo', '--data', MINI, '--json'])
      expect(onSqlite.code).toBe(0)
      const postgres = JSON.parse(onPostgres.out)
      expect(postgres.systems.map((s: { name: string }) => s.name)).toEqual([
        'adaptive-recall',
        'bm25',
        'dense',
      ])
      expect(recallOf(postgres)).toEqual(recallOf(JSON.parse(onSqlite.out)))
      // Each system ran in a schema of its own, dropped when it closed.
      expect((await benchSchemas(url)).filter((s) => !before.includes(s))).toEqual([])
    })
  })
}
