import { describe, expect, it } from 'vitest'
import { expandContractions, isCased, isQuestion, splitSegments, statements } from './claim-text.js'

describe('expandContractions', () => {
  it.each([
    ["I'm 34", 'I am 34'],
    ["She doesn't", 'She does not'],
    ["I can't stand olives", 'I loathe olives'],
    ["I won't", 'I will not'],
    ["We've moved", 'We have moved'],
    ["I'd love to", 'I would love to'],
    ['im vegan and dont eat meat', 'I am vegan and do not eat meat'],
    ["Alice's dog", "Alice's dog"],
  ])('%s -> %s', (text, want) => {
    expect(expandContractions(text)).toBe(want)
  })
})

describe('isCased', () => {
  it.each([
    [['I live in Paris.'], true],
    [['i live in paris'], false],
    [['Alice lives in paris.'], false],
    [['I LIVE IN PARIS'], false],
  ])('%o -> %s', (sentences, want) => {
    expect(isCased(sentences)).toBe(want)
  })
})

describe('isQuestion and statements', () => {
  it.each([
    ['Do you live in Paris?', true],
    ['Really?! 😅', true],
    ['I live in Paris.', false],
  ])('%s -> %s', (text, want) => {
    expect(isQuestion(text)).toBe(want)
  })

  it('drops questions and quoted passages', () => {
    expect(statements('Where do you live? She said "I live in Rome". I live in Oslo.')).toEqual([
      'She said ; .',
      'I live in Oslo.',
    ])
  })
})

describe('splitSegments', () => {
  it.each([
    ['I live in Paris and work at Google.', ['|I live in Paris', 'and|work at Google']],
    ['I live in Paris, France, and I love it!', ['|I live in Paris', ',|France', 'and|I love it']],
    ['I lived in Rome before moving to Oslo', ['|I lived in Rome', 'before|moving to Oslo']],
    ['Caroline and others moved to Denver', ['|Caroline and others moved to Denver']],
  ])('%s', (sentence, want) => {
    expect(splitSegments(sentence).map((s) => `${s.joiner}|${s.text}`)).toEqual(want)
  })
})
