import type { Migration } from './types.ts';

// Beteiligungsrunde: a Bewertungsrunde asks many raters (by actor group) to score the plan's
// measures on its criteria, through one Bewertungsbogen (XLSX) per rater. The round freezes the
// criteria and the measure list the sheets carry, so a returned sheet is checked against what was
// sent out, not against today's plan. Scores are kept per rater (replaced as a whole when a rater's
// sheet is imported again); aggregates are computed, never stored.
//
// A returned sheet names the plan id (meta plan_id, migration 0010), so a sheet of another plan is recognised.
export const migration: Migration = {
  version: 9,
  name: 'rounds',
  up: `
    CREATE TABLE rounds (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      status TEXT NOT NULL DEFAULT 'offen' CHECK (status IN ('offen', 'abgeschlossen')),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL DEFAULT '',
      -- [{id, name, description}] in order: the criteria as sent out.
      criteria_json TEXT NOT NULL,
      -- [{id, code, title, ziel}] in order: the measures as sent out.
      measures_json TEXT NOT NULL,
      -- Key of the checksum on each sheet (HMAC); never leaves the plan file.
      secret TEXT NOT NULL
    ) STRICT;

    CREATE TABLE round_raters (
      id TEXT PRIMARY KEY,
      round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      grp TEXT NOT NULL CHECK (grp IN ('verwaltung', 'kreistag', 'beirat', 'gemeinden', 'zivilgesellschaft')),
      position INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX round_raters_round ON round_raters(round_id);

    -- A returned sheet: when and from which file it was imported.
    CREATE TABLE round_sheets (
      rater_id TEXT PRIMARY KEY REFERENCES round_raters(id) ON DELETE CASCADE,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL DEFAULT '',
      file_name TEXT NOT NULL DEFAULT ''
    ) STRICT;

    -- One score 0–10 per rater, measure and criterion of the round (ids from the round's snapshot,
    -- so no foreign key to measures: a measure deleted later keeps its ratings in the round).
    CREATE TABLE round_scores (
      rater_id TEXT NOT NULL REFERENCES round_raters(id) ON DELETE CASCADE,
      measure_id TEXT NOT NULL,
      criterion_id TEXT NOT NULL,
      score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
      PRIMARY KEY (rater_id, measure_id, criterion_id)
    ) STRICT, WITHOUT ROWID;
  `,
};
