import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')

/** Every module `from` loads when imported: static imports and re-exports, not `import()` nor types. */
function staticGraph(from: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = readFileSync(file, 'utf8')
    for (const m of source.matchAll(
      /^(?:import|export)\s+(?!type\b)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
    )) {
      const spec = m[1] as string
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
      else
        packages.add(
          spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string),
        )
    }
  }
  visit(join(ROOT, from))
  return { files, packages }
}

it('importing the core loads neither the server, the MCP SDK, the client nor the AI SDK', () => {
  const { files, packages } = staticGraph('src/index.ts')
  const loaded = [...files].map((f) => relative(ROOT, f))
  expect(loaded).toContain('src/memory.ts')
  expect(loaded.filter((f) => /^src\/(server|mcp|client|proxy|ai-sdk)\//.test(f))).toEqual([])
  expect(
    [...packages].filter((p) =>
      ['@modelcontextprotocol/sdk', 'ai', '@ai-sdk/provider', 'node:http'].includes(p),
    ),
  ).toEqual([])
})

it('the server entry point does not load the MCP SDK until /mcp is used', () => {
  const { packages } = staticGraph('src/server/index.ts')
  expect(packages.has('node:http')).toBe(true)
  expect(packages.has('@modelcontextprotocol/sdk')).toBe(false)
})

it('the CLI loads mem0ai (a dev dependency) only when `bench compare` runs', () => {
  const { files, packages } = staticGraph('src/cli/main.ts')
  expect([...files].map((f) => relative(ROOT, f))).toContain('src/bench/mem0-subject.ts')
  expect(packages.has('mem0ai')).toBe(false)
})
