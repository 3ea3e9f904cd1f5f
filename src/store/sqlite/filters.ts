import type { MemoryFilter, MemoryStatus } from '../../types.js'

/** A piece of a WHERE clause (starting with ` AND `, or empty) and its parameters. */
export interface SqlCondition {
  sql: string
  params: unknown[]
}

/**
 * SQL for a `MemoryFilter` over the `memories` row aliased `m`. Every user value is a
 * bound parameter; lists travel as one JSON parameter read with `json_each`, so the SQL
 * text depends only on the filter's shape and prepared statements are reused.
 *
 * Empty `tags` and `types` lists impose nothing (as if absent).
 */
export function filterCondition(filter: MemoryFilter | undefined): SqlCondition {
  const parts: string[] = []
  const params: unknown[] = []
  if (filter?.types !== undefined && filter.types.length > 0) {
    parts.push('m.type IN (SELECT value FROM json_each(?))')
    params.push(JSON.stringify(filter.types))
  }
  if (filter?.tags !== undefined && filter.tags.length > 0) {
    const wanted = [...new Set(filter.tags)]
    // All-of: the number of distinct wanted tags present must equal the number wanted.
    parts.push(
      '(SELECT count(DISTINCT t.value) FROM json_each(m.tags) t WHERE t.value IN (SELECT value FROM json_each(?))) = ?',
    )
    params.push(JSON.stringify(wanted), wanted.length)
  }
  for (const [key, value] of Object.entries(filter?.metadata ?? {})) {
    const [typeSql, typeParams] = scalarMatch(value)
    parts.push(`EXISTS (SELECT 1 FROM json_each(m.metadata) j WHERE j.key = ? AND ${typeSql})`)
    params.push(key, ...typeParams)
  }
  if (filter?.from !== undefined) {
    // Stored timestamps are all `toISOString()` output, so text order is time order.
    parts.push('m.observed_at >= ?')
    params.push(filter.from)
  }
  if (filter?.to !== undefined) {
    parts.push('m.observed_at <= ?')
    params.push(filter.to)
  }
  return { sql: parts.map((part) => ` AND ${part}`).join(''), params }
}

/** `m.status` is one of `statuses`; all statuses when omitted. */
export function statusCondition(statuses: readonly MemoryStatus[] | undefined): SqlCondition {
  if (statuses === undefined) return { sql: '', params: [] }
  return { sql: ' AND m.status IN (SELECT value FROM json_each(?))', params: [JSON.stringify(statuses)] }
}

/** Combines conditions in order. */
export function allOf(...conditions: SqlCondition[]): SqlCondition {
  return {
    sql: conditions.map((c) => c.sql).join(''),
    params: conditions.flatMap((c) => c.params),
  }
}

// json_each's `type` keeps JSON kinds apart: true is not 1 and 5 is not "5".
function scalarMatch(value: string | number | boolean | null): [string, unknown[]] {
  if (value === null) return ["j.type = 'null'", []]
  if (typeof value === 'boolean') return [value ? "j.type = 'true'" : "j.type = 'false'", []]
  if (typeof value === 'number') return ["j.type IN ('integer', 'real') AND j.atom = ?", [value]]
  return ["j.type = 'text' AND j.atom = ?", [value]]
}
