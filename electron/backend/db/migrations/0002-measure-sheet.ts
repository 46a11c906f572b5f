import type { Migration } from './types.ts';

// The Maßnahmenblatt (Ausgangslage, Umsetzungsschritte, Erfolgsindikatoren, Hemmnisse/Risiken,
// Abhängigkeiten), what the UI keeps per plan (saved views, table preferences), and what
// undo/redo needs in the Änderungsprotokoll.
export const migration: Migration = {
  version: 2,
  name: 'measure-sheet',
  up: `
    ALTER TABLE measures ADD COLUMN ausgangslage TEXT NOT NULL DEFAULT '';
    ALTER TABLE measures ADD COLUMN risks TEXT NOT NULL DEFAULT '';

    -- Umsetzungsschritte / Meilensteine.
    CREATE TABLE milestones (
      id TEXT PRIMARY KEY,
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      due_year INTEGER CHECK (due_year BETWEEN 2000 AND 2100),
      due_quarter INTEGER CHECK (due_quarter BETWEEN 1 AND 4),
      done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
      position INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX milestones_measure ON milestones(measure_id, position);

    -- Erfolgsindikatoren. Baseline and target are text: "12 %", "150 Personen pro Jahr", "liegt vor".
    CREATE TABLE indicators (
      id TEXT PRIMARY KEY,
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      baseline TEXT NOT NULL DEFAULT '',
      target TEXT NOT NULL DEFAULT '',
      target_year INTEGER CHECK (target_year BETWEEN 2000 AND 2100),
      data_source TEXT NOT NULL DEFAULT '',
      position INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX indicators_measure ON indicators(measure_id, position);

    -- measure_id depends on depends_on_id (must wait for it). Cycles are refused by the handler.
    CREATE TABLE measure_dependencies (
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      depends_on_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      PRIMARY KEY (measure_id, depends_on_id),
      CHECK (measure_id <> depends_on_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX measure_dependencies_on ON measure_dependencies(depends_on_id);

    -- Named views of the UI (filters, sorting, columns); the state is opaque JSON owned by the UI.
    CREATE TABLE saved_views (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
      state_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Per-plan UI preferences (table column visibility, order, widths), JSON per key.
    CREATE TABLE ui_prefs (
      key TEXT PRIMARY KEY,
      json TEXT NOT NULL
    ) STRICT;

    -- Undo/redo: rows written in one handler call share a txn (one undo step).
    -- undone: 0 = in effect, 1 = undone (on the redo stack), 2 = undone and dropped by a later change.
    -- Rows from before this version keep txn NULL and cannot be undone (their images are incomplete).
    ALTER TABLE change_log ADD COLUMN txn TEXT;
    ALTER TABLE change_log ADD COLUMN undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1, 2));
    CREATE INDEX change_log_txn ON change_log(txn);
    CREATE INDEX change_log_redo ON change_log(seq) WHERE undone = 1;
  `,
};
