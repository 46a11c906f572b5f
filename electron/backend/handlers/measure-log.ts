// What a measure delete takes with it (ON DELETE CASCADE), logged row by row so that undo can
// put the measure back complete: responsibilities, budget lines, milestones, indicators and the
// dependencies in both directions, scores and the fixed decision (Prioritäten).
import { ROLE_LABELS } from '../../../shared/domain/enums.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import type { Measure } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { listResponsibilities } from '../repos/actors.ts';
import { listBudgetLines } from '../repos/budget.ts';
import { listSeries } from '../repos/series.ts';
import { logChange, type ChangeContext } from '../repos/changelog.ts';
import { dependenciesTouching, listIndicators, listMilestones } from '../repos/sheet.ts';
import { getDecision, scoreKey, scoresOfMeasure } from '../repos/priorities.ts';
import { logMonitoringDeleted, monitoringChildren } from './monitoring-log.ts';
import { getHaushalt } from '../repos/haushalt.ts';

export function readMeasureChildren(db: Db, measureId: string) {
  return {
    responsibilities: listResponsibilities(db, measureId),
    budgetLines: listBudgetLines(db, measureId),
    series: listSeries(db, measureId),
    milestones: listMilestones(db, measureId),
    indicators: listIndicators(db, measureId),
    dependencies: dependenciesTouching(db, measureId),
    scores: scoresOfMeasure(db, measureId),
    decision: getDecision(db, measureId),
    monitoring: monitoringChildren(db, { measureId }),
    haushalt: getHaushalt(db, measureId),
  };
}

export function logChildrenDeleted(db: Db, ctx: ChangeContext, m: Measure, c: ReturnType<typeof readMeasureChildren>): void {
  for (const r of c.responsibilities) logChange(db, ctx, 'responsibility', `${r.measureId}:${r.actorId}`, 'delete', `${m.code}: Zuständigkeit (${ROLE_LABELS[r.role]}) entfernt`, r, undefined);
  for (const x of c.series) logChange(db, ctx, 'budget-series', x.id, 'delete', `${m.code}: Budgetreihe ${x.firstYear}–${x.lastYear} gelöscht`, x, undefined);
  for (const b of c.budgetLines) logChange(db, ctx, 'budget', b.id, 'delete', `${m.code}: Budgetposition ${b.year} (${formatCents(b.amountCents)}) gelöscht`, b, undefined);
  for (const x of c.milestones) logChange(db, ctx, 'milestone', x.id, 'delete', `${m.code}: Umsetzungsschritt „${x.title}“ gelöscht`, x, undefined);
  for (const x of c.indicators) logChange(db, ctx, 'indicator', x.id, 'delete', `${m.code}: Indikator „${x.name}“ gelöscht`, x, undefined);
  for (const d of c.dependencies) logChange(db, ctx, 'dependency', `${d.measureId}>${d.dependsOnId}`, 'delete', `${m.code}: Abhängigkeit entfernt`, d, undefined);
  for (const x of c.scores) logChange(db, ctx, 'score', scoreKey(x), 'delete', `${m.code}: Bewertung entfernt`, x, undefined);
  if (c.decision) logChange(db, ctx, 'decision', m.id, 'delete', `${m.code}: Festlegung aufgehoben`, c.decision, undefined);
  logMonitoringDeleted(db, ctx, m.code, c.monitoring);
  if (c.haushalt) logChange(db, ctx, 'measure-haushalt', m.id, 'delete', `${m.code}: Folgekosten und Stellen entfernt`, c.haushalt, undefined);
}
