/**
 * Migration 4 of the Postgres store: what node-local indexes of large scopes need to stay
 * in step with the database, whichever node wrote.
 *
 * - `memory_changes` logs every memory whose text was written or deleted (and, since the
 *   indexes check statuses themselves, whose status changed), with the id of
 *   the transaction that did it. A node catches up by re-reading the memories logged
 *   since its watermark: the oldest transaction still running when it last looked
 *   (`pg_snapshot_xmin`), so a change committed late by a long transaction is never
 *   skipped, and re-reading one twice is harmless. Old changes are pruned per scope;
 *   `scopes.pruned_xid` is the newest pruned, and an index whose watermark is not past it
 *   is rebuilt from the memories themselves.
 * - `scopes.memories` counts each scope's memories, so choosing between an index and SQL
 *   costs one row read.
 */
export const SCHEMA_V4 = `
  ALTER TABLE scopes ADD COLUMN memories integer NOT NULL DEFAULT 0;
  ALTER TABLE scopes ADD COLUMN pruned_xid xid8;
  UPDATE scopes s SET memories =
    (SELECT count(*) FROM memories m WHERE m.tenant_id = s.tenant_id AND m.user_id = s.user_id);

  CREATE TABLE memory_changes (
    tenant_id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    memory_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, user_id, seq)
  );
  CREATE INDEX memory_changes_xid ON memory_changes (tenant_id, user_id, xid);
`
