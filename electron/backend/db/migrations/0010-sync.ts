import type { Migration } from './types.ts';

// Field-level changes for merging plan copies and syncing with a shared PostgreSQL plan (issue 15).
// Modelled on Actual Budget's messages_crdt (timestamp, dataset, row, column, value): one row per
// changed field, ordered by a hybrid logical clock. The baseline of existing plans (node "basis",
// hlc "0") is written by electron/backend/sync/fieldlog.ts from the plan's state when the plan is
// first opened, because the row images come from the repositories, not from SQL.
export const migration: Migration = {
  version: 10,
  name: 'sync-changes',
  up: `
    CREATE TABLE sync_changes (
      hlc TEXT NOT NULL,
      node TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      field TEXT NOT NULL,
      value_json TEXT NOT NULL,
      -- 1 once the change is on the PostgreSQL server this plan syncs with.
      pushed INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (hlc, node, entity, entity_id, field)
    ) STRICT;
    CREATE INDEX sync_changes_field ON sync_changes (entity, entity_id, field, hlc, node);
    CREATE INDEX sync_changes_pending ON sync_changes (pushed) WHERE pushed = 0;

    -- Node id, the file it belongs to, the clock, the server cursor (never credentials).
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    INSERT INTO sync_state (key, value) VALUES ('baseline', 'pending');

    -- Konflikte: the same field changed on both sides (or an edit against a deletion), both values kept.
    CREATE TABLE sync_conflicts (
      id TEXT PRIMARY KEY,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      field TEXT NOT NULL,
      label TEXT NOT NULL,
      mine_json TEXT NOT NULL,
      theirs_json TEXT NOT NULL,
      source TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      resolved TEXT CHECK (resolved IN ('mine', 'theirs'))
    ) STRICT;
    CREATE INDEX sync_conflicts_open ON sync_conflicts (entity, entity_id, field) WHERE resolved IS NULL;

    -- A plan id shared by every copy of the plan: existing plans derive it from their creation stamp.
    INSERT OR IGNORE INTO meta (key, value)
      SELECT 'plan_id', 'v1:' || c.value || '|' || COALESCE((SELECT value FROM meta WHERE key = 'created_by'), '')
      FROM meta c WHERE c.key = 'created_at';
  `,
};
