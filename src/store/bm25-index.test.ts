import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../bench/seeded-random.js'
import { fts5Streams } from '../testing/fts5-reference.js'
import { bm25Idf, createBm25Index, type WeightedTerm } from './bm25-index.js'

// The index must rank exactly as FTS5's bm25() on the same table: an FTS5 table is the
// reference, and its own tokens (read back through fts5vocab) feed the index.
const WORDS =
  'alice bob berlin paris moved lives works tea coffee dog cat runs running ran garden city'.split(' ')

function fixture(seed: number, docs: number, common?: string) {
  const rng = seededRandom(seed)
  const db = new Database(':memory:')
  db.exec(`CREATE VIRTUAL TABLE t USING fts5 (content, scope, tokenize = 'porter unicode61');
    CREATE VIRTUAL TABLE temp.rows USING fts5vocab(main, t, 'instance');
    CREATE VIRTUAL TABLE temp.cols USING fts5vocab(main, t, 'col');`)
  const insert = db.prepare('INSERT INTO t (rowid, content, scope) VALUES (?, ?, ?)')
  for (let rid = 1; rid <= docs; rid++) {
    const length = 1 + rng.int(12)
    const drawn = Array.from({ length }, () => WORDS[rng.int(WORDS.length)])
    // A word in most documents has FTS5's floor idf.
    const text = [...(common && rng.next() < 0.8 ? [common] : []), ...drawn].join(' ')
    insert.run(rid, text, rid % 3 === 0 ? '2' : '1')
  }
  // fts5vocab answers no lookup by document: read every instance once.
  const tokens = new Map<number, string[]>()
  const instances = db
    .prepare("SELECT doc, term FROM temp.rows WHERE col = 'content' ORDER BY doc, offset")
    .all() as { doc: number; term: string }[]
  for (const { doc, term } of instances) tokens.set(doc, [...(tokens.get(doc) ?? []), term])
  const tokensOf = (rid: number) => tokens.get(rid) ?? []
  // Each word's stem, as FTS5 makes it.
  const stemOf = new Map(fts5Streams(WORDS).map((stream, i) => [WORDS[i] as string, stream[0] as string]))
  const stems = (words: string[]) => [...new Set(words.map((w) => stemOf.get(w) as string))]
  const scopeRows = (scope: string) =>
    db.prepare('SELECT rowid FROM t WHERE scope = ?').pluck().all(scope) as number[]
  const stats = () => {
    const rows = db.prepare('SELECT count(*) FROM t').pluck().get() as number
    const tokens = db.prepare('SELECT sum(cnt) FROM temp.cols').pluck().get() as number
    return { rows, avgLength: tokens / rows }
  }
  const weighted = (terms: string[]): WeightedTerm[] =>
    terms.map((term) => {
      const hits =
        (db.prepare("SELECT doc FROM temp.cols WHERE term = ? AND col = 'content'").pluck().get(term) as
          | number
          | undefined) ?? 0
      return { term, idf: bm25Idf(stats().rows, hits) }
    })
  const reference = (scope: string, words: string[]) =>
    db
      .prepare(
        `SELECT rowid, -bm25(t, 1.0, 0.0) AS score FROM t
         WHERE t MATCH ? ORDER BY bm25(t, 1.0, 0.0), rowid`,
      )
      .all(`scope : "${scope}" AND content : (${words.map((w) => `"${w}"`).join(' OR ')})`) as {
      rowid: number
      score: number
    }[]
  return { db, rng, tokensOf, stems, scopeRows, stats, weighted, reference }
}

function indexScope(f: ReturnType<typeof fixture>, scope: string) {
  const index = createBm25Index()
  for (const rid of f.scopeRows(scope)) {
    const tokens = f.tokensOf(rid)
    index.set(rid, tokens, tokens.length + 1, String(rid).padStart(6, '0'))
  }
  return index
}

// Labels are zero-padded keys, so label order is key order, as the reference's rowid order.
const pairs = (keys: number[], scores: number[]) =>
  keys.map((rowid, i) => ({ rowid, score: scores[i] as number }))

describe('bm25 index', () => {
  it('scores every match of a scope exactly as FTS5 bm25() does', () => {
    const f = fixture(7, 600)
    const index = indexScope(f, '1')
    expect(index.size()).toBe(400)
    const { avgLength } = f.stats()
    for (let q = 0; q < 40; q++) {
      // One word per stem: FTS5 scores each phrase of a query, so "runs OR running" counts "run" twice.
      const drawn = Array.from({ length: 1 + f.rng.int(4) }, () => WORDS[f.rng.int(WORDS.length)] as string)
      const words = [...new Map(drawn.map((w) => [f.stems([w])[0], w])).values()]
      const top = index.top(f.weighted(f.stems(words)), avgLength, 10_000)
      const expected = f.reference('1', words)
      expect(top.matched).toBe(expected.length)
      const got = pairs(top.keys, top.scores)
      expect(got.map((r) => r.rowid)).toEqual(expected.map((r) => r.rowid))
      for (const [i, r] of got.entries()) expect(r.score).toBeCloseTo(expected[i]?.score as number, 12)
    }
  })

  it('scores a term in most documents (floor idf) as FTS5 does, at every depth', () => {
    const f = fixture(13, 3000, 'often')
    const index = indexScope(f, '1')
    const { avgLength } = f.stats()
    for (const words of [['often', 'dog'], ['often', 'garden', 'paris'], ['often'], ['dog', 'often']]) {
      const weighted = f.weighted(
        f.stems(words.filter((w) => w !== 'often')).concat(words.includes('often') ? ['often'] : []),
      )
      expect(weighted.find((t) => t.term === 'often')?.idf).toBe(1e-6)
      const expected = f.reference('1', words)
      const ranking = index.rank(weighted, avgLength)
      expect(ranking.matched).toBe(expected.length)
      // Deep enough to reach the documents only "often" matches, and shallow.
      for (const count of [5, 50, expected.length]) {
        const got = pairs(ranking.best(count).keys, ranking.best(count).scores)
        expect(got.map((r) => r.rowid)).toEqual(expected.slice(0, count).map((r) => r.rowid))
        for (const [i, r] of got.entries()) expect(r.score).toBeCloseTo(expected[i]?.score as number, 12)
      }
    }
  })

  it('returns the k best, equal scores ordered by label', () => {
    const index = createBm25Index()
    // Ten documents of one word, two of which are longer: eight tie for best, and their
    // labels run against their keys.
    for (let key = 1; key <= 10; key++)
      index.set(key, key > 8 ? ['tea', 'x', 'y'] : ['tea'], key > 8 ? 4 : 2, `id-${20 - key}`)
    const top = index.top([{ term: 'tea', idf: 1 }], 2.4, 3)
    expect(top.matched).toBe(10)
    expect(top.keys).toEqual([8, 7, 6])
    expect(new Set(top.scores).size).toBe(1)
    const all = index.top([{ term: 'tea', idf: 1 }], 2.4, 9)
    expect(all.keys).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 10])
    expect(index.top([{ term: 'tea', idf: 1 }], 2.4, 50).keys).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 10, 9])
    expect(top.labels).toEqual(['id-12', 'id-13', 'id-14'])
    expect(index.top([{ term: 'coffee', idf: 1 }], 2.4, 3)).toEqual({
      keys: [],
      labels: [],
      scores: [],
      matched: 0,
    })
  })

  it('picks the first labels of a large tie exactly as a full sort would', () => {
    const index = createBm25Index()
    const rng = seededRandom(4)
    const labels = Array.from({ length: 3000 }, (_, i) => `m-${rng.int(1e9)}-${i}`)
    for (const [key, label] of labels.entries()) index.set(key, ['tea'], key % 10 === 0 ? 3 : 2, label)
    const top = index.top([{ term: 'tea', idf: 1 }], 2, 120)
    // The 300 longer documents score lower; the 2,700 others tie, and 120 of them fit.
    const tied = labels.filter((_, key) => key % 10 !== 0).sort()
    expect(top.labels).toEqual(tied.slice(0, 120))
  })

  it('follows replacements and deletions, through compaction, as a fresh index would', () => {
    const f = fixture(11, 9000)
    const index = indexScope(f, '1')
    const fresh = createBm25Index()
    const rng = seededRandom(3)
    const live = new Map<number, string[]>()
    for (const rid of f.scopeRows('1')) live.set(rid, f.tokensOf(rid))
    // Delete most documents (compaction runs), replace some, bring some back.
    for (const rid of [...live.keys()]) {
      if (rng.next() < 0.8) {
        expect(index.delete(rid)).toBe(true)
        live.delete(rid)
      } else if (rng.next() < 0.3) {
        const tokens = ['tea', 'garden', ...(live.get(rid) ?? [])]
        index.set(rid, tokens, tokens.length + 1, String(rid).padStart(6, '0'))
        live.set(rid, tokens)
      }
    }
    expect(index.delete(-5)).toBe(false)
    for (const [rid, tokens] of live) fresh.set(rid, tokens, tokens.length + 1, String(rid).padStart(6, '0'))
    expect(index.size()).toBe(live.size)
    for (const words of [['tea'], ['garden', 'dog'], ['alice', 'bob', 'paris'], ['run']]) {
      const query = words.map((term, i) => ({ term, idf: 1 + i }))
      const a = index.top(query, 7, 50)
      const b = fresh.top(query, 7, 50)
      expect(pairs(a.keys, a.scores)).toEqual(pairs(b.keys, b.scores))
      expect(a.matched).toBe(b.matched)
    }
    for (const rid of live.keys()) expect(index.has(rid)).toBe(true)
  })

  it('floors the idf of a term in most rows at 1e-6, as FTS5 does', () => {
    expect(bm25Idf(10, 9)).toBe(1e-6)
    expect(bm25Idf(10, 0)).toBeCloseTo(Math.log(10.5 / 0.5), 12)
  })
})
