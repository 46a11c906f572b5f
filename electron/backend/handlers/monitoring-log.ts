// What a delete of a measure, budget line, indicator or milestone takes with it from the Umsetzung
// tables (ON DELETE CASCADE): Ist/Abruf, Messwerte, Erledigt-Datum, Ampel override. Logged row by
// row in the same step, so undo puts them back with their parent.
import { formatCents } from '../../../shared/domain/money.ts';
import type { Actual, Measurement, MilestoneDone } from '../../../shared/domain/monitoring.ts';
import type { Db } from '../db/open.ts';
import { logChange, type ChangeContext } from '../repos/changelog.ts';
import { getMilestoneDone, getOverride, type OverrideRow } from '../repos/monitoring.ts';
import { stmt } from '../repos/stmt.ts';

export interface MonitoringChildren { actuals: Actual[]; measurements: Measurement[]; done: MilestoneDone[]; override: OverrideRow | undefined }

const A = `SELECT id, budget_line_id AS budgetLineId, kind, year, quarter, amount_cents AS amountCents, source, note, recorded_at AS recordedAt FROM budget_actuals`;
const V = 'SELECT id, indicator_id AS indicatorId, date, value, source, note FROM indicator_values';
const D = 'SELECT milestone_id AS milestoneId, done_on AS doneOn, note FROM milestone_done';

export function monitoringChildren(db: Db, of: { measureId?: string; budgetLineId?: string; indicatorId?: string; milestoneId?: string }): MonitoringChildren {
  if (of.measureId) {
    const id = of.measureId;
    return {
      actuals: stmt(db, `${A} WHERE budget_line_id IN (SELECT id FROM budget_lines WHERE measure_id = ?)`).all(id) as Actual[],
      measurements: stmt(db, `${V} WHERE indicator_id IN (SELECT id FROM indicators WHERE measure_id = ?)`).all(id) as Measurement[],
      done: stmt(db, `${D} WHERE milestone_id IN (SELECT id FROM milestones WHERE measure_id = ?)`).all(id) as MilestoneDone[],
      override: getOverride(db, id),
    };
  }
  return {
    actuals: of.budgetLineId ? stmt(db, `${A} WHERE budget_line_id = ?`).all(of.budgetLineId) as Actual[] : [],
    measurements: of.indicatorId ? stmt(db, `${V} WHERE indicator_id = ?`).all(of.indicatorId) as Measurement[] : [],
    done: of.milestoneId ? [getMilestoneDone(db, of.milestoneId)].filter((d): d is MilestoneDone => d !== undefined) : [],
    override: undefined,
  };
}

export function logMonitoringDeleted(db: Db, ctx: ChangeContext, code: string, c: MonitoringChildren): void {
  for (const a of c.actuals) logChange(db, ctx, 'actual', a.id, 'delete', `${code}: ${a.kind === 'ist' ? 'Ist' : 'Abruf'} ${a.year} (${formatCents(a.amountCents)}) gelöscht`, a, undefined);
  for (const v of c.measurements) logChange(db, ctx, 'measurement', v.id, 'delete', `${code}: Messwert vom ${v.date} gelöscht`, v, undefined);
  for (const d of c.done) logChange(db, ctx, 'milestone-done', d.milestoneId, 'delete', `${code}: Erledigt-Datum entfernt`, d, undefined);
  if (c.override) logChange(db, ctx, 'ampel-override', c.override.measureId, 'delete', `${code}: Ampel von Hand entfernt`, c.override, undefined);
}
