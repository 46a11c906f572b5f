// The Maßnahmenblatt's lists: Umsetzungsschritte, Erfolgsindikatoren, Abhängigkeiten.
import type { Handlers } from '../../../shared/api/contract.ts';
import { findCycle } from '../../../shared/domain/dependencies.ts';
import { newId } from '../../../shared/domain/ids.ts';
import type { Indicator, Milestone } from '../../../shared/domain/types.ts';
import { invalid, notFound } from '../errors.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import { getMeasure } from '../repos/measures.ts';
import {
  deleteDependency, deleteIndicator, deleteMilestone, dependentsOf, dependsOn, getIndicator, getMilestone, listDependencies,
  nextPosition, putDependency, putIndicator, putMilestone,
} from '../repos/sheet.ts';
import type { Session } from '../session.ts';
import { logMonitoringDeleted, monitoringChildren } from './monitoring-log.ts';

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function sheetHandlers(s: Session) {
  return {
    'milestones.save': ({ id, ...fields }) => {
      const db = s.db;
      return db.transaction(() => {
        const m = getMeasure(db, fields.measureId);
        if (!m) throw notFound('Die Maßnahme');
        const before = id ? getMilestone(db, id) : undefined;
        if (id && !before) throw notFound('Der Umsetzungsschritt');
        if (before && before.measureId !== m.id) throw invalid('Der Umsetzungsschritt gehört zu einer anderen Maßnahme.');
        const after: Milestone = before
          ? { ...before, ...defined(fields), id: before.id }
          : {
            id: newId(), measureId: m.id, title: fields.title ?? '', dueYear: fields.dueYear ?? null, dueQuarter: fields.dueQuarter ?? null,
            done: fields.done ?? false, position: fields.position ?? nextPosition(db, 'milestones', m.id),
          };
        after.title = after.title.trim();
        if (after.dueQuarter != null && after.dueYear == null) throw invalid('Zum Quartal des Umsetzungsschritts fehlt das Jahr.');
        if (before && JSON.stringify(before) === JSON.stringify(after)) return after;
        putMilestone(db, after);
        const what = !before ? 'angelegt' : after.done && !before.done ? 'erledigt' : !after.done && before.done ? 'wieder offen' : 'geändert';
        logChange(db, s.ctx, 'milestone', after.id, before ? 'update' : 'create', `${m.code}: Umsetzungsschritt „${after.title}“ ${what}`, before, after);
        return after;
      })();
    },
    'milestones.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getMilestone(db, id);
        if (!before) throw notFound('Der Umsetzungsschritt');
        const monitoring = monitoringChildren(db, { milestoneId: id });
        deleteMilestone(db, id);
        const code = getMeasure(db, before.measureId)?.code ?? '?';
        logChange(db, s.ctx, 'milestone', id, 'delete', `${code}: Umsetzungsschritt „${before.title}“ gelöscht`, before, undefined);
        logMonitoringDeleted(db, s.ctx, code, monitoring);
      });
      return null;
    },
    'indicators.save': ({ id, ...fields }) => {
      const db = s.db;
      return db.transaction(() => {
        const m = getMeasure(db, fields.measureId);
        if (!m) throw notFound('Die Maßnahme');
        const before = id ? getIndicator(db, id) : undefined;
        if (id && !before) throw notFound('Der Indikator');
        if (before && before.measureId !== m.id) throw invalid('Der Indikator gehört zu einer anderen Maßnahme.');
        const after: Indicator = before
          ? { ...before, ...defined(fields), id: before.id }
          : {
            id: newId(), measureId: m.id, name: fields.name ?? '', baseline: fields.baseline ?? '', target: fields.target ?? '',
            targetYear: fields.targetYear ?? null, dataSource: fields.dataSource ?? '', position: fields.position ?? nextPosition(db, 'indicators', m.id),
          };
        after.name = after.name.trim();
        if (before && JSON.stringify(before) === JSON.stringify(after)) return after;
        putIndicator(db, after);
        logChange(db, s.ctx, 'indicator', after.id, before ? 'update' : 'create', `${m.code}: Indikator „${after.name}“ ${before ? 'geändert' : 'angelegt'}`, before, after);
        return after;
      })();
    },
    'indicators.delete': ({ id }) => {
      const db = s.db;
      changeGroup(db, () => {
        const before = getIndicator(db, id);
        if (!before) throw notFound('Der Indikator');
        const monitoring = monitoringChildren(db, { indicatorId: id });
        deleteIndicator(db, id);
        const code = getMeasure(db, before.measureId)?.code ?? '?';
        logChange(db, s.ctx, 'indicator', id, 'delete', `${code}: Indikator „${before.name}“ gelöscht`, before, undefined);
        logMonitoringDeleted(db, s.ctx, code, monitoring);
      });
      return null;
    },
    'dependencies.set': ({ measureId, dependsOnIds }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const m = getMeasure(db, measureId);
        if (!m) throw notFound('Die Maßnahme');
        const wanted = [...new Set(dependsOnIds)];
        if (wanted.includes(measureId)) throw invalid(`Die Maßnahme ${m.code} kann nicht von sich selbst abhängen.`);
        const codes = new Map<string, string>([[m.id, m.code]]);
        for (const id of wanted) {
          const d = getMeasure(db, id);
          if (!d) throw invalid(`Eine Maßnahme, von der ${m.code} abhängen soll, wurde nicht gefunden. Eventuell wurde sie inzwischen gelöscht.`);
          codes.set(id, d.code);
        }
        const cycle = findCycle(listDependencies(db), measureId, wanted);
        if (cycle) {
          const named = cycle.map((id) => codes.get(id) ?? getMeasure(db, id)?.code ?? id);
          throw invalid(`Diese Abhängigkeit ergäbe einen Kreis: ${named.join(' → ')}. Keine Maßnahme im Kreis könnte beginnen. Bitte eine der Abhängigkeiten entfernen.`);
        }
        const current = dependsOn(db, measureId);
        const removed = current.filter((id) => !wanted.includes(id));
        const added = wanted.filter((id) => !current.includes(id));
        if (removed.length + added.length > 1) logChange(db, s.ctx, 'step', measureId, 'update', `Abhängigkeiten von ${m.code} geändert`, undefined, undefined);
        for (const id of removed) {
          const d = { measureId, dependsOnId: id };
          deleteDependency(db, d);
          logChange(db, s.ctx, 'dependency', `${measureId}>${id}`, 'delete', `${m.code} hängt nicht mehr von ${getMeasure(db, id)?.code ?? '?'} ab`, d, undefined);
        }
        for (const id of added) {
          const d = { measureId, dependsOnId: id };
          putDependency(db, d);
          logChange(db, s.ctx, 'dependency', `${measureId}>${id}`, 'create', `${m.code} hängt von ${codes.get(id)} ab`, undefined, d);
        }
        return { measureId, dependsOn: dependsOn(db, measureId), dependents: dependentsOf(db, measureId) };
      });
    },
  } satisfies Partial<Handlers>;
}
