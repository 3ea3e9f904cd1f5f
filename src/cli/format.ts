import type { MemoryRecord, SearchHit } from '../types.js'
import type { CliIO } from './command.js'

/** One memory as a line or two for people. */
export function formatRecord(r: MemoryRecord): string {
  const tags = r.tags.length ? `  [${r.tags.join(', ')}]` : ''
  return `${r.id}  ${r.observedAt.slice(0, 10)}  ${r.status}${tags}\n  ${r.content}`
}

/** Search hits, ranked, for people. */
export function formatHits(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'No memories found.'
  return hits
    .map((h, i) => {
      const parts = h.breakdown
        ? `  (${Object.entries(h.breakdown)
            .map(([k, v]) => `${k} ${v.toFixed(3)}`)
            .join(', ')})`
        : ''
      return `${i + 1}. ${h.score.toFixed(3)}  ${h.memory.content}\n   ${h.memory.id}  ${h.memory.observedAt.slice(0, 10)}${parts}`
    })
    .join('\n')
}

/**
 * Reports progress of long work on stderr, only when stderr is a terminal, and
 * at most every 100 ms, so scripts and pipes see clean output.
 */
export function progressReporter(io: CliIO, label: string): { update(done: number): void; end(): void } {
  const tty = Boolean(io.stderr.isTTY)
  let last = 0
  let shown = false
  return {
    update(done) {
      if (!tty || Date.now() - last < 100) return
      last = Date.now()
      shown = true
      io.stderr.write(`\r${label}: ${done.toLocaleString('en-US')}`)
    },
    end() {
      if (shown) io.stderr.write('\n')
    },
  }
}
