import { describe, expect, it } from 'vitest'
import { isLoneLetter, lookupWord } from './word-forms.js'

const vocabulary = ['dog', 'we', 'do', 'can', 'will', 'party', 'box', 'bake', 'hike', 'stop', 'run', 'oneil']
const index = new Map(vocabulary.map((word, row) => [word, row]))

describe('lookupWord', () => {
  it.each([
    ['dog', 'dog'],
    ["dog's", 'dog'],
    ["we're", 'we'],
    ["don't", 'do'],
    ["can't", 'can'],
    ["won't", 'will'],
    ['dogs', 'dog'],
    ['parties', 'party'],
    ['boxes', 'box'],
    ['baked', 'bake'],
    ['hiking', 'hike'],
    ['stopped', 'stop'],
    ['running', 'run'],
    ["o'neil", 'oneil'],
  ])('finds %s as %s', (word, expected) => {
    expect(lookupWord(index, word)).toBe(index.get(expected))
  })

  it.each(['cat', 'ss', 'ing', "x's"])('gives up on %s', (word) => {
    expect(lookupWord(index, word)).toBeUndefined()
  })
})

describe('isLoneLetter', () => {
  it.each([
    ['a', true],
    ["i'm", true],
    ['é', true],
    ['ab', false],
    ['7', false],
    ["we're", false],
  ])('%s -> %s', (word, expected) => {
    expect(isLoneLetter(word)).toBe(expected)
  })
})
