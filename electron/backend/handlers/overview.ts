// Read-only overviews and the Änderungsprotokoll with undo/redo.
import type { Handlers } from '../../../shared/api/contract.ts';
import { AppError } from '../errors.ts';
import { historyStatus, listHistory, undoRedo } from '../repos/history.ts';
import { actorLoad, coverage, timeline } from '../repos/insights.ts';
import type { Session } from '../session.ts';

export function overviewHandlers(s: Session) {
  return {
    'actors.load': () => actorLoad(s.db),
    'coverage.get': () => coverage(s.db),
    'timeline.get': () => timeline(s.db),
    'history.list': ({ entityId, limit, before }) => listHistory(s.db, entityId ?? null, limit ?? 100, before ?? null),
    'history.status': () => historyStatus(s.db),
    'history.undo': () => {
      const r = undoRedo(s.db, s.ctx, 'undo');
      if (!r) throw new AppError('nothing-to-undo', 'Es gibt keine Änderung, die rückgängig gemacht werden kann.');
      return { ...r, status: historyStatus(s.db) };
    },
    'history.redo': () => {
      const r = undoRedo(s.db, s.ctx, 'redo');
      if (!r) throw new AppError('nothing-to-redo', 'Es gibt keine rückgängig gemachte Änderung, die wiederhergestellt werden kann.');
      return { ...r, status: historyStatus(s.db) };
    },
  } satisfies Partial<Handlers>;
}
