import { normaliseActivation } from './activation.js'
import { confidenceMultiplier } from './confidence.js'
import type { ScoringConfig } from './config.js'
import { normaliseSpreading } from './spreading.js'

/** Everything known about one candidate, each signal already computed. */
export interface CandidateSignals {
  id: string
  /** Dense similarity, min-max normalised over the dense candidates (0 if not among them). */
  dense: number
  /** BM25, min-max normalised over the keyword candidates (0 if not among them). */
  keyword: number
  /** Best first-pass relevance in the memory's session, in [0, 1] (0 without a session). */
  session: number
  /** Base-level activation B (unbounded, log scale). */
  baseLevel: number
  /** Spreading activation Σ W_j·S_ji (unbounded). */
  spreading: number
  /** 1 when the memory asserts what the question asks about, else 0. */
  claim: number
  /** 0–10. */
  confidence: number
}

/** A ranked candidate with the explanation of its score. */
export interface RankedCandidate {
  id: string
  score: number
  /**
   * `relevance + session + activation + spreading + claim` is the score before confidence, and
   * `confidence` is the multiplier applied to it; `dense`, `keyword` and
   * `baseLevel` are the raw parts behind them.
   */
  breakdown: {
    relevance: number
    session: number
    activation: number
    spreading: number
    claim: number
    confidence: number
    dense: number
    keyword: number
    baseLevel: number
  }
}

/** Scores and sorts candidates, best first; ties go to the smaller id for a stable order. */
export function rankCandidates(
  candidates: readonly CandidateSignals[],
  config: ScoringConfig,
): RankedCandidate[] {
  const ranked = candidates.map((c): RankedCandidate => {
    const relevance = config.dense * c.dense + config.keyword * c.keyword
    const session = config.session * c.session
    const activation = config.activation * normaliseActivation(c.baseLevel)
    const spreading = config.spreading * normaliseSpreading(c.spreading, config.maxAssociation)
    const claim = config.claim * c.claim
    const multiplier = confidenceMultiplier(c.confidence, config.confidence)
    return {
      id: c.id,
      score: (relevance + session + activation + spreading + claim) * multiplier,
      breakdown: {
        relevance,
        session,
        activation,
        spreading,
        claim,
        confidence: multiplier,
        dense: c.dense,
        keyword: c.keyword,
        baseLevel: c.baseLevel,
      },
    }
  })
  return ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
}
