import { fts5Stem, fts5Words } from '../../text/fts5-tokens.js'
import { type Bm25Index, bm25Idf } from '../bm25-index.js'
import type { Candidate, TextQuery } from '../store.js'
import type { StoreContext } from './context.js'
import type { SqlCondition } from './filters.js'
import { contentHits, ftsStatistics } from './fts-stats.js'
import { ftsTable } from './fts-tables.js'
import type { KeywordIndexes } from './keyword-index.js'
import { checkLimit } from './reads.js'
import { findScope } from './scopes.js'
import { candidateCondition, isEmptyFilter } from './search.js'
import { logPosition } from './vector-log.js'

// FTS5 ranks this many times the page before reading memory rows.
const KEYWORD_PRELIMIT = 2
// The index's first cut, as a multiple of the page (more with a filter, which leaves fewer standing).
const FIRST_CUT = 2
const FIRST_CUT_FILTERED = 8
// While the filter leaves the page short, cut this many times deeper.
const GROWTH = 4
// Past this many matches to check against the filter, FTS5 and SQL do it better.
const MAX_CUT = 4096

/** A query word as FTS5 sees it: the word (a quoted phrase in MATCH) and the stem it indexes. */
interface QueryWord {
  word: string
  stem: string
}

/**
 * BM25 keyword matches within one user's scope, scored with the tenant's own statistics
 * (its own FTS5 table, see `fts-tables.ts`): through the scope's in-memory index when it
 * has one (large scopes), which scores exactly as FTS5 would, and through FTS5 otherwise.
 * Each query word becomes a quoted FTS5 phrase, so operators and punctuation in user
 * text are only ever words; words sharing a stem count once.
 */
export async function keyword(
  ctx: StoreContext,
  indexes: KeywordIndexes | null,
  query: TextQuery,
): Promise<Candidate[]> {
  checkLimit(query.limit)
  const words = queryWords(query.terms)
  if (words.length === 0) return []
  const scopeId = findScope(ctx, query.tenantId, query.userId)
  const table = ftsTable(ctx, query.tenantId)
  if (scopeId === null || table === null) return []
  const index = indexes === null ? null : await indexes.forScope(scopeId)
  const where = candidateCondition(query)
  return (
    (index === null ? null : fromIndex(ctx, table, index, words, where, query)) ??
    fromFts(ctx, table, scopeId, words, where, query)
  )
}

/**
 * The words of the query terms as FTS5's tokenizer splits them ("alice's" is "alice"
 * and "s"), first of each stem kept; a lone character split off a longer term is noise.
 */
export function queryWords(terms: readonly string[]): QueryWord[] {
  const byStem = new Map<string, string>()
  for (const term of terms) {
    const split = fts5Words(term)
    for (const word of split) {
      if (split.length > 1 && word.length === 1) continue
      const stem = fts5Stem(word)
      if (!byStem.has(stem)) byStem.set(stem, word)
    }
  }
  return [...byStem].map(([stem, word]) => ({ word, stem }))
}

/**
 * The page from the index: its best matches (by score, then id, as FTS5's page is
 * ordered) cut at a multiple of the page, checked against status and filter in SQL, cut
 * deeper while too few pass. Exact: every match outside the cut ranks after every match
 * inside it. Null when the filter would need more than `MAX_CUT` matches checked.
 */
function fromIndex(
  ctx: StoreContext,
  table: string,
  index: Bm25Index,
  words: readonly QueryWord[],
  where: SqlCondition,
  query: TextQuery,
): Candidate[] | null {
  const stats = ftsStatistics(ctx, table)
  if (stats.rows === 0) return []
  // Every write of text logs a change; the totals move with deletions that log none.
  const version = `${logPosition(ctx).last}:${stats.rows}:${stats.tokens}`
  const hits = contentHits(
    ctx,
    table,
    words.map((w) => w.stem),
    version,
  )
  const weighted = words.map((w, i) => ({ term: w.stem, idf: bm25Idf(stats.rows, hits[i] as number) }))
  const avgLength = stats.tokens / stats.rows
  let cut = query.limit * (isEmptyFilter(query) ? FIRST_CUT : FIRST_CUT_FILTERED)
  const ranking = index.rank(weighted, avgLength)
  for (;;) {
    const top = ranking.best(cut)
    const passing = new Map(
      (
        ctx
          // CROSS JOIN so that SQLite reads the hits' rows by rowid (see approximate-search.ts).
          .sql(
            `SELECT m.rid, m.id FROM json_each(?) hits CROSS JOIN memories m ON m.rid = hits.value
             WHERE ${where.sql}`,
          )
          .all(JSON.stringify(top.keys), ...where.params) as { rid: number; id: string }[]
      ).map((row) => [row.rid, row.id]),
    )
    // A cut the index could not fill held every match.
    if (passing.size >= query.limit || top.keys.length < cut) {
      const page: Candidate[] = []
      for (const [i, rid] of top.keys.entries()) {
        const id = passing.get(rid)
        if (id !== undefined) page.push({ id, score: top.scores[i] as number })
        if (page.length === query.limit) break
      }
      return page
    }
    if (cut >= MAX_CUT) return null
    cut = Math.min(MAX_CUT, cut * GROWTH)
  }
}

/** The page from FTS5 itself, which scores every match of the tenant's table in the scope. */
function fromFts(
  ctx: StoreContext,
  table: string,
  scopeId: number,
  words: readonly QueryWord[],
  where: SqlCondition,
  query: TextQuery,
): Candidate[] {
  // FTS5 reads its query as a C string: a NUL would end it inside an open quote.
  const phrases = words.map((w) => `"${w.word.replaceAll('\0', '').replaceAll('"', '""')}"`)
  // The scope column narrows the match inside the index; its weight 0 keeps it out of the score.
  const match = `scope : "${scopeId}" AND content : (${phrases.join(' OR ')})`
  if (isEmptyFilter(query)) {
    const top = bestMatches(ctx, table, match, where, query.limit)
    if (top !== null) return top
  }
  const rows = ctx
    .sql(
      `SELECT m.id, bm25(${table}, 1.0, 0.0) AS rank
       FROM ${table} JOIN memories m ON m.rid = ${table}.rowid
       WHERE ${table} MATCH ? AND ${where.sql} ORDER BY rank, m.id LIMIT ?`,
    )
    .all(match, ...where.params, query.limit) as { id: string; rank: number }[]
  return rows.map(toKeywordCandidate)
}

/**
 * The page from the best `KEYWORD_PRELIMIT × limit` matches alone, or null when that
 * set might not hold it. Ranking every match is FTS5's own cost; reading each matching
 * memory row to check its status doubled it, so only the best-ranked rows are read. The
 * answer is exact when the set held every match, or when `limit` of its rows passed and
 * the last of them ranks strictly better than the set's worst (so every row tied with it
 * was in the set).
 */
function bestMatches(
  ctx: StoreContext,
  table: string,
  match: string,
  where: SqlCondition,
  limit: number,
): Candidate[] | null {
  const prelimit = limit * KEYWORD_PRELIMIT
  const rows = ctx
    .sql(
      `WITH top AS MATERIALIZED (
         SELECT rowid, bm25(${table}, 1.0, 0.0) AS rank FROM ${table}
         WHERE ${table} MATCH ? ORDER BY rank LIMIT ?
       )
       SELECT m.id, top.rank, (SELECT max(rank) FROM top) AS edge, (SELECT count(*) FROM top) AS n
       FROM top CROSS JOIN memories m ON m.rid = top.rowid
       WHERE ${where.sql} ORDER BY top.rank, m.id LIMIT ?`,
    )
    .all(match, prelimit, ...where.params, limit) as { id: string; rank: number; edge: number; n: number }[]
  const last = rows.at(-1)
  if (last === undefined) return null
  const complete = last.n < prelimit || (rows.length === limit && last.rank < last.edge)
  return complete ? rows.map(toKeywordCandidate) : null
}

function toKeywordCandidate(row: { id: string; rank: number }): Candidate {
  return { id: row.id, score: Math.max(0, -row.rank) }
}
