import type { Handlers } from '../../../shared/api/contract.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { newId } from '../../../shared/domain/ids.ts';
import { budgetFullSchema, describeZodError } from '../../../shared/domain/schemas.ts';
import type { BudgetLine } from '../../../shared/domain/types.ts';
import { invalid, notFound } from '../errors.ts';
import { computeTotals, deleteBudgetLine, getBudgetLine, insertBudgetLine, updateBudgetLine } from '../repos/budget.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import { getMeasure } from '../repos/measures.ts';
import type { Session } from '../session.ts';
import { logMonitoringDeleted, monitoringChildren } from './monitoring-log.ts';

function normalise(b: BudgetLine): BudgetLine {
  const parsed = budgetFullSchema.safeParse(b);
  if (!parsed.success) throw invalid(describeZodError(parsed.error));
  // Fields that belong to another funding kind are cleared, so a line never says two things:
  // Produkt/Kostenstelle only where the Kreishaushalt carries money (Kreishaushalt, and the
  // Eigenanteil of Fördermittel); programme/Förderquote only for Fördermittel (programme also
  // names the giver of Drittmittel and Eigenmittel Dritter).
  const viaKreishaushalt = b.fundingKind === 'kreishaushalt' || b.fundingKind === 'foerdermittel';
  return {
    ...b,
    produkt: viaKreishaushalt ? b.produkt : '',
    kostenstelle: viaKreishaushalt ? b.kostenstelle : '',
    programme: b.fundingKind === 'kreishaushalt' ? '' : b.programme,
    foerderquoteBp: b.fundingKind === 'foerdermittel' ? b.foerderquoteBp : null,
  };
}

const partOfSeries = (b: BudgetLine) =>
  invalid(`Die Budgetposition ${b.year} gehört zu einer mehrjährigen Budgetreihe. Bitte die Reihe bearbeiten (oder löschen); dann ändern sich alle ihre Jahre gemeinsam.`);

export function budgetHandlers(s: Session) {
  return {
    'budget.create': (args) => {
      const db = s.db;
      return db.transaction(() => {
        const m = getMeasure(db, args.measureId);
        if (!m) throw notFound('Die Maßnahme');
        const b = normalise({
          id: newId(), measureId: args.measureId, year: args.year, amountCents: args.amountCents,
          costKind: args.costKind ?? 'sachkosten', fundingKind: args.fundingKind ?? 'kreishaushalt',
          produkt: args.produkt ?? '', kostenstelle: args.kostenstelle ?? '', programme: args.programme ?? '',
          foerderquoteBp: args.foerderquoteBp ?? null, state: args.state ?? 'geplant', note: args.note ?? '',
        });
        insertBudgetLine(db, b);
        logChange(db, s.ctx, 'budget', b.id, 'create', `${m.code}: ${formatCents(b.amountCents)} für ${b.year}`, undefined, b);
        return b;
      })();
    },
    'budget.update': ({ id, patch }) => {
      const db = s.db;
      return db.transaction(() => {
        const before = getBudgetLine(db, id);
        if (!before) throw notFound('Die Budgetposition');
        if (before.seriesId) throw partOfSeries(before);
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const after = normalise({ ...before, ...defined, id, measureId: before.measureId });
        updateBudgetLine(db, after);
        logChange(db, s.ctx, 'budget', id, 'update', `Budgetposition ${after.year} geändert`, before, after);
        return after;
      })();
    },
    'budget.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getBudgetLine(db, id);
        if (!before) throw notFound('Die Budgetposition');
        if (before.seriesId) throw partOfSeries(before);
        const monitoring = monitoringChildren(db, { budgetLineId: id });
        deleteBudgetLine(db, id);
        logChange(db, s.ctx, 'budget', id, 'delete', `Budgetposition ${before.year} gelöscht`, before, undefined);
        logMonitoringDeleted(db, s.ctx, getMeasure(db, before.measureId)?.code ?? '?', monitoring);
      });
      return null;
    },
    'budget.totals': () => computeTotals(s.db),
  } satisfies Partial<Handlers>;
}
