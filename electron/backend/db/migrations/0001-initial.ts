import type { Migration } from './types.ts';

// Released: never edit. Add a new numbered migration instead.
export const migration: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- The catalogue is copied into each plan, so a plan stays readable when the shipped catalogue changes.
    CREATE TABLE catalogue (
      id TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      json TEXT NOT NULL
    ) STRICT;
    CREATE TABLE baustellen (
      id TEXT PRIMARY KEY,
      number INTEGER NOT NULL UNIQUE,
      short_title TEXT NOT NULL,
      title TEXT NOT NULL
    ) STRICT;
    CREATE TABLE catalogue_items (
      id TEXT PRIMARY KEY,
      baustelle_id TEXT NOT NULL REFERENCES baustellen(id),
      kind TEXT NOT NULL CHECK (kind IN ('grundmauer', 'frage')),
      actor_group TEXT NOT NULL,
      position INTEGER NOT NULL,
      text TEXT NOT NULL
    ) STRICT;

    CREATE TABLE measures (
      id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE COLLATE NOCASE,
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      description TEXT NOT NULL DEFAULT '',
      goal TEXT NOT NULL DEFAULT '',
      need TEXT NOT NULL DEFAULT '',
      baustelle_id TEXT NOT NULL REFERENCES baustellen(id),
      status TEXT NOT NULL DEFAULT 'idee',
      start_year INTEGER CHECK (start_year BETWEEN 2000 AND 2100),
      start_quarter INTEGER CHECK (start_quarter BETWEEN 1 AND 4),
      end_year INTEGER CHECK (end_year BETWEEN 2000 AND 2100),
      end_quarter INTEGER CHECK (end_quarter BETWEEN 1 AND 4),
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX measures_baustelle ON measures(baustelle_id);

    CREATE TABLE measure_baustellen (
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      baustelle_id TEXT NOT NULL REFERENCES baustellen(id),
      PRIMARY KEY (measure_id, baustelle_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE measure_items (
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      item_id TEXT NOT NULL REFERENCES catalogue_items(id),
      PRIMARY KEY (measure_id, item_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX measure_items_item ON measure_items(item_id);

    CREATE TABLE actors (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      kind TEXT NOT NULL,
      org_unit TEXT NOT NULL DEFAULT '',
      contact_person TEXT NOT NULL DEFAULT '',
      contact_details TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT ''
    ) STRICT;

    CREATE TABLE responsibilities (
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      actor_id TEXT NOT NULL REFERENCES actors(id),
      role TEXT NOT NULL CHECK (role IN ('verantwortlich', 'federfuehrend', 'mitwirkend', 'zu-informieren')),
      PRIMARY KEY (measure_id, actor_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX responsibilities_actor ON responsibilities(actor_id);
    -- At most one "verantwortlich" per measure, enforced by the file itself.
    CREATE UNIQUE INDEX one_responsible ON responsibilities(measure_id) WHERE role = 'verantwortlich';

    CREATE TABLE budget_lines (
      id TEXT PRIMARY KEY,
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
      cost_kind TEXT NOT NULL,
      funding_kind TEXT NOT NULL,
      produkt TEXT NOT NULL DEFAULT '',
      kostenstelle TEXT NOT NULL DEFAULT '',
      programme TEXT NOT NULL DEFAULT '',
      foerderquote_bp INTEGER CHECK (foerderquote_bp BETWEEN 0 AND 10000),
      state TEXT NOT NULL DEFAULT 'geplant',
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX budget_lines_measure ON budget_lines(measure_id, year);

    CREATE TABLE frage_answers (
      frage_id TEXT PRIMARY KEY REFERENCES catalogue_items(id),
      answer TEXT NOT NULL,
      answered_by TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Änderungsprotokoll: who changed what when.
    CREATE TABLE change_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      user TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL,
      summary TEXT NOT NULL,
      before_json TEXT,
      after_json TEXT
    ) STRICT;
    CREATE INDEX change_log_entity ON change_log(entity, entity_id);
  `,
};
