import type { Handlers } from '../../../shared/api/contract.ts';
import { MEASURE_STATUS_LABELS, ROLE_LABELS } from '../../../shared/domain/enums.ts';
import { newId } from '../../../shared/domain/ids.ts';
import type { Actor } from '../../../shared/domain/types.ts';
import { invalid, notFound } from '../errors.ts';
import {
  countActorLinks, deleteActor, deleteResponsibility, getActor, insertActor, listActors, listResponsibilities,
  getResponsibility, responsibleOf, updateActor, upsertResponsibility,
} from '../repos/actors.ts';
import { logChange } from '../repos/changelog.ts';
import { getMeasure } from '../repos/measures.ts';
import type { Session } from '../session.ts';

export function actorHandlers(s: Session) {
  return {
    'actors.list': () => listActors(s.db),
    'actors.create': (args) => {
      const db = s.db;
      const a: Actor = {
        id: newId(), name: args.name.trim(), kind: args.kind, orgUnit: args.orgUnit ?? '', contactPerson: args.contactPerson ?? '',
        contactDetails: args.contactDetails ?? '', notes: args.notes ?? '',
      };
      db.transaction(() => {
        insertActor(db, a);
        logChange(db, s.ctx, 'actor', a.id, 'create', `Akteur „${a.name}“ angelegt`, undefined, a);
      })();
      return a;
    },
    'actors.update': ({ id, patch }) => {
      const db = s.db;
      return db.transaction(() => {
        const before = getActor(db, id);
        if (!before) throw notFound('Der Akteur');
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const after: Actor = { ...before, ...defined, id };
        after.name = after.name.trim();
        updateActor(db, after);
        logChange(db, s.ctx, 'actor', id, 'update', `Akteur „${after.name}“ geändert`, before, after);
        return after;
      })();
    },
    'actors.delete': ({ id }) => {
      const db = s.db;
      db.transaction(() => {
        const before = getActor(db, id);
        if (!before) throw notFound('Der Akteur');
        const n = countActorLinks(db, id);
        if (n > 0) throw invalid(`„${before.name}“ ist noch bei ${n} ${n === 1 ? 'Maßnahme' : 'Maßnahmen'} eingetragen. Bitte zuerst diese Zuständigkeiten entfernen.`);
        deleteActor(db, id);
        logChange(db, s.ctx, 'actor', id, 'delete', `Akteur „${before.name}“ gelöscht`, before, undefined);
      })();
      return null;
    },
    'responsibilities.list': () => listResponsibilities(s.db),
    'responsibilities.set': ({ measureId, actorId, role }) => {
      const db = s.db;
      return db.transaction(() => {
        const m = getMeasure(db, measureId);
        if (!m) throw notFound('Die Maßnahme');
        const actor = getActor(db, actorId);
        if (!actor) throw notFound('Der Akteur');
        const current = responsibleOf(db, measureId);
        if (role === 'verantwortlich' && current && current !== actorId) {
          const other = getActor(db, current);
          throw invalid(`Die Maßnahme ${m.code} hat bereits eine verantwortliche Stelle (${other?.name ?? 'unbekannt'}). Es kann nur eine geben: bitte zuerst deren Rolle ändern.`);
        }
        if (role !== 'verantwortlich' && current === actorId && m.status !== 'idee') {
          throw invalid(`Die Maßnahme ${m.code} (${MEASURE_STATUS_LABELS[m.status]}) braucht eine verantwortliche Stelle. Bitte zuerst eine andere Stelle als verantwortlich eintragen.`);
        }
        const prior = getResponsibility(db, measureId, actorId);
        if (prior?.role === role) return listResponsibilities(db, measureId);
        upsertResponsibility(db, { measureId, actorId, role });
        logChange(db, s.ctx, 'responsibility', `${measureId}:${actorId}`, prior ? 'update' : 'create', `${actor.name} bei ${m.code}: ${ROLE_LABELS[role]}`, prior, { measureId, actorId, role });
        return listResponsibilities(db, measureId);
      })();
    },
    'responsibilities.remove': ({ measureId, actorId }) => {
      const db = s.db;
      return db.transaction(() => {
        const m = getMeasure(db, measureId);
        if (!m) throw notFound('Die Maßnahme');
        if (responsibleOf(db, measureId) === actorId && m.status !== 'idee') {
          throw invalid(`Die Maßnahme ${m.code} (${MEASURE_STATUS_LABELS[m.status]}) braucht eine verantwortliche Stelle. Bitte zuerst eine andere Stelle als verantwortlich eintragen.`);
        }
        const prior = getResponsibility(db, measureId, actorId);
        if (!prior) return listResponsibilities(db, measureId);
        deleteResponsibility(db, measureId, actorId);
        const actor = getActor(db, actorId);
        logChange(db, s.ctx, 'responsibility', `${measureId}:${actorId}`, 'delete', `${actor?.name ?? 'Akteur'} bei ${m.code} entfernt (war ${ROLE_LABELS[prior.role]})`, prior, undefined);
        return listResponsibilities(db, measureId);
      })();
    },
  } satisfies Partial<Handlers>;
}
