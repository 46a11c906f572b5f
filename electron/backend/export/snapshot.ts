// Everything a document needs, read in one transaction so the export is consistent.
import type { Catalogue } from '../../../shared/catalogue/types.ts';
import type { Actor, BudgetLine, MeasureRow, PlanInfo, Responsibility, Totals } from '../../../shared/domain/types.ts';
import { listActors, listResponsibilities } from '../repos/actors.ts';
import { computeTotals, listBudgetLines } from '../repos/budget.ts';
import { readCatalogue } from '../repos/catalogue.ts';
import { listMeasureRows } from '../repos/measures.ts';
import { planInfo } from '../rules/plan-info.ts';
import type { Session } from '../session.ts';

export interface PlanSnapshot {
  info: PlanInfo;
  catalogue: Catalogue;
  measures: MeasureRow[];
  actors: Actor[];
  responsibilities: Responsibility[];
  budgetLines: BudgetLine[];
  totals: Totals;
  /** When the snapshot was taken (ISO). */
  takenAt: string;
}

export function loadSnapshot(s: Session): PlanSnapshot {
  const db = s.db;
  return db.transaction(() => ({
    info: planInfo(s),
    catalogue: readCatalogue(db),
    measures: listMeasureRows(db),
    actors: listActors(db),
    responsibilities: listResponsibilities(db),
    budgetLines: listBudgetLines(db),
    totals: computeTotals(db),
    takenAt: s.ctx.now(),
  }))();
}
