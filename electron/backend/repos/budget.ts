import type { BudgetLine, Totals } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

const SELECT = 'SELECT id, measure_id AS measureId, year, amount_cents AS amountCents, cost_kind AS costKind, funding_kind AS fundingKind, produkt, kostenstelle, programme, foerderquote_bp AS foerderquoteBp, state, note, series_id AS seriesId FROM budget_lines';

export function listBudgetLines(db: Db, measureId?: string): BudgetLine[] {
  return (measureId
    ? stmt(db, `${SELECT} WHERE measure_id = ? ORDER BY year, cost_kind, id`).all(measureId)
    : stmt(db, `${SELECT} ORDER BY measure_id, year, cost_kind, id`).all()) as BudgetLine[];
}

/** The per-year lines of a budget series (schema 6), by year. */
export function listSeriesLines(db: Db, seriesId: string): BudgetLine[] {
  return stmt(db, `${SELECT} WHERE series_id = ? ORDER BY year`).all(seriesId) as BudgetLine[];
}

export function getBudgetLine(db: Db, id: string): BudgetLine | undefined {
  return stmt(db, `${SELECT} WHERE id = ?`).get(id) as BudgetLine | undefined;
}

export function insertBudgetLine(db: Db, b: BudgetLine): void {
  stmt(db, 'INSERT INTO budget_lines (id, measure_id, year, amount_cents, cost_kind, funding_kind, produkt, kostenstelle, programme, foerderquote_bp, state, note, series_id) VALUES (@id, @measureId, @year, @amountCents, @costKind, @fundingKind, @produkt, @kostenstelle, @programme, @foerderquoteBp, @state, @note, @seriesId)')
    .run({ ...b, seriesId: b.seriesId ?? null });
}

export function updateBudgetLine(db: Db, b: BudgetLine): void {
  stmt(db, 'UPDATE budget_lines SET year = @year, amount_cents = @amountCents, cost_kind = @costKind, funding_kind = @fundingKind, produkt = @produkt, kostenstelle = @kostenstelle, programme = @programme, foerderquote_bp = @foerderquoteBp, state = @state, note = @note, series_id = @seriesId WHERE id = @id').run({ ...b, seriesId: b.seriesId ?? null });
}

export function deleteBudgetLine(db: Db, id: string): void {
  stmt(db, 'DELETE FROM budget_lines WHERE id = ?').run(id);
}

/** Totals per measure, year, Baustelle (primary) and Baustelle × year; every figure comes from the same rows, so they add up. */
export function computeTotals(db: Db): Totals {
  // Sum first (an index-only scan of budget_lines_measure_year_amount), then one lookup per
  // measure and year for the Baustelle, not one per budget line.
  const rows = stmt(db, 'SELECT t.m, m.baustelle_id AS s, t.y, t.c FROM (SELECT measure_id AS m, year AS y, SUM(amount_cents) AS c FROM budget_lines GROUP BY measure_id, year) t JOIN measures m ON m.id = t.m')
    .all() as { m: string; s: string; y: number; c: number }[];
  const t: Totals = { totalCents: 0, byMeasure: {}, byYear: {}, byBaustelle: {}, byBaustelleYear: {}, years: [] };
  const years = new Set<number>();
  for (const r of rows) {
    const y = String(r.y);
    years.add(r.y);
    t.totalCents += r.c;
    t.byMeasure[r.m] = (t.byMeasure[r.m] ?? 0) + r.c;
    t.byYear[y] = (t.byYear[y] ?? 0) + r.c;
    t.byBaustelle[r.s] = (t.byBaustelle[r.s] ?? 0) + r.c;
    const by = (t.byBaustelleYear[r.s] ??= {});
    by[y] = (by[y] ?? 0) + r.c;
  }
  t.years = [...years].sort((a, b) => a - b);
  return t;
}
