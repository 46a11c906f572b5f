// Changing several measures at once: all or nothing, one undo step.
import type { Handlers } from '../../../shared/api/contract.ts';
import { MEASURE_STATUS_LABELS, ROLE_LABELS } from '../../../shared/domain/enums.ts';
import type { Measure, Responsibility } from '../../../shared/domain/types.ts';
import { AppError, notFound } from '../errors.ts';
import { getActor, getResponsibility, responsibleOf, upsertResponsibility } from '../repos/actors.ts';
import { changeGroup, logChange } from '../repos/changelog.ts';
import { getMeasure, updateMeasure } from '../repos/measures.ts';
import type { Session } from '../session.ts';
import { checkResponsible } from '../rules/measures.ts';

export function bulkHandlers(s: Session) {
  return {
    'measures.bulkUpdate': ({ ids, patch }) => {
      const db = s.db;
      return changeGroup(db, () => {
        const measures: Measure[] = [...new Set(ids)].map((id) => {
          const m = getMeasure(db, id);
          if (!m) throw new AppError('not-found', 'Eine der ausgewählten Maßnahmen wurde nicht gefunden. Eventuell wurde sie inzwischen gelöscht. Es wurde nichts geändert.');
          return m;
        });
        const actor = patch.responsibleActorId ? getActor(db, patch.responsibleActorId) : undefined;
        if (patch.responsibleActorId && !actor) throw notFound('Der Akteur');
        // The rows are written first and logged after a header naming the whole step.
        const log: Parameters<typeof logChange>[] = [];
        const now = s.ctx.now();
        const role = (r: Responsibility | undefined, to: Responsibility, code: string, name: string) => {
          upsertResponsibility(db, to);
          log.push([db, s.ctx, 'responsibility', `${to.measureId}:${to.actorId}`, r ? 'update' : 'create', `${name} bei ${code}: ${ROLE_LABELS[to.role]}`, r, to]);
        };
        for (const m of measures) {
          if (actor) {
            const current = responsibleOf(db, m.id);
            if (current !== actor.id) {
              if (current) {
                // The former verantwortliche Stelle stays involved, as mitwirkend.
                const prior = getResponsibility(db, m.id, current)!;
                role(prior, { ...prior, role: 'mitwirkend' }, m.code, getActor(db, current)?.name ?? 'Akteur');
              }
              role(getResponsibility(db, m.id, actor.id), { measureId: m.id, actorId: actor.id, role: 'verantwortlich' }, m.code, actor.name);
            }
          }
          if (patch.status && patch.status !== m.status) {
            const after: Measure = { ...m, status: patch.status, updatedAt: now };
            try {
              checkResponsible(db, after);
            } catch (e) {
              if (e instanceof AppError) throw new AppError(e.code, `${m.code}: ${e.message} Es wurde keine der ausgewählten Maßnahmen geändert.`);
              throw e;
            }
            updateMeasure(db, after);
            log.push([db, s.ctx, 'measure', m.id, 'update', `Maßnahme ${m.code}: Status „${MEASURE_STATUS_LABELS[after.status]}“`, m, after]);
          }
        }
        if (log.length > 0) {
          const what = [patch.status && `Status „${MEASURE_STATUS_LABELS[patch.status]}“`, actor && `verantwortlich: ${actor.name}`].filter(Boolean).join(', ');
          const n = measures.length;
          logChange(db, s.ctx, 'step', 'bulk', 'update', n === 1 ? `Maßnahme ${measures[0].code} geändert (${what})` : `${n} Maßnahmen gemeinsam geändert (${what})`, undefined, undefined);
          for (const entry of log) logChange(...entry);
        }
        return measures.map((m) => getMeasure(db, m.id)!);
      });
    },
  } satisfies Partial<Handlers>;
}
