import type { ContentAnalysis } from '../indexing.js'
import type { AnalysisInput } from './analysis-pool.js'

/** A batch shared between the caller and the pool's threads. */
export interface AnalysisRequest {
  items: readonly AnalysisInput[]
  /** Items per chunk. */
  chunk: number
  /** The first item of the next chunk nobody has taken yet (shared by every thread). */
  next: Int32Array
}

/** What a thread analysed: the first item of each chunk it took, with the chunk's results. */
export type ChunkResults = [from: number, analyses: ContentAnalysis[]][]

/** Takes the next chunk: its first item, or the batch's length once every chunk is taken. */
export function takeChunk(request: AnalysisRequest): number {
  return Math.min(Atomics.add(request.next, 0, request.chunk), request.items.length)
}
