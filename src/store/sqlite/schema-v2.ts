/**
 * Migration 2: the entity graph, learned associations and recent access times.
 *
 * These tables key on `scope_id`, `entity_id` and `rid` rather than leading with
 * `tenant_id`: each of those integers belongs to exactly one tenant (and the first two
 * to one user), so they isolate as well, and leading with them lets SQLite check every
 * foreign key through an index instead of scanning the child table on each delete.
 */
export const SCHEMA_V2 = `
  -- Entities live per scope: the same key in two users' scopes is two rows.
  -- name and kind are those of the latest write that mentioned the key.
  CREATE TABLE entities (
    entity_id INTEGER PRIMARY KEY,
    scope_id INTEGER NOT NULL REFERENCES scopes (scope_id),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    UNIQUE (scope_id, key)
  );

  -- An entity's fan is the number of its rows here, counted on its primary key range.
  CREATE TABLE memory_entities (
    entity_id INTEGER NOT NULL REFERENCES entities (entity_id),
    rid INTEGER NOT NULL REFERENCES memories (rid),
    -- The mention's place in the write, so entitiesOf answers in written order.
    position INTEGER NOT NULL,
    PRIMARY KEY (entity_id, rid)
  ) WITHOUT ROWID;
  CREATE INDEX memory_entities_memory ON memory_entities (rid, entity_id);

  -- The key is stored as text: feedback may name keys no memory of the scope mentions.
  CREATE TABLE associations (
    rid INTEGER NOT NULL REFERENCES memories (rid),
    key TEXT NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (rid, key)
  ) WITHOUT ROWID;

  -- At most RECENT_ACCESSES times, newest first, as a JSON array: one row update per
  -- retrieval, and deleted with the memory's row.
  ALTER TABLE memories ADD COLUMN recent_accesses TEXT NOT NULL DEFAULT '[]';
  -- Files from before this step know one access time exactly: the last.
  UPDATE memories SET recent_accesses = json_array(last_accessed_at) WHERE last_accessed_at IS NOT NULL;
`
