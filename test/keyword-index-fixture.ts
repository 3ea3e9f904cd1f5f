import { corpusLayout, corpusMemories } from '../src/bench/scale-corpus.js'
import { seededRandom } from '../src/bench/seeded-random.js'
import type { MemoryStore, TextQuery } from '../src/store/store.js'
import { historyEvent, memoryWrite } from '../src/testing/fixtures.js'
import { keywordTerms } from '../src/text/stop-words.js'
import { words } from '../src/text/words.js'

/**
 * What the keyword-index tests of both stores share: realistic notes split between two
 * users of one tenant (the other user shapes the tenant's statistics), questions drawn
 * from them, and the comparison of an indexed store with one that never indexes.
 */
export const scope = { tenantId: 'tenant-a', userId: 'user-1' }
export const notes = [...corpusMemories(corpusLayout({ size: 1200, seed: 5, largeShare: 0.5 }))]
const fixed = [
  'Where does Alice live?',
  "What is Greco's phone number?",
  'who runs the running club',
  'moved',
]

/** Note `i` as a write for user-1 (the corpus's large user) or user-2 (every other). */
export const write = (i: number, extra: Parameters<typeof memoryWrite>[0] = {}) => {
  const note = notes[i % notes.length]
  return memoryWrite({
    id: `m-${String(i).padStart(5, '0')}`,
    content: note?.content,
    userId: note?.userId === 'large-user' ? 'user-1' : 'user-2',
    tags: note?.tags,
    vector: [1, 0, 0, 0],
    ...extra,
  })
}

/**
 * Edits one note of user-1 (it then answers "Lisbon running club" first), deletes three,
 * supersedes one and adds forty: the writes an index must follow.
 */
export async function changeSome(store: MemoryStore): Promise<void> {
  const edited = write(2, {
    content: 'Alice moved to Lisbon with her running club',
    userId: 'user-1',
    version: 2,
  })
  await store.update(edited, 1)
  for (const i of [4, 6, 8]) {
    const id = `m-${String(i).padStart(5, '0')}`
    await store.remove('tenant-a', id, historyEvent(id, { event: 'deleted' }))
  }
  await store.patch('tenant-a', 'm-00010', { status: 'superseded' }, [], 1)
  await store.insert(Array.from({ length: 40 }, (_, i) => write(5000 + i)))
}

/** A few fixed questions, then fragments of the notes themselves, so they match. */
export function questions(count: number): string[] {
  const rng = seededRandom(9)
  const drawn = Array.from({ length: count }, () => {
    const ws = (notes[rng.int(notes.length)]?.content ?? '').split(' ')
    const start = rng.int(Math.max(1, ws.length - 3))
    return ws.slice(start, start + 1 + rng.int(4)).join(' ')
  })
  return [...fixed, ...drawn]
}

export const textQuery = (question: string, overrides: Partial<TextQuery> = {}): TextQuery => ({
  ...scope,
  statuses: ['active'],
  limit: 10,
  terms: keywordTerms(words(question)),
  ...overrides,
})

/** Every question answers the same through `indexed` as through `reference`: ids, order, scores. */
export async function expectSameAnswers(
  expect: typeof import('vitest').expect,
  indexed: MemoryStore,
  reference: MemoryStore,
  overrides: Partial<TextQuery> = {},
) {
  let compared = 0
  for (const question of questions(60)) {
    const found = await indexed.keyword(textQuery(question, overrides))
    const expected = await reference.keyword(textQuery(question, overrides))
    expect(
      found.map((c) => c.id),
      question,
    ).toEqual(expected.map((c) => c.id))
    for (const [i, c] of found.entries()) expect(c.score).toBeCloseTo(expected[i]?.score ?? Number.NaN, 9)
    compared += found.length
  }
  // The comparison means something only if the questions matched.
  expect(compared).toBeGreaterThan(100)
}
