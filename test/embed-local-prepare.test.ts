import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalEmbedder, localVectorsPath, prepareLocalVectors } from '../src/embed/index.js'
import { decodeVectorTable } from '../src/embed/local/vector-file.js'

// Converts the real 300 MB wink file once into a fresh directory (about 10 s),
// asked at the same time by this process and two others.
let cacheDir = ''
let paths: string[] = []
const progress: string[] = []
const module = fileURLToPath(new URL('../src/embed/local/prepare-local-vectors.ts', import.meta.url))

async function prepareInChild(dir: string): Promise<string> {
  const code = `import(${JSON.stringify(module)}).then((m) => m.prepareLocalVectors({
    cacheDir: ${JSON.stringify(dir)}, onProgress: (line) => console.log(line) }))`
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', code])
  progress.push(...stdout.split('\n').filter(Boolean))
  return localVectorsPath(dir)
}

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'recall-prepare-'))
  await writeFile(localVectorsPath(cacheDir), 'half a file')
  const onProgress = (message: string) => progress.push(message)
  paths = await Promise.all([
    prepareLocalVectors({ cacheDir, onProgress }),
    prepareInChild(cacheDir),
    prepareInChild(cacheDir),
  ])
}, 180_000)
afterAll(() => rm(cacheDir, { recursive: true, force: true }))

describe('prepareLocalVectors', () => {
  it('replaces a corrupt file once, even when several processes ask at the same time', async () => {
    expect(new Set(paths)).toEqual(new Set([localVectorsPath(cacheDir)]))
    expect(progress.filter((line) => line.includes('converting'))).toHaveLength(1)
    expect(await readdir(cacheDir)).toEqual([localVectorsPath(cacheDir).split(/[\\/]/).pop()])
  })

  it('writes the 100,000 most frequent words with unit common components', async () => {
    const table = decodeVectorTable(await readFile(localVectorsPath(cacheDir)))
    expect(table.words).toHaveLength(100_000)
    expect(table.dimensions).toBe(100)
    expect(table.words.slice(0, 3)).toEqual(['the', 'of', 'to'])
    expect(table.words).toContain('puppy')
    const [u, v] = [table.components.subarray(0, 100), table.components.subarray(100, 200)]
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0)
    expect(dot(u, u)).toBeCloseTo(1, 5)
    expect(dot(u, v)).toBeCloseTo(0, 5)
  })

  it('does nothing when a valid file exists', async () => {
    const before = (await stat(localVectorsPath(cacheDir))).mtimeMs
    const lines: string[] = []
    await prepareLocalVectors({ cacheDir, onProgress: (line) => lines.push(line) })
    expect(lines).toEqual([])
    expect((await stat(localVectorsPath(cacheDir))).mtimeMs).toBe(before)
  })

  it('runs as a script, reporting on stderr', async () => {
    const script = fileURLToPath(new URL('../src/embed/local/prepare-vectors.ts', import.meta.url))
    const env = { ...process.env, RECALL_CACHE_DIR: cacheDir }
    const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env })
    expect(stderr).toContain(`local word vectors ready at ${localVectorsPath(cacheDir)}`)
  })

  // The default cache may need converting too on a fresh machine.
  it('converts deterministically: the same vectors as the default cache', { timeout: 180_000 }, async () => {
    const texts = ['my dog loves the park', 'quarterly tax filing deadline']
    const fresh = await (await createLocalEmbedder({ cacheDir })).embed(texts)
    const usual = await (await createLocalEmbedder()).embed(texts)
    expect(fresh).toEqual(usual)
  })
})
