import type { Migration } from './types.ts';

// Priorities and money: the Nutzwertanalyse (criteria with integer weights summing to 100, KO
// flag, scores 0–10 per measure, criterion and rater), the Haushaltsrahmen per year, fixed
// in/out decisions per measure, and named scenarios. The plan's current settings are the
// "Arbeitsstand"; a scenario is a JSON snapshot of weights, frames and decisions.
//
// Every plan, new or migrated, starts with the suggested criteria (a frozen copy of
// DEFAULT_CRITERIA in shared/domain/nutzwert.ts as of this version: a released migration never
// changes, even when the suggestion does).

const DEFAULTS: [id: string, name: string, description: string, weight: number][] = [
  ['wirkung-teilhabe-zusammenhalt', 'Wirkung auf Teilhabe und Zusammenhalt',
    'Wie stark verbessert die Maßnahme gleiche Teilhabemöglichkeiten (z. B. Zugang zu Wohnraum, Arbeit, Sprache, Mobilität) und stärkt das „gemeinsame Wir“ vor Ort? 0 = keine erkennbare Wirkung, 10 = große, nachvollziehbar begründete Wirkung.', 30],
  ['dringlichkeit', 'Dringlichkeit',
    'Wie dringend ist der Handlungsbedarf? Entstehen ohne die Maßnahme Nachteile, die später nur schwer aufzuholen sind (z. B. wegfallende Angebote, verpasste Fristen)? 0 = kann ohne Nachteil warten, 10 = sofortiger Handlungsbedarf.', 15],
  ['reichweite-nach-bedarf', 'Reichweite nach Bedarf (nicht nach Zielgruppe)',
    'Erreicht die Maßnahme möglichst alle Menschen, die den entsprechenden Bedarf haben – unabhängig von Herkunft oder Zugehörigkeit zu einer Zielgruppe? Das Impulspapier empfiehlt, Maßnahmen inklusiv zu planen, so dass sie möglichst allen Personen mit den entsprechenden Bedarfen zugutekommen. 0 = erreicht nur wenige Betroffene, 10 = erreicht den Bedarf weitgehend.', 15],
  ['umsetzbarkeit-vor-ort', 'Umsetzbarkeit vor Ort',
    'Sind Zuständigkeit, Partner:innen, Personal, Räume und Erreichbarkeit vor Ort gegeben, um die Maßnahme im geplanten Zeitraum umzusetzen? 0 = derzeit nicht umsetzbar, 10 = kann sofort beginnen.', 15],
  ['beteiligung-betroffene', 'Beteiligung der Betroffenen',
    'Werden die Menschen, die von der Maßnahme betroffen sind, im Vorfeld und bei der Umsetzung einbezogen – auch Zugewanderte ohne kommunales Wahlrecht, Migrant:innenorganisationen und Beiräte? 0 = keine Beteiligung, 10 = Mitgestaltung von Anfang an.', 10],
  ['kosten-wirkungs-verhaeltnis', 'Kosten-Wirkungs-Verhältnis',
    'Steht die erwartete Wirkung in einem guten Verhältnis zu den Kosten für den Kreis über die gesamte Laufzeit, einschließlich Folgekosten? 0 = sehr ungünstig, 10 = sehr günstig.', 15],
];

const sql = (s: string) => `'${s.replaceAll("'", "''")}'`;
const seed = DEFAULTS.map(([id, name, description, weight], position) =>
  `INSERT OR IGNORE INTO criteria (id, name, description, weight, ko, ko_threshold, position) VALUES (${sql(id)}, ${sql(name)}, ${sql(description)}, ${weight}, 0, NULL, ${position});`).join('\n');

export const migration: Migration = {
  version: 5,
  name: 'priorities',
  up: `
    -- Kriterien der Nutzwertanalyse. The sum-100 rule spans rows, so the handler checks it
    -- (criteria.saveAll); the file only guards each row.
    CREATE TABLE criteria (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      description TEXT NOT NULL DEFAULT '',
      weight INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
      ko INTEGER NOT NULL DEFAULT 0 CHECK (ko IN (0, 1)),
      ko_threshold INTEGER CHECK (ko_threshold BETWEEN 1 AND 10),
      position INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- Bewertungen: one integer 0–10 per measure, criterion and rater (1 = first, 2 = second rater).
    -- No row = not scored.
    CREATE TABLE criterion_scores (
      measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
      criterion_id TEXT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
      rater INTEGER NOT NULL CHECK (rater IN (1, 2)),
      score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
      PRIMARY KEY (measure_id, criterion_id, rater)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX criterion_scores_criterion ON criterion_scores(criterion_id);

    -- Haushaltsrahmen: what the Kreis can spend of its own money (Eigenanteil) per year.
    CREATE TABLE budget_frames (
      year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
      amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
      note TEXT NOT NULL DEFAULT ''
    ) STRICT;

    -- Festlegungen: a measure fixed in the plan (e.g. already beschlossen, legal duty) or out.
    -- No row = the optimiser decides.
    CREATE TABLE measure_decisions (
      measure_id TEXT PRIMARY KEY REFERENCES measures(id) ON DELETE CASCADE,
      fixed TEXT NOT NULL CHECK (fixed IN ('in', 'out')),
      reason TEXT NOT NULL DEFAULT ''
    ) STRICT;

    -- Szenarien: named snapshots of weights ({criterionId: points}), frames ({year: cents}) and
    -- decisions ({measureId: {fixed, reason}}), to compare and to apply.
    CREATE TABLE scenarios (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
      description TEXT NOT NULL DEFAULT '',
      weights_json TEXT NOT NULL,
      frames_json TEXT NOT NULL,
      fixed_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL
    ) STRICT;

    ${seed}
  `,
};
