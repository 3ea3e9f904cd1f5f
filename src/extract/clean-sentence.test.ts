import { describe, expect, it } from 'vitest'
import { cleanSentence } from './clean-sentence.js'

describe('cleanSentence', () => {
  it.each([
    ['Haha yeah, I finally adopted a dog lol 🐶!!!', 'I finally adopted a dog!!!'],
    ['Hey Mel, I went to the support group :)', 'I went to the support group'],
    ['Oh my god, my sister got married!', 'my sister got married!'],
    ['So I started pottery, you know, last month.', 'I started pottery, last month.'],
    ['Well-being matters to me.', 'Well-being matters to me.'],
    ['No, I moved to Boston in 2019.', 'I moved to Boston in 2019.'],
    ['No one came to the party.', 'No one came to the party.'],
    ['I’m vegan 🌱 ❤️', "I'm vegan"],
    ['Wow', ''],
    ['lol', ''],
    ['😂😂😂', ''],
    ['Great!', 'Great!'],
  ])('%j -> %j', (sentence, expected) => {
    expect(cleanSentence(sentence)).toBe(expected)
  })
})
