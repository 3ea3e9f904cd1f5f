/** A source of activation: an entity in the query or conversation, with its share of attention. */
export interface ActivationSource {
  key: string
  /** W_j: how much attention this source gets. Sources' weights usually sum to 1. */
  weight: number
}

/** What spreading needs to know about one memory and the graph around it. */
export interface SpreadingInputs {
  sources: readonly ActivationSource[]
  /** Entity keys the memory mentions. */
  memoryKeys: ReadonlySet<string>
  /** fan_j: how many memories mention each source entity (missing = not in the graph). */
  fans: ReadonlyMap<string, number>
  /** Learned strength between a source key and this memory (from feedback). */
  learned?: ReadonlyMap<string, number>
}

/**
 * ACT-R spreading activation `Σ_j W_j · S_ji` with the fan effect
 * `S_ji = S − ln(fan_j)`: an entity mentioned by many memories (a hub such as
 * the user's own name) says little about any one of them and spreads less.
 * Strength is floored at 0 (a hub never counts against a memory); feedback's
 * learned strength is added on top, so it can also lift an unlinked memory or
 * push a linked one down.
 */
export function spreadingActivation(inputs: SpreadingInputs, maxAssociation: number): number {
  let total = 0
  for (const { key, weight } of inputs.sources) {
    const fan = inputs.fans.get(key)
    const linked = inputs.memoryKeys.has(key) && fan !== undefined && fan > 0
    const structural = linked ? Math.max(0, maxAssociation - Math.log(fan)) : 0
    total += weight * (structural + (inputs.learned?.get(key) ?? 0))
  }
  return total
}

/** Spreading activation scaled to [0, 1] by its ceiling S (one fan-1 entity holding all attention). */
export function normaliseSpreading(value: number, maxAssociation: number): number {
  return maxAssociation > 0 ? Math.min(1, Math.max(0, value / maxAssociation)) : 0
}

/** Splits `total` attention evenly over distinct keys. */
export function evenSources(keys: Iterable<string>, total: number): ActivationSource[] {
  const unique = [...new Set(keys)]
  return unique.map((key) => ({ key, weight: total / unique.length }))
}
