import { describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../embed/index.js'
import { langchainEmbeddings } from './langchain-embeddings.js'

describe('langchainEmbeddings', () => {
  const texts = ['Ana adopted a beagle named Pretzel', 'Ben ran the Lisbon marathon', '']

  it('gives the embedder’s own vectors, as plain number arrays, in order', async () => {
    const embedder = await createLocalEmbedder()
    const embeddings = langchainEmbeddings(embedder)
    const direct = await embedder.embed(texts)
    const documents = await embeddings.embedDocuments(texts)
    expect(documents).toHaveLength(texts.length)
    documents.forEach((vector, i) => {
      expect(Array.isArray(vector)).toBe(true)
      expect(vector).toHaveLength(embedder.dimensions)
      expect(vector).toEqual(Array.from(direct[i] as Float32Array))
    })
    expect(await embeddings.embedQuery(texts[1] as string)).toEqual(documents[1])
  })
})
