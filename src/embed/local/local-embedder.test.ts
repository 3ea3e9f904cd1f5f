import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { MemoryError } from '../../errors.js'
import type { Embedder, WordFrequencies } from '../embedder.js'
import { createLocalEmbedder, LOCAL_EMBEDDER_ID } from './local-embedder.js'
import { localVectorsPath } from './prepare-local-vectors.js'

type Vectors = [Float32Array, Float32Array, Float32Array]
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0)
const norm = (v: Float32Array) => Math.sqrt(cosine(v, v))

let embedder: Embedder
// Uses the default cache; the first run on a machine builds it (about 10 s).
beforeAll(async () => {
  embedder = await createLocalEmbedder()
}, 120_000)

describe('createLocalEmbedder', () => {
  it('names its vector space and size', () => {
    expect(embedder.id).toBe(LOCAL_EMBEDDER_ID)
    expect(embedder.dimensions).toBe(100)
  })

  it('is deterministic, across calls and instances', async () => {
    const texts = ['Caroline went to the LGBTQ support group', 'room 237', '']
    const first = await embedder.embed(texts)
    const again = await (await createLocalEmbedder()).embed(texts)
    expect(again).toEqual(first)
  })

  it.each([
    ['plain text', 'my dog loves the park'],
    ['empty text', ''],
    ['punctuation only', '?!... --'],
    ['unknown words only', 'zzqxv blorpt'],
    ['numbers', '2077 42'],
    ['lone letters', 'a i'],
    ['emoji and other scripts', '🐶 犬 собака'],
    ['a long text', 'the cat sat on the mat. '.repeat(2_000)],
  ])('returns a finite unit vector for %s', async (_name, text) => {
    const [vector] = await embedder.embed([text])
    expect(vector).toBeInstanceOf(Float32Array)
    expect(vector?.length).toBe(100)
    expect(vector?.every(Number.isFinite)).toBe(true)
    expect(norm(vector as Float32Array)).toBeCloseTo(1, 5)
  })

  it('gives identical texts without known words the same vector, and different ones different vectors', async () => {
    const [a, b, c] = await embedder.embed(['zzqxv blorpt', 'ZZQXV, blorpt!', 'plimf'])
    expect(a).toEqual(b)
    expect(cosine(a as Float32Array, c as Float32Array)).toBeLessThan(0.9)
  })

  it('places related sentences closer than unrelated ones', async () => {
    const [d, p, t] = (await embedder.embed([
      'my dog loves the park',
      'the puppy plays outside',
      'quarterly tax filing deadline',
    ])) as Vectors
    expect(cosine(d, p)).toBeGreaterThan(cosine(d, t) + 0.3)
  })

  it('reads words missing from the vocabulary through their base forms', async () => {
    // 'doggies', 'snuggling' and "weren't" have no vector of their own.
    const [a, b] = await embedder.embed(["doggies weren't snuggling", 'doggy were snuggle'])
    expect(cosine(a as Float32Array, b as Float32Array)).toBeCloseTo(1, 5)
  })

  it('weighs a word that is frequent in the corpus less', async () => {
    const text = 'dog tax'
    const corpus: WordFrequencies = { total: 10_000, counts: new Map([['dog', 3_000]]) }
    const [p, d, t] = (await embedder.embed([text, 'dog', 'tax'])) as Vectors
    const [w] = (await embedder.embed([text], { termCounts: corpus })) as Vectors
    expect(cosine(w, d)).toBeLessThan(cosine(p, d) - 0.1)
    expect(cosine(w, t)).toBeGreaterThan(cosine(p, t) + 0.1)
  })

  it('stops when the signal is aborted', async () => {
    await expect(embedder.embed(['text'], { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i)
  })

  it('rejects texts that are not strings with INVALID_INPUT', async () => {
    await expect(embedder.embed([42 as unknown as string])).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})

describe('a corrupt cache file', () => {
  it('fails with EMBED_FAILED naming the file and the fix', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'recall-cache-'))
    try {
      await writeFile(localVectorsPath(cacheDir), 'not vectors at all')
      const error = await createLocalEmbedder({ cacheDir }).catch((e: unknown) => e)
      expect(MemoryError.is(error) && error.code).toBe('EMBED_FAILED')
      expect((error as Error).message).toContain(localVectorsPath(cacheDir))
      expect((error as Error).message).toMatch(/Delete it and run .*prepare-vectors/)
    } finally {
      await rm(cacheDir, { recursive: true, force: true })
    }
  })
})
