import { checkLimit } from '../sqlite/reads.js'
import type { Candidate, TextQuery } from '../store.js'
import type { PgContext } from './context.js'
import { candidateWhere } from './filters.js'

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
export async function keyword(ctx: PgContext, query: TextQuery): Promise<Candidate[]> {
  checkLimit(query.limit)
  // Postgres text cannot hold NUL.
  const text = query.terms.map((term) => term.replaceAll('\0', ' ')).join(' ')
  if (text.trim() === '') return []
  const where = candidateWhere(query, [text])
  const tenant = where.param(query.tenantId)
  // Each query lexeme's idf is worked out once (in float8, as are the per-row sums): a
  // lexeme the tenant has never indexed matches nothing and drops out here.
  const rows = await ctx.query<{ id: string; score: number }>(
    `WITH q AS MATERIALIZED (
       SELECT s.lexeme, greatest(ln((t.n - s.df + 0.5) / (s.df + 0.5)), ${MIN_IDF})::float8 AS idf, t.avgdl
       FROM (SELECT DISTINCT u.lexeme FROM unnest(to_tsvector('english', $1)) u) u
       JOIN lexeme_stats s ON s.tenant_id = ${tenant} AND s.lexeme = u.lexeme
       CROSS JOIN (SELECT greatest(docs, 1)::float8 AS n, greatest(tokens::float8 / greatest(docs, 1), 1) AS avgdl
                   FROM text_totals WHERE tenant_id = ${tenant}) t
     ),
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
