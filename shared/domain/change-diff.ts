// Field-level differences of one Änderungsprotokoll row, from its before/after images: German
// field labels, money formatted, enums in words. Used by the protocol (repos/history.ts) so the
// planner sees "Titel: „alt“ → „neu“" for every change.
import { ACTOR_KIND_LABELS, BUDGET_STATE_LABELS, COST_KIND_LABELS, FUNDING_KIND_LABELS, MEASURE_STATUS_LABELS, ROLE_LABELS } from './enums.ts';
import { formatCents } from './money.ts';

export interface FieldChange { field: string; label: string; before: string; after: string }

const LABELS: Record<string, string> = {
  code: 'Nummer', title: 'Titel', description: 'Beschreibung', goal: 'Ziel', need: 'Bedarf', ausgangslage: 'Ausgangslage', risks: 'Hemmnisse/Risiken',
  baustelleId: 'Baustelle', furtherBaustellenIds: 'Weitere Baustellen', status: 'Status', startYear: 'Beginn (Jahr)', startQuarter: 'Beginn (Quartal)',
  endYear: 'Ende (Jahr)', endQuarter: 'Ende (Quartal)', notes: 'Notizen', grundmauerIds: 'Grundmauern', frageIds: 'Fragen',
  name: 'Name', kind: 'Art', orgUnit: 'Organisationseinheit', contactPerson: 'Ansprechperson', contactDetails: 'Kontaktdaten',
  role: 'Rolle', year: 'Jahr', amountCents: 'Betrag', costKind: 'Kostenart', fundingKind: 'Finanzierung', produkt: 'Produkt', kostenstelle: 'Kostenstelle',
  programme: 'Förderprogramm', foerderquoteBp: 'Förderquote', state: 'Stand', note: 'Anmerkung', dueYear: 'fällig (Jahr)', dueQuarter: 'fällig (Quartal)',
  done: 'erledigt', position: 'Reihenfolge', baseline: 'Ausgangswert', target: 'Zielwert', targetYear: 'Zieljahr', dataSource: 'Datenquelle',
  answer: 'Antwort', value: 'Wert', weight: 'Gewicht', score: 'Punkte', amount: 'Betrag', reason: 'Begründung', fixed: 'Festlegung',
  firstYear: 'erstes Jahr', lastYear: 'letztes Jahr', baseCents: 'Betrag im ersten Jahr', growthBp: 'Steigerung p. a.', ko: 'K.-o.-Kriterium',
};

/** Keys that are bookkeeping, not content. */
const SKIP = new Set(['id', 'measureId', 'createdAt', 'updatedAt', 'seriesId', 'answeredBy', 'actorId', 'dependsOnId', 'key', 'criterionId', 'rater', 'json']);

const MAX_TEXT = 160;

function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '(leer)';
  if (typeof v === 'boolean') return v ? 'ja' : 'nein';
  if (typeof v === 'number') {
    if (/Cents$/u.test(field) || field === 'amount') return Number.isSafeInteger(v) ? formatCents(v) : String(v);
    if (/Bp$/u.test(field)) return `${(v / 100).toLocaleString('de-DE', { maximumFractionDigits: 2 })} %`;
    if (/Quarter$/u.test(field)) return `Q${v}`;
    return /Year$|^year$/u.test(field) ? String(v) : v.toLocaleString('de-DE');
  }
  if (Array.isArray(v)) return v.length === 0 ? '(keine)' : v.map((x) => String(x)).join(', ');
  if (typeof v === 'string') {
    const label = field === 'status' ? MEASURE_STATUS_LABELS[v as keyof typeof MEASURE_STATUS_LABELS]
      : field === 'role' ? ROLE_LABELS[v as keyof typeof ROLE_LABELS]
      : field === 'kind' ? ACTOR_KIND_LABELS[v as keyof typeof ACTOR_KIND_LABELS]
      : field === 'costKind' ? COST_KIND_LABELS[v as keyof typeof COST_KIND_LABELS]
      : field === 'fundingKind' ? FUNDING_KIND_LABELS[v as keyof typeof FUNDING_KIND_LABELS]
      : field === 'state' ? BUDGET_STATE_LABELS[v as keyof typeof BUDGET_STATE_LABELS]
      : undefined;
    const text = label ?? v;
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
  }
  const json = JSON.stringify(v);
  return json.length > MAX_TEXT ? `${json.slice(0, MAX_TEXT - 1)}…` : json;
}

/**
 * What changed between two images of a row. Only changes of an existing row (and of plan
 * properties) are listed field by field; a create or delete is said by its summary.
 */
export function fieldChanges(entity: string, before: unknown, after: unknown): FieldChange[] {
  if (entity !== 'meta' && (before === undefined || after === undefined)) return [];
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  if (entity === 'meta') {
    const key = String(a.key ?? b.key ?? '');
    const label = key === 'title' ? 'Plantitel' : key === 'landkreis' ? 'Landkreis' : key === 'period_first_year' ? 'Planungszeitraum (erstes Jahr)'
      : key === 'period_last_year' ? 'Planungszeitraum (letztes Jahr)' : key;
    return [{ field: key, label, before: show('value', b.value), after: show('value', a.value) }];
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !SKIP.has(k));
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (JSON.stringify(b[k] ?? null) === JSON.stringify(a[k] ?? null)) continue;
    const empty = (x: unknown) => x === undefined || x === null || x === '' || (Array.isArray(x) && x.length === 0);
    if (before === undefined && empty(a[k])) continue;
    if (after === undefined && empty(b[k])) continue;
    out.push({ field: k, label: LABELS[k] ?? k, before: before === undefined ? '–' : show(k, b[k]), after: after === undefined ? '–' : show(k, a[k]) });
  }
  return out;
}
