/**
 * The prior probability of each word from its frequency rank alone, by Zipf's law:
 * `p(rank) = (rank + 1)^-1 / H`, normalised over the whole source vocabulary.
 * The wink vectors come ranked but without counts, so this stands in for the
 * unigram probabilities that SIF weighting needs when a corpus is small.
 */
export function zipfPrior(ranks: Uint32Array, vocabularySize: number): Float64Array {
  let harmonic = 0
  for (let r = 1; r <= vocabularySize; r++) harmonic += 1 / r
  const prior = new Float64Array(ranks.length)
  for (let i = 0; i < ranks.length; i++) prior[i] = 1 / ((ranks[i] as number) + 1) / harmonic
  return prior
}
