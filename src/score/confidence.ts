/** Neutral confidence: a memory nobody has confirmed or disputed. */
export const NEUTRAL_CONFIDENCE = 5

/**
 * The factor confidence multiplies a score by: `1 + weight·(c − 5)/5`, so 5 is
 * neutral, 10 gives `1 + weight` and 0 gives `1 − weight`.
 */
export function confidenceMultiplier(confidence: number, weight: number): number {
  const c = Math.min(10, Math.max(0, confidence))
  return 1 + (weight * (c - NEUTRAL_CONFIDENCE)) / NEUTRAL_CONFIDENCE
}
