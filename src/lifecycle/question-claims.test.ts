import { describe, expect, it } from 'vitest'
import { questionClaimKeys } from './question-claims.js'

const keys = (q: string, self = 'u1') => questionClaimKeys(q, self).map((k) => k.replace('\u0000', ' '))

describe('questionClaimKeys', () => {
  it.each([
    ['Where does Alice live now?', 'alice residence'],
    ['Where do I live?', 'u1 residence'],
    ['Who is Noor working for?', 'noor employer'],
    ['Where do I work these days?', 'u1 employer'],
    ["What is Bob's favourite colour?", 'bob favourite:color'],
    ['What is the name of Alice’s dog?', 'alice pet:dog'],
    ['Is Maria married?', 'maria relationship'],
    ['How old is Tom?', 'tom age'],
    ['Where does my mum live?', "u1's mother residence"],
    ['How many cats does Mia have?', 'mia count:cat'],
    ['How do I take my coffee?', 'u1 takes:coffee'],
  ])('%s → %s', (question, key) => {
    expect(keys(question)).toContain(key)
  })

  it.each([
    ["Where does Alice's sister live?"],
    ['Tell me a joke'],
    ['What did we talk about yesterday?'],
    ['Summarise the meeting notes'],
  ])('asks about nothing known: %s', (question) => {
    expect(keys(question)).toEqual([])
  })
})
