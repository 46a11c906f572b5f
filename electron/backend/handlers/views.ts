// Saved views and UI preferences, stored in the plan. UI state, not plan content: not in the
// Änderungsprotokoll and not undoable.
import type { Handlers } from '../../../shared/api/contract.ts';
import { newId } from '../../../shared/domain/ids.ts';
import type { JsonValue, SavedView } from '../../../shared/domain/types.ts';
import { invalid, notFound } from '../errors.ts';
import { deleteView, findViewByName, getPref, getView, listViews, putView, setPref } from '../repos/views.ts';
import type { Session } from '../session.ts';

export function viewHandlers(s: Session) {
  return {
    'views.list': () => listViews(s.db),
    'views.save': ({ id, name, state }) => {
      const db = s.db;
      return db.transaction(() => {
        const before = id ? getView(db, id) : undefined;
        if (id && !before) throw notFound('Die Ansicht');
        const clash = findViewByName(db, name);
        if (clash && clash.id !== id) throw invalid(`Eine Ansicht „${name}“ gibt es schon. Bitte einen anderen Namen wählen oder die vorhandene überschreiben.`);
        const now = s.ctx.now();
        const v: SavedView = { id: before?.id ?? newId(), name, state: state as JsonValue, createdAt: before?.createdAt ?? now, updatedAt: now };
        putView(db, v);
        return v;
      })();
    },
    'views.delete': ({ id }) => {
      if (!deleteView(s.db, id)) throw notFound('Die Ansicht');
      return null;
    },
    'prefs.get': ({ key }) => getPref(s.db, key),
    'prefs.set': ({ key, value }) => {
      setPref(s.db, key, value as JsonValue);
      return null;
    },
  } satisfies Partial<Handlers>;
}
