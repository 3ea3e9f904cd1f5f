import { describe, expect, it } from 'vitest'
import { type DropReason, dropReason } from './drop-reason.js'

describe('dropReason', () => {
  it.each<[string, DropReason | null]>([
    // Facts are kept.
    ['I adopted a dog.', null],
    ["I'm a nurse.", null],
    ['My sister lives in Boston.', null],
    ['When I was a kid, I loved painting.', null],
    ['Her name is Luna.', null],
    ['Luna loves the park.', null],
    ['Mel taught me pottery in 2019.', null],
    ['Went to the gym before work.', null],
    ['The adoption agency interview went really well last Tuesday.', null],
    // Questions.
    ['What breed is she?', 'question'],
    ['Do you like hiking', 'question'],
    ['How was your weekend', 'question'],
    ['Is it ok if I bring my dog?', 'question'],
    ['I adopted a dog, did I tell you?', 'question'],
    // Small talk.
    ['Thanks so much!', 'small talk'],
    ['Sounds great', 'small talk'],
    ['Take care', 'small talk'],
    ['Congrats on the new job!', 'small talk'],
    ['Good luck with the move!', 'small talk'],
    ["Let's grab coffee sometime.", 'small talk'],
    // Said to or about the listener.
    ['Your painting is beautiful', 'second person'],
    ["I'm so happy for you!", 'second person'],
    ['I hope your mom gets better soon.', 'second person'],
    // No substance.
    ["that's awesome", 'no substance'],
    ["I'm tired.", 'no substance'],
    ['I love it!', 'no substance'],
    ['I think so', 'no substance'],
    ['That was amazing', 'no substance'],
    ['I had a great time', 'no substance'],
    ['She is a golden retriever.', 'no substance'],
    ['ok', 'no substance'],
    ['', 'no substance'],
  ])('%j -> %s', (sentence, expected) => {
    expect(dropReason(sentence)).toBe(expected)
  })
})
