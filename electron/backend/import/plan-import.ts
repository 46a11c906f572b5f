// Import of actors, measures, responsibilities and budget lines from a spreadsheet: preview (what
// the file holds and a suggested column mapping), validate (a report per row, German) and apply
// (all rows or none, one undo step). Rows create or update, matched by ID, then by Nummer (measures)
// or Name (actors); nothing is ever deleted. Validation runs on an in-memory copy of the plan, so
// it writes nothing; apply runs the same planning again inside one transaction and then writes
// through the repositories, checked once more by the handlers' own rules.
import {
  ACTOR_KIND_LABELS, ACTOR_KINDS, BUDGET_STATE_LABELS, BUDGET_STATES, COST_KIND_LABELS, COST_KINDS, FUNDING_KIND_LABELS, FUNDING_KINDS,
  MEASURE_STATUS_LABELS, MEASURE_STATUSES, ROLE_LABELS, ROLES, type Role,
} from '../../../shared/domain/enums.ts';
import {
  EXCHANGE_FIELDS, fieldForHeader, IMPORT_KINDS, kindForHeaders, SHEET_NAMES, type ImportApplyResult, type ImportKind, type ImportMapping,
  type ImportPreview, type ImportReport, type ImportRowReport, type SheetMapping,
} from '../../../shared/domain/exchange.ts';
import { newId } from '../../../shared/domain/ids.ts';
import { formatCents, parseEuroToCents } from '../../../shared/domain/money.ts';
import { laufzeitOf } from '../../../shared/domain/period.ts';
import { actorFields, budgetFullSchema, measureFullSchema } from '../../../shared/domain/schemas.ts';
import type { Actor, BudgetLine, Measure, Responsibility } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { checkReferences, checkResponsible } from '../rules/measures.ts';
import { insertActor, listActors, listResponsibilities, updateActor, upsertResponsibility } from '../repos/actors.ts';
import { insertBudgetLine, listBudgetLines, updateBudgetLine } from '../repos/budget.ts';
import { changeGroup, logChange, type ChangeContext } from '../repos/changelog.ts';
import { getMeasure, insertMeasure, listMeasureRows, updateMeasure } from '../repos/measures.ts';
import { asText, readImportFile, type Cell, type ImportFile, type Table } from './read.ts';

// ---------------------------------------------------------------------------------------------
// Preview

export async function previewImport(fileName: string, base64: string): Promise<ImportPreview> {
  const file = await readImportFile(fileName, base64);
  const notes: string[] = [];
  const mapping: Partial<Record<ImportKind, SheetMapping>> = {};
  const sheets = file.tables.map((t) => {
    const kind = kindForHeaders(t.headers, t.name);
    if (kind && !mapping[kind]) mapping[kind] = suggest(kind, t);
    else if (kind) notes.push(`Das Tabellenblatt „${t.name}“ sieht ebenfalls nach ${SHEET_NAMES[kind]} aus; zugeordnet ist das erste.`);
    else if (t.rows.length > 0) notes.push(`Das Tabellenblatt „${t.name}“ wurde nicht erkannt; es wird nur eingelesen, wenn es zugeordnet wird.`);
    return {
      name: t.name, kind, rowCount: t.rows.length,
      columns: t.headers.map((header, index) => ({
        index, header, samples: t.rows.slice(0, 3).map((r) => asText(r.cells[index] ?? null)).filter((s) => s !== '').map((s) => (s.length > 60 ? `${s.slice(0, 57)}…` : s)),
      })),
    };
  });
  if (Object.keys(mapping).length === 0) notes.push('In der Datei wurde keine bekannte Tabelle gefunden. Bitte die Spalten von Hand zuordnen.');
  return {
    fileName, format: file.format, sheets, mapping,
    fields: Object.fromEntries(IMPORT_KINDS.map((k) => [k, EXCHANGE_FIELDS[k].filter((f) => !f.readOnly).map((f) => ({ key: f.key, label: f.header, requiredForCreate: f.requiredForCreate }))])) as ImportPreview['fields'],
    notes,
  };
}

function suggest(kind: ImportKind, t: Table): SheetMapping {
  const columns: Record<string, number> = {};
  t.headers.forEach((h, i) => {
    const key = fieldForHeader(kind, h);
    if (key && columns[key] === undefined) columns[key] = i;
  });
  return { sheet: t.name, columns };
}

// ---------------------------------------------------------------------------------------------
// The in-memory plan

interface Model {
  actors: Map<string, Actor>;
  measures: Map<string, Measure>;
  /** measureId → actorId → role */
  roles: Map<string, Map<string, Role>>;
  budget: Map<string, BudgetLine>;
  baustellen: { id: string; number: number; shortTitle: string }[];
  items: Map<string, 'grundmauer' | 'frage'>;
}

function loadModel(db: Db): Model {
  const measures = new Map<string, Measure>();
  for (const r of listMeasureRows(db)) {
    const { responsibleActorId: _a, responsibleActorName: _b, totalCents: _c, costsByYear: _d, ...m } = r;
    measures.set(m.id, m);
  }
  const roles = new Map<string, Map<string, Role>>();
  for (const r of listResponsibilities(db)) {
    let m = roles.get(r.measureId);
    if (!m) roles.set(r.measureId, (m = new Map()));
    m.set(r.actorId, r.role);
  }
  return {
    actors: new Map(listActors(db).map((a) => [a.id, a])),
    measures, roles,
    budget: new Map(listBudgetLines(db).map((b) => [b.id, b])),
    baustellen: db.prepare('SELECT id, number, short_title AS shortTitle FROM baustellen ORDER BY number').all() as Model['baustellen'],
    items: new Map((db.prepare('SELECT id, kind FROM catalogue_items').all() as { id: string; kind: 'grundmauer' | 'frage' }[]).map((r) => [r.id, r.kind])),
  };
}

function cloneModel(m: Model): Model {
  return {
    ...m, actors: new Map(m.actors), measures: new Map(m.measures), budget: new Map(m.budget),
    roles: new Map([...m.roles].map(([k, v]) => [k, new Map(v)])),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing cells

const norm = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('de-DE').replace(/\s+/gu, ' ');
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/u;

function enumOf<T extends string>(values: readonly T[], labels: Record<T, string>) {
  const map = new Map<string, T>();
  for (const v of values) { map.set(norm(v), v); map.set(norm(labels[v]), v); }
  return { parse: (s: string) => map.get(norm(s)) ?? map.get(norm(s.replace(/-/gu, ' '))) ?? null, list: values.map((v) => labels[v]).join(', ') };
}
const STATUS = enumOf(MEASURE_STATUSES, MEASURE_STATUS_LABELS);
const COST = enumOf(COST_KINDS, COST_KIND_LABELS);
const FUNDING = enumOf(FUNDING_KINDS, FUNDING_KIND_LABELS);
const STATE = enumOf(BUDGET_STATES, BUDGET_STATE_LABELS);
const ROLE = enumOf(ROLES, ROLE_LABELS);
const KIND = enumOf(ACTOR_KINDS, ACTOR_KIND_LABELS);

class RowReader {
  readonly errors: string[] = [];
  private readonly cells: Cell[];
  private readonly cols: Record<string, number>;
  private readonly headers: string[];

  constructor(cells: Cell[], mapping: SheetMapping, headers: string[]) {
    this.cells = cells;
    this.cols = mapping.columns;
    this.headers = headers;
  }

  mapped(key: string): boolean {
    return this.cols[key] !== undefined;
  }

  /** The column's header, for messages. */
  private col(key: string, fallback: string): string {
    const i = this.cols[key];
    return i !== undefined && this.headers[i] ? this.headers[i] : fallback;
  }

  raw(key: string): Cell | undefined {
    const i = this.cols[key];
    if (i === undefined) return undefined;
    return this.cells[i] ?? null;
  }

  /** undefined: not mapped; '' when empty. */
  text(key: string): string | undefined {
    const v = this.raw(key);
    return v === undefined ? undefined : asText(v).replace(/\r\n?/gu, '\n').trim();
  }

  /** undefined: not mapped; null when empty. */
  int(key: string, label: string, min: number, max: number): number | null | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return v;
    const s = typeof v === 'number' ? v : Number(asText(v).trim().replace(/^Q(?=\d$)/iu, ''));
    if (!Number.isInteger(s) || s < min || s > max) {
      this.errors.push(`${this.col(key, label)} „${asText(v)}“: erwartet wird eine ganze Zahl von ${min} bis ${max}.`);
      return undefined;
    }
    return s;
  }

  /** Euro amount → cents: a number (spreadsheet) or German text ("1.234,56", "1234,5 €"). */
  cents(key: string, label: string): number | null | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return v;
    let c: number | null;
    if (typeof v === 'number') {
      c = Math.round(v * 100);
      if (Math.abs(v * 100 - c) > 1e-6 || !Number.isSafeInteger(c)) c = null;
    } else c = parseEuroToCents(v);
    if (c === null) {
      this.errors.push(`${this.col(key, label)} „${asText(v)}“ ist kein Betrag in Euro (z. B. 1.234,56).`);
      return undefined;
    }
    if (c < 0) { this.errors.push(`${this.col(key, label)}: Der Betrag darf nicht negativ sein.`); return undefined; }
    return c;
  }

  /** Percent → basis points: 75.5 (number) or "75,5" / "75,5 %". */
  percentBp(key: string, label: string): number | null | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return v;
    let n: number;
    if (typeof v === 'number') n = v;
    else {
      const s = asText(v).trim().replace(/\s*%$/u, '');
      n = /^\d{1,3}(,\d{1,2})?$/u.test(s) ? Number(s.replace(',', '.')) : Number.NaN;
    }
    const bp = Math.round(n * 100);
    if (!Number.isFinite(n) || Math.abs(n * 100 - bp) > 1e-6 || bp < 0 || bp > 10_000) {
      this.errors.push(`${this.col(key, label)} „${asText(v)}“: erwartet wird ein Prozentsatz von 0 bis 100 (z. B. 75,5).`);
      return undefined;
    }
    return bp;
  }

  choice<T extends string>(key: string, label: string, e: { parse: (s: string) => T | null; list: string }): T | null | undefined {
    const s = this.text(key);
    if (s === undefined || s === '') return s === '' ? null : undefined;
    const v = e.parse(s);
    if (v === null) this.errors.push(`${this.col(key, label)} „${s}“ ist unbekannt (möglich: ${e.list}).`);
    return v ?? undefined;
  }

  list(key: string): string[] | undefined {
    const s = this.text(key);
    if (s === undefined) return undefined;
    return s.split(/[;,\n]/u).map((x) => x.trim()).filter(Boolean);
  }
}

function baustelleRef(model: Model, s: string): string | null {
  const t = norm(s);
  for (const b of model.baustellen) {
    if (t === norm(b.id) || t === String(b.number) || t === `baustelle ${b.number}` || t === norm(b.shortTitle)
      || t.startsWith(`${b.number} `) || t.startsWith(`baustelle ${b.number}:`) || t.startsWith(`${b.number}:`)) return b.id;
  }
  return null;
}

function nextCode(model: Model, baustelleId: string): string {
  const n = model.baustellen.find((b) => b.id === baustelleId)?.number ?? 0;
  const prefix = `M-${n}.`;
  let max = 0;
  for (const m of model.measures.values()) {
    if (!m.code.startsWith(prefix)) continue;
    const k = Number(m.code.slice(prefix.length));
    if (Number.isInteger(k) && k > max) max = k;
  }
  return `${prefix}${String(max + 1).padStart(2, '0')}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------
// Planning: rows → new state of the in-memory plan, with a report per row

interface Plan {
  report: ImportReport;
  before: Model;
  after: Model;
}

interface Refs {
  measureAlias: Map<string, string>;
  actorAlias: Map<string, string>;
}

function findActor(model: Model, refs: Refs, id: string | undefined, name: string | undefined): Actor | null {
  if (id) {
    const a = model.actors.get(refs.actorAlias.get(id) ?? id);
    if (a) return a;
  }
  if (name) {
    const n = norm(name);
    for (const a of model.actors.values()) if (norm(a.name) === n) return a;
  }
  return null;
}

function findMeasure(model: Model, refs: Refs, id: string | undefined, code: string | undefined): Measure | null {
  if (id) {
    const m = model.measures.get(refs.measureAlias.get(id) ?? id);
    if (m) return m;
  }
  if (code) {
    const c = norm(code);
    for (const m of model.measures.values()) if (norm(m.code) === c) return m;
  }
  return null;
}

function setRole(model: Model, measureId: string, actorId: string, role: Role): void {
  let m = model.roles.get(measureId);
  if (!m) model.roles.set(measureId, (m = new Map()));
  if (role === 'verantwortlich') {
    for (const [a, r] of m) if (r === 'verantwortlich' && a !== actorId) m.set(a, 'mitwirkend');
  }
  m.set(actorId, role);
}

function responsibleOf(model: Model, measureId: string): string | null {
  for (const [a, r] of model.roles.get(measureId) ?? []) if (r === 'verantwortlich') return a;
  return null;
}

export function planImport(db: Db, file: ImportFile, mapping: ImportMapping, now: string): Plan {
  const before = loadModel(db);
  const model = cloneModel(before);
  const refs: Refs = { measureAlias: new Map(), actorAlias: new Map() };
  const rows: ImportRowReport[] = [];
  const touched = new Map<string, ImportRowReport>();

  const tableOf = (kind: ImportKind): { table: Table; map: SheetMapping } | null => {
    const map = mapping[kind];
    if (!map) return null;
    const table = file.tables.find((t) => t.name === map.sheet);
    if (!table) throw new AppError('invalid', `Das Tabellenblatt „${map.sheet}“ gibt es in der Datei nicht.`);
    const bad = Object.entries(map.columns).find(([, i]) => i >= table.headers.length);
    if (bad) throw new AppError('invalid', `Die Zuordnung für ${SHEET_NAMES[kind]} verweist auf eine Spalte, die es im Tabellenblatt „${table.name}“ nicht gibt.`);
    return { table, map };
  };

  const each = (kind: ImportKind, fn: (r: RowReader, report: ImportRowReport) => void) => {
    const t = tableOf(kind);
    if (!t) return;
    // The first row of this sheet per plan object: a second row for the same object (same ID, same
    // Nummer, same name) is refused with both rows named, instead of the later silently winning.
    const firstRow = new Map<string, ImportRowReport>();
    for (const row of t.table.rows) {
      const report: ImportRowReport = { kind, sheet: t.table.name, row: row.row, ok: true, errors: [], action: null, matchedBy: null, entityId: null, label: '' };
      const r = new RowReader(row.cells, t.map, t.table.headers);
      try {
        fn(r, report);
      } catch (e) {
        r.errors.push(e instanceof AppError ? e.message : 'Die Zeile konnte nicht gelesen werden.');
      }
      const first = report.entityId ? firstRow.get(report.entityId) : undefined;
      if (first) {
        r.errors.push(`Doppelt: ${first.label} steht schon in Zeile ${first.row}. Jede Zeile des Blatts „${t.table.name}“ muss ein eigenes Objekt betreffen; bitte die Zeilen ${first.row} und ${row.row} zusammenführen.`);
        if (first.ok) first.action = null;
        first.ok = false;
        first.errors.push(`Zeile ${first.row}: Doppelt: Zeile ${row.row} betrifft dasselbe Objekt (${first.label}).`);
      } else if (report.entityId) firstRow.set(report.entityId, report);
      report.errors = r.errors.map((m) => `Zeile ${row.row}: ${m}`);
      report.ok = report.errors.length === 0;
      if (!report.ok) report.action = null;
      rows.push(report);
    }
  };

  // 1. Akteure
  each('actors', (r, rep) => {
    const id = r.text('id') || undefined;
    const name = r.text('name');
    const existing = findActor(model, refs, id, name || undefined);
    rep.matchedBy = existing ? (id && (existing.id === id || refs.actorAlias.get(id) === existing.id) ? 'id' : 'name') : null;
    if (id && !existing && !ID_RE.test(id)) r.errors.push(`ID „${id}“: Eine Kennung besteht aus Buchstaben, Ziffern, Punkt, Doppelpunkt, Binde- und Unterstrich.`);
    const kind = r.choice('kind', 'Art', KIND);
    const next: Actor = {
      id: existing?.id ?? (id && !model.actors.has(id) ? id : newId()),
      name: name ?? existing?.name ?? '', kind: kind ?? existing?.kind ?? (undefined as never),
      orgUnit: r.text('orgUnit') ?? existing?.orgUnit ?? '', contactPerson: r.text('contactPerson') ?? existing?.contactPerson ?? '',
      contactDetails: r.text('contactDetails') ?? existing?.contactDetails ?? '', notes: r.text('notes') ?? existing?.notes ?? '',
    };
    if (!existing && kind == null && !r.errors.some((e) => e.includes('Art'))) r.errors.push(`Art fehlt (möglich: ${KIND.list}).`);
    const parsed = actorFields.safeParse(next);
    if (!parsed.success && r.errors.length === 0) r.errors.push(...new Set(parsed.error.issues.map((i) => i.message)));
    rep.label = `Akteur „${next.name || '(ohne Namen)'}“`;
    if (r.errors.length) return;
    next.name = next.name.trim();
    if (id && id !== next.id) refs.actorAlias.set(id, next.id);
    rep.entityId = next.id;
    rep.action = !existing ? 'create' : sameJson(existing, next) ? 'unchanged' : 'update';
    model.actors.set(next.id, next);
  });

  // 2. Maßnahmen
  const wantResponsible: { measureId: string; actorId: string; rep: ImportRowReport }[] = [];
  each('measures', (r, rep) => {
    const id = r.text('id') || undefined;
    const code = r.text('code') || undefined;
    const existing = findMeasure(model, refs, id, code);
    rep.matchedBy = existing ? (id && (existing.id === id || refs.measureAlias.get(id) === existing.id) ? 'id' : 'code') : null;
    if (id && !existing && !ID_RE.test(id)) r.errors.push(`ID „${id}“: Eine Kennung besteht aus Buchstaben, Ziffern, Punkt, Doppelpunkt, Binde- und Unterstrich.`);
    const bText = r.text('baustelle');
    let baustelleId = existing?.baustelleId;
    if (bText !== undefined) {
      const b = bText ? baustelleRef(model, bText) : null;
      if (!b) r.errors.push(bText ? `Baustelle „${bText}“ ist unbekannt (möglich: B1 bis B7, die Nummer 1 bis 7 oder der Kurztitel).` : 'Baustelle fehlt.');
      else baustelleId = b;
    } else if (!existing) r.errors.push('Baustelle fehlt (Spalte „Baustelle“ zuordnen).');
    const further = r.list('furtherBaustellen')?.map((x) => {
      const b = baustelleRef(model, x);
      if (!b) r.errors.push(`Weitere Baustelle „${x}“ ist unbekannt.`);
      return b;
    }).filter((x): x is string => x !== null);
    const items = (key: 'grundmauern' | 'fragen', kind: 'grundmauer' | 'frage', label: string) => r.list(key)?.filter((x) => {
      if (model.items.get(x) === kind) return true;
      r.errors.push(`${label} „${x}“ gibt es im Katalog dieses Plans nicht.`);
      return false;
    });
    const grundmauerIds = items('grundmauern', 'grundmauer', 'Grundmauer');
    const frageIds = items('fragen', 'frage', 'Frage');
    const status = r.choice('status', 'Status', STATUS);
    const startYear = r.int('startYear', 'Beginn Jahr', 2000, 2100);
    const startQuarter = r.int('startQuarter', 'Beginn Quartal', 1, 4);
    const endYear = r.int('endYear', 'Ende Jahr', 2000, 2100);
    const endQuarter = r.int('endQuarter', 'Ende Quartal', 1, 4);
    const title = r.text('title');
    if (!existing && !title) r.errors.push('Titel fehlt.');
    const responsible = r.text('responsible');
    let responsibleId: string | null = null;
    if (responsible) {
      const a = findActor(model, refs, responsible, responsible);
      const sameName = [...model.actors.values()].filter((x) => norm(x.name) === norm(responsible)).length;
      if (a && a.id !== responsible && sameName > 1) r.errors.push(`Verantwortliche Stelle „${responsible}“ ist mehrdeutig (${sameName} Akteure heißen so); bitte im Blatt ${SHEET_NAMES.responsibilities} mit Akteur-ID angeben.`);
      else if (!a) r.errors.push(`Verantwortliche Stelle „${responsible}“ gibt es nicht (weder im Plan noch im Blatt ${SHEET_NAMES.actors}).`);
      else responsibleId = a.id;
    }
    if (r.errors.length) { rep.label = `Maßnahme ${code ?? ''} ${title ?? ''}`.trim(); return; }
    const base: Measure = existing ?? {
      id: id && !model.measures.has(id) ? id : newId(), code: '', title: '', description: '', goal: '', need: '', ausgangslage: '', risks: '',
      baustelleId: baustelleId!, furtherBaustellenIds: [], status: 'idee', startYear: null, startQuarter: null, endYear: null, endQuarter: null,
      laufzeit: null, notes: '', grundmauerIds: [], frageIds: [], createdAt: now, updatedAt: now,
    };
    const keep = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
    const next: Measure = {
      ...base,
      code: code ?? base.code,
      title: keep(title, base.title),
      description: keep(r.text('description'), base.description),
      goal: keep(r.text('goal'), base.goal),
      need: keep(r.text('need'), base.need),
      ausgangslage: keep(r.text('ausgangslage'), base.ausgangslage),
      risks: keep(r.text('risks'), base.risks),
      notes: keep(r.text('notes'), base.notes),
      baustelleId: baustelleId!,
      furtherBaustellenIds: [...new Set((further ?? base.furtherBaustellenIds).filter((b) => b !== baustelleId))].sort(),
      status: status ?? base.status,
      startYear: keep(startYear, base.startYear), startQuarter: keep(startQuarter, base.startQuarter) as Measure['startQuarter'],
      endYear: keep(endYear, base.endYear), endQuarter: keep(endQuarter, base.endQuarter) as Measure['endQuarter'],
      grundmauerIds: grundmauerIds ?? base.grundmauerIds,
      frageIds: frageIds ?? base.frageIds,
    };
    if (!next.code) next.code = nextCode(model, next.baustelleId);
    next.laufzeit = laufzeitOf(next);
    const parsed = measureFullSchema.safeParse(next);
    if (!parsed.success) r.errors.push(...new Set(parsed.error.issues.map((i) => i.message)));
    const clash = [...model.measures.values()].find((m) => m.id !== next.id && norm(m.code) === norm(next.code));
    if (clash) r.errors.push(`Die Nummer „${next.code}“ ist schon vergeben (${clash.title}).`);
    rep.label = `Maßnahme ${next.code} ${next.title}`;
    if (r.errors.length) return;
    const unchanged = existing && sameJson({ ...existing, updatedAt: '' }, { ...next, updatedAt: '' });
    if (!unchanged && existing) next.updatedAt = now;
    if (id && id !== next.id) refs.measureAlias.set(id, next.id);
    rep.entityId = next.id;
    rep.action = !existing ? 'create' : unchanged ? 'unchanged' : 'update';
    model.measures.set(next.id, next);
    touched.set(next.id, rep);
    if (responsibleId) wantResponsible.push({ measureId: next.id, actorId: responsibleId, rep });
  });

  // 3. Zuständigkeiten: every role but verantwortlich first, so a file that moves the
  // verantwortliche Stelle from A to B never has two at a time.
  const respRows: { r: RowReader; rep: ImportRowReport; measure: Measure; actor: Actor; role: Role }[] = [];
  each('responsibilities', (r, rep) => {
    const measure = findMeasure(model, refs, r.text('measureId') || undefined, r.text('measureCode') || undefined);
    const actor = findActor(model, refs, r.text('actorId') || undefined, r.text('actorName') || undefined);
    const role = r.choice('role', 'Rolle', ROLE);
    if (!measure) r.errors.push(`Maßnahme „${r.text('measureCode') || r.text('measureId') || ''}“ gibt es nicht (weder im Plan noch im Blatt ${SHEET_NAMES.measures}).`);
    if (!actor) r.errors.push(`Akteur „${r.text('actorName') || r.text('actorId') || ''}“ gibt es nicht (weder im Plan noch im Blatt ${SHEET_NAMES.actors}).`);
    if (role == null && !r.errors.some((e) => e.includes('Rolle'))) r.errors.push(`Rolle fehlt (möglich: ${ROLE.list}).`);
    rep.label = `Zuständigkeit ${measure?.code ?? '?'} – ${actor?.name ?? '?'}`;
    if (r.errors.length || !measure || !actor || !role) return;
    if (model.roles.get(measure.id)?.has(actor.id)) rep.matchedBy = r.text('measureId') && r.text('actorId') ? 'id' : 'name';
    rep.entityId = `${measure.id}:${actor.id}`;
    respRows.push({ r, rep, measure, actor, role });
  });
  const applyRole = (measureId: string, actorId: string, role: Role, rep: ImportRowReport, primary: boolean) => {
    const prior = model.roles.get(measureId)?.get(actorId);
    const replaced = role === 'verantwortlich' ? responsibleOf(model, measureId) : null;
    setRole(model, measureId, actorId, role);
    if (primary) {
      rep.entityId = `${measureId}:${actorId}`;
      rep.action = prior === undefined ? 'create' : prior === role ? 'unchanged' : 'update';
      if (replaced && replaced !== actorId) rep.label += ` (bisher verantwortlich: ${model.actors.get(replaced)?.name ?? '?'}, künftig mitwirkend)`;
    }
    touched.set(measureId, rep);
  };
  for (const x of respRows) if (x.role !== 'verantwortlich') applyRole(x.measure.id, x.actor.id, x.role, x.rep, true);
  // The measures sheet's column "verantwortlich" counts unless the Zuständigkeiten sheet names one itself.
  const namedInSheet = new Set(respRows.filter((x) => x.role === 'verantwortlich').map((x) => x.measure.id));
  for (const w of wantResponsible) if (!namedInSheet.has(w.measureId)) applyRole(w.measureId, w.actorId, 'verantwortlich', w.rep, false);
  for (const x of respRows) if (x.role === 'verantwortlich') applyRole(x.measure.id, x.actor.id, x.role, x.rep, true);

  // 4. Budgetpositionen
  each('budget', (r, rep) => {
    const id = r.text('id') || undefined;
    const existing = id ? model.budget.get(id) : undefined;
    rep.matchedBy = existing ? 'id' : null;
    if (id && !existing && !ID_RE.test(id)) r.errors.push(`ID „${id}“: Eine Kennung besteht aus Buchstaben, Ziffern, Punkt, Doppelpunkt, Binde- und Unterstrich.`);
    const mId = r.text('measureId') || undefined;
    const mCode = r.text('measureCode') || undefined;
    let measure = mId || mCode ? findMeasure(model, refs, mId, mCode) : existing ? model.measures.get(existing.measureId) ?? null : null;
    if (!measure) r.errors.push(mId || mCode ? `Maßnahme „${mCode ?? mId}“ gibt es nicht (weder im Plan noch im Blatt ${SHEET_NAMES.measures}).` : 'Maßnahme fehlt (Spalte „Maßnahme“ oder „Maßnahme-ID“).');
    const year = r.int('year', 'Jahr', 2000, 2100);
    const amount = r.cents('amount', 'Betrag');
    const costKind = r.choice('costKind', 'Kostenart', COST);
    const fundingKind = r.choice('fundingKind', 'Finanzierung', FUNDING);
    const state = r.choice('state', 'Stand', STATE);
    const quote = r.percentBp('quote', 'Förderquote');
    if (!existing && (year == null) && !r.errors.some((e) => e.includes('Jahr'))) r.errors.push('Jahr fehlt.');
    if (!existing && (amount == null) && !r.errors.some((e) => e.includes('Betrag'))) r.errors.push('Betrag fehlt.');
    rep.label = `Budgetposition ${measure?.code ?? '?'} / ${year ?? existing?.year ?? '?'}${amount != null ? ` (${formatCents(amount)})` : ''}`;
    if (r.errors.length || !measure) return;
    const base: BudgetLine = existing ?? {
      id: id && !model.budget.has(id) ? id : newId(), measureId: measure.id, year: year!, amountCents: amount!, costKind: 'sachkosten',
      fundingKind: 'kreishaushalt', produkt: '', kostenstelle: '', programme: '', foerderquoteBp: null, state: 'geplant', note: '',
    };
    let next: BudgetLine = {
      ...base, measureId: measure.id,
      year: year ?? base.year, amountCents: amount ?? base.amountCents,
      costKind: costKind ?? base.costKind, fundingKind: fundingKind ?? base.fundingKind, state: state ?? base.state,
      produkt: r.text('produkt') ?? base.produkt, kostenstelle: r.text('kostenstelle') ?? base.kostenstelle,
      programme: r.text('programme') ?? base.programme, foerderquoteBp: quote === undefined ? base.foerderquoteBp : quote, note: r.text('note') ?? base.note,
    };
    const parsed = budgetFullSchema.safeParse(next);
    if (!parsed.success) { r.errors.push(...new Set(parsed.error.issues.map((i) => i.message))); return; }
    // As budget.create does: fields of another funding kind are cleared.
    if (next.fundingKind !== 'foerdermittel') next = { ...next, programme: next.fundingKind === 'kreishaushalt' ? '' : next.programme, foerderquoteBp: null };
    // A year of a multi-year series changes only with its series (schema 6): the row is refused, nothing changes.
    if (existing?.seriesId && !sameJson(existing, next)) {
      r.errors.push(`Diese Budgetposition (${existing.year}) gehört zu einer mehrjährigen Budgetreihe; sie lässt sich nur über die Reihe im Maßnahmenblatt ändern.`);
      return;
    }
    rep.entityId = next.id;
    rep.action = !existing ? 'create' : sameJson(existing, next) ? 'unchanged' : 'update';
    model.budget.set(next.id, next);
  });

  // 5. The plan's rule: beyond Idee, exactly one verantwortliche Stelle.
  for (const [measureId, rep] of touched) {
    const m = model.measures.get(measureId);
    if (!m || m.status === 'idee' || responsibleOf(model, measureId)) continue;
    rep.errors.push(`Zeile ${rep.row}: Für den Status „${MEASURE_STATUS_LABELS[m.status]}“ braucht die Maßnahme ${m.code} eine verantwortliche Stelle (Spalte „verantwortlich“ oder Blatt ${SHEET_NAMES.responsibilities}).`);
    rep.ok = false;
    rep.action = null;
  }

  const counts = Object.fromEntries(IMPORT_KINDS.map((k) => [k, { create: 0, update: 0, unchanged: 0, invalid: 0 }])) as ImportReport['counts'];
  for (const r of rows) {
    const c = counts[r.kind];
    if (!r.ok) c.invalid++;
    else if (r.action) c[r.action]++;
  }
  const invalid = rows.filter((r) => !r.ok).length;
  const parts = IMPORT_KINDS.filter((k) => mapping[k]).map((k) => {
    const c = counts[k];
    return `${SHEET_NAMES[k]}: ${c.create} neu, ${c.update} geändert${c.unchanged ? `, ${c.unchanged} unverändert` : ''}`;
  });
  const summary = rows.length === 0
    ? 'Die zugeordneten Tabellenblätter enthalten keine Zeilen.'
    : invalid > 0
      ? `${invalid} ${invalid === 1 ? 'Zeile ist' : 'Zeilen sind'} fehlerhaft; es wird nichts übernommen, bis alle Zeilen in Ordnung sind. (${parts.join('; ')})`
      : `Alle ${rows.length} Zeilen sind in Ordnung. ${parts.join('; ')}.`;
  return { report: { ok: invalid === 0, rows, counts, summary }, before, after: model };
}

export async function validateImport(db: Db, fileName: string, base64: string, mapping: ImportMapping, now: string): Promise<ImportReport> {
  const file = await readImportFile(fileName, base64);
  return db.transaction(() => planImport(db, file, mapping, now).report)();
}

/** Applies everything or nothing, as one undo step; refuses when a row is invalid. */
export async function applyImport(db: Db, ctx: ChangeContext, fileName: string, base64: string, mapping: ImportMapping): Promise<ImportApplyResult> {
  const file = await readImportFile(fileName, base64);
  return changeGroup(db, () => {
    const { report, before, after } = planImport(db, file, mapping, ctx.now());
    if (!report.ok) {
      const first = report.rows.filter((r) => !r.ok).flatMap((r) => r.errors).slice(0, 5);
      const n = report.rows.filter((r) => !r.ok).length;
      throw new AppError('import-invalid', `Der Import wurde nicht ausgeführt, weil ${n} ${n === 1 ? 'Zeile fehlerhaft ist' : 'Zeilen fehlerhaft sind'}; der Plan ist unverändert. ${first.join(' ')}`);
    }
    const name = fileName.replace(/^.*[\\/]/u, '');
    const summary = `Import aus „${name}“: ${report.summary.replace(/^Alle \d+ Zeilen sind in Ordnung\. /u, '')}`;
    const log: Parameters<typeof logChange>[] = [];
    // Actors, then measures, then responsibilities and budget lines (their references exist by then).
    for (const a of after.actors.values()) {
      const old = before.actors.get(a.id);
      if (old && sameJson(old, a)) continue;
      if (old) updateActor(db, a); else insertActor(db, a);
      log.push([db, ctx, 'actor', a.id, old ? 'update' : 'create', `Akteur „${a.name}“ ${old ? 'geändert' : 'angelegt'} (Import)`, old, a]);
    }
    const changedMeasures: Measure[] = [];
    for (const m of after.measures.values()) {
      const old = before.measures.get(m.id);
      if (old && sameJson(old, m)) continue;
      if (old) updateMeasure(db, m); else insertMeasure(db, m);
      changedMeasures.push(m);
      log.push([db, ctx, 'measure', m.id, old ? 'update' : 'create', `Maßnahme ${m.code} ${old ? 'geändert' : 'angelegt'} (Import)`, old, m]);
    }
    const roleChanges: Responsibility[] = [];
    for (const [measureId, roles] of after.roles) {
      for (const [actorId, role] of roles) {
        const old = before.roles.get(measureId)?.get(actorId);
        if (old === role) continue;
        roleChanges.push({ measureId, actorId, role });
        const prior = old === undefined ? undefined : { measureId, actorId, role: old };
        log.push([db, ctx, 'responsibility', `${measureId}:${actorId}`, old ? 'update' : 'create',
          `${after.actors.get(actorId)?.name ?? 'Akteur'} bei ${after.measures.get(measureId)?.code ?? '?'}: ${ROLE_LABELS[role]} (Import)`, prior, { measureId, actorId, role }]);
      }
    }
    // A verantwortliche Stelle that moves: the old one steps down before the new one takes over (unique index).
    roleChanges.sort((x, y) => (x.role === 'verantwortlich' ? 1 : 0) - (y.role === 'verantwortlich' ? 1 : 0));
    for (const r of roleChanges) upsertResponsibility(db, r);
    for (const b of after.budget.values()) {
      const old = before.budget.get(b.id);
      if (old && sameJson(old, b)) continue;
      if (old) updateBudgetLine(db, b); else insertBudgetLine(db, b);
      log.push([db, ctx, 'budget', b.id, old ? 'update' : 'create', `${after.measures.get(b.measureId)?.code ?? '?'}: Budgetposition ${b.year} (${formatCents(b.amountCents)}) ${old ? 'geändert' : 'angelegt'} (Import)`, old, b]);
    }
    // The handlers' own rules, once more on what is now in the file (a failure rolls everything back).
    const recheck = new Set([...changedMeasures.map((m) => m.id), ...roleChanges.map((r) => r.measureId)]);
    for (const id of recheck) {
      const m = getMeasure(db, id);
      if (!m) continue;
      checkReferences(db, m);
      checkResponsible(db, m);
    }
    if (log.length > 0) {
      logChange(db, ctx, 'step', 'import', 'update', summary, undefined, undefined);
      for (const entry of log) logChange(...entry);
    }
    return { report, summary: log.length > 0 ? summary : `Import aus „${name}“: keine Änderungen.` };
  });
}
