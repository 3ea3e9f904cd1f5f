import type { Candidate } from '../store/store.js'

/** How dense and keyword evidence are combined. */
export interface RelevanceWeights {
  /** Share of the dense (embedding) signal. @default 0.5 */
  dense: number
  /** Share of the keyword (BM25) signal. @default 0.5 */
  keyword: number
}

export const DEFAULT_RELEVANCE_WEIGHTS: RelevanceWeights = { dense: 0.5, keyword: 0.5 }

/** One memory's fused relevance and the normalised parts it came from. */
export interface Relevance {
  id: string
  relevance: number
  dense: number
  keyword: number
}

/**
 * Scales scores to [0, 1] by min-max over the list. A list of one, or of equal
 * scores, maps to 1: being retrieved at all is the evidence.
 */
export function minMax(candidates: readonly Candidate[]): Map<string, number> {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const c of candidates) {
    lo = Math.min(lo, c.score)
    hi = Math.max(hi, c.score)
  }
  const span = hi - lo
  return new Map(candidates.map((c) => [c.id, span > 0 ? (c.score - lo) / span : 1]))
}

/**
 * Scales scores to [0, 1] by dividing by the best; negative scores become 0.
 * Unlike min-max it keeps how close two memories are when there are only a few,
 * so a slightly better match does not look like a perfect one against a poor one.
 */
export function scaleToMax(candidates: readonly Candidate[]): Map<string, number> {
  let hi = 0
  for (const c of candidates) hi = Math.max(hi, c.score)
  return new Map(candidates.map((c) => [c.id, hi > 0 ? Math.max(0, c.score) / hi : 0]))
}

/** How a strategy's raw scores are brought to [0, 1] before fusion. */
export type Normalisation = 'min-max' | 'max'

const NORMALISERS: Record<Normalisation, (c: readonly Candidate[]) => Map<string, number>> = {
  'min-max': minMax,
  max: scaleToMax,
}

/**
 * Fuses dense and keyword candidates by a min-max weighted sum. Measured here on
 * LoCoMo this beat reciprocal rank fusion, because it keeps how far apart
 * scores are, not just their order. A memory missing from a list scores 0 there.
 * Sorted best first; ties broken by id for a stable order.
 */
export function fuseRelevance(
  dense: readonly Candidate[],
  keyword: readonly Candidate[],
  weights: RelevanceWeights = DEFAULT_RELEVANCE_WEIGHTS,
  normalisation: Normalisation = 'min-max',
): Relevance[] {
  const d = NORMALISERS[normalisation](dense)
  const k = NORMALISERS[normalisation](keyword)
  const ids = new Set([...d.keys(), ...k.keys()])
  const fused: Relevance[] = []
  for (const id of ids) {
    const denseScore = d.get(id) ?? 0
    const keywordScore = k.get(id) ?? 0
    const relevance = weights.dense * denseScore + weights.keyword * keywordScore
    fused.push({ id, relevance, dense: denseScore, keyword: keywordScore })
  }
  return fused.sort((a, b) => b.relevance - a.relevance || (a.id < b.id ? -1 : 1))
}
