// Umsetzung (schema 8): Ist and Fördermittel-Abruf per budget line, indicator Messwerte, the date
// a milestone was done, Ampel overrides, festgeschriebene Sachstandsberichte. Each put/delete takes
// the complete row, so undo/redo (repos/history.ts) can use them as they are.
import type { Quarter } from '../../../shared/domain/enums.ts';
import type { Actual, AmpelOverride, BerichtInfo, Measurement, MilestoneDone } from '../../../shared/domain/monitoring.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

const ASELECT = `SELECT id, budget_line_id AS budgetLineId, kind, year, quarter, amount_cents AS amountCents, source, note, recorded_at AS recordedAt
  FROM budget_actuals`;

export function listActuals(db: Db): Actual[] {
  return stmt(db, `${ASELECT} ORDER BY budget_line_id, year, quarter, id`).all() as Actual[];
}

export function listActualsOfMeasure(db: Db, measureId: string): Actual[] {
  return stmt(db, `${ASELECT} WHERE budget_line_id IN (SELECT id FROM budget_lines WHERE measure_id = ?) ORDER BY year, quarter, id`).all(measureId) as Actual[];
}

export function getActual(db: Db, id: string): Actual | undefined {
  return stmt(db, `${ASELECT} WHERE id = ?`).get(id) as Actual | undefined;
}

export function findActual(db: Db, budgetLineId: string, kind: string, year: number, quarter: Quarter | null): Actual | undefined {
  return stmt(db, `${ASELECT} WHERE budget_line_id = ? AND kind = ? AND year = ? AND quarter IS ?`).get(budgetLineId, kind, year, quarter) as Actual | undefined;
}

export function putActual(db: Db, a: Actual): void {
  stmt(db, `INSERT INTO budget_actuals (id, budget_line_id, kind, year, quarter, amount_cents, source, note, recorded_at)
    VALUES (@id, @budgetLineId, @kind, @year, @quarter, @amountCents, @source, @note, @recordedAt)
    ON CONFLICT (id) DO UPDATE SET budget_line_id = excluded.budget_line_id, kind = excluded.kind, year = excluded.year, quarter = excluded.quarter,
      amount_cents = excluded.amount_cents, source = excluded.source, note = excluded.note, recorded_at = excluded.recorded_at`).run(a);
}

export function deleteActual(db: Db, id: string): void {
  stmt(db, 'DELETE FROM budget_actuals WHERE id = ?').run(id);
}

/** Sum per measure, kind and year, straight from the rows (what every figure is checked against). */
export function actualSums(db: Db): { measureId: string; kind: string; year: number; cents: number }[] {
  return stmt(db, `SELECT l.measure_id AS measureId, a.kind, a.year, SUM(a.amount_cents) AS cents
    FROM budget_actuals a JOIN budget_lines l ON l.id = a.budget_line_id GROUP BY l.measure_id, a.kind, a.year`).all() as { measureId: string; kind: string; year: number; cents: number }[];
}

const VSELECT = 'SELECT id, indicator_id AS indicatorId, date, value, source, note FROM indicator_values';

export function listMeasurements(db: Db, indicatorId?: string): Measurement[] {
  return (indicatorId
    ? stmt(db, `${VSELECT} WHERE indicator_id = ? ORDER BY date, id`).all(indicatorId)
    : stmt(db, `${VSELECT} ORDER BY indicator_id, date, id`).all()) as Measurement[];
}

export function getMeasurement(db: Db, id: string): Measurement | undefined {
  return stmt(db, `${VSELECT} WHERE id = ?`).get(id) as Measurement | undefined;
}

export function putMeasurement(db: Db, m: Measurement): void {
  stmt(db, `INSERT INTO indicator_values (id, indicator_id, date, value, source, note) VALUES (@id, @indicatorId, @date, @value, @source, @note)
    ON CONFLICT (id) DO UPDATE SET indicator_id = excluded.indicator_id, date = excluded.date, value = excluded.value, source = excluded.source, note = excluded.note`).run(m);
}

export function deleteMeasurement(db: Db, id: string): void {
  stmt(db, 'DELETE FROM indicator_values WHERE id = ?').run(id);
}

export function listMilestoneDone(db: Db): MilestoneDone[] {
  return stmt(db, 'SELECT milestone_id AS milestoneId, done_on AS doneOn, note FROM milestone_done').all() as MilestoneDone[];
}

export function getMilestoneDone(db: Db, milestoneId: string): MilestoneDone | undefined {
  return stmt(db, 'SELECT milestone_id AS milestoneId, done_on AS doneOn, note FROM milestone_done WHERE milestone_id = ?').get(milestoneId) as MilestoneDone | undefined;
}

export function putMilestoneDone(db: Db, d: MilestoneDone): void {
  stmt(db, `INSERT INTO milestone_done (milestone_id, done_on, note) VALUES (@milestoneId, @doneOn, @note)
    ON CONFLICT (milestone_id) DO UPDATE SET done_on = excluded.done_on, note = excluded.note`).run(d);
}

export function deleteMilestoneDone(db: Db, milestoneId: string): void {
  stmt(db, 'DELETE FROM milestone_done WHERE milestone_id = ?').run(milestoneId);
}

export interface OverrideRow extends AmpelOverride { measureId: string }

export function listOverrides(db: Db): OverrideRow[] {
  return stmt(db, 'SELECT measure_id AS measureId, ampel, reason, set_at AS setAt, set_by AS setBy FROM ampel_overrides').all() as OverrideRow[];
}

export function getOverride(db: Db, measureId: string): OverrideRow | undefined {
  return stmt(db, 'SELECT measure_id AS measureId, ampel, reason, set_at AS setAt, set_by AS setBy FROM ampel_overrides WHERE measure_id = ?').get(measureId) as OverrideRow | undefined;
}

export function putOverride(db: Db, o: OverrideRow): void {
  stmt(db, `INSERT INTO ampel_overrides (measure_id, ampel, reason, set_at, set_by) VALUES (@measureId, @ampel, @reason, @setAt, @setBy)
    ON CONFLICT (measure_id) DO UPDATE SET ampel = excluded.ampel, reason = excluded.reason, set_at = excluded.set_at, set_by = excluded.set_by`).run(o);
}

export function deleteOverride(db: Db, measureId: string): void {
  stmt(db, 'DELETE FROM ampel_overrides WHERE measure_id = ?').run(measureId);
}

export interface BerichtRow extends BerichtInfo { stateJson: string }

const BSELECT = 'SELECT id, name, stichtag, snapshot_id AS snapshotId, created_at AS createdAt, created_by AS createdBy, state_json AS stateJson FROM berichte';

export function listBerichtRows(db: Db): BerichtRow[] {
  return stmt(db, `${BSELECT} ORDER BY stichtag DESC, created_at DESC, id`).all() as BerichtRow[];
}

export function getBerichtRow(db: Db, id: string): BerichtRow | undefined {
  return stmt(db, `${BSELECT} WHERE id = ?`).get(id) as BerichtRow | undefined;
}

export function putBericht(db: Db, r: BerichtRow): void {
  stmt(db, `INSERT INTO berichte (id, name, stichtag, snapshot_id, created_at, created_by, state_json) VALUES (@id, @name, @stichtag, @snapshotId, @createdAt, @createdBy, @stateJson)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, stichtag = excluded.stichtag, snapshot_id = excluded.snapshot_id, created_at = excluded.created_at,
      created_by = excluded.created_by, state_json = excluded.state_json`).run(r);
}

export function deleteBericht(db: Db, id: string): void {
  stmt(db, 'DELETE FROM berichte WHERE id = ?').run(id);
}

export function berichtInfo(r: BerichtRow): BerichtInfo {
  const { stateJson: _s, ...info } = r;
  return info;
}
