import { describe, expect, it } from 'vitest'
import { createReplyCollector } from './reply-collector.js'

const encoder = new TextEncoder()
const chunk = (content: string, index = 0) =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index, delta: { content } }] })}\n\n`

/** Feeds `text` in pieces of `size` bytes, so events and UTF-8 characters split anywhere. */
function collect(contentType: string, text: string, size: number): string {
  const collector = createReplyCollector(contentType)
  const bytes = encoder.encode(text)
  for (let i = 0; i < bytes.length; i += size) collector.push(bytes.subarray(i, i + size))
  return collector.text()
}

describe('createReplyCollector', () => {
  const stream = [
    'data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}\n\n',
    chunk('Ça va '),
    ': keep-alive comment\n\n',
    chunk('ignored', 1),
    chunk('très bien 👍'),
    'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
    'data: [DONE]\n\n',
  ].join('')

  it.each([1, 2, 3, 7, 64, 100_000])('reassembles choice 0 of a stream fed %i bytes at a time', (size) => {
    expect(collect('text/event-stream; charset=utf-8', stream, size)).toBe('Ça va très bien 👍')
  })

  it('reads CRLF line endings and a last event without its blank line', () => {
    const text = `${chunk('a').replaceAll('\n', '\r\n')}data: {"choices":[{"delta":{"content":"b"}}]}`
    expect(collect('text/event-stream', text, 5)).toBe('ab')
  })

  it('reads the message of a JSON completion, whole or in pieces', () => {
    const body = JSON.stringify({
      choices: [{ index: 0, message: { role: 'assistant', content: 'Olá 👋' } }],
    })
    expect(collect('application/json', body, 3)).toBe('Olá 👋')
  })

  it.each([
    ['text/event-stream', 'data: {not json\n\n'],
    ['application/json', '{"choices":[{"message":{"content":null,"tool_calls":[]}}]}'],
    ['application/json', '<html>'],
  ])('yields no text, rather than an error, for %s %s', (type, body) => {
    expect(collect(type, body, 4)).toBe('')
  })
})
