/**
 * Migration 5 of the Postgres store: what ranking reads of each candidate, kept on the
 * memory row. A search reads the signals of about 200 candidates; their entity keys and
 * learned associations, gathered by a subquery per row, cost more than the rest of the
 * read (about 2.5 ms against 1 ms at 100,000 memories). The writes that change links
 * (insert, update) and associations (feedback) now set these columns too.
 */
export const SCHEMA_V5 = `
  ALTER TABLE memories ADD COLUMN entity_keys json NOT NULL DEFAULT '[]';
  ALTER TABLE memories ADD COLUMN learned json NOT NULL DEFAULT '[]';
  UPDATE memories m SET entity_keys = l.keys
    FROM (SELECT tenant_id, memory_id, json_agg(key ORDER BY position) AS keys
          FROM memory_entities GROUP BY tenant_id, memory_id) l
    WHERE m.tenant_id = l.tenant_id AND m.id = l.memory_id;
  UPDATE memories m SET learned = a.learned
    FROM (SELECT tenant_id, memory_id, json_agg(json_build_object('key', key, 'weight', weight) ORDER BY key) AS learned
          FROM associations GROUP BY tenant_id, memory_id) a
    WHERE m.tenant_id = a.tenant_id AND m.id = a.memory_id;
`
