// Multi-year budget series: one entry, one edit, one undo step. Saving a series writes its
// per-year budget lines (expandSeries, the one place the amounts come from): lines of years that
// stay keep their id and are updated, years that go are deleted, new years inserted — every row
// logged in one change group, so the Änderungsprotokoll shows it and undo takes it back at once.
import type { Handlers } from '../../../shared/api/contract.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { newId } from '../../../shared/domain/ids.ts';
import { budgetFullSchema, describeZodError } from '../../../shared/domain/schemas.ts';
import { expandSeries, growthLabel, seriesTotal, type BudgetSeries } from '../../../shared/domain/series.ts';
import type { BudgetLine } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { invalid, notFound } from '../errors.ts';
import { deleteBudgetLine, insertBudgetLine, listSeriesLines, updateBudgetLine } from '../repos/budget.ts';
import { changeGroup, logChange, type ChangeContext } from '../repos/changelog.ts';
import { getMeasure } from '../repos/measures.ts';
import { logMonitoringDeleted, monitoringChildren } from './monitoring-log.ts';
import { deleteSeries, getSeries, listSeries, putSeries } from '../repos/series.ts';
import type { Session } from '../session.ts';

export function seriesLabel(x: BudgetSeries): string {
  return `${formatCents(x.baseCents)} jährlich ${x.firstYear}–${x.lastYear}, ${growthLabel(x.growthBp)}`;
}

const linesOf = (db: Db, seriesId: string): BudgetLine[] => listSeriesLines(db, seriesId);

/** Rewrites the lines of a series to match it (or removes them all when `x` is null). */
function syncLines(db: Db, ctx: ChangeContext, code: string, seriesId: string, x: BudgetSeries | null): void {
  const old = new Map(linesOf(db, seriesId).map((l) => [l.year, l]));
  const years = x ? expandSeries(x) : [];
  for (const { year, amountCents } of years) {
    const prior = old.get(year);
    old.delete(year);
    const line: BudgetLine = {
      id: prior?.id ?? newId(), measureId: x!.measureId, year, amountCents, costKind: x!.costKind, fundingKind: x!.fundingKind,
      produkt: x!.produkt, kostenstelle: x!.kostenstelle, programme: x!.programme, foerderquoteBp: x!.foerderquoteBp,
      state: x!.state, note: x!.note, seriesId,
    };
    if (!prior) {
      insertBudgetLine(db, line);
      logChange(db, ctx, 'budget', line.id, 'create', `${code}: ${formatCents(amountCents)} für ${year} (Reihe)`, undefined, line);
    } else if (JSON.stringify(prior) !== JSON.stringify(line)) {
      updateBudgetLine(db, line);
      logChange(db, ctx, 'budget', line.id, 'update', `${code}: Budgetposition ${year} (Reihe) geändert`, prior, line);
    }
  }
  for (const gone of old.values()) {
    // Ist/Abruf booked on the year go with it (ON DELETE CASCADE); logged so undo brings them back.
    const monitoring = monitoringChildren(db, { budgetLineId: gone.id });
    deleteBudgetLine(db, gone.id);
    logChange(db, ctx, 'budget', gone.id, 'delete', `${code}: Budgetposition ${gone.year} (Reihe) gelöscht`, gone, undefined);
    logMonitoringDeleted(db, ctx, code, monitoring);
  }
}

export function seriesHandlers(s: Session) {
  return {
    'series.list': ({ measureId }) => listSeries(s.db, measureId),
    'series.save': (args) => {
      const db = s.db;
      return changeGroup(db, () => {
        const m = getMeasure(db, args.measureId);
        if (!m) throw notFound('Die Maßnahme');
        const before = args.id ? getSeries(db, args.id) : undefined;
        if (args.id && !before) throw notFound('Die Budgetreihe');
        if (before && before.measureId !== args.measureId) throw invalid('Die Budgetreihe gehört zu einer anderen Maßnahme.');
        const merged = {
          costKind: 'personal', fundingKind: 'kreishaushalt', produkt: '', kostenstelle: '', programme: '', foerderquoteBp: null,
          state: 'geplant', note: '', ...before,
          ...Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)),
        } as BudgetSeries;
        const x: BudgetSeries = { ...merged, id: before?.id ?? newId() };
        // The same rules as a single line (Fördermittel need programme and quota, …).
        const asLine = budgetFullSchema.safeParse({ year: x.firstYear, amountCents: x.baseCents, costKind: x.costKind, fundingKind: x.fundingKind,
          produkt: x.produkt, kostenstelle: x.kostenstelle, programme: x.programme, foerderquoteBp: x.foerderquoteBp, state: x.state, note: x.note });
        if (!asLine.success) throw invalid(describeZodError(asLine.error));
        const viaKreishaushalt = x.fundingKind === 'kreishaushalt' || x.fundingKind === 'foerdermittel';
        if (!viaKreishaushalt) { x.produkt = ''; x.kostenstelle = ''; }
        if (x.fundingKind === 'kreishaushalt') x.programme = '';
        if (x.fundingKind !== 'foerdermittel') x.foerderquoteBp = null;
        if (expandSeries(x).some((y) => y.amountCents > 100_000_000_000_00)) throw invalid('Ein Jahresbetrag der Reihe ist unrealistisch hoch (über 100 Mrd. €).');
        putSeries(db, x);
        logChange(db, s.ctx, 'budget-series', x.id, before ? 'update' : 'create',
          `${m.code}: Budgetreihe ${before ? 'geändert' : 'angelegt'} (${seriesLabel(x)}, zusammen ${formatCents(seriesTotal(x))})`, before, x);
        syncLines(db, s.ctx, m.code, x.id, x);
        return x;
      });
    },
    'series.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getSeries(db, id);
        if (!before) throw notFound('Die Budgetreihe');
        const m = getMeasure(db, before.measureId);
        logChange(db, s.ctx, 'budget-series', id, 'delete', `${m?.code ?? ''}: Budgetreihe gelöscht (${seriesLabel(before)})`, before, undefined);
        syncLines(db, s.ctx, m?.code ?? '', id, null);
        deleteSeries(db, id);
      });
      return null;
    },
  } satisfies Partial<Handlers>;
}
