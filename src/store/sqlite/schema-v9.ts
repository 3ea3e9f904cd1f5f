/**
 * Migration 9: claims carry their memory's `observed_at`, indexed after the claim key, so
 * the newest memories asserting a key are read off the index and the read stops at the
 * page. The lifecycle asks this for every memory it adds; in a scope of a million, a hub's
 * key matched a thousand memories, and sorting them all was a sixth of ingest.
 */
export const SCHEMA_V9 = `
  ALTER TABLE memory_claims ADD COLUMN observed_at TEXT NOT NULL DEFAULT '';
  UPDATE memory_claims SET observed_at = (SELECT m.observed_at FROM memories m WHERE m.rid = memory_claims.rid);
  DROP INDEX memory_claims_key;
  CREATE INDEX memory_claims_recent ON memory_claims (scope_id, claim_key, observed_at);
`
