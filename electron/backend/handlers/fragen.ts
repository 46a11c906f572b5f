// Fragen für den gemeinsamen Weiterbau: the plan's answers, and measures grown from a Frage.
import type { Handlers } from '../../../shared/api/contract.ts';
import { newId } from '../../../shared/domain/ids.ts';
import type { Measure } from '../../../shared/domain/types.ts';
import { notFound } from '../errors.ts';
import { catalogueItem } from '../repos/catalogue.ts';
import { logChange } from '../repos/changelog.ts';
import { deleteFrageAnswer, getFrageAnswer, listFragen, putFrageAnswer } from '../repos/fragen.ts';
import { insertMeasure, nextMeasureCode } from '../repos/measures.ts';
import type { Session } from '../session.ts';
import { checkReferences } from '../rules/measures.ts';
import { baustelleNumber } from './measures.ts';

function frage(s: Session, id: string) {
  const item = catalogueItem(s.db, id);
  if (!item || item.kind !== 'frage') throw notFound('Die Frage');
  return item;
}

export function frageHandlers(s: Session) {
  return {
    'fragen.list': () => listFragen(s.db),
    'fragen.answer': ({ frageId, answer }) => {
      const db = s.db;
      return db.transaction(() => {
        frage(s, frageId);
        const text = answer.trim();
        const before = getFrageAnswer(db, frageId);
        if (!text) {
          if (before) {
            deleteFrageAnswer(db, frageId);
            logChange(db, s.ctx, 'frage-answer', frageId, 'delete', `Antwort auf Frage ${frageId} entfernt`, before, undefined);
          }
        } else if (before?.answer !== text) {
          const after = { frageId, answer: text, answeredBy: s.ctx.user, updatedAt: s.ctx.now() };
          putFrageAnswer(db, after);
          logChange(db, s.ctx, 'frage-answer', frageId, before ? 'update' : 'create', `Frage ${frageId} ${before ? 'neu beantwortet' : 'beantwortet'}`, before, after);
        }
        return listFragen(db, frageId)[0];
      })();
    },
    'measures.createFromFrage': ({ frageId, title }) => {
      const db = s.db;
      const item = frage(s, frageId);
      return db.transaction(() => {
        const now = s.ctx.now();
        const m: Measure = {
          id: newId(), code: nextMeasureCode(db, baustelleNumber(db, item.baustelleId)),
          title: title ?? (item.text.length <= 200 ? item.text : `${item.text.slice(0, 199)}…`),
          description: `Entstanden aus der Frage für den gemeinsamen Weiterbau: „${item.text}“`, goal: '', need: '', ausgangslage: '', risks: '',
          baustelleId: item.baustelleId, furtherBaustellenIds: [], status: 'idee',
          startYear: null, startQuarter: null, endYear: null, endQuarter: null, laufzeit: null,
          notes: '', grundmauerIds: [], frageIds: [item.id], createdAt: now, updatedAt: now,
        };
        checkReferences(db, m);
        insertMeasure(db, m);
        logChange(db, s.ctx, 'measure', m.id, 'create', `Maßnahme ${m.code} aus Frage ${item.id} angelegt`, undefined, m);
        return m;
      })();
    },
  } satisfies Partial<Handlers>;
}
