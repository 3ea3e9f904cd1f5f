import { open, rm, stat, utimes } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'

const POLL_MS = 200
const HEARTBEAT_MS = 2_000
/** A lock not touched for this long belongs to a process that died; take it over. */
const STALE_MS = 20_000

/**
 * Runs `work` while holding an exclusive lock file, waiting for other processes
 * that hold it. Keeps parallel test workers from each converting the same
 * 300 MB file at once. The holder touches the file as a heartbeat, so a lock
 * left by a crashed process is taken over once it goes stale.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    const handle = await open(lockPath, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined
      throw error
    })
    if (handle) {
      const heartbeat = setInterval(() => {
        const now = new Date()
        utimes(lockPath, now, now).catch(() => {})
      }, HEARTBEAT_MS)
      heartbeat.unref()
      try {
        return await work()
      } finally {
        clearInterval(heartbeat)
        await handle.close()
        await rm(lockPath, { force: true })
      }
    }
    const touched = await stat(lockPath).then(
      (info) => info.mtimeMs,
      () => undefined,
    )
    if (touched !== undefined && Date.now() - touched > STALE_MS) await rm(lockPath, { force: true })
    else await sleep(POLL_MS)
  }
}
