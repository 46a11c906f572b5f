import type { Migration } from './types.ts';

// Umsetzung: Ist (actual spending and Fördermittel drawn) per budget line and year/quarter,
// indicator measurements over time, the date a milestone was done, the manual Ampel override
// (always with a reason), and the festgeschriebene Sachstandsberichte (each with its own
// monitoring state and a link to the decision snapshot frozen at the same moment).
export const migration: Migration = {
  version: 8,
  name: 'monitoring',
  up: `
    -- kind 'ist': money spent (Kämmerei, Buchungen); 'abruf': Fördermittel drawn from the funder.
    -- quarter NULL: the whole year (or unknown quarter).
    CREATE TABLE budget_actuals (
      id TEXT PRIMARY KEY,
      budget_line_id TEXT NOT NULL REFERENCES budget_lines(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('ist', 'abruf')),
      year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      quarter INTEGER CHECK (quarter BETWEEN 1 AND 4),
      amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
      source TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT '',
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX budget_actuals_line ON budget_actuals(budget_line_id, kind, year);

    -- Messwerte of an Erfolgsindikator: date (YYYY-MM-DD), numeric value, source, note.
    CREATE TABLE indicator_values (
      id TEXT PRIMARY KEY,
      indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
      date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      value REAL NOT NULL,
      source TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX indicator_values_indicator ON indicator_values(indicator_id, date);

    -- When an Umsetzungsschritt was done (milestones.done stays the flag; this is the date).
    CREATE TABLE milestone_done (
      milestone_id TEXT PRIMARY KEY REFERENCES milestones(id) ON DELETE CASCADE,
      done_on TEXT NOT NULL CHECK (done_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;

    -- Manual Ampel of a measure: overrides the derived one, never without a reason.
    CREATE TABLE ampel_overrides (
      measure_id TEXT PRIMARY KEY REFERENCES measures(id) ON DELETE CASCADE,
      ampel TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      set_at TEXT NOT NULL,
      set_by TEXT NOT NULL DEFAULT ''
    ) STRICT;

    -- Festgeschriebene Sachstandsberichte: Stichtag, the monitoring state as JSON and the decision
    -- snapshot taken with it (what "Änderungen seit dem letzten Bericht" compares against).
    CREATE TABLE berichte (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      stichtag TEXT NOT NULL,
      snapshot_id TEXT REFERENCES decision_snapshots(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL DEFAULT '',
      state_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX berichte_stichtag ON berichte(stichtag, created_at);
  `,
};
