import { describe, expect, it } from 'vitest'
import { contextIndex, exchangeMessages, newUserMessages, turnQuery } from './chat-turn.js'

type M = { role: string; content: string }
const m = (role: string, content = role): M => ({ role, content })
const text = (message: M) => message.content

describe('contextIndex', () => {
  it.each([
    [[], 0],
    [[m('user')], 0],
    [[m('system'), m('user')], 1],
    [[m('system'), m('developer'), m('user'), m('system')], 2],
  ])('puts the memory block after the leading system messages: %j -> %i', (messages, index) => {
    expect(contextIndex(messages)).toBe(index)
  })
})

describe('newUserMessages', () => {
  it.each([
    [[m('user', 'a')], ['a']],
    [
      [m('user', 'a'), m('assistant'), m('user', 'b'), m('user', 'c')],
      ['b', 'c'],
    ],
    [[m('user', 'a'), m('assistant'), m('tool')], []],
    [[m('system')], []],
  ])('keeps only the trailing user messages: %j', (messages, contents) => {
    expect(newUserMessages(messages).map(text)).toEqual(contents)
  })
})

describe('turnQuery', () => {
  it('queries the last user message on one line, with the turn before as conversation', () => {
    const messages = [
      m('user', 'I live in Oslo'),
      m('assistant', 'Nice city'),
      m('user', 'Where\ndo\tI  live?'),
    ]
    expect(turnQuery(messages, text)).toEqual({
      query: 'Where do I live?',
      conversation: 'user: I live in Oslo\nassistant: Nice city',
    })
  })

  it('skips user messages without text and ends with null when none has any', () => {
    expect(turnQuery([m('user', 'Hello'), m('user', ' \n ')], text)).toEqual({ query: 'Hello' })
    expect(turnQuery([m('system', 'Be brief'), m('user', '')], text)).toBeNull()
  })

  it('keeps the end of a long message, within the query limit', () => {
    const query = turnQuery([m('user', `${'x'.repeat(10_000)} what is the answer?`)], text)?.query ?? ''
    expect(query.length).toBeLessThanOrEqual(4096)
    expect(query.endsWith('what is the answer?')).toBe(true)
  })
})

describe('exchangeMessages', () => {
  it('dates the user messages in order and the reply after them, dropping empty ones', () => {
    const at = new Date('2024-05-01T10:00:00.000Z')
    const out = exchangeMessages(
      [{ content: 'Hi', name: 'Alice' }, { content: '  ' }, { content: 'I moved', name: 'bad\nname' }],
      'Welcome',
      at,
      at,
    )
    expect(out).toEqual([
      { role: 'user', content: 'Hi', name: 'Alice', createdAt: '2024-05-01T10:00:00.000Z' },
      { role: 'user', content: 'I moved', createdAt: '2024-05-01T10:00:00.001Z' },
      { role: 'assistant', content: 'Welcome', createdAt: '2024-05-01T10:00:00.002Z' },
    ])
    expect(exchangeMessages([], ' ', at)).toEqual([])
  })
})
