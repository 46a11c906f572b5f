import type { Handlers } from '../../../shared/api/contract.ts';
import { newId } from '../../../shared/domain/ids.ts';
import type { Measure } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { invalid, notFound } from '../errors.ts';
import { getActor, listResponsibilities, upsertResponsibility } from '../repos/actors.ts';
import { listBudgetLines } from '../repos/budget.ts';
import { catalogueItem } from '../repos/catalogue.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import { dependentsOf, dependsOn, listIndicators, listMilestones } from '../repos/sheet.ts';
import { laufzeitOf } from '../../../shared/domain/period.ts';
import { logChildrenDeleted, readMeasureChildren } from './measure-log.ts';
import {
  deleteMeasure, getMeasure, insertMeasure, listMeasureRows, nextMeasureCode, updateMeasure,
} from '../repos/measures.ts';
import { checkReferences, checkResponsible } from '../rules/measures.ts';
import type { Session } from '../session.ts';

export function baustelleNumber(db: Db, id: string): number {
  const r = db.prepare('SELECT number FROM baustellen WHERE id = ?').get(id) as { number: number } | undefined;
  if (!r) throw invalid(`Die Baustelle „${id}“ gibt es im Katalog dieses Plans nicht.`);
  return r.number;
}

export function measureHandlers(s: Session) {
  return {
    'measures.list': () => listMeasureRows(s.db),
    'measures.rows': ({ ids }) => (ids.length === 0 ? [] : listMeasureRows(s.db, ids)),
    'measures.get': ({ id }) => {
      const db = s.db;
      const measure = getMeasure(db, id);
      if (!measure) throw notFound('Die Maßnahme');
      const budgetLines = listBudgetLines(db, id);
      return {
        measure, responsibilities: listResponsibilities(db, id), budgetLines, totalCents: budgetLines.reduce((a, b) => a + b.amountCents, 0),
        milestones: listMilestones(db, id), indicators: listIndicators(db, id), dependsOn: dependsOn(db, id), dependents: dependentsOf(db, id),
      };
    },
    'measures.create': (args) => {
      const db = s.db;
      return changeGroup(db, () => {
        const now = s.ctx.now();
        const m: Measure = {
          id: newId(),
          code: args.code?.trim() || nextMeasureCode(db, baustelleNumber(db, args.baustelleId)),
          title: args.title.trim(),
          description: args.description ?? '',
          goal: args.goal ?? '',
          need: args.need ?? '',
          ausgangslage: args.ausgangslage ?? '',
          risks: args.risks ?? '',
          baustelleId: args.baustelleId,
          furtherBaustellenIds: args.furtherBaustellenIds ?? [],
          status: args.status ?? 'idee',
          startYear: args.startYear ?? null,
          startQuarter: args.startQuarter ?? null,
          endYear: args.endYear ?? null,
          endQuarter: args.endQuarter ?? null,
          laufzeit: laufzeitOf({ startYear: args.startYear ?? null, startQuarter: args.startQuarter ?? null, endYear: args.endYear ?? null, endQuarter: args.endQuarter ?? null }),
          notes: args.notes ?? '',
          grundmauerIds: args.grundmauerIds ?? [],
          frageIds: args.frageIds ?? [],
          createdAt: now,
          updatedAt: now,
        };
        checkReferences(db, m);
        insertMeasure(db, m);
        if (args.responsibleActorId) {
          if (!getActor(db, args.responsibleActorId)) throw notFound('Der Akteur');
          upsertResponsibility(db, { measureId: m.id, actorId: args.responsibleActorId, role: 'verantwortlich' });
        }
        checkResponsible(db, m);
        logChange(db, s.ctx, 'measure', m.id, 'create', `Maßnahme ${m.code} angelegt`, undefined, m);
        if (args.responsibleActorId) {
          const r = { measureId: m.id, actorId: args.responsibleActorId, role: 'verantwortlich' as const };
          logChange(db, s.ctx, 'responsibility', `${m.id}:${r.actorId}`, 'create', `${m.code}: verantwortliche Stelle eingetragen`, undefined, r);
        }
        return m;
      });
    },
    'measures.adopt': ({ grundmauerId }) => {
      const db = s.db;
      const item = catalogueItem(db, grundmauerId);
      if (!item || item.kind !== 'grundmauer') throw notFound('Die Grundmauer');
      return db.transaction(() => {
        const now = s.ctx.now();
        const title = item.text.length <= 200 ? item.text : `${item.text.slice(0, 197)}…`;
        const m: Measure = {
          id: newId(), code: nextMeasureCode(db, baustelleNumber(db, item.baustelleId)), title,
          description: `Übernommen aus der Grundmauer: „${item.text}“`, goal: '', need: '', ausgangslage: '', risks: '', baustelleId: item.baustelleId,
          furtherBaustellenIds: [], status: 'idee', startYear: null, startQuarter: null, endYear: null, endQuarter: null, laufzeit: null,
          notes: '', grundmauerIds: [item.id], frageIds: [], createdAt: now, updatedAt: now,
        };
        checkReferences(db, m);
        insertMeasure(db, m);
        logChange(db, s.ctx, 'measure', m.id, 'create', `Maßnahme ${m.code} aus Grundmauer ${item.id} übernommen`, undefined, m);
        return m;
      })();
    },
    'measures.update': ({ id, patch }) => {
      const db = s.db;
      return db.transaction(() => {
        const before = getMeasure(db, id);
        if (!before) throw notFound('Die Maßnahme');
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const after: Measure = { ...before, ...defined, id, updatedAt: s.ctx.now() };
        if (typeof after.title === 'string') after.title = after.title.trim();
        if (typeof after.code === 'string') after.code = after.code.trim();
        after.laufzeit = laufzeitOf(after);
        // Nothing changes (an empty patch, the same values again): no write, no undo step.
        if (JSON.stringify({ ...after, updatedAt: before.updatedAt }) === JSON.stringify(before)) return before;
        checkReferences(db, after);
        checkResponsible(db, after);
        updateMeasure(db, after);
        logChange(db, s.ctx, 'measure', id, 'update', `Maßnahme ${after.code} geändert`, before, after);
        return after;
      })();
    },
    'measures.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getMeasure(db, id);
        if (!before) throw notFound('Die Maßnahme');
        const children = readMeasureChildren(db, id);
        deleteMeasure(db, id);
        logChange(db, s.ctx, 'measure', id, 'delete', `Maßnahme ${before.code} gelöscht`, before, undefined);
        logChildrenDeleted(db, s.ctx, before, children);
      });
      return null;
    },
  } satisfies Partial<Handlers>;
}

