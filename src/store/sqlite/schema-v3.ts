/**
 * Migration 3: the persisted job queue (background work such as LLM extraction).
 *
 * `finishJob` names a job by id alone, so job ids are unique across tenants and `id`
 * carries its own unique index; the integer `seq` is the rowid and records enqueue
 * order, which is the order claims take jobs in. The claim indexes cannot lead with
 * `tenant_id` because workers claim across tenants; they are partial, so finished
 * jobs (which keep their payload until their user is removed) neither grow them nor
 * slow a claim down.
 * Lookups that are per tenant (counts, removing a user) lead with `tenant_id`.
 */
export const SCHEMA_V3 = `
  CREATE TABLE jobs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
    run_after TEXT NOT NULL,
    -- Set while running: past this instant the worker is presumed dead and the job is claimable.
    lease_until TEXT,
    -- The last worker that claimed the job.
    worker TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- In enqueue order, so a claim reads its LIMIT rows (plus any not yet due) and stops;
  -- the other columns answer the claim's filters without visiting the table.
  CREATE INDEX jobs_pending ON jobs (seq, run_after, kind) WHERE status = 'pending';
  CREATE INDEX jobs_running ON jobs (seq, lease_until, kind) WHERE status = 'running';
  CREATE INDEX jobs_tenant_status ON jobs (tenant_id, status);
  CREATE INDEX jobs_tenant_user ON jobs (tenant_id, user_id);
`
