import { createRequire } from 'node:module'
import { setTimeout as sleep } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/**
 * Copies the write-ahead log back into the database file on a thread of its own, so
 * the caller's writes (every search records the accesses of its hits) never pause for
 * it: at SQLite's default, the write that crossed the mark did the copying, and with
 * 100,000 memories that made one search in fifteen take 5 ms longer.
 */
export interface Checkpointer {
  /** True while the thread runs. */
  readonly running: boolean
  /** Stops the thread; the caller checkpoints what is left. */
  close(): Promise<void>
}

/** Options of `startCheckpointer`. */
export interface CheckpointerOptions {
  /** How often the thread looks for log frames to copy, in ms. @default 100 */
  intervalMs?: number
  /**
   * Called once if the thread stops before `close` (its connection failed), with why:
   * the caller then checkpoints on its own connection again.
   */
  onStopped?: (error: unknown) => void
}

// The thread's code: one more connection to the file, asking for a passive checkpoint
// (it waits for no reader or writer) at each tick. A checkpoint another connection
// holds is a busy answer, not an error; anything else stops the thread.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path, { timeout: 0 })
let timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    if (!String(error && error.code).startsWith('SQLITE_BUSY')) throw error
  }
}, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/** Starts the checkpoint thread for the WAL file database at `path`. */
export function startCheckpointer(path: string, options: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { path, driver, intervalMs: options.intervalMs ?? 100 },
  })
  // A thread that only checkpoints must not keep the process alive.
  worker.unref()
  let running = true
  let closing = false
  let failure: unknown = new Error('the checkpoint thread stopped')
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      running = false
      if (!closing) options.onStopped?.(failure)
      resolve()
    })
  })
  // An error ends the thread; `exit` follows and hands it to `onStopped`.
  worker.on('error', (error) => {
    failure = error
  })
  return {
    get running() {
      return running
    },
    async close() {
      if (!running) return
      closing = true
      // Held alive until the thread has closed its connection.
      worker.ref()
      worker.postMessage('close')
      await exited
    },
  }
}

/** How long `foldLog` keeps asking while another connection holds the checkpoint, in ms. */
const FOLD_PATIENCE_MS = 2000

/**
 * Copies the whole write-ahead log into the file and truncates the log, retrying while
 * another connection (the checkpoint thread) holds the checkpoint. After a deletion, the
 * log still holds the pages as they were before it until SQLite writes over them; this
 * takes them off the disk at once. Returns false if the log could not be emptied in time
 * (a reader kept an older snapshot open): its frames then go as the log is reused.
 */
export async function foldLog(db: Database.Database, patienceMs = FOLD_PATIENCE_MS): Promise<boolean> {
  const giveUpAt = Date.now() + patienceMs
  for (;;) {
    if (!db.open) return false
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
    if (result?.busy === 0) return true
    if (Date.now() >= giveUpAt) return false
    await sleep(5)
  }
}
