/**
 * The embedder contract, in the Vercel AI SDK's shape. An embedder turns texts
 * into unit-length vectors of a fixed size. Its `id` names the vector space:
 * two embedders with the same id must produce comparable vectors.
 */
export interface Embedder {
  /** Names the vector space, e.g. `local:wink-sg100d-sif@1` or `openai:text-embedding-3-small`. */
  readonly id: string
  readonly dimensions: number
  /** One vector per text, in order. Throws `MemoryError` `EMBED_FAILED` on failure. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>
}

export interface EmbedOptions {
  signal?: AbortSignal | undefined
  /**
   * How often words occur in the corpus the texts belong to. Embedders that
   * weight words by frequency (the offline default) use it; others ignore it.
   */
  termCounts?: WordFrequencies | undefined
}

/** Word counts of a corpus, as kept by the store. */
export interface WordFrequencies {
  total: number
  counts: ReadonlyMap<string, number>
}
