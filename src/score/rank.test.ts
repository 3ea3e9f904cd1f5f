import { describe, expect, it } from 'vitest'
import { BM25_ONLY, DEFAULT_SCORING, scoringConfig } from './config.js'
import { type CandidateSignals, rankCandidates } from './rank.js'

const signal = (id: string, overrides: Partial<CandidateSignals> = {}): CandidateSignals => ({
  id,
  dense: 0.5,
  keyword: 0.5,
  session: 0,
  baseLevel: -6,
  spreading: 0,
  claim: 0,
  confidence: 5,
  ...overrides,
})

describe('rankCandidates', () => {
  it.each([
    ['relevance', { dense: 0.9 }],
    ['session', { session: 0.8 }],
    ['activation', { baseLevel: -2 }],
    ['spreading', { spreading: 1.5 }],
    ['confidence', { confidence: 9 }],
  ])('each component can lift an otherwise equal memory: %s', (_name, lift) => {
    const [top] = rankCandidates([signal('a'), signal('b', lift)], DEFAULT_SCORING)
    expect(top?.id).toBe('b')
  })

  it('explains the score: parts before confidence, times the multiplier', () => {
    const [r] = rankCandidates([signal('a', { spreading: 1, confidence: 10 })], DEFAULT_SCORING)
    const b = r?.breakdown
    expect(b).toBeDefined()
    if (!b) return
    expect(r?.score).toBeCloseTo((b.relevance + b.session + b.activation + b.spreading) * b.confidence, 12)
    expect(b).toMatchObject({
      relevance: 0.5,
      spreading: 0.1,
      confidence: 1.2,
      dense: 0.5,
      keyword: 0.5,
      baseLevel: -6,
    })
  })

  it('with zero weights a component changes nothing (the baselines)', () => {
    const bm25 = scoringConfig(BM25_ONLY)
    const ranked = rankCandidates(
      [
        signal('a', { keyword: 0.9, baseLevel: -9 }),
        signal('b', { keyword: 0.8, session: 1, baseLevel: 0, spreading: 2, confidence: 10 }),
      ],
      bm25,
    )
    expect(ranked.map((r) => r.id)).toEqual(['a', 'b'])
  })
})

describe('claim evidence', () => {
  it('ranks a memory asserting what the question asks about above a more similar one', () => {
    const ranked = rankCandidates(
      [
        signal('sister', { keyword: 0.9, dense: 0.9 }),
        signal('answer', { keyword: 0.6, dense: 0.6, claim: 1 }),
      ],
      DEFAULT_SCORING,
    )
    expect(ranked.map((r) => r.id)).toEqual(['answer', 'sister'])
    expect(ranked[0]?.breakdown.claim).toBe(DEFAULT_SCORING.claim)
  })
})
