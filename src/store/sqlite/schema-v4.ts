/**
 * Migration 4: lifecycle. Supersession and time-to-live columns on memories, the
 * claims each memory asserts (looked up by subject and attribute when a new
 * memory may contradict or restate an old one), and the last report of each
 * lifecycle pass. Claims reference the memory row, so they go when it goes.
 */
export const SCHEMA_V4 = `
  ALTER TABLE memories ADD COLUMN valid_to TEXT;
  ALTER TABLE memories ADD COLUMN superseded_by TEXT;
  ALTER TABLE memories ADD COLUMN expires_at TEXT;
  ALTER TABLE memories ADD COLUMN corroborations INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX memories_expiry ON memories (tenant_id, expires_at) WHERE expires_at IS NOT NULL;

  CREATE TABLE memory_claims (
    rid INTEGER NOT NULL REFERENCES memories (rid),
    scope_id INTEGER NOT NULL,
    claim_key TEXT NOT NULL,
    value TEXT NOT NULL,
    polarity INTEGER NOT NULL CHECK (polarity IN (-1, 1)),
    exclusive INTEGER NOT NULL,
    PRIMARY KEY (rid, claim_key, value, polarity)
  ) WITHOUT ROWID;
  CREATE INDEX memory_claims_key ON memory_claims (scope_id, claim_key);
  CREATE INDEX memory_events_id ON memory_events (tenant_id, event_id);

  CREATE TABLE lifecycle_runs (
    tenant_id TEXT NOT NULL,
    -- '' for a pass over the whole tenant
    user_id TEXT NOT NULL,
    at TEXT NOT NULL,
    report TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
  );
`
