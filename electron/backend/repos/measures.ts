import type { Measure, MeasureRow } from '../../../shared/domain/types.ts';
import type { MeasureStatus, Quarter } from '../../../shared/domain/enums.ts';
import { laufzeitOf } from '../../../shared/domain/period.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

interface MeasureRecord {
  id: string; code: string; title: string; description: string; goal: string; need: string;
  ausgangslage: string; risks: string; baustelle_id: string; status: string; start_year: number | null; start_quarter: number | null;
  end_year: number | null; end_quarter: number | null; notes: string; created_at: string; updated_at: string;
}

const COLUMNS = 'id, code, title, description, goal, need, ausgangslage, risks, baustelle_id, status, start_year, start_quarter, end_year, end_quarter, notes, created_at, updated_at';

function toMeasure(r: MeasureRecord, further: string[], grundmauern: string[], fragen: string[]): Measure {
  const period = { startYear: r.start_year, startQuarter: r.start_quarter as Quarter | null, endYear: r.end_year, endQuarter: r.end_quarter as Quarter | null };
  return {
    id: r.id, code: r.code, title: r.title, description: r.description, goal: r.goal, need: r.need,
    ausgangslage: r.ausgangslage, risks: r.risks, laufzeit: laufzeitOf(period), baustelleId: r.baustelle_id, furtherBaustellenIds: further, status: r.status as MeasureStatus,
    startYear: r.start_year, startQuarter: r.start_quarter as Quarter | null,
    endYear: r.end_year, endQuarter: r.end_quarter as Quarter | null,
    notes: r.notes, grundmauerIds: grundmauern, frageIds: fragen, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function links(db: Db, measureId?: string) {
  const where = measureId ? 'WHERE measure_id = ?' : '';
  const args = measureId ? [measureId] : [];
  const further = new Map<string, string[]>();
  for (const r of stmt(db, `SELECT measure_id, baustelle_id FROM measure_baustellen ${where} ORDER BY baustelle_id`).all(...args) as { measure_id: string; baustelle_id: string }[]) {
    push(further, r.measure_id, r.baustelle_id);
  }
  // Items in catalogue order (Baustelle, kind, actor group, position). The catalogue is small: rank it
  // once and sort each measure's few items here, rather than join and sort every link in SQL.
  const order = new Map<string, { rank: number; kind: string }>();
  (stmt(db, 'SELECT id, kind FROM catalogue_items ORDER BY baustelle_id, kind, actor_group, position').all() as { id: string; kind: string }[])
    .forEach((r, rank) => order.set(r.id, { rank, kind: r.kind }));
  const grund = new Map<string, string[]>();
  const fragen = new Map<string, string[]>();
  for (const r of stmt(db, `SELECT measure_id, item_id FROM measure_items ${where}`).all(...args) as { measure_id: string; item_id: string }[]) {
    const item = order.get(r.item_id);
    if (item) push(item.kind === 'grundmauer' ? grund : fragen, r.measure_id, r.item_id);
  }
  const byRank = (a: string, b: string) => order.get(a)!.rank - order.get(b)!.rank;
  for (const lists of [grund, fragen]) for (const list of lists.values()) if (list.length > 1) list.sort(byRank);
  return { further, grund, fragen };
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function getMeasure(db: Db, id: string): Measure | undefined {
  const r = stmt(db, `SELECT ${COLUMNS} FROM measures WHERE id = ?`).get(id) as MeasureRecord | undefined;
  if (!r) return undefined;
  const l = links(db, id);
  return toMeasure(r, l.further.get(id) ?? [], l.grund.get(id) ?? [], l.fragen.get(id) ?? []);
}

export function findMeasureByCode(db: Db, code: string): { id: string } | undefined {
  return stmt(db, 'SELECT id FROM measures WHERE code = ?').get(code) as { id: string } | undefined;
}

/** All measures with responsible actor and costs, ordered by code, in a fixed number of queries. */
const CODE_ORDER = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });

export function listMeasureRows(db: Db, ids?: readonly string[]): MeasureRow[] {
  // ids: only these rows (one edited row of a large plan), with the same derived fields as the whole list.
  const only = ids ? JSON.stringify([...new Set(ids)]) : null;
  const where = (col: string) => (only ? ` ${col} IN (SELECT value FROM json_each(@only))` : '');
  const bind = only ? { only } : {};
  // Natural order (M-1.2 before M-1.10), as planners number; SQLite only knows text order.
  const records = (stmt(db, `SELECT ${COLUMNS} FROM measures${only ? ' WHERE' : ''}${where('id')}`).all(bind) as MeasureRecord[]).sort((a, b) => CODE_ORDER.compare(a.code, b.code));
  const l = ids?.length === 1 ? links(db, ids[0]) : links(db);
  const responsible = new Map<string, { id: string; name: string }>();
  for (const r of stmt(db, `SELECT r.measure_id, a.id, a.name FROM responsibilities r JOIN actors a ON a.id = r.actor_id WHERE r.role = 'verantwortlich'${only ? ' AND' : ''}${where('r.measure_id')}`).all(bind) as { measure_id: string; id: string; name: string }[]) {
    responsible.set(r.measure_id, { id: r.id, name: r.name });
  }
  const costs = new Map<string, Record<string, number>>();
  const totals = new Map<string, number>();
  for (const r of stmt(db, `SELECT measure_id, year, SUM(amount_cents) AS cents FROM budget_lines${only ? ' WHERE' : ''}${where('measure_id')} GROUP BY measure_id, year`).all(bind) as { measure_id: string; year: number; cents: number }[]) {
    let byYear = costs.get(r.measure_id);
    if (!byYear) costs.set(r.measure_id, (byYear = {}));
    byYear[String(r.year)] = r.cents;
    totals.set(r.measure_id, (totals.get(r.measure_id) ?? 0) + r.cents);
  }
  return records.map((r) => {
    const resp = responsible.get(r.id);
    return {
      ...toMeasure(r, l.further.get(r.id) ?? [], l.grund.get(r.id) ?? [], l.fragen.get(r.id) ?? []),
      responsibleActorId: resp?.id ?? null,
      responsibleActorName: resp?.name ?? null,
      totalCents: totals.get(r.id) ?? 0,
      costsByYear: costs.get(r.id) ?? {},
    };
  });
}

/** What is stored of a measure: everything but the derived Laufzeit. */
export type StoredMeasure = Omit<Measure, 'laufzeit'>;

export function insertMeasure(db: Db, m: StoredMeasure): void {
  stmt(db, `INSERT INTO measures (${COLUMNS}) VALUES (@id, @code, @title, @description, @goal, @need, @ausgangslage, @risks, @baustelleId, @status, @startYear, @startQuarter, @endYear, @endQuarter, @notes, @createdAt, @updatedAt)`)
    .run(flat(m));
  writeLinks(db, m);
}

export function updateMeasure(db: Db, m: StoredMeasure): void {
  stmt(db, `UPDATE measures SET code = @code, title = @title, description = @description, goal = @goal, need = @need, ausgangslage = @ausgangslage, risks = @risks, baustelle_id = @baustelleId, status = @status, start_year = @startYear, start_quarter = @startQuarter, end_year = @endYear, end_quarter = @endQuarter, notes = @notes, updated_at = @updatedAt WHERE id = @id`)
    .run(flat(m));
  stmt(db, 'DELETE FROM measure_baustellen WHERE measure_id = ?').run(m.id);
  stmt(db, 'DELETE FROM measure_items WHERE measure_id = ?').run(m.id);
  writeLinks(db, m);
}

export function deleteMeasure(db: Db, id: string): void {
  stmt(db, 'DELETE FROM measures WHERE id = ?').run(id);
}

function flat(m: StoredMeasure) {
  const { furtherBaustellenIds: _f, grundmauerIds: _g, frageIds: _q, ...rest } = m as Measure;
  delete (rest as Partial<Measure>).laufzeit;
  return rest;
}

function writeLinks(db: Db, m: StoredMeasure) {
  const b = stmt(db, 'INSERT INTO measure_baustellen (measure_id, baustelle_id) VALUES (?, ?)');
  for (const id of new Set(m.furtherBaustellenIds)) if (id !== m.baustelleId) b.run(m.id, id);
  const i = stmt(db, 'INSERT INTO measure_items (measure_id, item_id) VALUES (?, ?)');
  for (const id of new Set([...m.grundmauerIds, ...m.frageIds])) i.run(m.id, id);
}

/** Next free code "M-<baustelle number>.<nn>" for a Baustelle. */
export function nextMeasureCode(db: Db, baustelleNumber: number): string {
  const prefix = `M-${baustelleNumber}.`;
  const rows = stmt(db, 'SELECT code FROM measures WHERE code LIKE ?').all(`${prefix}%`) as { code: string }[];
  let max = 0;
  for (const { code } of rows) {
    const n = Number(code.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(2, '0')}`;
}
