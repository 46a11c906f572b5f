// The Umsetzung at a Stichtag, read in one transaction: per measure Soll and Ist, Fördermittel
// bewilligt vs abgerufen, milestones, indicator progress and the Ampel; grouped per Baustelle and
// per verantwortliche Stelle; compared with the last festgeschriebene Sachstandsbericht. The
// Steuerungsgruppe view, the Sachstandsbericht and "Bericht festschreiben" all read this one thing.
import { foerderanteil } from '../../../shared/domain/finance.ts';
import {
  AMPEL_LABELS, deriveAmpel, emptyCounts, formatDue, isOverdue, doneLate, type Actual, type Ampel, type BerichtInfo, type BerichtState,
  type Measurement, type MonitoringMeasure, type SteuerungGroup, type SteuerungOverview, type SteuerungRow,
} from '../../../shared/domain/monitoring.ts';
import { compareCodes } from '../../../shared/domain/nutzwert.ts';
import { diffSnapshot } from '../../../shared/domain/snapshot-diff.ts';
import type { Indicator, MeasureRow, Milestone } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { listBudgetLines } from './budget.ts';
import {
  berichtInfo, listActuals, listBerichtRows, listMeasurements, listMilestoneDone, listOverrides, type BerichtRow,
} from './monitoring.ts';
import { listIndicators, listMilestones } from './sheet.ts';
import { currentContent, getSnapshotRow, snapshotContent, snapshotInfo } from './snapshots.ts';
import { stmt } from './stmt.ts';

function group<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = out.get(k);
    if (l) l.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** What the Umsetzung needs of a measure (lean: no texts but the risks). */
export type MonitoringMeasureRow = Pick<MeasureRow,
  'id' | 'code' | 'title' | 'baustelleId' | 'status' | 'startYear' | 'startQuarter' | 'endYear' | 'endQuarter' | 'risks' | 'responsibleActorId' | 'responsibleActorName' | 'totalCents'>;

const CODE_ORDER = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });

function listMonitoringMeasures(db: Db, soll: Map<string, Record<string, number>>): MonitoringMeasureRow[] {
  const rows = stmt(db, `SELECT m.id, m.code, m.title, m.baustelle_id AS baustelleId, m.status, m.start_year AS startYear, m.start_quarter AS startQuarter,
      m.end_year AS endYear, m.end_quarter AS endQuarter, m.risks, a.id AS responsibleActorId, a.name AS responsibleActorName
    FROM measures m LEFT JOIN responsibilities r ON r.measure_id = m.id AND r.role = 'verantwortlich' LEFT JOIN actors a ON a.id = r.actor_id`).all() as Omit<MonitoringMeasureRow, 'totalCents'>[];
  return rows.map((m) => {
    let total = 0;
    for (const c of Object.values(soll.get(m.id) ?? {})) total += c;
    return { ...m, totalCents: total };
  }).sort((a, b) => CODE_ORDER.compare(a.code, b.code));
}

export interface MonitoringData {
  stichtag: string;
  measures: MonitoringMeasureRow[];
  /** Soll per measure and year, summed in SQL (an index-only scan; 50,000 lines are not read one by one). */
  soll: Map<string, Record<string, number>>;
  /** Förderanteil of the bewilligt Fördermittel lines, per measure. */
  bewilligt: Map<string, number>;
  actuals: Map<string, Actual[]>;
  milestones: Map<string, Milestone[]>;
  doneOn: Map<string, string>;
  indicators: Map<string, Indicator[]>;
  measurements: Map<string, Measurement[]>;
  baustellen: Map<string, { number: number; shortTitle: string }>;
}

export function readMonitoringData(db: Db, stichtag: string): MonitoringData {
  const soll = new Map<string, Record<string, number>>();
  for (const r of stmt(db, 'SELECT measure_id AS m, year AS y, SUM(amount_cents) AS c FROM budget_lines GROUP BY measure_id, year').all() as { m: string; y: number; c: number }[]) {
    let by = soll.get(r.m);
    if (!by) soll.set(r.m, (by = {}));
    by[String(r.y)] = r.c;
  }
  const bewilligt = new Map<string, number>();
  // The Förderanteil exactly as the Finanzplan computes it (shared/domain/finance.ts), line by line.
  for (const l of stmt(db, "SELECT measure_id AS m, amount_cents AS c, foerderquote_bp AS q FROM budget_lines WHERE funding_kind = 'foerdermittel' AND state = 'bewilligt'").all() as { m: string; c: number; q: number | null }[]) {
    bewilligt.set(l.m, (bewilligt.get(l.m) ?? 0) + foerderanteil(l.c, l.q ?? 0));
  }
  const lineMeasure = new Map((stmt(db, 'SELECT a.budget_line_id AS l, b.measure_id AS m FROM budget_actuals a JOIN budget_lines b ON b.id = a.budget_line_id').all() as { l: string; m: string }[]).map((r) => [r.l, r.m]));
  return {
    stichtag,
    measures: listMonitoringMeasures(db, soll),
    soll,
    bewilligt,
    actuals: group(listActuals(db), (a) => lineMeasure.get(a.budgetLineId) ?? ''),
    milestones: group(listMilestones(db), (m) => m.measureId),
    doneOn: new Map(listMilestoneDone(db).map((d) => [d.milestoneId, d.doneOn])),
    indicators: group(listIndicators(db), (i) => i.measureId),
    measurements: group(listMeasurements(db), (v) => v.indicatorId),
    baustellen: new Map((stmt(db, 'SELECT id, number, short_title AS shortTitle FROM baustellen').all() as { id: string; number: number; shortTitle: string }[]).map((b) => [b.id, b])),
  };
}

function byYear(list: readonly { year: number; amountCents: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of list) out[String(x.year)] = (out[String(x.year)] ?? 0) + x.amountCents;
  return out;
}

function rowOf(d: MonitoringData, m: MonitoringMeasureRow, override: ReturnType<typeof listOverrides>[number] | undefined): Omit<SteuerungRow, 'changes' | 'isNew'> {
  const actuals = d.actuals.get(m.id) ?? [];
  const ist = actuals.filter((a) => a.kind === 'ist');
  const milestones = (d.milestones.get(m.id) ?? []).map((x) => ({ ...x, doneOn: d.doneOn.get(x.id) ?? null }));
  const indicators = (d.indicators.get(m.id) ?? []).map((i) => ({ ...i, values: (d.measurements.get(i.id) ?? []).map((v) => ({ date: v.date, value: v.value })) }));
  const sollByYear = { ...(d.soll.get(m.id) ?? {}) };
  const istByYear = byYear(ist);
  const ampel = deriveAmpel({
    stichtag: d.stichtag, measure: m, milestones, sollByYear, istByYear, indicators,
    override: override ? { ampel: override.ampel, reason: override.reason, setAt: override.setAt, setBy: override.setBy } : null,
  });
  const b = d.baustellen.get(m.baustelleId);
  const bewilligt = d.bewilligt.get(m.id) ?? 0;
  let abgerufen = 0;
  for (const a of actuals) if (a.kind === 'abruf') abgerufen += a.amountCents;
  return {
    measureId: m.id, code: m.code, title: m.title, baustelleId: m.baustelleId,
    baustelleLabel: b ? `Baustelle ${b.number}: ${b.shortTitle}` : m.baustelleId,
    status: m.status, responsibleActorId: m.responsibleActorId, responsibleActorName: m.responsibleActorName,
    ampel, sollCents: m.totalCents, sollByYear, istByYear, foerderBewilligtCents: bewilligt, foerderAbgerufenCents: abgerufen,
    milestonesTotal: milestones.length, milestonesDone: milestones.filter((x) => x.done).length,
    overdue: milestones.filter((x) => isOverdue(x, d.stichtag)).map((x) => ({ id: x.id, title: x.title, due: formatDue(x.dueYear, x.dueQuarter) })),
  };
}

function groupsOf(rows: readonly SteuerungRow[], key: (r: SteuerungRow) => string, label: (r: SteuerungRow) => string): SteuerungGroup[] {
  const out = new Map<string, SteuerungGroup>();
  for (const r of rows) {
    const k = key(r);
    let g = out.get(k);
    if (!g) out.set(k, (g = { key: k, label: label(r), counts: emptyCounts(), sollCents: 0, expectedCents: 0, istCents: 0, measureCount: 0 }));
    g.counts[r.ampel.effective]++;
    g.sollCents += r.sollCents;
    g.expectedCents += r.ampel.expectedCents;
    g.istCents += r.ampel.istCents;
    g.measureCount++;
  }
  return [...out.values()];
}

/** The latest festgeschriebene Bericht (by Stichtag, then time), or the one asked for. */
export function lastBericht(db: Db, id?: string): BerichtRow | null {
  const rows = listBerichtRows(db);
  return (id ? rows.find((r) => r.id === id) : rows[0]) ?? null;
}

export function loadSteuerung(db: Db, stichtag: string, now: string, sinceBerichtId?: string): SteuerungOverview {
  return db.transaction(() => {
    const d = readMonitoringData(db, stichtag);
    const overrides = new Map(listOverrides(db).map((o) => [o.measureId, o]));
    const since = lastBericht(db, sinceBerichtId);
    const state: BerichtState | null = since ? (JSON.parse(since.stateJson) as BerichtState) : null;
    const snapRow = since?.snapshotId ? getSnapshotRow(db, since.snapshotId) : undefined;
    const diff = snapRow ? diffSnapshot(snapshotInfo(snapRow), snapshotContent(snapRow), currentContent(db, now)) : null;
    const changedBy = new Map((diff?.changed ?? []).map((c) => [c.measureId, c.changes.map((x) => `${x.label}: ${x.before} → ${x.after}`)]));
    const added = new Set((diff?.added ?? []).map((a) => a.measureId));
    const rows: SteuerungRow[] = d.measures.map((m) => {
      const r = rowOf(d, m, overrides.get(m.id));
      const changes = [...(changedBy.get(m.id) ?? [])];
      const before = state?.measures[m.id];
      if (before) {
        if (before.ampel !== r.ampel.effective) changes.push(`Ampel: ${AMPEL_LABELS[before.ampel]} → ${AMPEL_LABELS[r.ampel.effective]}`);
        const doneNow = r.milestonesDone - before.milestonesDone;
        if (doneNow > 0) changes.push(`${doneNow} ${doneNow === 1 ? 'Umsetzungsschritt' : 'Umsetzungsschritte'} erledigt`);
        if (r.ampel.istCents !== before.istCents) changes.push('Ist nachgetragen');
      }
      return { ...r, changes, isNew: since !== null && (added.has(m.id) || (!before && !snapRow)) };
    });
    const totals = { sollCents: 0, expectedCents: 0, istCents: 0, foerderBewilligtCents: 0, foerderAbgerufenCents: 0, counts: emptyCounts() };
    for (const r of rows) {
      totals.sollCents += r.sollCents;
      totals.expectedCents += r.ampel.expectedCents;
      totals.istCents += r.ampel.istCents;
      totals.foerderBewilligtCents += r.foerderBewilligtCents;
      totals.foerderAbgerufenCents += r.foerderAbgerufenCents;
      totals.counts[r.ampel.effective]++;
    }
    const byBaustelle = groupsOf(rows, (r) => r.baustelleId, (r) => r.baustelleLabel)
      .sort((a, b) => (d.baustellen.get(a.key)?.number ?? 99) - (d.baustellen.get(b.key)?.number ?? 99));
    const byActor = groupsOf(rows, (r) => r.responsibleActorId ?? '', (r) => r.responsibleActorName ?? 'ohne verantwortliche Stelle')
      .sort((a, b) => a.label.localeCompare(b.label, 'de'));
    return {
      stichtag, lastBericht: since ? berichtInfo(since) : null, rows, byBaustelle, byActor, totals,
      removedSinceBericht: (diff?.removed ?? []).map((r) => ({ code: r.code, title: r.title })),
    };
  })();
}

/** What "Bericht festschreiben" keeps besides the plan snapshot. */
export function berichtStateOf(o: SteuerungOverview): BerichtState {
  return {
    version: 1, stichtag: o.stichtag, istTotalCents: o.totals.istCents,
    measures: Object.fromEntries(o.rows.map((r) => [r.measureId, { ampel: r.ampel.effective, istCents: r.ampel.istCents, milestonesDone: r.milestonesDone, overdue: r.overdue.length }])),
  };
}

export function loadMeasureMonitoring(db: Db, measureId: string, stichtag: string): MonitoringMeasure | null {
  return db.transaction(() => {
    const d = readMonitoringData(db, stichtag);
    const m = d.measures.find((x) => x.id === measureId);
    if (!m) return null;
    const override = listOverrides(db).find((o) => o.measureId === measureId);
    const r = rowOf(d, m, override);
    const actuals = d.actuals.get(m.id) ?? [];
    return {
      stichtag, measureId: m.id, code: m.code, title: m.title, status: m.status, ampel: r.ampel,
      lines: listBudgetLines(db, m.id).map((l) => ({ ...l, actuals: actuals.filter((a) => a.budgetLineId === l.id) })),
      indicators: (d.indicators.get(m.id) ?? []).map((i) => ({
        id: i.id, name: i.name, baseline: i.baseline, target: i.target, targetYear: i.targetYear, dataSource: i.dataSource,
        values: d.measurements.get(i.id) ?? [], progress: r.ampel.indicators.find((p) => p.indicatorId === i.id)!,
      })),
      milestones: (d.milestones.get(m.id) ?? []).map((x) => {
        const withDate = { ...x, doneOn: d.doneOn.get(x.id) ?? null };
        return { ...withDate, overdue: isOverdue(withDate, stichtag), late: doneLate(withDate) };
      }),
    };
  })();
}

export function sortRows(rows: SteuerungRow[]): SteuerungRow[] {
  return rows.sort((a, b) => compareCodes(a.code, b.code));
}

export type { Ampel, BerichtInfo };
