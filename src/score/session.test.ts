import { describe, expect, it } from 'vitest'
import { sessionRelevance } from './session.js'

describe('sessionRelevance', () => {
  it.each([
    [
      'every memory gets its session best',
      [
        ['a', 's1', 0.9],
        ['b', 's1', 0.1],
        ['c', 's2', 0.4],
      ],
      { a: 0.9, b: 0.9, c: 0.4 },
    ],
    [
      'a memory without a session is a session of its own',
      [
        ['a', null, 0.8],
        ['b', null, 0.2],
        ['c', 's1', 0.3],
      ],
      { a: 0.8, b: 0.2, c: 0.3 },
    ],
    [
      'a session of unmatched memories stays 0',
      [
        ['a', 's1', 0],
        ['b', 's1', 0],
      ],
      { a: 0, b: 0 },
    ],
    ['no candidates, nothing', [], {}],
  ] as const)('%s', (_name, rows, expected) => {
    const got = sessionRelevance(rows.map(([id, sessionId, relevance]) => ({ id, sessionId, relevance })))
    expect(Object.fromEntries(got)).toEqual(expected)
  })
})
