import type { TermCounts } from '../store.js'
import type { PgContext, Queryable } from './context.js'

/**
 * Adds (`sign` 1) or subtracts (-1) what the memories `ids` of one tenant contribute to
 * the tenant's statistics: term counts (from the words each write carried) and the BM25
 * document frequencies and lengths (from the stored tsvector). Call with -1 before
 * deleting or replacing rows and with 1 after writing them, in the same transaction.
 * Rows that reach zero are deleted, so no trace of removed text stays. Rows are locked
 * in key order, so concurrent writers of one tenant queue rather than deadlock.
 */
export async function adjustTextStats(
  client: Queryable,
  tenantId: string,
  ids: readonly string[],
  sign: 1 | -1,
): Promise<void> {
  if (ids.length === 0) return
  const params = [tenantId, ids, sign]
  const mine = 'm.tenant_id = $1 AND m.id = ANY($2::text[])'
  await client.query(
    `INSERT INTO term_counts (tenant_id, term, n)
     SELECT $1, t.key, $3 * sum(t.value::bigint) FROM memories m, json_each_text(m.terms) t
     WHERE ${mine} GROUP BY t.key ORDER BY t.key
     ON CONFLICT (tenant_id, term) DO UPDATE SET n = term_counts.n + excluded.n`,
    params,
  )
  await client.query(
    `INSERT INTO lexeme_stats (tenant_id, lexeme, df)
     SELECT $1, u.lexeme, $3 * count(*) FROM memories m, unnest(m.fts) u
     WHERE ${mine} GROUP BY u.lexeme ORDER BY u.lexeme
     ON CONFLICT (tenant_id, lexeme) DO UPDATE SET df = lexeme_stats.df + excluded.df`,
    params,
  )
  await client.query(
    `INSERT INTO term_totals (tenant_id, total)
     SELECT $1, $3 * coalesce(sum(t.value::bigint), 0) FROM memories m, json_each_text(m.terms) t WHERE ${mine}
     ON CONFLICT (tenant_id) DO UPDATE SET total = term_totals.total + excluded.total`,
    params,
  )
  await client.query(
    `INSERT INTO text_totals (tenant_id, docs, tokens)
     SELECT $1, $3 * count(*), $3 * coalesce(sum(m.doc_len), 0) FROM memories m WHERE ${mine}
     ON CONFLICT (tenant_id) DO UPDATE
       SET docs = text_totals.docs + excluded.docs, tokens = text_totals.tokens + excluded.tokens`,
    params,
  )
  if (sign === -1) await pruneStats(client, params, mine)
}

// Only the rows these memories touched can have reached zero.
async function pruneStats(client: Queryable, params: unknown[], mine: string): Promise<void> {
  await client.query(
    `DELETE FROM term_counts WHERE tenant_id = $1 AND n <= 0 AND $3::int = -1
       AND term IN (SELECT t.key FROM memories m, json_each_text(m.terms) t WHERE ${mine})`,
    params,
  )
  await client.query(
    `DELETE FROM lexeme_stats WHERE tenant_id = $1 AND df <= 0 AND $3::int = -1
       AND lexeme IN (SELECT u.lexeme FROM memories m, unnest(m.fts) u WHERE ${mine})`,
    params,
  )
  await client.query('DELETE FROM term_totals WHERE tenant_id = $1 AND total <= 0', [params[0]])
  await client.query('DELETE FROM text_totals WHERE tenant_id = $1 AND docs <= 0', [params[0]])
}

/** The tenant's total and the counts of the requested terms that occur. */
export async function readTermCounts(
  ctx: PgContext,
  tenantId: string,
  terms: readonly string[],
): Promise<TermCounts> {
  // One round trip: a query embeds only once its words' counts are in.
  const [row] = await ctx.query<{ total: string | null; counts: Record<string, number> }>(
    `SELECT (SELECT total FROM term_totals WHERE tenant_id = $1)::text AS total,
       coalesce((SELECT json_object_agg(term, n) FROM term_counts
                 WHERE tenant_id = $1 AND term = ANY($2::text[])), '{}'::json) AS counts`,
    [tenantId, terms],
  )
  return {
    total: Number(row?.total ?? 0),
    counts: new Map(Object.entries(row?.counts ?? {})),
  }
}
