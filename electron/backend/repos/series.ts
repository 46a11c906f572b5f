// Multi-year budget series (schema 6): the series row; its per-year lines are budget_lines with series_id.
import type { BudgetSeries } from '../../../shared/domain/series.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

const SELECT = 'SELECT id, measure_id AS measureId, first_year AS firstYear, last_year AS lastYear, base_cents AS baseCents, growth_bp AS growthBp, cost_kind AS costKind, funding_kind AS fundingKind, produkt, kostenstelle, programme, foerderquote_bp AS foerderquoteBp, state, note FROM budget_series';

export function listSeries(db: Db, measureId?: string): BudgetSeries[] {
  return (measureId
    ? stmt(db, `${SELECT} WHERE measure_id = ? ORDER BY first_year, cost_kind, id`).all(measureId)
    : stmt(db, `${SELECT} ORDER BY measure_id, first_year, id`).all()) as BudgetSeries[];
}

export function getSeries(db: Db, id: string): BudgetSeries | undefined {
  return stmt(db, `${SELECT} WHERE id = ?`).get(id) as BudgetSeries | undefined;
}

export function putSeries(db: Db, x: BudgetSeries): void {
  stmt(db, `INSERT INTO budget_series (id, measure_id, first_year, last_year, base_cents, growth_bp, cost_kind, funding_kind, produkt, kostenstelle, programme, foerderquote_bp, state, note)
    VALUES (@id, @measureId, @firstYear, @lastYear, @baseCents, @growthBp, @costKind, @fundingKind, @produkt, @kostenstelle, @programme, @foerderquoteBp, @state, @note)
    ON CONFLICT (id) DO UPDATE SET measure_id = excluded.measure_id, first_year = excluded.first_year, last_year = excluded.last_year, base_cents = excluded.base_cents,
      growth_bp = excluded.growth_bp, cost_kind = excluded.cost_kind, funding_kind = excluded.funding_kind, produkt = excluded.produkt, kostenstelle = excluded.kostenstelle,
      programme = excluded.programme, foerderquote_bp = excluded.foerderquote_bp, state = excluded.state, note = excluded.note`).run(x);
}

export function deleteSeries(db: Db, id: string): void {
  stmt(db, 'DELETE FROM budget_series WHERE id = ?').run(id);
}
