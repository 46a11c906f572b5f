// Folgekosten and Stellen per measure (table measure_haushalt, schema 7) and the plan's document
// settings (adopted budget years, gender form; meta key 'document-settings').
import { DEFAULT_DOCUMENT_SETTINGS, documentSettingsSchema, type DocumentSettings, type MeasureHaushalt } from '../../../shared/domain/vorlage.ts';
import type { Db } from '../db/open.ts';
import { getMeta } from './meta.ts';
import { stmt } from './stmt.ts';

interface Row { measure_id: string; folgekosten_cents: number; folgekosten_ab: number | null; entgeltgruppe: string; vzae_json: string }

function toHaushalt(r: Row): MeasureHaushalt {
  let vzae: Record<string, number> = {};
  try {
    const parsed = JSON.parse(r.vzae_json) as unknown;
    if (parsed && typeof parsed === 'object') {
      vzae = Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter(([y, v]) => /^\d{4}$/u.test(y) && Number.isSafeInteger(v) && (v as number) > 0)) as Record<string, number>;
    }
  } catch {
    // damaged by hand: no VZÄ rather than a failed export
  }
  return { measureId: r.measure_id, folgekostenCents: r.folgekosten_cents, folgekostenAb: r.folgekosten_ab, entgeltgruppe: r.entgeltgruppe, vzae };
}

export function listHaushalt(db: Db): MeasureHaushalt[] {
  return (stmt(db, 'SELECT measure_id, folgekosten_cents, folgekosten_ab, entgeltgruppe, vzae_json FROM measure_haushalt ORDER BY measure_id').all() as Row[]).map(toHaushalt);
}

export function getHaushalt(db: Db, measureId: string): MeasureHaushalt | undefined {
  const r = stmt(db, 'SELECT measure_id, folgekosten_cents, folgekosten_ab, entgeltgruppe, vzae_json FROM measure_haushalt WHERE measure_id = ?').get(measureId) as Row | undefined;
  return r ? toHaushalt(r) : undefined;
}

/** True when the entry says nothing (no Folgekosten, no VZÄ, no Entgeltgruppe): no row is kept. */
export function isEmptyHaushalt(h: MeasureHaushalt): boolean {
  return h.folgekostenCents === 0 && h.folgekostenAb === null && h.entgeltgruppe.trim() === '' && Object.values(h.vzae).every((v) => v === 0);
}

export function putHaushalt(db: Db, h: MeasureHaushalt): void {
  const vzae = Object.fromEntries(Object.entries(h.vzae).filter(([, v]) => v > 0).sort(([a], [b]) => a.localeCompare(b)));
  stmt(db, `INSERT INTO measure_haushalt (measure_id, folgekosten_cents, folgekosten_ab, entgeltgruppe, vzae_json) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (measure_id) DO UPDATE SET folgekosten_cents = excluded.folgekosten_cents, folgekosten_ab = excluded.folgekosten_ab,
      entgeltgruppe = excluded.entgeltgruppe, vzae_json = excluded.vzae_json`)
    .run(h.measureId, h.folgekostenCents, h.folgekostenAb, h.entgeltgruppe.trim(), JSON.stringify(vzae));
}

export function deleteHaushalt(db: Db, measureId: string): void {
  stmt(db, 'DELETE FROM measure_haushalt WHERE measure_id = ?').run(measureId);
}

export const DOCUMENT_SETTINGS_KEY = 'document-settings';

/** The plan's document settings; defaults when none are saved or the saved ones do not parse. */
export function readDocumentSettings(db: Db): DocumentSettings {
  const raw = getMeta(db, DOCUMENT_SETTINGS_KEY);
  if (!raw) return { ...DEFAULT_DOCUMENT_SETTINGS };
  try {
    const p = documentSettingsSchema.safeParse(JSON.parse(raw));
    return p.success ? p.data : { ...DEFAULT_DOCUMENT_SETTINGS };
  } catch {
    return { ...DEFAULT_DOCUMENT_SETTINGS };
  }
}
