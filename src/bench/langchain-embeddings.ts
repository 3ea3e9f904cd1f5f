import type { Embedder } from '../embed/embedder.js'

/**
 * The two methods of LangChain's `Embeddings` class that other libraries call
 * (mem0's `langchain` embedder among them). Declared here so that the project
 * does not depend on LangChain.
 */
export interface LangChainEmbeddings {
  embedDocuments(texts: string[]): Promise<number[][]>
  embedQuery(text: string): Promise<number[]>
}

/**
 * An embedder in LangChain's shape, so a library that takes LangChain
 * embeddings embeds with exactly the vectors the embedder gives. No corpus word
 * counts are passed: the local embedder then weighs words by its prior alone.
 *
 * @example
 * const embeddings = langchainEmbeddings(await createLocalEmbedder())
 * const vector = await embeddings.embedQuery('where did Alice move?')
 */
export function langchainEmbeddings(embedder: Embedder): LangChainEmbeddings {
  return {
    async embedDocuments(texts) {
      return (await embedder.embed(texts)).map((v) => Array.from(v))
    },
    async embedQuery(text) {
      const [vector] = await embedder.embed([text])
      if (!vector) throw new Error(`embedder ${embedder.id} returned no vector`)
      return Array.from(vector)
    },
  }
}
