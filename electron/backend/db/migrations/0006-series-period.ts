import type { Migration } from './types.ts';

// Multi-year budget series and the Planungszeitraum.
//
// A series (budget_series) is one entry — first/last year, base amount, growth per year — whose
// per-year amounts (shared/domain/series.ts) are stored as ordinary budget lines tied to it by
// series_id, so every reader of budget_lines includes them unchanged. The lines are written and
// removed only together with their series (handlers/series.ts), each row logged for undo.
//
// The Planungszeitraum is two meta keys (period_first_year, period_last_year), written by the
// plan's properties (and the demo). The migration adds none: a migrated plan keeps its data
// untouched and has no Planungszeitraum (nothing flagged) until the planner sets one.
export const migration: Migration = {
  version: 6,
  name: 'budget series and Planungszeitraum',
  up: `
    CREATE TABLE budget_series (
      id TEXT PRIMARY KEY,
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      first_year INTEGER NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
      last_year INTEGER NOT NULL CHECK (last_year BETWEEN 2000 AND 2100 AND last_year >= first_year),
      base_cents INTEGER NOT NULL CHECK (base_cents >= 0),
      growth_bp INTEGER NOT NULL DEFAULT 0 CHECK (growth_bp BETWEEN -5000 AND 10000),
      cost_kind TEXT NOT NULL,
      funding_kind TEXT NOT NULL,
      produkt TEXT NOT NULL DEFAULT '',
      kostenstelle TEXT NOT NULL DEFAULT '',
      programme TEXT NOT NULL DEFAULT '',
      foerderquote_bp INTEGER CHECK (foerderquote_bp BETWEEN 0 AND 10000),
      state TEXT NOT NULL DEFAULT 'geplant',
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX budget_series_measure ON budget_series(measure_id);
    ALTER TABLE budget_lines ADD COLUMN series_id TEXT REFERENCES budget_series(id) ON DELETE CASCADE;
    CREATE INDEX budget_lines_series ON budget_lines(series_id) WHERE series_id IS NOT NULL;
  `,
};
