import { words } from '../../text/words.js'
import type { WordFrequencies } from '../embedder.js'
import { hashedVector } from './hashed-vector.js'
import type { VectorTable } from './vector-file.js'
import { isLoneLetter, lookupWord } from './word-forms.js'

/** A loaded vector table with its word index and per-row prior probabilities. */
export interface SifModel {
  readonly table: VectorTable
  readonly index: ReadonlyMap<string, number>
  /** Zipf prior `p(w)` of each row. */
  readonly prior: Float64Array
  /** Prior of a word outside the vocabulary: that of the rarest source word. */
  readonly unknownPrior: number
}

/** The knobs of SIF weighting; `SIF_DEFAULTS` holds the measured choice. */
export interface SifSettings {
  /** Smooth inverse frequency: a word weighs `a / (a + p(w))`. */
  a: number
  /** Pseudo-count of the prior when blending it with corpus counts (Dirichlet smoothing). */
  priorMass: number
  /** Subtract the table's mean word vector and project out its common components. */
  removeCommon: boolean
  /** Length given to the hashed vector of a word outside the vocabulary; 0 ignores such words. */
  unknownNorm: number
}

/**
 * The settings the local embedder uses, chosen on LoCoMo turn retrieval (R@10
 * 0.49; see the embedder's docs). Changing them changes the vectors: bump the
 * embedder id.
 */
export const SIF_DEFAULTS: Readonly<SifSettings> = {
  a: 1e-3,
  priorMass: 20_000,
  removeCommon: true,
  unknownNorm: 3,
}

/**
 * Sentence vector of `text`: the SIF-weighted sum of its (centred) word vectors,
 * with the table's common components projected out, at unit length.
 */
export function sifVector(
  text: string,
  model: SifModel,
  termCounts: WordFrequencies | undefined,
  settings: SifSettings,
): Float32Array {
  const { table, prior } = model
  const dims = table.dimensions
  const sum = new Float64Array(dims)
  let knownWeight = 0
  const tokens = words(text)
  for (const token of tokens) {
    const row = lookupWord(model.index, token)
    const base = row === undefined ? model.unknownPrior : (prior[row] as number)
    const count = termCounts?.counts.get(token) ?? 0
    const total = termCounts?.total ?? 0
    const p = (count + settings.priorMass * base) / (total + settings.priorMass)
    const weight = settings.a / (settings.a + p)
    if (row !== undefined) {
      knownWeight += weight
      const scaled = weight * (table.scales[row] as number)
      const offset = row * dims
      for (let d = 0; d < dims; d++)
        sum[d] = (sum[d] as number) + scaled * (table.values[offset + d] as number)
    } else if (settings.unknownNorm > 0 && !isLoneLetter(token)) {
      const hashed = hashedVector(token, dims)
      const scaled = weight * settings.unknownNorm
      for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) + scaled * (hashed[d] as number)
    }
  }
  if (settings.removeCommon) removeCommon(sum, knownWeight, table)
  return unitOrFallback(sum, tokens.length > 0 ? tokens.join(' ') : text.trim())
}

/** Centres the known words' contribution, then projects out each common component. */
function removeCommon(sum: Float64Array, knownWeight: number, table: VectorTable): void {
  const { dimensions: dims, mean, components } = table
  for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) - knownWeight * (mean[d] as number)
  for (let offset = 0; offset < components.length; offset += dims) {
    let dot = 0
    for (let d = 0; d < dims; d++) dot += (sum[d] as number) * (components[offset + d] as number)
    for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) - dot * (components[offset + d] as number)
  }
}

/**
 * Normalises `sum`; when it is (near) zero, as for empty text or text with no
 * known word, returns the hashed vector of `key` instead, so identical texts
 * still get identical vectors.
 */
function unitOrFallback(sum: Float64Array, key: string): Float32Array {
  let norm = 0
  for (const x of sum) norm += x * x
  norm = Math.sqrt(norm)
  const source = norm > 1e-9 && Number.isFinite(norm) ? sum : hashedVector(key, sum.length)
  const scale = source === sum ? 1 / norm : 1
  return Float32Array.from(source, (x) => x * scale)
}
