import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { analyseContent, type ContentAnalysis } from '../indexing.js'
import { type AnalysisRequest, type ChunkResults, takeChunk } from './analysis-chunks.js'

/** What a memory's analysis needs (see `analyseContent`). */
export interface AnalysisInput {
  content: string
  userId: string
}

/** Options of `createAnalysisPool`. */
export interface AnalysisPoolOptions {
  /** Threads that analyse beside the caller's; 0 analyses everything on the caller's. @default cores − 1 */
  threads?: number
  /** Batches smaller than this are analysed on the caller's thread alone. @default 64 */
  minBatch?: number
  /** Threads stop after this long without a large batch (each holds its own copy of the NLP models). @default 30000 */
  idleMs?: number
}

/** Work handed out by `AnalysisPool.start`. */
export interface PendingAnalysis {
  /** How many of the pool's threads share this batch with the caller. */
  threads: number
  /** Analyses what the threads have not taken yet, then gathers every part: results in input order. */
  finish(): Promise<ContentAnalysis[]>
  /** How many of the items the caller analysed itself (known once `finish` has resolved). */
  readonly analysedHere: number
}

/**
 * Content analysis (entities, claims, words) spread over threads for bulk adds: it is
 * half the CPU of `addMany` and a pure function of the text. A batch is cut into small
 * chunks that the pool's threads and the caller take in turn from a shared counter, so
 * the threads keep working while the caller is busy elsewhere (storing the previous
 * batch, say) and the caller takes what is left when it calls `finish`. Threads start
 * on the first large batch, and join it (and the batches sent while they load) once
 * loaded; the chunks of a thread that fails are analysed by the caller.
 */
export interface AnalysisPool {
  /** Sends the threads their shares now, so the caller can embed meanwhile, then `finish`. */
  start(items: readonly AnalysisInput[]): PendingAnalysis
  /** Starts the threads if they are not running, and resolves once they have loaded. */
  ready(): Promise<void>
  /** Stops the threads. */
  close(): Promise<void>
}

interface Thread {
  worker: Worker
  ready: boolean
  loaded: Promise<void>
  pending: Map<number, { resolve(results: ChunkResults): void; reject(error: Error): void }>
}

/** Items per chunk: small enough to share a batch evenly, large enough to be cheap to take. */
const CHUNK = 16

// The build runs from dist/; the source runs under tsx (tests, benchmarks), and its
// thread loads tsx itself: a loader flag given to a thread is not honoured everywhere.
const fromSource = fileURLToPath(import.meta.url).endsWith('.ts')
const script = new URL(fromSource ? './analysis-worker.ts' : './analysis-worker.js', import.meta.url)
// Analysis allocates many short-lived objects: a larger young generation than V8's
// default scavenges less often (415 ms of a 10,000-memory ingest's analysis, 311 ms after).
const resourceLimits = { maxYoungGenerationSizeMb: 48 }
const newThread = () =>
  fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}) })`,
        { eval: true, resourceLimits },
      )
    : new Worker(script, { resourceLimits })

/** A pool of analysis threads, none started until a large batch arrives. */
export function createAnalysisPool(options: AnalysisPoolOptions = {}): AnalysisPool {
  const size = Math.max(0, options.threads ?? availableParallelism() - 1)
  const minBatch = options.minBatch ?? 64
  const idleMs = options.idleMs ?? 30_000
  const threads: Thread[] = []
  let nextId = 0
  let closed = false
  let idle: NodeJS.Timeout | undefined
  // Stopped when no large batch came for a while; the next one starts them again. A
  // thread still loading or still owing an answer is not idle.
  const rest = () => {
    clearTimeout(idle)
    idle = setTimeout(() => {
      for (const t of [...threads]) {
        if (!t.ready || t.pending.size > 0) continue
        threads.splice(threads.indexOf(t), 1)
        void t.worker.terminate()
      }
    }, idleMs)
    idle.unref()
  }

  function spawn(): void {
    const worker = newThread()
    let loaded = () => {}
    const thread: Thread = {
      worker,
      ready: false,
      loaded: new Promise<void>((resolve) => {
        loaded = resolve
      }),
      pending: new Map(),
    }
    worker.unref()
    worker.on('message', (message: { ready?: true; id?: number; results?: ChunkResults; error?: string }) => {
      if (message.ready) {
        thread.ready = true
        loaded()
        // Idle time counts from when a thread could first work.
        rest()
        return
      }
      const request = thread.pending.get(message.id as number)
      if (request === undefined) return
      thread.pending.delete(message.id as number)
      if (thread.pending.size === 0) {
        worker.unref()
        rest()
      }
      if (message.results) request.resolve(message.results)
      else request.reject(new Error(message.error ?? 'analysis failed'))
    })
    const fail = (error: Error) => {
      loaded()
      const index = threads.indexOf(thread)
      if (index >= 0) threads.splice(index, 1)
      for (const request of thread.pending.values()) request.reject(error)
      thread.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`analysis thread exited with code ${code}`)))
    threads.push(thread)
  }

  function send(thread: Thread, request: AnalysisRequest): Promise<ChunkResults> {
    const id = nextId++
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject })
      // Referenced while it owes an answer, so the process waits for it.
      thread.worker.ref()
      thread.worker.postMessage({ id, ...request })
    })
  }

  const fill = () => {
    while (!closed && threads.length < size) spawn()
  }
  return {
    async ready() {
      fill()
      await Promise.all(threads.map((t) => t.loaded))
    },
    start(items) {
      if (items.length >= minBatch) {
        fill()
        rest()
      }
      // Threads still loading join too: once loaded, they take whatever chunks are left.
      const sharing = items.length >= minBatch ? [...threads] : []
      const request: AnalysisRequest = {
        // Only what analysis reads crosses to a thread; alone, the caller reads the items as given.
        items: sharing.length > 0 ? items.map(({ content, userId }) => ({ content, userId })) : items,
        chunk: CHUNK,
        next: new Int32Array(new SharedArrayBuffer(4)),
      }
      // A thread that fails answers nothing: the caller analyses the chunks it took.
      const parts = sharing.map((thread) => send(thread, request).catch((): ChunkResults => []))
      let analysedHere = 0
      return {
        threads: sharing.length,
        get analysedHere() {
          return analysedHere
        },
        async finish() {
          const results: (ContentAnalysis | undefined)[] = new Array(items.length)
          const analyse = (from: number) => {
            for (let i = from; i < Math.min(from + CHUNK, items.length); i++) {
              results[i] = analyseContent(items[i] as AnalysisInput)
              analysedHere++
            }
          }
          // With threads sharing the batch, a chunk at a time, letting the caller's other
          // work go first (storing an earlier batch, say): the threads keep taking chunks
          // meanwhile. Alone, all at once.
          for (;;) {
            if (parts.length > 0) await new Promise((resolve) => setImmediate(resolve))
            const from = takeChunk(request)
            if (from >= items.length) break
            analyse(from)
          }
          // Every chunk is taken: wait for the threads that took some, not for one still
          // loading when the batch ran out (it will take none).
          const missing = () => {
            for (let from = 0; from < items.length; from += CHUNK)
              if (results[from] === undefined) return true
            return false
          }
          const waiting = new Map(parts.map((part, i) => [i, part.then((found) => [i, found] as const)]))
          while (waiting.size > 0 && missing()) {
            const [i, found] = await Promise.race(waiting.values())
            waiting.delete(i)
            for (const [from, analyses] of found) results.splice(from, analyses.length, ...analyses)
          }
          for (let from = 0; from < items.length; from += CHUNK)
            if (results[from] === undefined) analyse(from)
          // A thread says it has loaded in a message, which waits for the event loop: a
          // caller that adds batch after batch without other I/O would never let it through.
          if (threads.some((t) => !t.ready)) await new Promise((resolve) => setImmediate(resolve))
          return results as ContentAnalysis[]
        },
      }
    },
    async close() {
      closed = true
      clearTimeout(idle)
      await Promise.all(threads.splice(0).map((t) => t.worker.terminate()))
    },
  }
}
