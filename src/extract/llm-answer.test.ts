import { describe, expect, it } from 'vitest'
import { AnswerError, parseFacts, readCompletion } from './llm-answer.js'

const completion = (content: unknown, finish = 'stop') =>
  JSON.stringify({ choices: [{ index: 0, finish_reason: finish, message: { role: 'assistant', content } }] })

describe('readCompletion', () => {
  it('returns the first choice and why it stopped', () => {
    expect(readCompletion(completion('{"facts":[]}', 'length'))).toEqual({
      content: '{"facts":[]}',
      finishReason: 'length',
    })
  })

  it.each([
    ['a body that is not JSON', '<html>Bad gateway</html>', /not JSON/],
    ['no choices', JSON.stringify({ choices: [] }), /not a chat completion/],
    ['no content', completion(null), /no content/],
    [
      'a refusal',
      JSON.stringify({ choices: [{ message: { content: null, refusal: 'I cannot' } }] }),
      /no content: I cannot/,
    ],
  ])('rejects %s', (_label, body, message) => {
    expect(() => readCompletion(body)).toThrow(AnswerError)
    expect(() => readCompletion(body)).toThrow(message)
  })
})

describe('parseFacts', () => {
  it('parses facts, sorting and deduplicating sources and normalising dates', () => {
    const answer = JSON.stringify({
      facts: [
        { content: ' Caroline adopted a dog. ', sources: [2, 0, 2], observedAt: '2023-05-07' },
        { content: 'Melanie paints.', sources: [1], observedAt: '2023-05-08T15:56:00+02:00' },
        { content: 'Luna is a golden retriever.', sources: [2], observedAt: null },
      ],
    })
    expect(parseFacts(answer, 3)).toEqual([
      { content: 'Caroline adopted a dog.', sources: [0, 2], observedAt: '2023-05-07T00:00:00.000Z' },
      { content: 'Melanie paints.', sources: [1], observedAt: '2023-05-08T13:56:00.000Z' },
      { content: 'Luna is a golden retriever.', sources: [2] },
    ])
  })

  it('accepts an answer in a Markdown fence', () => {
    expect(parseFacts('```json\n{"facts":[{"content":"A runs.","sources":[0]}]}\n```', 1)).toEqual([
      { content: 'A runs.', sources: [0] },
    ])
  })

  it.each([
    ['not JSON', 'Sure! Here are the facts:', /not valid JSON/],
    ['cut off by the token limit', '{"facts":[{"content":"A', /cut off/],
    ['no facts array', '{"memories":[]}', /facts/],
    ['a source out of range', '{"facts":[{"content":"A runs.","sources":[3]}]}', /facts\.0\.sources\.0/],
    ['no sources', '{"facts":[{"content":"A runs.","sources":[]}]}', /facts\.0\.sources/],
    ['a fractional source', '{"facts":[{"content":"A runs.","sources":[0.5]}]}', /sources/],
    ['empty content', '{"facts":[{"content":"  ","sources":[0]}]}', /facts\.0\.content/],
    ['content too long', JSON.stringify({ facts: [{ content: 'a'.repeat(2001), sources: [0] }] }), /content/],
    ['a bad date', '{"facts":[{"content":"A runs.","sources":[0],"observedAt":"last week"}]}', /observedAt/],
  ])('rejects the whole answer for %s', (_label, answer, message) => {
    expect(() => parseFacts(answer, 3, _label.startsWith('cut') ? 'length' : 'stop')).toThrow(message)
  })
})
