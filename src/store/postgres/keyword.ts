import { checkLimit } from '../sqlite/reads.js'
import { isEmptyFilter } from '../sqlite/search.js'
import type { Candidate, TextQuery } from '../store.js'
import type { PgContext } from './context.js'
import { candidateWhere } from './filters.js'
import { hasStatus, type PgScopeIndexes, passingFilter, type ScopeIndex } from './scope-indexes.js'

// The index's first cut, as a multiple of the page (more with a filter, which leaves fewer standing).
const FIRST_CUT = 2
const FIRST_CUT_FILTERED = 8
// While the filter leaves the page short, cut this many times deeper.
const GROWTH = 4
// Past this many matches to check against the filter, SQL does it better.
const MAX_CUT = 4096

// FTS5's defaults, so both backends weigh term frequency and length alike.
const K1 = 1.2
const B = 0.75
// FTS5 floors a term's idf at this, so a term in most documents still scores above 0.
const MIN_IDF = 1e-6

/**
 * Keyword matches within one user's scope, scored by Okapi BM25 as SQLite's FTS5 scores
 * them: per-document term frequency and length from the stored tsvector, document
 * frequency and average length from the tenant's statistics (`text-stats.ts`).
 *
 * Terms are turned into lexemes by `to_tsvector('english', …)`, the same analysis as
 * the indexed content (stemmed, stop words dropped), and the tsquery is assembled from
 * those lexemes, each quoted: user text is never parsed as query syntax. Any lexeme
 * matching is enough (OR).
 */
export async function keyword(
  ctx: PgContext,
  indexes: PgScopeIndexes | null,
  query: TextQuery,
): Promise<Candidate[]> {
  checkLimit(query.limit)
  // Postgres text cannot hold NUL.
  const text = query.terms.map((term) => term.replaceAll('\0', ' ')).join(' ')
  if (text.trim() === '') return []
  if (indexes !== null) {
    // The query's idf needs no index: both round trips go out at once.
    const [index, terms] = await Promise.all([
      indexes.forScope(query),
      weightedTerms(ctx, text, query.tenantId),
    ])
    if (index !== null) {
      const page = await fromIndex(ctx, index, terms, query)
      if (page !== null) return page
    }
  }
  const where = candidateWhere(query, [text])
  const tenant = where.param(query.tenantId)
  // Each query lexeme's idf is worked out once (in float8, as are the per-row sums): a
  // lexeme the tenant has never indexed matches nothing and drops out here.
  const rows = await ctx.query<{ id: string; score: number }>(
    `WITH q AS MATERIALIZED (${queryLexemes('$1', tenant)}),
     tsq AS MATERIALIZED (
       SELECT string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery AS query
       FROM q
     )
     SELECT m.id, sum(q.idf * tf.n * ${K1 + 1} / (tf.n + ${K1} * (${1 - B} + ${B} * m.doc_len / q.avgdl)))::float8 AS score
     FROM memories m
     CROSS JOIN tsq
     CROSS JOIN LATERAL (
       SELECT u.lexeme, greatest(cardinality(u.positions), 1)::float8 AS n FROM unnest(m.fts) u
     ) tf
     JOIN q ON q.lexeme = tf.lexeme
     WHERE m.tenant_id = ${tenant} AND m.fts @@ tsq.query AND ${where.sql}
     GROUP BY m.id ORDER BY score DESC, m.id LIMIT ${where.param(query.limit)}`,
    where.params,
  )
  return rows.map((row) => ({ id: row.id, score: Math.max(0, row.score) }))
}

/** One term's contribution in the operation order of the SQL above, so the index's scores agree to the bit. */
export function sqlTermScore(idf: number, frequency: number, length: number, avgLength: number): number {
  return (idf * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / avgLength))
}

/** The query's lexemes the tenant has indexed, each with its idf, and the tenant's average length. */
function queryLexemes(text: string, tenant: string): string {
  return `SELECT s.lexeme, greatest(ln((t.n - s.df + 0.5) / (s.df + 0.5)), ${MIN_IDF})::float8 AS idf, t.avgdl
    FROM (SELECT DISTINCT u.lexeme FROM unnest(to_tsvector('english', ${text})) u) u
    JOIN lexeme_stats s ON s.tenant_id = ${tenant} AND s.lexeme = u.lexeme
    CROSS JOIN (SELECT greatest(docs, 1)::float8 AS n, greatest(tokens::float8 / greatest(docs, 1), 1) AS avgdl
                FROM text_totals WHERE tenant_id = ${tenant}) t`
}

/** The query's lexemes the tenant has indexed, with their idf, and the tenant's average length. */
async function weightedTerms(ctx: PgContext, text: string, tenantId: string) {
  const rows = await ctx.query<{ lexeme: string; idf: number; avgdl: number }>(queryLexemes('$1', '$2'), [
    text,
    tenantId,
  ])
  return { terms: rows.map((t) => ({ term: t.lexeme, idf: t.idf })), avgLength: rows[0]?.avgdl }
}

/**
 * The page from the scope's in-memory index: its best matches (by score, then id) cut at
 * a multiple of the page, checked against status and filter, cut deeper while too few
 * pass. Exact, as in the SQLite store (`keyword-search.ts`). Statuses are checked in the
 * index; any other filter in SQL. Null when the filter would need more than `MAX_CUT`
 * matches checked: SQL does that better.
 */
async function fromIndex(
  ctx: PgContext,
  index: ScopeIndex,
  { terms, avgLength }: Awaited<ReturnType<typeof weightedTerms>>,
  query: TextQuery,
): Promise<Candidate[] | null> {
  if (avgLength === undefined) return []
  const local = isEmptyFilter(query)
  let cut = Math.ceil(query.limit * (local ? FIRST_CUT : FIRST_CUT_FILTERED))
  const ranking = index.keyword.rank(terms, avgLength)
  for (;;) {
    const top = ranking.best(cut)
    const passing = local
      ? new Set(top.labels.filter((_, i) => hasStatus(index, top.keys[i] as number, query.statuses)))
      : await passingFilter(ctx, top.labels, query)
    // A cut the index could not fill held every match.
    if (passing.size >= query.limit || top.labels.length < cut) {
      const page: Candidate[] = []
      for (const [i, id] of top.labels.entries()) {
        if (passing.has(id)) page.push({ id, score: Math.max(0, top.scores[i] as number) })
        if (page.length === query.limit) break
      }
      return page
    }
    if (cut >= MAX_CUT) return null
    cut = Math.min(MAX_CUT, cut * GROWTH)
  }
}
