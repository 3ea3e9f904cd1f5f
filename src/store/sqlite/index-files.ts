import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Hnsw } from '../hnsw.js'

/** A saved index: the scope it serves, the vector table generation, and the last change it holds. */
export interface IndexFile {
  path: string
  seq: number
}

// Files name the format of their vectors: a file of another format (an older release's
// f32 files) is never loaded, but is removed with its scope's files all the same.
const NAME = /^scope-(\d+)-([0-9a-f]+)-(\d+)(\.[a-z0-9]+)?\.hnsw$/
const FORMAT = '.f16'

/**
 * The newest file for (scope, generation) holding no change past `last` (a file from a
 * later point than the store, e.g. a restored backup, describes another history).
 */
export function latestIndexFile(
  dir: string,
  scopeId: number,
  generation: string,
  last: number,
): IndexFile | null {
  let best: IndexFile | null = null
  for (const name of listFiles(dir)) {
    const m = NAME.exec(name)
    if (!m || Number(m[1]) !== scopeId || m[2] !== generation || m[4] !== FORMAT) continue
    const seq = Number(m[3])
    if (seq <= last && (best === null || seq > best.seq)) best = { path: join(dir, name), seq }
  }
  return best
}

/**
 * Writes the index under a temporary name and renames it into place, so a crash
 * leaves either the old file or the new one, never half of one; then removes the
 * scope's older files.
 */
export function saveIndexFile(
  dir: string,
  scopeId: number,
  generation: string,
  seq: number,
  hnsw: Hnsw,
): void {
  mkdirSync(dir, { recursive: true })
  const name = `scope-${scopeId}-${generation}-${seq}${FORMAT}.hnsw`
  const temporary = join(dir, `${name}.${process.pid}.${Date.now()}.tmp`)
  hnsw.save(temporary)
  renameSync(temporary, join(dir, name))
  removeIndexFiles(dir, scopeId, name)
}

/** Removes the scope's saved files (all but `keep`): they may hold vectors since deleted. */
export function removeIndexFiles(dir: string, scopeId: number, keep?: string): void {
  for (const name of listFiles(dir)) {
    const m = NAME.exec(name)
    if (m && Number(m[1]) === scopeId && name !== keep) rmSync(join(dir, name), { force: true })
  }
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}
