/**
 * Migration 8: each entity's fan (how many memories link it) kept in a column by the
 * writes that link and unlink it, instead of counted at every search: the entities a
 * query names are read several times per search, and a hub's count walked all its links.
 */
export const SCHEMA_V8 = `
  ALTER TABLE entities ADD COLUMN fan INTEGER NOT NULL DEFAULT 0;
  UPDATE entities SET fan = (SELECT count(*) FROM memory_entities l WHERE l.entity_id = entities.entity_id);
`
