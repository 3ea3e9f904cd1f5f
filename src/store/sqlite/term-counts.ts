import type { TermCounts } from '../store.js'
import type { StoreContext } from './context.js'

/** How many times each term occurs, in first-seen order. */
export type TermBag = Map<string, number>

/** Counts `terms` into a bag. */
export function bagOf(terms: readonly string[]): TermBag {
  const bag: TermBag = new Map()
  for (const term of terms) bag.set(term, (bag.get(term) ?? 0) + 1)
  return bag
}

/** The bag as stored in `memories.terms`. */
export function serializeBag(bag: TermBag): string {
  return JSON.stringify([...bag])
}

/** Reads back `memories.terms`. */
export function parseBag(text: string): TermBag {
  return new Map(JSON.parse(text) as [string, number][])
}

/**
 * Collects count changes per tenant across a batch, so each (tenant, term) row is
 * written once per transaction rather than once per occurrence.
 */
export class TermDelta {
  readonly #byTenant = new Map<string, TermBag>()

  add(tenantId: string, bag: TermBag, sign: 1 | -1): void {
    let delta = this.#byTenant.get(tenantId)
    if (delta === undefined) {
      delta = new Map()
      this.#byTenant.set(tenantId, delta)
    }
    for (const [term, n] of bag) delta.set(term, (delta.get(term) ?? 0) + sign * n)
  }

  /** Writes the changes; rows that reach zero are deleted so no trace of removed text stays. */
  apply(ctx: StoreContext): void {
    const bump = ctx.sql(
      `INSERT INTO term_counts (tenant_id, term, n) VALUES (?, ?, ?)
       ON CONFLICT (tenant_id, term) DO UPDATE SET n = n + excluded.n`,
    )
    const prune = ctx.sql('DELETE FROM term_counts WHERE tenant_id = ? AND term = ? AND n <= 0')
    for (const [tenantId, delta] of this.#byTenant) {
      let total = 0
      for (const [term, n] of delta) {
        if (n === 0) continue
        bump.run(tenantId, term, n)
        if (n < 0) prune.run(tenantId, term)
        total += n
      }
      if (total === 0) continue
      ctx
        .sql(
          `INSERT INTO term_totals (tenant_id, total) VALUES (?, ?)
           ON CONFLICT (tenant_id) DO UPDATE SET total = total + excluded.total`,
        )
        .run(tenantId, total)
      if (total < 0) ctx.sql('DELETE FROM term_totals WHERE tenant_id = ? AND total <= 0').run(tenantId)
    }
    this.#byTenant.clear()
  }
}

/** The tenant's total and the counts of the requested terms that occur. */
export function readTermCounts(ctx: StoreContext, tenantId: string, terms: readonly string[]): TermCounts {
  const totalRow = ctx.sql('SELECT total FROM term_totals WHERE tenant_id = ?').get(tenantId) as
    | { total: number }
    | undefined
  const rows = ctx
    .sql('SELECT term, n FROM term_counts WHERE tenant_id = ? AND term IN (SELECT value FROM json_each(?))')
    .all(tenantId, JSON.stringify(terms)) as { term: string; n: number }[]
  return { total: totalRow?.total ?? 0, counts: new Map(rows.map((row) => [row.term, row.n])) }
}
