import { createReadStream } from 'node:fs'

/** Float vectors of the most frequent words of the wink file, in frequency order. */
export interface WinkVectors {
  words: string[]
  /** Zero-based rank of each word in the wink vocabulary. */
  ranks: Uint32Array
  dimensions: number
  vocabularySize: number
  /** Row `i` is `values[i * dimensions ...]`. */
  values: Float32Array
}

interface WinkHeader {
  dimensions: number
  size: number
  l2NormIndex: number
  wordIndex: number
  words: string[]
}

const VECTORS_KEY = '"vectors":{'
const ENTRY = /[\s,]*"((?:[^"\\]|\\.)*)"\s*:\s*\[/y
const OBJECT_END = /\s*\}/y

/**
 * Streams the 300 MB wink JSON (`{precision, l2NormIndex, wordIndex, size,
 * dimensions, words: [...], vectors: {word: [...dims, l2norm, rank]}, unkVector}`)
 * and keeps the vectors of the first `limit` words that `keep` accepts. Parsing it
 * whole would take about a gigabyte; this holds one chunk and the kept rows.
 * `chunkBytes` is the read size (small values let tests cross chunk boundaries).
 */
export async function readWinkVectors(
  path: string,
  limit: number,
  keep: (word: string) => boolean,
  chunkBytes = 1 << 22,
): Promise<WinkVectors> {
  let header: WinkHeader | undefined
  let rowOf = new Map<string, number>()
  let out: WinkVectors | undefined
  let filled = 0
  let buffer = ''
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: chunkBytes })) {
    buffer += chunk as string
    let at = 0
    if (!header) {
      const start = buffer.indexOf(VECTORS_KEY)
      if (start < 0) continue
      header = parseHeader(buffer.slice(0, start))
      out = selectWords(header, limit, keep)
      rowOf = new Map(out.words.map((word, row) => [word, row]))
      at = start + VECTORS_KEY.length
    }
    if (!out) continue
    for (;;) {
      OBJECT_END.lastIndex = at
      if (OBJECT_END.test(buffer)) return finish(out, filled)
      ENTRY.lastIndex = at
      const key = ENTRY.exec(buffer)
      const end = key ? buffer.indexOf(']', ENTRY.lastIndex) : -1
      if (!key || end < 0) break
      const raw = key[1] as string
      const word = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw
      const row = rowOf.get(word)
      if (row !== undefined) {
        const numbers = buffer.slice(ENTRY.lastIndex, end).split(',').map(Number)
        checkEntry(word, numbers, header as WinkHeader, out.ranks[row] as number)
        out.values.set(numbers.slice(0, out.dimensions), row * out.dimensions)
        filled++
      }
      at = end + 1
    }
    buffer = buffer.slice(at)
  }
  if (!out) throw new Error(`no "vectors" object found in ${path}`)
  return finish(out, filled)
}

function selectWords(header: WinkHeader, limit: number, keep: (word: string) => boolean): WinkVectors {
  const words: string[] = []
  const ranks: number[] = []
  const seen = new Set<string>()
  for (let rank = 0; rank < header.words.length && words.length < limit; rank++) {
    const word = header.words[rank] as string
    if (seen.has(word) || !keep(word)) continue
    seen.add(word)
    words.push(word)
    ranks.push(rank)
  }
  const values = new Float32Array(words.length * header.dimensions)
  const { dimensions, size: vocabularySize } = header
  return { words, ranks: Uint32Array.from(ranks), values, dimensions, vocabularySize }
}

function parseHeader(prefix: string): WinkHeader {
  // The prefix is `{...,"words":[...],`: close it and let JSON.parse check it.
  const parsed = JSON.parse(`${prefix.replace(/,\s*$/, '')}}`) as Partial<WinkHeader>
  const { dimensions, size, l2NormIndex, wordIndex, words } = parsed
  if (!Number.isInteger(dimensions) || !Array.isArray(words) || typeof size !== 'number') {
    throw new Error('unexpected wink layout: need dimensions, size and words before vectors')
  }
  return { dimensions, size, l2NormIndex, wordIndex, words } as WinkHeader
}

function checkEntry(word: string, numbers: number[], header: WinkHeader, rank: number): void {
  const ok =
    numbers.length >= header.dimensions &&
    numbers.slice(0, header.dimensions).every(Number.isFinite) &&
    (numbers.length <= header.wordIndex || numbers[header.wordIndex] === rank)
  if (!ok) throw new Error(`malformed vector for "${word}"`)
}

function finish(out: WinkVectors, filled: number): WinkVectors {
  if (filled !== out.words.length) throw new Error(`found ${filled} of ${out.words.length} vectors`)
  return out
}
