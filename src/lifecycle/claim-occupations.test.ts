import { describe, expect, it } from 'vitest'
import { occupationOf } from './claim-occupations.js'

describe('occupationOf', () => {
  it.each([
    [['nurse'], { title: 'nurse', former: false }],
    [['registered', 'nurse'], { title: 'nurse', former: false }],
    [['senior', 'Software', 'Engineer'], { title: 'software engineer', former: false }],
    [['real', 'estate', 'agent'], { title: 'real estate agent', former: false }],
    [['high', 'school', 'math', 'teacher'], { title: 'teacher', former: false }],
    [['former', 'teacher'], { title: 'teacher', former: true }],
    [['retired', 'physician'], { title: 'doctor', former: true }],
    [['Developers'], { title: 'software engineer', former: false }],
    [['terrible', 'cook'], null],
    [['aspiring', 'writer'], null],
    [['mother'], null],
    [['fan'], null],
  ])('%o', (words, want) => {
    expect(occupationOf(words)).toEqual(want)
  })
})
