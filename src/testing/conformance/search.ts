import { describe, expect, it } from 'vitest'
import { memoryWrite } from '../fixtures.js'
import { candidateQuery, expectCode, type StoreHarness } from './harness.js'

const QUERY = Float32Array.from([2, 0, 0, 0])

const HOSTILE_TERMS = [
  '"',
  '""',
  '*',
  'apple*',
  '-apple',
  '-x',
  'NEAR',
  'NEAR(apple banana)',
  'AND',
  'OR',
  'NOT',
  '(',
  ')',
  ':',
  'content:apple',
  '^apple',
  "'",
  "don't",
  '{content}',
  '\\',
  '%_',
  '; DROP TABLE memories; --',
  'ünïcödé',
  '東京',
  '🍎',
  '\u0000',
  '+.,[]$&|!<>~@#',
  'x'.repeat(5000),
]

/** nearest by cosine and keyword by BM25. */
export function searchCases(h: StoreHarness): void {
  describe('nearest', () => {
    it('ranks by cosine similarity, best first, at most limit', async () => {
      await h.store.insert([
        memoryWrite({ id: 'same', vector: [1, 0, 0, 0] }),
        memoryWrite({ id: 'close', vector: [1, 1, 0, 0] }),
        memoryWrite({ id: 'mid', vector: [1, 0, 1, 1] }),
        memoryWrite({ id: 'orthogonal', vector: [0, 1, 0, 0] }),
        memoryWrite({ id: 'opposite', vector: [-1, 0, 0, 0] }),
      ])
      const all = await h.store.nearest({ ...candidateQuery(), vector: QUERY })
      expect(all.map((c) => c.id)).toEqual(['same', 'close', 'mid', 'orthogonal', 'opposite'])
      const expected = [1, Math.SQRT1_2, 1 / Math.sqrt(3), 0, -1]
      for (const [i, candidate] of all.entries())
        expect(candidate.score).toBeCloseTo(expected[i] ?? Number.NaN, 5)
      const top = await h.store.nearest({ ...candidateQuery({ limit: 2 }), vector: QUERY })
      expect(top.map((c) => c.id)).toEqual(['same', 'close'])
    })

    it('keeps only the requested statuses', async () => {
      await h.store.insert([
        memoryWrite({ id: 'active', vector: [1, 1, 0, 0] }),
        memoryWrite({ id: 'superseded', vector: [1, 0, 0, 0], status: 'superseded' }),
        memoryWrite({ id: 'archived', vector: [1, 0, 0, 0], status: 'archived' }),
      ])
      const found = await h.store.nearest({ ...candidateQuery({ statuses: ['active'] }), vector: QUERY })
      expect(found.map((c) => c.id)).toEqual(['active'])
    })

    it('finds the best matches of a selective filter among many closer non-matches', async () => {
      const crowd = Array.from({ length: 600 }, (_, i) =>
        memoryWrite({
          id: `crowd-${i}`,
          vector: [1, i / 1000, 0, 0],
          status: i % 2 ? 'active' : 'superseded',
        }),
      )
      const far = Array.from({ length: 300 }, (_, i) =>
        memoryWrite({ id: `far-${i}`, vector: [i / 1000, 1, 0, 0], tags: ['far'] }),
      )
      const picked = [
        memoryWrite({ id: 'pick-1', vector: [0.1, 1, 0, 0], metadata: { pick: true } }),
        memoryWrite({ id: 'pick-2', vector: [0, 1, 1, 0], metadata: { pick: true } }),
        memoryWrite({ id: 'pick-3', vector: [-1, 0, 0, 0], metadata: { pick: true } }),
      ]
      await h.store.insert([...crowd, ...far, ...picked])
      const ids = async (query: ReturnType<typeof candidateQuery>) =>
        (await h.store.nearest({ ...query, vector: QUERY })).map((c) => c.id)
      expect(await ids(candidateQuery({ filter: { tags: ['far'] }, limit: 2 }))).toEqual([
        'far-299',
        'far-298',
      ])
      expect(await ids(candidateQuery({ filter: { metadata: { pick: true } }, limit: 2 }))).toEqual([
        'pick-1',
        'pick-2',
      ])
      expect(await ids(candidateQuery({ filter: { metadata: { pick: true } }, limit: 10 }))).toEqual([
        'pick-1',
        'pick-2',
        'pick-3',
      ])
      expect(await ids(candidateQuery({ statuses: ['active'], limit: 3 }))).toEqual([
        'crowd-1',
        'crowd-3',
        'crowd-5',
      ])
      expect(await ids(candidateQuery({ statuses: ['archived'] }))).toEqual([])
    })

    it('rejects a query vector of the wrong size (INVALID_INPUT)', async () => {
      await expectCode(
        h.store.nearest({ ...candidateQuery(), vector: Float32Array.from([1, 0]) }),
        'INVALID_INPUT',
      )
    })
  })

  describe('keyword', () => {
    const corpus = () =>
      h.store.insert([
        memoryWrite({ id: 'twice', content: 'apple apple banana cherry' }),
        memoryWrite({ id: 'once', content: 'apple banana cherry date' }),
        memoryWrite({ id: 'without', content: 'banana cherry date elder' }),
        memoryWrite({ id: 'filler-1', content: 'fig grape honeydew kiwi' }),
        memoryWrite({ id: 'filler-2', content: 'lemon mango nectarine olive' }),
        memoryWrite({ id: 'filler-3', content: 'papaya quince raspberry strawberry' }),
      ])

    it('ranks by BM25 with non-negative scores, higher is better', async () => {
      await corpus()
      const found = await h.store.keyword({ ...candidateQuery(), terms: ['apple'] })
      expect(found.map((c) => c.id)).toEqual(['twice', 'once'])
      const [first, second] = found
      expect(second?.score).toBeGreaterThanOrEqual(0)
      expect(first?.score).toBeGreaterThan(second?.score ?? Number.POSITIVE_INFINITY)
      const limited = await h.store.keyword({ ...candidateQuery({ limit: 1 }), terms: ['apple'] })
      expect(limited.map((c) => c.id)).toEqual(['twice'])
    })

    it('matches any one of the terms', async () => {
      await corpus()
      const found = await h.store.keyword({ ...candidateQuery(), terms: ['apple', 'elder', 'absent'] })
      expect(found.map((c) => c.id).sort()).toEqual(['once', 'twice', 'without'])
      expect(await h.store.keyword({ ...candidateQuery(), terms: ['absent'] })).toEqual([])
    })

    it('answers no terms (or blank ones) with no candidates', async () => {
      await corpus()
      expect(await h.store.keyword({ ...candidateQuery(), terms: [] })).toEqual([])
      expect(await h.store.keyword({ ...candidateQuery(), terms: ['', '   '] })).toEqual([])
    })

    it('never throws on terms that look like query syntax', async () => {
      await corpus()
      for (const term of HOSTILE_TERMS) {
        const found = await h.store.keyword({ ...candidateQuery(), terms: [term] })
        expect(Array.isArray(found), JSON.stringify(term.slice(0, 30))).toBe(true)
        for (const candidate of found) expect(candidate.score).toBeGreaterThanOrEqual(0)
      }
      const together = await h.store.keyword({ ...candidateQuery(), terms: [...HOSTILE_TERMS, 'kiwi'] })
      expect(together.map((c) => c.id)).toContain('filler-1')
      expect((await h.store.get('tenant-a', ['twice'])).length).toBe(1)
    })

    it('keeps only the requested statuses', async () => {
      await h.store.insert([
        memoryWrite({ id: 'active', content: 'walnut' }),
        memoryWrite({ id: 'archived', content: 'walnut', status: 'archived' }),
      ])
      const found = await h.store.keyword({ ...candidateQuery({ statuses: ['active'] }), terms: ['walnut'] })
      expect(found.map((c) => c.id)).toEqual(['active'])
    })
  })
}
