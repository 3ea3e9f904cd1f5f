import { endianness } from 'node:os'
import { crc32 } from 'node:zlib'

/** Bump when the layout below changes; it is part of the cache file name. */
export const VECTOR_FILE_VERSION = 1

const MAGIC = 0x56575241 // 'ARWV' read as a little-endian u32
const HEADER_BYTES = 32

/**
 * The compact word-vector table: int8 rows with one scale per word, each word's
 * frequency rank in the source vocabulary, and the common directions (mean and
 * principal components) that the sentence embedder removes.
 */
export interface VectorTable {
  /** Words in row order (most frequent first). */
  readonly words: readonly string[]
  readonly dimensions: number
  /** Size of the source vocabulary the ranks refer to; normalises the Zipf prior. */
  readonly vocabularySize: number
  /** Row `i` is `values[i * dimensions ...]`, times `scales[i]`. */
  readonly values: Int8Array
  readonly scales: Float32Array
  /** Zero-based frequency rank of each row's word in the source vocabulary. */
  readonly ranks: Uint32Array
  /** Weighted mean word vector, subtracted from each word before weighting. */
  readonly mean: Float32Array
  /** Unit vectors (k x dimensions, flat) projected out of every sentence vector. */
  readonly components: Float32Array
}

/**
 * Serialises a table. Header (u32, little-endian): magic, version, count,
 * dimensions, vocabulary size, crc32 of the body, byte length of the word list,
 * component count k. Body: mean (f32 x dims), components (f32 x k x dims),
 * scales (f32 x count), ranks (u32 x count), values (i8 x count x dims), then the
 * words joined by '\n' (UTF-8).
 */
export function encodeVectorTable(table: VectorTable): Buffer {
  const { dimensions: dims, words } = table
  const count = words.length
  const wordBytes = Buffer.from(words.join('\n'), 'utf8')
  const k = table.components.length / dims
  const body = Buffer.alloc(4 * dims * (1 + k) + 8 * count + count * dims + wordBytes.length)
  let at = 0
  for (const x of table.mean) at = body.writeFloatLE(x, at)
  for (const x of table.components) at = body.writeFloatLE(x, at)
  for (const x of table.scales) at = body.writeFloatLE(x, at)
  for (const x of table.ranks) at = body.writeUInt32LE(x, at)
  body.set(new Uint8Array(table.values.buffer, table.values.byteOffset, count * dims), at)
  wordBytes.copy(body, at + count * dims)
  const header = Buffer.alloc(HEADER_BYTES)
  const fields = [
    MAGIC,
    VECTOR_FILE_VERSION,
    count,
    dims,
    table.vocabularySize,
    crc32(body),
    wordBytes.length,
    k,
  ]
  fields.forEach((value, i) => {
    header.writeUInt32LE(value, i * 4)
  })
  return Buffer.concat([header, body])
}

/**
 * Parses and checks a table written by `encodeVectorTable`. Throws a plain
 * `Error` saying what is wrong; callers turn it into a `MemoryError`.
 */
export function decodeVectorTable(file: Buffer): VectorTable {
  if (file.length < HEADER_BYTES || file.readUInt32LE(0) !== MAGIC) throw new Error('not a vector file')
  const version = file.readUInt32LE(4)
  if (version !== VECTOR_FILE_VERSION)
    throw new Error(`format version ${version}, expected ${VECTOR_FILE_VERSION}`)
  const [count, dims, vocabularySize, checksum, wordLength, k] = [8, 12, 16, 20, 24, 28].map((at) =>
    file.readUInt32LE(at),
  ) as [number, number, number, number, number, number]
  const bodyLength = 4 * dims * (1 + k) + 8 * count + count * dims + wordLength
  if (dims === 0 || count === 0 || file.length !== HEADER_BYTES + bodyLength)
    throw new Error('truncated file')
  const body = file.subarray(HEADER_BYTES)
  if (crc32(body) !== checksum) throw new Error('checksum mismatch')
  let at = 0
  const take = (bytes: number) => {
    at += bytes
    return body.subarray(at - bytes, at)
  }
  const mean = readFloats(take(4 * dims))
  const components = readFloats(take(4 * k * dims))
  const scales = readFloats(take(4 * count))
  const ranks = readUint32s(take(4 * count))
  // A view, not a copy: the int8 rows are most of the file and need no alignment.
  const values = new Int8Array(body.buffer, body.byteOffset + at, count * dims)
  const words = body.toString('utf8', at + count * dims).split('\n')
  if (words.length !== count) throw new Error(`word list has ${words.length} entries, expected ${count}`)
  return { words, dimensions: dims, vocabularySize, values, scales, ranks, mean, components }
}

const LITTLE_ENDIAN = endianness() === 'LE'

/** Little-endian f32s into an aligned array: a byte copy, or a per-value read on big-endian hosts. */
function readFloats(bytes: Buffer): Float32Array {
  const out = new Float32Array(bytes.length / 4)
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes)
  else for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4)
  return out
}

function readUint32s(bytes: Buffer): Uint32Array {
  const out = new Uint32Array(bytes.length / 4)
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes)
  else for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32LE(i * 4)
  return out
}
