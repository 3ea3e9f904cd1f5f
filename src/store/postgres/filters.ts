import type { MemoryFilter, MemoryStatus } from '../../types.js'
import type { CandidateQuery } from '../store.js'

/**
 * Builds a WHERE clause over the `memories` row aliased `m` with numbered parameters.
 * Every user value is a bound parameter; the SQL text depends only on the filter's shape.
 */
export class Where {
  readonly params: unknown[]
  readonly #parts: string[] = []

  constructor(params: unknown[] = []) {
    this.params = params
  }

  /** The placeholder of a new parameter. */
  param(value: unknown): string {
    this.params.push(value)
    return `$${this.params.length}`
  }

  /** Adds a condition built with `param`. */
  and(condition: string): this {
    this.#parts.push(condition)
    return this
  }

  get sql(): string {
    return this.#parts.length === 0 ? 'TRUE' : this.#parts.join(' AND ')
  }
}

/** `m.status` is one of `statuses`; all statuses when omitted. */
export function addStatuses(where: Where, statuses: readonly MemoryStatus[] | undefined): Where {
  if (statuses !== undefined) where.and(`m.status = ANY(${where.param(statuses)}::text[])`)
  return where
}

/**
 * Adds a `MemoryFilter`. Metadata values match by JSON equality of each key, so `true`,
 * `1` and `"1"` stay apart; tags must all be present; empty lists impose nothing.
 */
export function addFilter(where: Where, filter: MemoryFilter | undefined): Where {
  if (filter?.types !== undefined && filter.types.length > 0) {
    where.and(`m.type = ANY(${where.param(filter.types)}::text[])`)
  }
  if (filter?.tags !== undefined && filter.tags.length > 0) {
    where.and(`m.tags::jsonb @> ${where.param(JSON.stringify([...new Set(filter.tags)]))}::jsonb`)
  }
  for (const [key, value] of Object.entries(filter?.metadata ?? {})) {
    // `->` yields SQL NULL for a missing key, so only a stored JSON null equals 'null'.
    where.and(
      `(m.metadata::jsonb -> ${where.param(key)}::text) = ${where.param(JSON.stringify(value))}::jsonb`,
    )
  }
  // Stored timestamps are all `toISOString()` output, so text order is time order.
  if (filter?.from !== undefined) where.and(`m.observed_at >= ${where.param(filter.from)}`)
  if (filter?.to !== undefined) where.and(`m.observed_at <= ${where.param(filter.to)}`)
  return where
}

/** The condition every candidate read shares: the scope, the statuses and the filter. */
export function candidateWhere(query: CandidateQuery, params: unknown[] = []): Where {
  const where = new Where(params)
  where.and(`m.tenant_id = ${where.param(query.tenantId)} AND m.user_id = ${where.param(query.userId)}`)
  addStatuses(where, query.statuses)
  return addFilter(where, query.filter)
}
