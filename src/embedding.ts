import type { Embedder, WordFrequencies } from './embed/embedder.js'
import { MemoryError } from './errors.js'
import type { MemoryStore } from './store/store.js'
import { words } from './text/words.js'

/** Why texts are embedded: to be stored (their words join the corpus) or to query. */
export type EmbedPurpose = 'store' | 'query'

/**
 * Word frequencies of the tenant's corpus. For texts about to be stored, their
 * own words count too, so the first batch into an empty store is weighted by itself.
 */
async function frequencies(
  store: MemoryStore,
  tenantId: string,
  texts: readonly string[],
  purpose: EmbedPurpose,
): Promise<WordFrequencies> {
  const batch = new Map<string, number>()
  let batchTotal = 0
  for (const text of texts)
    for (const w of words(text)) {
      batch.set(w, (batch.get(w) ?? 0) + 1)
      batchTotal++
    }
  const corpus = await store.termCounts(tenantId, [...batch.keys()])
  if (purpose === 'query') return corpus
  const counts = new Map(corpus.counts)
  for (const [w, n] of batch) counts.set(w, (counts.get(w) ?? 0) + n)
  return { total: corpus.total + batchTotal, counts }
}

/**
 * Embeds texts of one tenant with the corpus statistics the embedder may use,
 * and checks what comes back: one finite vector of the right size per text.
 */
export async function embedForTenant(
  embedder: Embedder,
  store: MemoryStore,
  tenantId: string,
  texts: readonly string[],
  purpose: EmbedPurpose,
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const termCounts = await frequencies(store, tenantId, texts, purpose)
  let vectors: Float32Array[]
  try {
    vectors = await embedder.embed(texts, { signal, termCounts })
  } catch (error) {
    if (MemoryError.is(error)) throw error
    throw new MemoryError('EMBED_FAILED', `Embedding failed: ${(error as Error).message}`, { cause: error })
  }
  if (vectors.length !== texts.length)
    throw new MemoryError(
      'EMBED_FAILED',
      `Embedder returned ${vectors.length} vectors for ${texts.length} texts`,
    )
  for (const v of vectors)
    if (v.length !== embedder.dimensions || !v.every(Number.isFinite))
      throw new MemoryError(
        'EMBED_FAILED',
        'Embedder returned a vector of the wrong size or with non-finite values',
      )
  return vectors
}

/**
 * Adopts the embedder's vector space and re-embeds every stored memory, of
 * every tenant, so vectors of two spaces never mix. Safe to re-run.
 */
export async function reindexStore(options: {
  store: MemoryStore
  embedder: Embedder
  onProgress?: ((done: number, total: number | null) => void) | undefined
  signal?: AbortSignal | undefined
}): Promise<{ reindexed: number }> {
  const { store, embedder } = options
  await store.openVectorSpace({ id: embedder.id, dimensions: embedder.dimensions }, { reset: true })
  let done = 0
  for await (const batch of store.scan({})) {
    options.signal?.throwIfAborted()
    const byTenant = new Map<string, typeof batch>()
    for (const m of batch) byTenant.set(m.record.tenantId, [...(byTenant.get(m.record.tenantId) ?? []), m])
    for (const [tenantId, items] of byTenant) {
      const texts = items.map((m) => m.record.content)
      const vectors = await embedForTenant(embedder, store, tenantId, texts, 'query', options.signal)
      await store.replaceVectors(
        items.map((m, i) => ({ tenantId, id: m.record.id, vector: vectors[i] as Float32Array })),
      )
    }
    done += batch.length
    options.onProgress?.(done, null)
  }
  return { reindexed: done }
}
