import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { applyMigrations, MIGRATIONS, type Migration } from './migrations.js'

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  ).filter((name) => !name.startsWith('sqlite_'))

describe('applyMigrations', () => {
  it('applies every step once and nothing on a second run', () => {
    const db = new Database(':memory:')
    expect(applyMigrations(db)).toEqual(MIGRATIONS.map((m) => m.version))
    const schema = tables(db)
    expect(applyMigrations(db)).toEqual([])
    expect(tables(db)).toEqual(schema)
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    )
    db.close()
  })

  it('rolls a failing step back whole and keeps the steps before it', () => {
    const db = new Database(':memory:')
    const steps: Migration[] = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (x); SELECT * FROM missing_table' },
    ]
    expect(() => applyMigrations(db, steps)).toThrow(/missing_table/)
    expect(tables(db)).toEqual(['a', 'schema_migrations'])
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1])
    db.close()
  })

  it('lists versions in increasing order without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })
})
