/**
 * Migration 1 of the Postgres store: everything but the vectors, whose width is known
 * only at `openVectorSpace` (see `vector-space.ts`).
 *
 * Every primary key leads with `tenant_id`, so each table can be distributed by tenant
 * (Citus). Indexes lead with it too, except the job queue's: workers claim across
 * tenants and `finishJob` names a job by id alone (see `jobs.ts`). Ids, times and keys
 * use the "C" collation so that text order is byte order, as in SQLite, whatever the
 * database's locale: cursors and ties then sort identically on both backends.
 * Times are kept as `toISOString()` text, exactly as written, like the SQLite store.
 */
export const SCHEMA_V1 = `
  CREATE TABLE scopes (
    tenant_id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
  );

  -- Tokens of a tsvector (a lexeme's positions are its occurrences): the BM25 length.
  CREATE FUNCTION recall_token_count(v tsvector) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(sum(greatest(cardinality(u.positions), 1)), 0)::integer FROM unnest(v) u $$;

  CREATE TABLE memories (
    tenant_id text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    agent_id text,
    session_id text,
    content text NOT NULL,
    type text NOT NULL,
    source text,
    observed_at text COLLATE "C" NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    updated_at text NOT NULL,
    -- json, not jsonb: key order and spelling come back exactly as written.
    metadata json NOT NULL,
    tags json NOT NULL,
    confidence double precision NOT NULL,
    status text NOT NULL,
    access_count integer NOT NULL,
    last_accessed_at text,
    version integer NOT NULL,
    -- At most RECENT_ACCESSES times, newest first.
    recent_accesses text[] NOT NULL DEFAULT '{}',
    valid_to text,
    superseded_by text,
    expires_at text,
    corroborations integer NOT NULL DEFAULT 0,
    -- {term: count} as written, so removal can decrement term_counts exactly.
    terms json NOT NULL,
    fts tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
    doc_len integer GENERATED ALWAYS AS (recall_token_count(to_tsvector('english', content))) STORED,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE INDEX memories_user_created ON memories (tenant_id, user_id, created_at, id);
  CREATE INDEX memories_tenant_created ON memories (tenant_id, created_at, id);
  CREATE INDEX memories_fts ON memories USING gin (tenant_id, fts);

  CREATE TABLE memory_events (
    tenant_id text COLLATE "C" NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    memory_id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    event_id text COLLATE "C" NOT NULL,
    kind text NOT NULL,
    at text COLLATE "C" NOT NULL,
    actor text NOT NULL,
    before_json json,
    after_json json,
    details_json json,
    PRIMARY KEY (tenant_id, seq)
  );
  CREATE INDEX memory_events_memory ON memory_events (tenant_id, memory_id, at, seq);
  CREATE INDEX memory_events_user ON memory_events (tenant_id, user_id);
  CREATE INDEX memory_events_id ON memory_events (tenant_id, event_id);

  -- BM25 statistics per tenant: documents holding each lexeme, and documents and tokens.
  CREATE TABLE lexeme_stats (
    tenant_id text COLLATE "C" NOT NULL,
    lexeme text COLLATE "C" NOT NULL,
    df integer NOT NULL,
    PRIMARY KEY (tenant_id, lexeme)
  );
  CREATE TABLE text_totals (
    tenant_id text COLLATE "C" NOT NULL PRIMARY KEY,
    docs integer NOT NULL,
    tokens bigint NOT NULL
  );

  CREATE TABLE term_counts (
    tenant_id text COLLATE "C" NOT NULL,
    term text COLLATE "C" NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (tenant_id, term)
  );
  CREATE TABLE term_totals (
    tenant_id text COLLATE "C" NOT NULL PRIMARY KEY,
    total bigint NOT NULL
  );

  -- One row: the embedder whose vectors the database holds (a reference table on Citus).
  CREATE TABLE vector_space (
    slot integer PRIMARY KEY CHECK (slot = 1),
    space_id text NOT NULL,
    dimensions integer NOT NULL
  );
`
