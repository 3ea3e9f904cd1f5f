import { parentPort } from 'node:worker_threads'
import { analyseContent } from '../indexing.js'

/**
 * A thread of the analysis pool (`analysis-pool.ts`): reads the contents it is sent for
 * the indexes and answers with what `analyseContent` found, in order.
 */
parentPort?.postMessage({ ready: true })
parentPort?.on('message', (message: { id: number; items: { content: string; userId: string }[] }) => {
  try {
    parentPort?.postMessage({ id: message.id, results: message.items.map(analyseContent) })
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: (error as Error).message })
  }
})
