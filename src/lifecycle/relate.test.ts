import { describe, expect, it } from 'vitest'
import type { StoredClaim } from '../store/store.js'
import { relate } from './relate.js'

const claim = (key: string, value: string, polarity: 1 | -1 = 1, exclusive = true): StoredClaim => ({
  key: `alice\u0000${key}`,
  value,
  polarity,
  exclusive,
})
const m = (content: string, ...claims: StoredClaim[]) => ({ content, claims })

describe('relate', () => {
  it.each([
    [
      'same text, other case and punctuation',
      m('Alice lives in Paris.'),
      m('  alice LIVES in paris'),
      'exact',
    ],
    [
      'same claims in other words',
      m("Alice's home is in Paris", claim('residence', 'paris')),
      m('Alice lives in Paris', claim('residence', 'paris')),
      'same-claims',
    ],
  ])('%s: duplicate (%s)', (_label, newer, older, rule) => {
    expect(relate(newer, older, 0.5, 0.9)).toMatchObject({ kind: 'duplicate', rule })
  })

  it('supersedes a different value of a one-valued attribute', () => {
    const r = relate(
      m('Alice moved to Berlin', claim('residence', 'berlin')),
      m('Alice lives in Paris', claim('residence', 'paris')),
      0.7,
      0.9,
    )
    expect(r).toMatchObject({ kind: 'contradiction', rule: 'claim-conflict' })
  })

  it('supersedes an older job title together with its employer', () => {
    const r = relate(
      m('Noor works at Hooli', claim('employer', 'hooli')),
      m(
        'Noor works at Initech as an engineer',
        claim('employer', 'initech'),
        claim('occupation', 'engineer', 1, false),
      ),
      0.7,
      0.9,
    )
    expect(r.kind).toBe('contradiction')
  })

  it('supersedes the same value with the opposite polarity', () => {
    const likes = (p: 1 | -1) => claim('likes:sushi', 'sushi', p, false)
    expect(relate(m('Alice hates sushi', likes(-1)), m('Alice loves sushi', likes(1)), 0.8, 0.9).kind).toBe(
      'contradiction',
    )
  })

  it.each([
    [
      'a denial of another value',
      m('Alice no longer lives in Berlin', claim('residence', 'berlin', -1)),
      m('Alice lives in Paris', claim('residence', 'paris')),
    ],
    [
      'two values of a many-valued attribute',
      m('Alice likes tea', claim('likes:tea', 'tea', 1, false)),
      m('Alice likes jazz', claim('likes:jazz', 'jazz', 1, false)),
    ],
    [
      'an older memory that also said something else',
      m('Alice moved to Berlin', claim('residence', 'berlin')),
      m('Alice lives in Paris and works at Acme', claim('residence', 'paris'), claim('employer', 'acme')),
    ],
    [
      'the same claims with much more said',
      m('Alice lives in Paris with her husband Tom and their three children', claim('residence', 'paris')),
      m('Alice lives in Paris', claim('residence', 'paris')),
    ],
    ['different numbers', m('Alice has 2 kids'), m('Alice has 3 kids')],
    [
      'one word swapped for another',
      m('Alice drinks green tea every morning'),
      m('Alice drinks green tea every evening'),
    ],
    ['the same names in another order', m('Alice owes Bob 50 dollars'), m('Bob owes Alice 50 dollars')],
    [
      'the same words about different people',
      m('Ines bought a vintage camera at the weekend market'),
      m('Chidi bought a vintage camera at the weekend market'),
    ],
    ['a negation', m('Alice does not drink coffee'), m('Alice does drink coffee')],
  ])('leaves alone %s', (_label, newer, older) => {
    expect(relate(newer, older, 0.97, 0.9).kind).toBe('unrelated')
  })

  it('merges a paraphrase without claims only when the vectors are nearly parallel', () => {
    const newer = m('Alice bought a red bicycle at the market')
    const older = m('Alice bought a red bicycle at the weekend market')
    expect(relate(newer, older, 0.95, 0.9)).toMatchObject({ kind: 'duplicate', rule: 'paraphrase' })
    expect(relate(newer, older, 0.8, 0.9).kind).toBe('unrelated')
    expect(relate(newer, older, null, 0.9).kind).toBe('unrelated')
  })

  it('ignores same-text index keys when comparing claims', () => {
    const same = (h: string): StoredClaim => ({ key: `#same:${h}`, value: '', polarity: 1, exclusive: false })
    const r = relate(
      m("Alice's home is in Paris", claim('residence', 'paris'), same('a')),
      m('Alice lives in Paris', claim('residence', 'paris'), same('b')),
      null,
      0.9,
    )
    expect(r).toMatchObject({ kind: 'duplicate', rule: 'same-claims' })
  })
})
