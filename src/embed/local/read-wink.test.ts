import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readWinkVectors } from './read-wink.js'

// A miniature file in the wink layout: [...dims, l2norm, rank] per word.
const words = ['the', ',', 'dog', '"', 'don\\t', 'café', 'cat']
const vector = (rank: number) => [rank + 0.5, 1 - rank, 0.25, 1.5, rank]
const wink = JSON.stringify({
  precision: 8,
  l2NormIndex: 3,
  wordIndex: 4,
  size: words.length,
  dimensions: 3,
  words,
  vectors: Object.fromEntries(words.map((word, rank) => [word, vector(rank)]).reverse()),
  unkVector: [0, 0, 0, 0, -1],
})

let dir = ''
let path = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-wink-'))
  path = join(dir, 'wink.json')
  await writeFile(path, wink)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('readWinkVectors', () => {
  it.each([3, 7, 64, 1 << 20])(
    'keeps the first accepted words in frequency order (chunks of %i bytes)',
    async (chunk) => {
      const out = await readWinkVectors(path, 3, (word) => /^\p{L}+$/u.test(word), chunk)
      expect(out.words).toEqual(['the', 'dog', 'café'])
      expect([...out.ranks]).toEqual([0, 2, 5])
      expect(out.dimensions).toBe(3)
      expect(out.vocabularySize).toBe(words.length)
      expect([...out.values]).toEqual([0.5, 1, 0.25, 2.5, -1, 0.25, 5.5, -4, 0.25])
    },
  )

  it('decodes escaped keys', async () => {
    const out = await readWinkVectors(path, 10, (word) => word === '"' || word === 'don\\t', 5)
    expect(out.words).toEqual(['"', 'don\\t'])
    expect([...out.values.slice(0, 3)]).toEqual([3.5, -2, 0.25])
  })

  it('rejects a file whose vectors are missing', async () => {
    const broken = join(dir, 'broken.json')
    await writeFile(broken, wink.replace('"dog":[2.5,-1,0.25,1.5,2],', ''))
    await expect(readWinkVectors(broken, 10, () => true)).rejects.toThrow(/found 6 of 7 vectors/)
  })
})
