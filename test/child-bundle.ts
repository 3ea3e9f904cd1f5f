import { mkdir, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { build } from 'esbuild'
import { afterAll } from 'vitest'

const OUT_DIR = join(import.meta.dirname, '..', 'node_modules', '.cache', 'recall-test-children')

/**
 * Compiles a child script and the source it imports into one ESM file that plain `node`
 * runs, and returns its path. Tests that start many processes use it instead of
 * `--import tsx`, whose per-module loader costs seconds of start-up on every spawn.
 * Packages stay external; the file is written under `node_modules/.cache` so that they
 * resolve from the project as they do for the source. Removed after the file's tests.
 */
export async function bundleChild(script: string): Promise<string> {
  await mkdir(OUT_DIR, { recursive: true })
  const outfile = join(OUT_DIR, `${basename(script, '.ts')}-${process.pid}.mjs`)
  await build({
    entryPoints: [script],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  })
  afterAll(() => rm(outfile, { force: true }))
  return outfile
}
