import type { PgContext } from './context.js'

// The tables bulk writes grow, whose row estimates steer every candidate query's plan.
const TABLES = [
  'memories',
  'memory_vectors',
  'memory_entities',
  'entities',
  'memory_claims',
  'lexeme_stats',
  'memory_events',
  'memory_changes',
  'scopes',
]
// Re-analyse after this many written rows, or this share of the table, whichever is larger.
const MIN_ROWS = 500
const GROWTH = 0.5

/** Keeps the planner's statistics in step with this process's writes. */
export interface AutoAnalyze {
  /** Counts `rows` new memories; runs ANALYZE when enough have arrived since the last one. */
  wrote(rows: number): Promise<void>
}

/**
 * PostgreSQL plans from statistics that autovacuum refreshes only after a minute or more.
 * A table filled faster than that (an import, a first bulk `addMany`) is planned as if it
 * were nearly empty: nested loops over tens of thousands of rows and no HNSW index, so a
 * search that takes milliseconds takes minutes. This analyses the store's tables once
 * the memories written since the last analysis reach `GROWTH` of what the table held, so
 * the cost stays a small, shrinking share of ingest (a logarithmic number of runs).
 */
export function createAutoAnalyze(ctx: PgContext): AutoAnalyze {
  let pending = 0
  let known: number | null = null
  let running: Promise<void> | null = null

  async function analyse(): Promise<void> {
    if (known === null) {
      const [row] = await ctx.query<{ n: number }>(
        `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'memories'::regclass`,
      )
      known = row?.n ?? 0
    }
    if (pending < Math.max(MIN_ROWS, known * GROWTH)) return
    const rows = pending
    await ctx.query(`ANALYZE ${TABLES.join(', ')}`)
    known += rows
    pending -= rows
  }

  return {
    async wrote(rows) {
      pending += rows
      // One analysis at a time; writes that land meanwhile count towards the next.
      if (running) return running
      // The statistics are an optimisation autovacuum also provides: a failed refresh must
      // not turn a committed write into a reported failure (and a retried duplicate).
      running = analyse()
        .catch(() => undefined)
        .finally(() => {
          running = null
        })
      return running
    },
  }
}
