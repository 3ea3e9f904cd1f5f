import type { MemoryStore } from '../src/store/store.js'

// Background job polling runs on its own schedule; it is not part of any request's work.
const BACKGROUND = new Set(['claimJobs', 'finishJob', 'jobCounts', 'enqueueJob'])

/**
 * A store that logs every call a request makes (method and arguments, as JSON), so a
 * test can check that two requests did the same work: the same queries with the same
 * kinds of arguments, which is what keeps their timing alike.
 */
export function recordingStore(store: MemoryStore) {
  const log: string[] = []
  const recorded = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver)
      if (typeof value !== 'function' || typeof name !== 'string' || BACKGROUND.has(name)) return value
      return (...args: unknown[]) => {
        log.push(`${name}(${JSON.stringify(args, (_k, v) => (v instanceof Float32Array ? 'vector' : v))})`)
        return value.apply(target, args)
      }
    },
  })
  return {
    store: recorded,
    /**
     * Runs `work` and returns the calls it made, with each of `ids` replaced by `<id>`, and
     * the ids and times made up on the way (event ids, timestamps) by placeholders.
     */
    async callsOf(work: () => Promise<unknown>, ids: readonly string[]): Promise<string[]> {
      log.length = 0
      await work()
      return log.map((line) =>
        ids
          .reduce((text, id) => text.replaceAll(id, '<id>'), line)
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<new id>')
          .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>'),
      )
    },
  }
}
