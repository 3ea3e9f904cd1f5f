import { describe, expect, it } from 'vitest'
import { decodeVectorTable, encodeVectorTable, type VectorTable } from './vector-file.js'

const table: VectorTable = {
  words: ['the', 'café', 'dog'],
  dimensions: 2,
  vocabularySize: 10,
  values: Int8Array.of(127, -3, 0, 127, -127, 64),
  scales: Float32Array.of(0.5, 0.25, 2),
  ranks: Uint32Array.of(0, 4, 9),
  mean: Float32Array.of(0.5, -0.5),
  components: Float32Array.of(1, 0, 0, 1),
}

describe('vector file', () => {
  it('round-trips a table', () => {
    const back = decodeVectorTable(encodeVectorTable(table))
    expect(back).toEqual(table)
  })

  it.each([
    ['a flipped byte', (b: Buffer) => b.fill(7, 40, 41), /checksum/],
    ['a truncated file', (b: Buffer) => b.subarray(0, b.length - 1), /truncated/],
    ['another file type', (b: Buffer) => b.fill(0, 0, 4), /not a vector file/],
    ['a newer format version', (b: Buffer) => b.fill(9, 4, 5), /format version 9/],
  ])('rejects %s', (_name, damage, message) => {
    expect(() => decodeVectorTable(damage(encodeVectorTable(table)))).toThrow(message)
  })
})
