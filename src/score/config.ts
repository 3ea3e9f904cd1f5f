import type { Normalisation } from './relevance.js'

/**
 * Every weight and constant of ranking, in one object with documented defaults.
 * A memory's score is
 *   (relevance + session·E + activation·A + spreading·S + claim·C) × confidenceMultiplier
 * where relevance = dense·D + keyword·K (each scaled to [0, 1] over the
 * candidates), session is the best first-pass relevance in the memory's
 * session, A the ACT-R base-level activation squashed to [0, 1], and S the
 * spreading activation from the query's entities, normalised to [0, 1], and
 * claim is 1 when the memory asserts what the question asks about (the
 * attribute of the subject: "Where does Alice live?" → her residence).
 */
export interface ScoringConfig {
  /** Weight of dense (embedding) similarity in relevance. @default 0.4 */
  dense: number
  /** Weight of keyword (BM25) score in relevance. @default 0.6 */
  keyword: number
  /**
   * Weight of session evidence: the best first-pass relevance (dense·D +
   * keyword·K over D + K) among the candidates of the memory's session.
   * @default 0.5
   */
  session: number
  /** Weight of base-level activation (recency and frequency of use). @default 0.1 */
  activation: number
  /** Weight of spreading activation from the query's entities. @default 0.2 */
  spreading: number
  /** Weight of a memory asserting the attribute a question asks about: enough to rank the answer first. @default 2 */
  claim: number
  /**
   * How much confidence scales the score: the multiplier is
   * `1 + confidence·(c − 5)/5`, so 5 is neutral. @default 0.2
   */
  confidence: number
  /** ACT-R decay rate `d` in `B = ln Σ (t − t_i)^(−d)`. @default 0.5 */
  decay: number
  /** ACT-R maximum associative strength `S` in `S_ji = S − ln(fan_j)`. @default 2 */
  maxAssociation: number
  /** Candidates each strategy contributes before scoring. @default 100 */
  candidates: number
  /** How dense and keyword scores are scaled to [0, 1] before fusion. @default 'max' */
  normalisation: Normalisation
}

export const DEFAULT_SCORING: Readonly<ScoringConfig> = Object.freeze({
  dense: 0.4,
  keyword: 0.6,
  session: 0.5,
  activation: 0.1,
  spreading: 0.2,
  claim: 2,
  confidence: 0.2,
  decay: 0.5,
  maxAssociation: 2,
  candidates: 100,
  normalisation: 'max',
})

/** Keyword retrieval alone: the `bm25` baseline of the benchmarks. */
export const BM25_ONLY: Partial<ScoringConfig> = Object.freeze({
  dense: 0,
  keyword: 1,
  session: 0,
  activation: 0,
  spreading: 0,
  claim: 0,
  confidence: 0,
})

/** Dense retrieval alone: the `dense` baseline of the benchmarks. */
export const DENSE_ONLY: Partial<ScoringConfig> = Object.freeze({
  dense: 1,
  keyword: 0,
  session: 0,
  activation: 0,
  spreading: 0,
  claim: 0,
  confidence: 0,
})

/** Defaults overridden by what the caller set. */
export function scoringConfig(overrides: Partial<ScoringConfig> = {}): ScoringConfig {
  return { ...DEFAULT_SCORING, ...overrides }
}
