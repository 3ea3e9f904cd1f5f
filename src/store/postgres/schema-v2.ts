/**
 * Migration 2 of the Postgres store: the entity graph, learned associations, claims,
 * lifecycle reports and the job queue. Entities live per (tenant, user): the same key
 * in two users' scopes is two rows. Link, association and claim rows carry `user_id`
 * so that forgetting a user is a range delete on each table.
 */
export const SCHEMA_V2 = `
  CREATE TABLE entities (
    tenant_id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    PRIMARY KEY (tenant_id, user_id, key)
  );

  -- An entity's fan is the number of its rows here, counted on the primary key range.
  CREATE TABLE memory_entities (
    tenant_id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    memory_id text COLLATE "C" NOT NULL,
    -- The mention's place in the write, so entitiesOf answers in written order.
    position integer NOT NULL,
    PRIMARY KEY (tenant_id, user_id, key, memory_id)
  );
  CREATE INDEX memory_entities_memory ON memory_entities (tenant_id, memory_id);

  CREATE TABLE associations (
    tenant_id text COLLATE "C" NOT NULL,
    memory_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    weight double precision NOT NULL,
    PRIMARY KEY (tenant_id, memory_id, key)
  );

  CREATE TABLE memory_claims (
    tenant_id text COLLATE "C" NOT NULL,
    memory_id text COLLATE "C" NOT NULL,
    claim_key text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    polarity smallint NOT NULL CHECK (polarity IN (-1, 1)),
    exclusive boolean NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, memory_id, claim_key, value, polarity)
  );
  CREATE INDEX memory_claims_key ON memory_claims (tenant_id, user_id, claim_key);

  CREATE TABLE lifecycle_runs (
    tenant_id text COLLATE "C" NOT NULL,
    -- '' for a pass over the whole tenant
    user_id text COLLATE "C" NOT NULL,
    at text NOT NULL,
    report json NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
  );

  CREATE TABLE jobs (
    tenant_id text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    user_id text COLLATE "C" NOT NULL,
    kind text NOT NULL,
    payload json NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL CHECK (max_attempts >= 1),
    run_after text COLLATE "C" NOT NULL,
    -- Set while running: past this instant the worker is presumed dead and the job is claimable.
    lease_until text COLLATE "C",
    worker text,
    last_error text,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );
  -- Ids are unique across tenants (enforced under an advisory lock in enqueueJob), and
  -- finishJob and claims work across tenants: these indexes cannot lead with tenant_id.
  CREATE INDEX jobs_id ON jobs (id);
  CREATE INDEX jobs_pending ON jobs (seq) WHERE status = 'pending';
  CREATE INDEX jobs_running ON jobs (seq) WHERE status = 'running';
  CREATE INDEX jobs_tenant_user ON jobs (tenant_id, user_id, status);
`
