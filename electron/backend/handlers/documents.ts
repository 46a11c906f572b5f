// Plan settings for documents (adopted budget years, gender form) and the Folgekosten and Stellen
// of each measure: what the Finanzielle Auswirkungen and the Stellenplan paragraph of a Vorlage
// are drawn from. Every write is logged and undoable.
import type { Handlers } from '../../../shared/api/contract.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { formatVzae, type DocumentSettings, type MeasureHaushalt } from '../../../shared/domain/vorlage.ts';
import { notFound } from '../errors.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import {
  deleteHaushalt, DOCUMENT_SETTINGS_KEY, getHaushalt, isEmptyHaushalt, listHaushalt, putHaushalt, readDocumentSettings,
} from '../repos/haushalt.ts';
import { getMeasure } from '../repos/measures.ts';
import { getMeta, setMeta } from '../repos/meta.ts';
import type { Session } from '../session.ts';

function describe(h: MeasureHaushalt): string {
  const parts: string[] = [];
  if (h.folgekostenCents > 0) parts.push(`Folgekosten ${formatCents(h.folgekostenCents)} p. a.${h.folgekostenAb ? ` ab ${h.folgekostenAb}` : ''}`);
  const years = Object.entries(h.vzae).filter(([, v]) => v > 0);
  if (years.length) parts.push(`Stellen ${years.map(([y, v]) => `${y}: ${formatVzae(v)}`).join(', ')}`);
  return parts.join('; ') || 'keine Angaben';
}

export function documentHandlers(s: Session) {
  return {
    'documents.settings.get': () => readDocumentSettings(s.db),
    'documents.settings.save': (settings) => {
      const db = s.db;
      return changeGroup(db, () => {
        const clean: DocumentSettings = {
          adoptedYears: settings.adoptedYears === null ? null : [...new Set(settings.adoptedYears)].sort((a, b) => a - b),
          genderForm: settings.genderForm,
        };
        const value = JSON.stringify(clean);
        const before = getMeta(db, DOCUMENT_SETTINGS_KEY);
        if (before === value) return clean;
        setMeta(db, DOCUMENT_SETTINGS_KEY, value);
        const years = clean.adoptedYears === null ? 'bis zum laufenden Jahr' : clean.adoptedYears.length ? clean.adoptedYears.join(', ') : 'keines';
        logChange(db, s.ctx, 'meta', DOCUMENT_SETTINGS_KEY, before === null ? 'create' : 'update', `Dokumenteinstellungen: beschlossene Haushaltsjahre ${years}`,
          before === null ? undefined : { key: DOCUMENT_SETTINGS_KEY, value: before }, { key: DOCUMENT_SETTINGS_KEY, value });
        return clean;
      });
    },
    'measures.haushalt.list': () => listHaushalt(s.db),
    'measures.haushalt.set': (h) => {
      const db = s.db;
      return changeGroup(db, () => {
        const m = getMeasure(db, h.measureId);
        if (!m) throw notFound('Die Maßnahme');
        const before = getHaushalt(db, h.measureId);
        const after: MeasureHaushalt = { ...h, entgeltgruppe: h.entgeltgruppe.trim(), vzae: Object.fromEntries(Object.entries(h.vzae).filter(([, v]) => v > 0)) };
        if (isEmptyHaushalt(after)) {
          if (!before) return null;
          deleteHaushalt(db, h.measureId);
          logChange(db, s.ctx, 'measure-haushalt', h.measureId, 'delete', `${m.code}: Folgekosten und Stellen entfernt`, before, undefined);
          return null;
        }
        if (before && JSON.stringify(before) === JSON.stringify(getStable(after))) return before;
        putHaushalt(db, after);
        const stored = getHaushalt(db, h.measureId)!;
        logChange(db, s.ctx, 'measure-haushalt', h.measureId, before ? 'update' : 'create', `${m.code}: ${describe(stored)}`, before, stored);
        return stored;
      });
    },
  } satisfies Partial<Handlers>;
}

/** The entry as the repository returns it (VZÄ years sorted), to compare with a stored one. */
function getStable(h: MeasureHaushalt): MeasureHaushalt {
  return { ...h, vzae: Object.fromEntries(Object.entries(h.vzae).sort(([a], [b]) => a.localeCompare(b))) };
}
