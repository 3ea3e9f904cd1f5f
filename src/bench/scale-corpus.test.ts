import { describe, expect, it } from 'vitest'
import {
  corpusLayout,
  corpusMemories,
  corpusMemory,
  corpusQueries,
  corpusUserId,
  userSize,
} from './scale-corpus.js'

const all = (size: number, seed = 1) => [...corpusMemories(corpusLayout({ size, seed }))]

describe('scale corpus', () => {
  it.each([
    { size: 1000, share: 0.5, scope: 200, large: 500, users: 3 },
    { size: 1001, share: 0.5, scope: 200, large: 501, users: 3 },
    { size: 10_000, share: 0.2, scope: 100, large: 2000, users: 80 },
    { size: 50, share: 1, scope: 200, large: 50, users: 0 },
  ])(
    'splits $size memories: $large in the large scope, $users small scopes',
    ({ size, share, scope, large, users }) => {
      const layout = corpusLayout({ size, largeShare: share, smallScopeSize: scope })
      expect(layout.largeCount).toBe(large)
      expect(layout.smallUsers).toBe(users)
      let small = 0
      for (let u = 1; u <= users; u++) {
        expect(userSize(layout, u)).toBeLessThanOrEqual(scope)
        small += userSize(layout, u)
      }
      expect(small).toBe(size - large)
      const memories = [...corpusMemories(layout)]
      expect(memories).toHaveLength(size)
      expect(memories.filter((m) => m.userId === corpusUserId(0))).toHaveLength(large)
    },
  )

  it('gives the same corpus for the same seed and another for another seed', () => {
    expect(all(300)).toEqual(all(300))
    const other = all(300, 2)
    expect(other.filter((m, i) => m.content === all(300)[i]?.content).length).toBeLessThan(10)
    // A memory is the same whether it is generated in the stream or on its own.
    const layout = corpusLayout({ size: 300 })
    expect(all(300).find((m) => m.userId === 'large-user')).toEqual(corpusMemory(layout, 0, 0))
  })

  it('writes varied sentences about many people, places and dates, in order of time per user', () => {
    const memories = all(4000)
    expect(new Set(memories.map((m) => m.content)).size).toBeGreaterThan(3900)
    const large = memories.filter((m) => m.userId === 'large-user')
    const names = new Set(large.flatMap((m) => m.content.match(/\b[A-Z][a-z]+ [A-Z][a-z]+\b/g) ?? []))
    expect(names.size).toBeGreaterThan(80)
    expect(new Set(memories.map((m) => m.tags[0])).size).toBeGreaterThan(8)
    for (const m of memories) {
      expect(m.content.split(' ').length).toBeGreaterThan(5)
      expect(m.observedAt >= '2017-12-01' && m.observedAt < '2026-03-01').toBe(true)
      expect(m.sessionId.startsWith(m.userId)).toBe(true)
    }
    // Days either way, but a user's notes move forward in time.
    const first = large
      .slice(0, 100)
      .map((m) => m.observedAt)
      .sort()[50] as string
    const last = large
      .slice(-100)
      .map((m) => m.observedAt)
      .sort()[50] as string
    expect(first < last).toBe(true)
  })

  it('asks questions about memories of existing users, naming what the memory names', () => {
    const layout = corpusLayout({ size: 2000 })
    const large = corpusQueries(layout, 'large', 50)
    expect(large).toHaveLength(50)
    expect(new Set(large.map((q) => q.userId))).toEqual(new Set(['large-user']))
    const small = corpusQueries(layout, 'small', 50)
    const users = new Set(small.map((q) => q.userId))
    expect(users.size).toBeGreaterThan(1)
    for (const u of users) expect(u).toMatch(/^user-0000(0[1-5])$/)
    for (const q of [...large, ...small]) expect(q.query).toMatch(/\?$/)
    expect(corpusQueries(layout, 'large', 50)).toEqual(large)
  })
})
