import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')
const IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm

/** Packages reached from `entry` through static imports and re-exports (type-only ones excluded). */
function packagesLoadedBy(entry: string): Set<string> {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const pending = [resolve(ROOT, entry)]
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (spec.startsWith('.')) pending.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
      else
        packages.add(
          spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec),
        )
    }
  }
  return packages
}

it('importing the core does not load the pg driver; the postgres entry point does', () => {
  expect(packagesLoadedBy('src/index.ts').has('pg')).toBe(false)
  expect(packagesLoadedBy('src/store/postgres/index.ts').has('pg')).toBe(true)
})

it('the postgres entry point loads neither SQLite driver', () => {
  const loaded = packagesLoadedBy('src/store/postgres/index.ts')
  expect([...loaded].filter((p) => p === 'better-sqlite3' || p === 'sqlite-vec')).toEqual([])
})
