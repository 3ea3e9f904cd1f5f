/**
 * Migration 7: what an approximate vector index needs to stay in step with the store.
 *
 * - `vector_changes` logs every vector written or deleted, as (scope, row) in commit
 *   order, so an index in any process, or one loaded from a file after a crash, can
 *   catch up by re-reading those rows. The log is pruned to its recent part; an index
 *   older than what is kept is rebuilt from the vectors themselves.
 * - `scopes.vectors` counts each scope's vectors, so choosing between exact and
 *   approximate search costs one row read.
 * - `vector_space.generation` names the current vector table: a reset (a new embedder)
 *   makes a new one, and index files of another generation are never loaded.
 */
export const SCHEMA_V7 = `
  CREATE TABLE vector_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    scope_id INTEGER NOT NULL,
    rid INTEGER NOT NULL
  );
  CREATE INDEX vector_changes_scope ON vector_changes (scope_id, seq);

  ALTER TABLE scopes ADD COLUMN vectors INTEGER NOT NULL DEFAULT 0;
  UPDATE scopes SET vectors =
    (SELECT count(*) FROM memories m WHERE m.scope_id = scopes.scope_id AND m.has_vector = 1);

  ALTER TABLE vector_space ADD COLUMN generation TEXT NOT NULL DEFAULT '';
  UPDATE vector_space SET generation = lower(hex(randomblob(8)));
`
