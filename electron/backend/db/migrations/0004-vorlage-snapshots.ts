import type { Migration } from './types.ts';

// Committee documents: the Kopf and Beratungsfolge of the last Sitzungsvorlage (so the planner
// does not retype them), and decision snapshots ("Stand festschreiben"): the plan's content as
// a committee saw it, frozen as JSON, to list "Änderungen seit …" later.
export const migration: Migration = {
  version: 4,
  name: 'vorlage-snapshots',
  up: `
    -- One row per plan: the settings of the Sitzungsvorlage as JSON (Kopf, Beratungsfolge, Beschlussvorschlag).
    CREATE TABLE vorlage_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      json TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL DEFAULT ''
    ) STRICT;

    -- Festgeschriebene Stände: name, decision date and committee, the frozen content as JSON.
    CREATE TABLE decision_snapshots (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      date TEXT NOT NULL,
      gremium TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL DEFAULT '',
      measure_count INTEGER NOT NULL,
      total_cents INTEGER NOT NULL,
      content_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX decision_snapshots_date ON decision_snapshots(date, created_at);
  `,
};
