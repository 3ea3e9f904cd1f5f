import { describe, expect, it } from 'vitest'
import { MemoryError } from '../errors.js'
import { findTimeExpression, findTimeExpressions, resolveTimeRange } from './time-expressions.js'

// Wednesday 15 May 2024, midday UTC. The ISO week runs Monday 13 to Sunday 19 May.
const NOW = new Date('2024-05-15T12:00:00.000Z')
const day = (d: string) => ({ from: `${d}T00:00:00.000Z`, to: `${d}T23:59:59.999Z` })
const span = (from: string, to: string) => ({
  from: from.length === 10 ? `${from}T00:00:00.000Z` : from,
  to: to.length === 10 ? `${to}T23:59:59.999Z` : to,
})

describe('resolveTimeRange', () => {
  it.each([
    { expression: 'today', want: day('2024-05-15') },
    { expression: 'Yesterday', want: day('2024-05-14') },
    { expression: 'last night', want: day('2024-05-14') },
    { expression: 'tomorrow', want: day('2024-05-16') },
    { expression: 'this week', want: span('2024-05-13', '2024-05-19') },
    { expression: 'last week', want: span('2024-05-06', '2024-05-12') },
    { expression: 'next week', want: span('2024-05-20', '2024-05-26') },
    { expression: 'this month', want: span('2024-05-01', '2024-05-31') },
    { expression: 'last month', want: span('2024-04-01', '2024-04-30') },
    { expression: 'next month', want: span('2024-06-01', '2024-06-30') },
    { expression: 'this year', want: span('2024-01-01', '2024-12-31') },
    { expression: 'last year', want: span('2023-01-01', '2023-12-31') },
    { expression: 'next year', want: span('2025-01-01', '2025-12-31') },
    { expression: 'last 3 days', want: span('2024-05-12', NOW.toISOString()) },
    { expression: 'in the past two weeks', want: span('2024-05-01', NOW.toISOString()) },
    { expression: 'the last 2 months', want: span('2024-03-15', NOW.toISOString()) },
    { expression: 'the past week', want: span('2024-05-08', NOW.toISOString()) },
    { expression: '3 days ago', want: day('2024-05-12') },
    { expression: 'a couple of days ago', want: day('2024-05-13') },
    { expression: 'two weeks ago', want: span('2024-04-29', '2024-05-05') },
    { expression: '3 months ago', want: span('2024-02-01', '2024-02-29') },
    { expression: 'a year ago', want: span('2023-01-01', '2023-12-31') },
    { expression: 'in March 2024', want: span('2024-03-01', '2024-03-31') },
    { expression: 'March 2024', want: span('2024-03-01', '2024-03-31') },
    { expression: 'Aug. 2023', want: span('2023-08-01', '2023-08-31') },
    { expression: '2023', want: span('2023-01-01', '2023-12-31') },
    { expression: 'in 2023', want: span('2023-01-01', '2023-12-31') },
    { expression: 'in May', want: span('2024-05-01', '2024-05-31') },
    { expression: 'in June', want: span('2023-06-01', '2023-06-30') },
    { expression: 'last May', want: span('2023-05-01', '2023-05-31') },
    { expression: 'next May', want: span('2025-05-01', '2025-05-31') },
    { expression: 'on 8 May 2023', want: day('2023-05-08') },
    { expression: '8 May, 2023', want: day('2023-05-08') },
    { expression: 'May 8th, 2023', want: day('2023-05-08') },
    { expression: 'the 8th of May 2023', want: day('2023-05-08') },
    { expression: '0001-01-01', want: null },
    { expression: '8th of May 2023', want: day('2023-05-08') },
    { expression: '2023-05-08', want: day('2023-05-08') },
    { expression: '2024-02', want: span('2024-02-01', '2024-02-29') },
    { expression: '20 May', want: day('2023-05-20') },
    { expression: 'May 1', want: day('2024-05-01') },
    { expression: 'last Friday', want: day('2024-05-10') },
    { expression: 'on Friday', want: day('2024-05-10') },
    { expression: 'last Wednesday', want: day('2024-05-08') },
    { expression: 'Wednesday', want: day('2024-05-15') },
    { expression: 'this Friday', want: day('2024-05-17') },
    { expression: 'next Monday', want: day('2024-05-20') },
    { expression: 'last weekend', want: span('2024-05-11', '2024-05-12') },
    { expression: 'this weekend', want: span('2024-05-18', '2024-05-19') },
    { expression: 'earlier this month', want: span('2024-05-01', NOW.toISOString()) },
    { expression: 'since March 2024', want: span('2024-03-01', NOW.toISOString()) },
    { expression: 'since last week', want: span('2024-05-06', NOW.toISOString()) },
    { expression: 'after 2023', want: span('2024-01-01', NOW.toISOString()) },
    { expression: 'before 2024', want: span('1970-01-01', '2023-12-31') },
    { expression: 'until last month', want: span('1970-01-01', '2024-04-30') },
    { expression: '  Last   Week? ', want: span('2024-05-06', '2024-05-12') },
    { expression: '31 February 2023', want: null },
    { expression: '2024-13', want: null },
    { expression: 'since next year', want: null },
    { expression: 'a few days ago', want: null },
    { expression: 'the other day', want: null },
    { expression: 'pottery class', want: null },
    { expression: '', want: null },
  ])('$expression', ({ expression, want }) => {
    expect(resolveTimeRange(expression, NOW)).toEqual(want)
  })

  it.each([
    {
      name: 'a leap day, a month back from 31 March',
      now: '2024-03-31T08:00:00Z',
      expression: 'last 1 month',
      from: '2024-02-29',
    },
    {
      name: 'the ISO week of a Sunday',
      now: '2024-05-19T23:00:00Z',
      expression: 'this week',
      from: '2024-05-13',
    },
    {
      name: 'the ISO week across a year end',
      now: '2025-01-01T00:00:00Z',
      expression: 'last week',
      from: '2024-12-23',
    },
    {
      name: 'last month in January',
      now: '2024-01-10T00:00:00Z',
      expression: 'last month',
      from: '2023-12-01',
    },
  ])('handles $name', ({ now, expression, from }) => {
    expect(resolveTimeRange(expression, new Date(now))?.from).toBe(`${from}T00:00:00.000Z`)
  })

  it('rejects an invalid now', () => {
    expect(() => resolveTimeRange('today', new Date('nope'))).toThrow(MemoryError)
  })
})

describe('findTimeExpression', () => {
  it.each([
    { text: 'What did I do last week?', want: 'last week' },
    { text: 'Where did Caroline go in March 2024?', want: 'March 2024' },
    { text: 'What happened on 8 May 2023?', want: '8 May 2023' },
    { text: 'What have I read since March 2024?', want: 'since March 2024' },
    { text: 'Which books did I buy before 2024?', want: 'before 2024' },
    { text: 'What did Mel paint 2 days ago', want: '2 days ago' },
    { text: 'What did we talk about in the last 3 days?', want: 'the last 3 days' },
    { text: 'May I ask what happened in May?', want: 'May' },
    { text: 'What did I eat yesterday?', want: 'yesterday' },
    { text: 'Did I go hiking last Friday?', want: 'last Friday' },
    { text: 'Notes from 2023-05-08 please', want: '2023-05-08' },
    { text: 'Can you march with us?', want: null },
    { text: 'I may go to the party', want: null },
    { text: 'Where does Caroline live?', want: null },
  ])('$text', ({ text, want }) => {
    const found = findTimeExpression(text)
    expect(found).toBe(want)
    if (found !== null) expect(resolveTimeRange(found, NOW)).not.toBeNull()
  })
})

describe('findTimeExpressions', () => {
  it.each([
    {
      text: 'We met on 8 May 2023, then again in March 2024 and last Friday.',
      want: [
        ['8 May 2023', '2023-05-08'],
        ['March 2024', '2024-03'],
        ['last Friday', 'last friday'],
      ],
    },
    {
      text: 'Born 2023-05-08, moved in 2019.',
      want: [
        ['2023-05-08', '2023-05-08'],
        ['2019', '2019'],
      ],
    },
    { text: 'since   May 2024 I paint', want: [['since   May 2024', 'since may 2024']] },
    { text: 'no dates here', want: [] },
  ])('$text', ({ text, want }) => {
    const found = findTimeExpressions(text)
    expect(found.map((f) => [f.text, f.key])).toEqual(want)
    for (const f of found) expect(text.slice(f.index, f.index + f.text.length)).toBe(f.text)
  })
})
