import { describe, expect, it } from 'vitest'
import { type MentionCandidate, mergeMentions } from './merge-mentions.js'

describe('mergeMentions', () => {
  it.each<{ name: string; input: MentionCandidate[]; want: Array<[string, string, string]> }>([
    {
      name: 'a person beats a topic with the same key, and brings its spelling',
      input: [
        { index: 0, kind: 'topic', name: 'grace' },
        { index: 20, kind: 'person', name: 'Grace' },
      ],
      want: [['grace', 'Grace', 'person']],
    },
    {
      name: 'a topic never demotes a person',
      input: [
        { index: 0, kind: 'person', name: 'Mark' },
        { index: 9, kind: 'topic', name: 'mark' },
      ],
      want: [['mark', 'Mark', 'person']],
    },
    {
      name: 'orders by position, not by discovery',
      input: [
        { index: 30, kind: 'date', name: 'May 2023', key: '2023-05' },
        { index: 3, kind: 'place', name: 'Paris' },
      ],
      want: [
        ['paris', 'Paris', 'place'],
        ['2023-05', 'May 2023', 'date'],
      ],
    },
    {
      name: 'drops possessives from names and keys',
      input: [{ index: 0, kind: 'person', name: 'Melanie’s' }],
      want: [['melanie', 'Melanie', 'person']],
    },
    {
      name: 'drops generic and stop-word topics, and empty keys',
      input: [
        { index: 0, kind: 'topic', name: 'thing' },
        { index: 1, kind: 'topic', name: 'the' },
        { index: 2, kind: 'topic', name: '...' },
      ],
      want: [],
    },
  ])('$name', ({ input, want }) => {
    expect(mergeMentions(input).map((m) => [m.key, m.name, m.kind])).toEqual(want)
  })
})
