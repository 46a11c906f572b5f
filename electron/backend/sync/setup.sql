-- Zusammenhalt-Werkbank: a shared plan on the Kreis's PostgreSQL (PostgreSQL 13 or newer).
--
-- Run once by the Kreis IT as the owner of the database (psql -v ON_ERROR_STOP=1 -f setup.sql).
-- The database only stores the plans' field-level changes and who may see them; every
-- workbench keeps its plan file and merges the changes itself. Running the script again is harmless.
--
-- Planners: one login role each, member of the group role werkbank_user, e.g.
--   CREATE ROLE anna_schmidt LOGIN PASSWORD '…' IN ROLE werkbank_user;
-- A plan: its id is in the plan file (the workbench names it when a planner first syncs):
--   INSERT INTO werkbank.plans (id, title) VALUES ('<Plan-Kennung>', 'Maßnahmenplan Zusammenhalt');
--   INSERT INTO werkbank.members (plan_id, role_name) VALUES ('<Plan-Kennung>', 'anna_schmidt');
-- TLS: enable ssl in postgresql.conf and require it for the group in pg_hba.conf, e.g.
--   hostssl  werkbank  +werkbank_user  0.0.0.0/0  scram-sha-256
-- the workbench then connects with ?sslmode=verify-full (and sslrootcert=… for the Kreis's CA).

BEGIN;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'werkbank_user') THEN
    CREATE ROLE werkbank_user NOLOGIN;
  END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS werkbank;
REVOKE ALL ON SCHEMA werkbank FROM PUBLIC;
GRANT USAGE ON SCHEMA werkbank TO werkbank_user;

CREATE TABLE IF NOT EXISTS werkbank.plans (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  title text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS werkbank.members (
  plan_id text NOT NULL REFERENCES werkbank.plans (id) ON DELETE CASCADE,
  role_name name NOT NULL,
  PRIMARY KEY (plan_id, role_name)
);

-- Append-only: a change is never updated or deleted. seq is the cursor each workbench pulls after;
-- pushes to one plan are serialised (advisory lock), so seq order is commit order within a plan.
CREATE TABLE IF NOT EXISTS werkbank.changes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id text NOT NULL REFERENCES werkbank.plans (id) ON DELETE CASCADE,
  hlc text NOT NULL CHECK (length(hlc) <= 80),
  node text NOT NULL CHECK (length(node) <= 32),
  entity text NOT NULL CHECK (length(entity) <= 40),
  entity_id text NOT NULL CHECK (length(entity_id) <= 200),
  field text NOT NULL CHECK (length(field) <= 80),
  value_json text NOT NULL CHECK (length(value_json) <= 2000000),
  pushed_by name NOT NULL DEFAULT current_user,
  pushed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, hlc, node, entity, entity_id, field)
);
CREATE INDEX IF NOT EXISTS changes_plan_seq ON werkbank.changes (plan_id, seq);

REVOKE ALL ON werkbank.plans, werkbank.members, werkbank.changes FROM PUBLIC;
GRANT SELECT ON werkbank.plans, werkbank.members TO werkbank_user;
GRANT SELECT, INSERT ON werkbank.changes TO werkbank_user;

-- Row-level security: a planner sees only the plans they are a member of, and their rows.
ALTER TABLE werkbank.plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE werkbank.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE werkbank.changes ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS own_membership ON werkbank.members;
CREATE POLICY own_membership ON werkbank.members FOR SELECT TO werkbank_user
  USING (role_name = current_user);

DROP POLICY IF EXISTS member_plans ON werkbank.plans;
CREATE POLICY member_plans ON werkbank.plans FOR SELECT TO werkbank_user
  USING (EXISTS (SELECT 1 FROM werkbank.members m WHERE m.plan_id = plans.id AND m.role_name = current_user));

DROP POLICY IF EXISTS member_reads ON werkbank.changes;
CREATE POLICY member_reads ON werkbank.changes FOR SELECT TO werkbank_user
  USING (EXISTS (SELECT 1 FROM werkbank.members m WHERE m.plan_id = changes.plan_id AND m.role_name = current_user));

DROP POLICY IF EXISTS member_writes ON werkbank.changes;
CREATE POLICY member_writes ON werkbank.changes FOR INSERT TO werkbank_user
  WITH CHECK (pushed_by = current_user
    AND EXISTS (SELECT 1 FROM werkbank.members m WHERE m.plan_id = changes.plan_id AND m.role_name = current_user));

COMMIT;
