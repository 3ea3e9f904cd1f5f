import { describe, expect, it } from 'vitest'
import { isAdverb, thirdPersonSingular } from './verb-forms.js'

describe('thirdPersonSingular', () => {
  it.each([
    ['take', 'takes'],
    ['watch', 'watches'],
    ['go', 'goes'],
    ['miss', 'misses'],
    ['study', 'studies'],
    ['play', 'plays'],
    ['have', 'has'],
    ['am', 'is'],
    ["don't", "doesn't"],
    ["haven't", "hasn't"],
    ['need', 'needs'],
    ['wanna', 'wants to'],
    ['went', 'went'],
    ['adopted', 'adopted'],
    ['agreed', 'agreed'],
    ['can', 'can'],
    ["won't", "won't"],
    ['was', 'was'],
  ])('%s -> %s', (verb, expected) => {
    expect(thirdPersonSingular(verb)).toBe(expected)
  })

  it('reads verbs spelled alike in the past as past only when told', () => {
    expect(thirdPersonSingular('read')).toBe('reads')
    expect(thirdPersonSingular('read', { past: true })).toBe('read')
  })
})

describe('isAdverb', () => {
  it.each([
    ['really', true],
    ['usually', true],
    ['also', true],
    ['apply', false],
    ['fly', false],
    ['love', false],
  ])('%s -> %s', (word, expected) => {
    expect(isAdverb(word)).toBe(expected)
  })
})
