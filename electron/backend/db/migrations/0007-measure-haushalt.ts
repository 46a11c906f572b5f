import type { Migration } from './types.ts';

// Council-grade Vorlagen: per measure its Folgekosten (recurring cost after the measure or its
// funding ends: amount per year, from which year) and its effect on the Stellenplan (VZÄ per year
// as JSON {"2027": 150} in hundredths, optional Entgeltgruppe). One row per measure that has any.
export const migration: Migration = {
  version: 7,
  name: 'measure-haushalt',
  up: `
    CREATE TABLE measure_haushalt (
      measure_id TEXT PRIMARY KEY REFERENCES measures(id) ON DELETE CASCADE,
      folgekosten_cents INTEGER NOT NULL DEFAULT 0 CHECK (folgekosten_cents >= 0),
      folgekosten_ab INTEGER CHECK (folgekosten_ab IS NULL OR folgekosten_ab BETWEEN 2000 AND 2100),
      entgeltgruppe TEXT NOT NULL DEFAULT '',
      vzae_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(vzae_json))
    ) STRICT;
  `,
};
