import { afterEach, describe, expect, it } from 'vitest'
import { corpusLayout, corpusMemories } from '../bench/scale-corpus.js'
import { analyseContent } from '../indexing.js'
import { type AnalysisPool, createAnalysisPool } from './analysis-pool.js'

const notes = [...corpusMemories(corpusLayout({ size: 400, seed: 3 }))].map((m) => ({
  content: m.content,
  userId: m.userId,
}))
const pools: AnalysisPool[] = []
const pool = (options: Parameters<typeof createAnalysisPool>[0]) => {
  const p = createAnalysisPool(options)
  pools.push(p)
  return p
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()))
})

describe('analysis pool', () => {
  it('gives what analysing each content here gives, in order, whether threads share the batch or not', {
    timeout: 30_000,
  }, async () => {
    const expected = notes.map(analyseContent)
    const threaded = pool({ threads: 2, minBatch: 64 })
    // The first large batch starts the threads, which take chunks of it once loaded.
    const first = threaded.start(notes)
    expect(first.threads).toBe(2)
    expect(await first.finish()).toEqual(expected)
    await threaded.ready()
    const shared = threaded.start(notes)
    expect(shared.threads).toBe(2)
    expect(await shared.finish()).toEqual(expected)
    // Small batches stay on this thread.
    const small = threaded.start(notes.slice(0, 10))
    expect(small.threads).toBe(0)
    expect(await small.finish()).toEqual(expected.slice(0, 10))
    expect(await pool({ threads: 0 }).start(notes).finish()).toEqual(expected)
    expect(await threaded.start([]).finish()).toEqual([])
  })

  it('lets its threads take the whole batch while the caller is busy, and the caller take the rest', {
    timeout: 30_000,
  }, async () => {
    const expected = notes.map(analyseContent)
    const threaded = pool({ threads: 1, minBatch: 64 })
    await threaded.ready()
    const busy = threaded.start(notes)
    // The caller stores the previous batch, say: the thread goes on taking chunks meanwhile.
    const until = Date.now() + 3000
    while (Date.now() < until) {
      // busy, without yielding to the event loop
    }
    expect(await busy.finish()).toEqual(expected)
    expect(busy.analysedHere).toBe(0)
    // A caller that finishes at once takes chunks too, and still gets every result in order.
    const eager = threaded.start(notes)
    expect(await eager.finish()).toEqual(expected)
    expect(eager.analysedHere).toBeGreaterThan(0)
  })

  it('lets a thread that loads while the caller is busy take the first batch', {
    timeout: 30_000,
  }, async () => {
    const expected = notes.map(analyseContent)
    const threaded = pool({ threads: 1, minBatch: 64 })
    const first = threaded.start(notes)
    const second = threaded.start(notes)
    // Busy without yielding: the thread loads meanwhile, then works through both batches.
    const until = Date.now() + 8000
    while (Date.now() < until) {
      // busy
    }
    expect(await first.finish()).toEqual(expected)
    expect(await second.finish()).toEqual(expected)
    expect(first.analysedHere + second.analysedHere).toBe(0)
  })

  it('stops its threads after a while without large batches, and starts them again', {
    timeout: 30_000,
  }, async () => {
    const threaded = pool({ threads: 1, minBatch: 8, idleMs: 300 })
    await threaded.ready()
    expect(threaded.start(notes.slice(0, 20)).threads).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 700))
    // Stopped: the next large batch starts a thread again.
    const after = threaded.start(notes.slice(0, 20))
    expect(after.threads).toBe(1)
    expect(await after.finish()).toEqual(notes.slice(0, 20).map(analyseContent))
    await threaded.ready()
    expect(threaded.start(notes.slice(0, 20)).threads).toBe(1)
  })

  it('analyses here what a thread that died was given', { timeout: 30_000 }, async () => {
    const threaded = pool({ threads: 1, minBatch: 8 })
    await threaded.ready()
    const pending = threaded.start(notes.slice(0, 100))
    expect(pending.threads).toBe(1)
    // Closing stops the threads with the batch in flight: their share comes back here.
    await threaded.close()
    expect(await pending.finish()).toEqual(notes.slice(0, 100).map(analyseContent))
  })
})
