/**
 * A deterministic pseudo-random unit vector for a string: FNV-1a seeds a
 * xorshift generator. Used for words the vocabulary lacks, so that texts made
 * of unknown words (names, codes, another language) still match themselves and
 * each other in proportion to the words they share.
 */
export function hashedVector(key: string, dimensions: number): Float64Array {
  let state = 0x811c9dc5
  for (let i = 0; i < key.length; i++) state = Math.imul(state ^ key.charCodeAt(i), 0x01000193)
  state = state >>> 0 || 1
  const out = new Float64Array(dimensions)
  let norm = 0
  for (let d = 0; d < dimensions; d++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    const value = state / 0x100000000 - 0.5
    out[d] = value
    norm += value * value
  }
  const scale = 1 / Math.sqrt(norm)
  for (let d = 0; d < dimensions; d++) out[d] = (out[d] as number) * scale
  return out
}
