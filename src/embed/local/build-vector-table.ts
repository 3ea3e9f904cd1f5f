import type { WinkVectors } from './read-wink.js'
import type { VectorTable } from './vector-file.js'
import { zipfPrior } from './word-prior.js'

/** How many common directions the table stores (measured on LoCoMo: 2-4 do equally well). */
export const COMMON_COMPONENTS = 2

/**
 * Quantises float word vectors to int8 with one scale per word (the largest
 * component maps to 127), and computes what all sentences share: the
 * prior-weighted mean word vector and the top principal directions of the
 * centred vectors. Removing them from sentence vectors is the SIF paper's step 2
 * (and "all-but-the-top" post-processing); computing them here rather than from
 * the user's corpus keeps embeddings deterministic.
 */
export function buildVectorTable(source: WinkVectors): VectorTable {
  const { words, dimensions: dims, values: floats, ranks } = source
  const values = new Int8Array(floats.length)
  const scales = new Float32Array(words.length)
  for (let row = 0; row < words.length; row++) {
    let max = 0
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(floats[row * dims + d] as number))
    const scale = max / 127 || 1
    scales[row] = scale
    for (let d = 0; d < dims; d++)
      values[row * dims + d] = Math.round((floats[row * dims + d] as number) / scale)
  }
  const prior = zipfPrior(ranks, source.vocabularySize)
  const { mean, components } = commonDirections(floats, dims, prior, COMMON_COMPONENTS)
  return {
    words,
    dimensions: dims,
    vocabularySize: source.vocabularySize,
    values,
    scales,
    ranks,
    mean,
    components,
  }
}

/**
 * The weighted mean of the rows and the top `k` eigenvectors of the weighted
 * covariance `sum_w weight(w) (v_w - mean)(v_w - mean)^T`, by power iteration
 * with deflation on the d x d matrix. Components are returned flat, k x d.
 */
export function commonDirections(
  values: Float32Array,
  dims: number,
  weights: Float64Array,
  k: number,
): { mean: Float32Array; components: Float32Array } {
  let total = 0
  const mean = new Float64Array(dims)
  weights.forEach((w, row) => {
    total += w
    for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) + w * (values[row * dims + d] as number)
  })
  for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) / total
  const cov = new Float64Array(dims * dims)
  const centred = new Float64Array(dims)
  weights.forEach((w, row) => {
    for (let d = 0; d < dims; d++) centred[d] = (values[row * dims + d] as number) - (mean[d] as number)
    for (let i = 0; i < dims; i++) {
      const wi = (w * (centred[i] as number)) / total
      for (let j = i; j < dims; j++)
        cov[i * dims + j] = (cov[i * dims + j] as number) + wi * (centred[j] as number)
    }
  })
  for (let i = 0; i < dims; i++) for (let j = 0; j < i; j++) cov[i * dims + j] = cov[j * dims + i] as number
  const components = new Float32Array(k * dims)
  for (let c = 0; c < k; c++) {
    const { vector, value } = topEigen(cov, dims)
    components.set(vector, c * dims)
    for (let i = 0; i < dims; i++)
      for (let j = 0; j < dims; j++)
        cov[i * dims + j] =
          (cov[i * dims + j] as number) - value * (vector[i] as number) * (vector[j] as number)
  }
  return { mean: Float32Array.from(mean), components }
}

function topEigen(matrix: Float64Array, dims: number): { vector: Float64Array; value: number } {
  let x = Float64Array.from({ length: dims }, (_, i) => 1 + i / dims)
  let value = 0
  for (let iter = 0; iter < 1000; iter++) {
    const y = new Float64Array(dims)
    for (let i = 0; i < dims; i++) {
      for (let j = 0; j < dims; j++)
        y[i] = (y[i] as number) + (matrix[i * dims + j] as number) * (x[j] as number)
    }
    value = Math.hypot(...y)
    x = y.map((v) => v / value)
  }
  return { vector: x, value }
}
