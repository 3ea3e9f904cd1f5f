import { parentPort } from 'node:worker_threads'
import { analyseContent } from '../indexing.js'
import { type AnalysisRequest, type ChunkResults, takeChunk } from './analysis-chunks.js'

/**
 * A thread of the analysis pool (`analysis-pool.ts`): takes chunks of the batch it is
 * sent until none is left (the caller takes them too), and answers with what
 * `analyseContent` found in each chunk it took.
 */
parentPort?.postMessage({ ready: true })
parentPort?.on('message', (message: AnalysisRequest & { id: number }) => {
  try {
    const results: ChunkResults = []
    const { items, chunk } = message
    for (let from = takeChunk(message); from < items.length; from = takeChunk(message))
      results.push([from, items.slice(from, from + chunk).map(analyseContent)])
    parentPort?.postMessage({ id: message.id, results })
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: (error as Error).message })
  }
})
