import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import * as sqliteVec from 'sqlite-vec'
import type { VectorSpace } from '../store.js'
import { applyMigrations } from './migrations.js'

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database

/** A prepared statement with positional or named parameters. */
export type SqliteStatement = Database.Statement<unknown[], unknown>

/** What every SQLite store operation works on: one connection and its state. */
export interface StoreContext {
  readonly db: SqliteDatabase
  /** True when the database lives in a file (not `:memory:`). */
  readonly fileBacked: boolean
  /** Prepares a statement once per distinct SQL text and reuses it. */
  sql(text: string): SqliteStatement
  /** The vector space opened through this connection; null until `openVectorSpace`. */
  space: VectorSpace | null
  /** Maps the file into memory while it is small enough to map whole (call after it grew). */
  fitMap(): void
}

/** Options of `openContext`. */
export interface OpenOptions {
  /** A file path (parent directories are created) or `:memory:`. */
  path: string
  /** How long a writer waits for another connection's lock. @default 5000 */
  busyTimeoutMs?: number
}

// Filter shapes (number of metadata keys, value kinds) vary, so dynamic SQL texts are
// bounded in practice but not in principle: cap the cache rather than grow forever.
const STATEMENT_CACHE_LIMIT = 256

/**
 * Opens a connection, sets pragmas, loads sqlite-vec and migrates the schema.
 * Retried while another process holds the file busy, up to `busyTimeoutMs`: switching a
 * new file to WAL can report SQLITE_BUSY at once, without waiting in the busy handler.
 */
export async function openContext(options: OpenOptions): Promise<StoreContext> {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000
  const deadline = Date.now() + busyTimeoutMs
  for (;;) {
    try {
      return openOnce(options.path, busyTimeoutMs)
    } catch (error) {
      const busy =
        error instanceof Error && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')
      if (!busy || Date.now() >= deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40))
    }
  }
}

// Page cache per connection, and how much of the file is read through a memory map.
const CACHE_KIB = 32 * 1024
const MMAP_BYTES = 256 * 1024 * 1024
/** WAL pages after which the writing connection checkpoints, when no thread does it for it. */
export const CHECKPOINT_PAGES = 250

function openOnce(path: string, busyTimeoutMs: number): StoreContext {
  const fileBacked = path !== ':memory:'
  if (fileBacked) mkdirSync(dirname(path), { recursive: true })
  // The driver's timeout is SQLite's busy_timeout; it must be set before the first lock.
  const db = new Database(path, { timeout: busyTimeoutMs })
  try {
    if (fileBacked) db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    // Retrieval reads a few hundred rows spread over the file per search: the default 2 MiB
    // page cache rereads most of them through the OS. A mapped file helps while it maps the
    // whole file (100,000 memories, 215 MB: 5% faster searches); mapping the first 256 MB of
    // a 2.7 GB file slowed them by half and held 150 MB more, so larger files are read.
    db.pragma(`cache_size = -${CACHE_KIB}`)
    // Every search writes its hits' access times, and the write that crosses this many WAL
    // pages copies them all back into the file. At SQLite's default of 1,000 that took one
    // search in a hundred 15–20 ms; a quarter of it bounds the pause at a few ms. A store
    // on a file moves this work to a thread of its own (see `checkpointer.ts`).
    db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`)
    // Deleted content is overwritten with zeros, so forgotten text leaves the file.
    db.pragma('secure_delete = ON')
    sqliteVec.load(db)
    applyMigrations(db)
  } catch (error) {
    db.close()
    throw error
  }
  const statements = new Map<string, SqliteStatement>()
  let mapped = false
  const fitMap = () => {
    if (!fileBacked) return
    const bytes =
      (db.pragma('page_count', { simple: true }) as number) *
      (db.pragma('page_size', { simple: true }) as number)
    const fits = bytes <= MMAP_BYTES
    if (fits === mapped) return
    db.pragma(`mmap_size = ${fits ? MMAP_BYTES : 0}`)
    mapped = fits
  }
  fitMap()
  return {
    db,
    fileBacked,
    space: null,
    fitMap,
    sql(text) {
      let statement = statements.get(text)
      if (statement === undefined) {
        if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear()
        statement = db.prepare(text)
        statements.set(text, statement)
      }
      return statement
    },
  }
}
