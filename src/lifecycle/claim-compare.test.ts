import { describe, expect, it } from 'vitest'
import { claimKey, conflicts, sameClaim, tidyClaims } from './claim-compare.js'
import type { Claim } from './claim-types.js'

const c = (attribute: string, value: string, polarity: 1 | -1 = 1, subject = 'alice'): Claim => ({
  subject,
  attribute,
  value,
  polarity,
  exclusive: ['residence', 'employer', 'age'].includes(attribute),
})

describe('claimKey', () => {
  it.each([
    [c('residence', 'paris'), 'alice\u0000residence'],
    [c('likes:sushi', 'sushi', -1, "alice's mother"), "alice's mother\u0000likes:sushi"],
  ])('%o -> %s', (claim, want) => {
    expect(claimKey(claim)).toBe(want)
  })
})

describe('sameClaim', () => {
  it.each([
    ['identical', c('residence', 'paris'), c('residence', 'paris'), true],
    ['other value', c('residence', 'paris'), c('residence', 'rome'), false],
    ['other polarity', c('residence', 'paris'), c('residence', 'paris', -1), false],
    ['other subject', c('residence', 'paris'), c('residence', 'paris', 1, 'bob'), false],
    ['other attribute', c('residence', 'paris'), c('origin', 'paris'), false],
  ] as const)('%s', (_, a, b, want) => {
    expect(sameClaim(a, b)).toBe(want)
    expect(sameClaim(b, a)).toBe(want)
  })
})

describe('conflicts', () => {
  it.each([
    ['exclusive, two values', c('residence', 'paris'), c('residence', 'berlin'), true],
    ['same value, opposite polarity', c('residence', 'paris'), c('residence', 'paris', -1), true],
    ['likes vs dislikes', c('likes:sushi', 'sushi'), c('likes:sushi', 'sushi', -1), true],
    ['the same claim', c('residence', 'paris'), c('residence', 'paris'), false],
    ['not exclusive, two values', c('occupation', 'nurse'), c('occupation', 'writer'), false],
    ['negated other value', c('residence', 'berlin'), c('residence', 'paris', -1), false],
    ['both negated, two values', c('residence', 'berlin', -1), c('residence', 'paris', -1), false],
    ['other subject', c('residence', 'paris'), c('residence', 'berlin', 1, 'bob'), false],
    ['other attribute', c('residence', 'paris'), c('origin', 'berlin'), false],
  ] as const)('%s', (_, a, b, want) => {
    expect(conflicts(a, b)).toBe(want)
    expect(conflicts(b, a)).toBe(want)
  })
})

describe('tidyClaims', () => {
  it.each([
    ['drops repeats', [c('age', '34'), c('age', '34')], [c('age', '34')]],
    [
      'drops claims the same text contradicts',
      [c('residence', 'paris'), c('residence', 'rome'), c('age', '3')],
      [c('age', '3')],
    ],
    [
      'keeps a move',
      [c('residence', 'rome'), c('residence', 'paris', -1)],
      [c('residence', 'rome'), c('residence', 'paris', -1)],
    ],
  ] as const)('%s', (_, claims, want) => {
    expect(tidyClaims(claims)).toEqual(want)
  })
})
