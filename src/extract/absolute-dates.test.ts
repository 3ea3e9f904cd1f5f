import { describe, expect, it } from 'vitest'
import { resolveRelativeDates } from './absolute-dates.js'

// A Monday afternoon.
const NOW = new Date('2023-05-08T13:56:00Z')

describe('resolveRelativeDates', () => {
  it.each([
    ['I adopted a dog yesterday.', 'I adopted a dog on 7 May 2023.'],
    ['Last Friday we went hiking.', 'On 5 May 2023 we went hiking.'],
    ['I went to Paris on Friday.', 'I went to Paris on 5 May 2023.'],
    ["I'm flying out on Friday.", "I'm flying out on 12 May 2023."],
    ["I'm moving next month.", "I'm moving in June 2023."],
    ['We met two days ago', 'We met on 6 May 2023'],
    ['I was sick last week.', 'I was sick the week of 1 May 2023.'],
    ["I'll see the doctor tomorrow.", "I'll see the doctor on 9 May 2023."],
    ["We're going camping this weekend!", "We're going camping the weekend of 13 May 2023!"],
    ['I went running this morning.', 'I went running on 8 May 2023.'],
    ['In May I started pottery.', 'In May 2023 I started pottery.'],
    ["I've lived here since last March.", "I've lived here since March 2023."],
    ['I ran 10 miles in the last 3 days.', 'I ran 10 miles since 5 May 2023.'],
    ['Today is my birthday.', '8 May 2023 is my birthday.'],
    ['I finished the report by Friday', 'I finished the report by 5 May 2023'],
    ['My exam is on May 20th', 'My exam is on 20 May 2023'],
    ['I graduated last year.', 'I graduated in 2022.'],
    ['Last week was busy.', 'The week of 1 May 2023 was busy.'],
    // Absolute dates stay as written.
    ['We married on 8 May 2019.', 'We married on 8 May 2019.'],
    ['I graduated in 2019.', 'I graduated in 2019.'],
    ['We moved on 2021-03-04.', 'We moved on 2021-03-04.'],
    ['No dates here.', 'No dates here.'],
  ])('%j', (sentence, expected) => {
    expect(resolveRelativeDates(sentence, NOW)).toBe(expected)
  })

  it('leaves the sentence alone when the time is not valid', () => {
    expect(resolveRelativeDates('I adopted a dog yesterday.', new Date('noon'))).toBe(
      'I adopted a dog yesterday.',
    )
  })
})
