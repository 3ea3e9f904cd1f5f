/**
 * Migration 3 of the Postgres store: each entity keeps its fan (the number of memories
 * linking it) in a column, maintained by statement-level triggers on `memory_entities`.
 * Counting the links at read time cost tens of milliseconds per search once a name is
 * mentioned by tens of thousands of memories; the column is read in one index probe.
 * The entity rows a statement changes are locked in key order first, so writers that
 * share entities queue rather than deadlock.
 */
export const SCHEMA_V3 = `
  ALTER TABLE entities ADD COLUMN fan integer NOT NULL DEFAULT 0;
  UPDATE entities e SET fan = (
    SELECT count(*) FROM memory_entities l
    WHERE l.tenant_id = e.tenant_id AND l.user_id = e.user_id AND l.key = e.key
  );

  CREATE FUNCTION recall_entity_fan_added() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM 1 FROM entities e
      WHERE (e.tenant_id, e.user_id, e.key) IN (SELECT tenant_id, user_id, key FROM added)
      ORDER BY e.tenant_id, e.user_id, e.key FOR UPDATE;
    UPDATE entities e SET fan = e.fan + d.n
      FROM (SELECT tenant_id, user_id, key, count(*) AS n FROM added GROUP BY 1, 2, 3) d
      WHERE e.tenant_id = d.tenant_id AND e.user_id = d.user_id AND e.key = d.key;
    RETURN NULL;
  END $$;

  CREATE FUNCTION recall_entity_fan_removed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM 1 FROM entities e
      WHERE (e.tenant_id, e.user_id, e.key) IN (SELECT tenant_id, user_id, key FROM removed)
      ORDER BY e.tenant_id, e.user_id, e.key FOR UPDATE;
    UPDATE entities e SET fan = e.fan - d.n
      FROM (SELECT tenant_id, user_id, key, count(*) AS n FROM removed GROUP BY 1, 2, 3) d
      WHERE e.tenant_id = d.tenant_id AND e.user_id = d.user_id AND e.key = d.key;
    RETURN NULL;
  END $$;

  CREATE TRIGGER memory_entities_added AFTER INSERT ON memory_entities
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION recall_entity_fan_added();
  CREATE TRIGGER memory_entities_removed AFTER DELETE ON memory_entities
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION recall_entity_fan_removed();
`
