/**
 * Retrieval metrics over one ranked list of ids against a set of gold ids.
 * Pure functions; every one returns a number in [0, 1]. A question with no gold
 * id is the caller's mistake (benchmarks skip those), so it throws.
 */

function checkGold(gold: ReadonlySet<string>): void {
  if (gold.size === 0) throw new RangeError('a question needs at least one gold id')
}

/** How many gold ids are in the first k of the ranking (duplicates count once). */
function hitsAt(ranked: readonly string[], gold: ReadonlySet<string>, k: number): number {
  return new Set(ranked.slice(0, k).filter((id) => gold.has(id))).size
}

/**
 * The share of gold ids found in the top k: LoCoMo's turn-level evidence recall.
 *
 * @example recallAtK(['a', 'x', 'b'], new Set(['a', 'b']), 2) // 0.5
 */
export function recallAtK(ranked: readonly string[], gold: ReadonlySet<string>, k: number): number {
  checkGold(gold)
  return hitsAt(ranked, gold, k) / gold.size
}

/** 1 if any gold id is in the top k, else 0 (LongMemEval's `recall_any@k`). */
export function recallAnyAtK(ranked: readonly string[], gold: ReadonlySet<string>, k: number): number {
  checkGold(gold)
  return hitsAt(ranked, gold, k) > 0 ? 1 : 0
}

/** 1 if every gold id is in the top k, else 0 (LongMemEval's `recall_all@k`, the paper's "Recall"). */
export function recallAllAtK(ranked: readonly string[], gold: ReadonlySet<string>, k: number): number {
  checkGold(gold)
  return hitsAt(ranked, gold, k) === gold.size ? 1 : 0
}

/** Binary relevance of each of the first k ranked ids; a repeated id counts only the first time. */
function relevances(ranked: readonly string[], gold: ReadonlySet<string>, k: number): number[] {
  const seen = new Set<string>()
  return ranked.slice(0, k).map((id) => {
    const relevant = gold.has(id) && !seen.has(id)
    seen.add(id)
    return relevant ? 1 : 0
  })
}

function ndcgWith(
  ranked: readonly string[],
  gold: ReadonlySet<string>,
  k: number,
  discount: (position: number) => number,
): number {
  checkGold(gold)
  const dcg = (rels: readonly number[]) => rels.reduce((sum, rel, i) => sum + rel * discount(i), 0)
  const ideal = dcg(Array.from({ length: Math.min(k, gold.size) }, () => 1))
  return dcg(relevances(ranked, gold, k)) / ideal
}

/**
 * Standard NDCG@k with binary relevance: position p (from 1) weighs 1/log2(p+1).
 *
 * @example ndcgAtK(['x', 'a'], new Set(['a']), 10) // 1 / log2(3) ≈ 0.631
 */
export function ndcgAtK(ranked: readonly string[], gold: ReadonlySet<string>, k: number): number {
  return ndcgWith(ranked, gold, k, (i) => 1 / Math.log2(i + 2))
}

/**
 * LongMemEval's `ndcg_any@k`, as its official `eval_utils.py` computes it: the
 * first position weighs 1 and position p ≥ 2 weighs 1/log2(p), so the first two
 * positions weigh the same. Kept separate so published figures compare.
 */
export function ndcgAnyAtK(ranked: readonly string[], gold: ReadonlySet<string>, k: number): number {
  return ndcgWith(ranked, gold, k, (i) => (i === 0 ? 1 : 1 / Math.log2(i + 1)))
}

/** The arithmetic mean; 0 for no values. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length
}

/** The p-th percentile (0-100) by the nearest-rank method; 0 for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number
}
