import { describe, expect, it } from 'vitest'
import { parseEmbeddings } from './parse-embeddings.js'

const item = (index: number | undefined, embedding: unknown) => ({ index, embedding })
const json = (...data: unknown[]) => JSON.stringify({ data })

describe('parseEmbeddings', () => {
  it('orders by index and normalises', () => {
    const out = parseEmbeddings(json(item(1, [0, 2]), item(0, [3, 4])), 2, 2)
    expect(out).toEqual([Float32Array.of(0.6, 0.8), Float32Array.of(0, 1)])
  })

  it('uses the position when the server sends no index', () => {
    const out = parseEmbeddings(json(item(undefined, [1, 0]), item(undefined, [0, 1])), 2, undefined)
    expect(out).toEqual([Float32Array.of(1, 0), Float32Array.of(0, 1)])
  })

  it.each([
    ['a duplicate index', json(item(0, [1, 0]), item(0, [0, 1])), /duplicate/],
    ['a fractional index', json(item(0.5, [1, 0]), item(1, [0, 1])), /index: 0.5/],
    [
      'too many embeddings',
      json(item(0, [1, 0]), item(1, [0, 1]), item(2, [1, 1])),
      /expected 2 embeddings, got 3/,
    ],
    ['a string value', json(item(0, [1, '0']), item(1, [0, 1])), /not a finite number: 0/],
    ['an empty vector', json(item(0, []), item(1, [0, 1])), /not a non-empty array/],
    ['an infinite norm', json(item(0, [1e200, 1e200]), item(1, [0, 1])), /cannot be normalised/],
    ['a null body', 'null', /no "data" array/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseEmbeddings(text, 2, 2)).toThrow(message)
  })
})
