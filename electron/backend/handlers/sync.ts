// Zusammenarbeit: merge a copy of the plan file, decide conflicts, sync with the shared plan on PostgreSQL.
import { basename } from 'node:path';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { Session } from '../session.ts';
import { listConflicts, mergeCopy, previewCopy, resolveConflict } from '../sync/merge.ts';
import { syncStatus, syncWithServer } from '../sync/pg.ts';

type SyncHandlers = Pick<Handlers, 'sync.copyPreview' | 'sync.copyMerge' | 'sync.conflicts' | 'sync.resolve' | 'sync.status' | 'sync.run'>;

export function syncHandlers(s: Session): SyncHandlers {
  return {
    'sync.copyPreview': ({ path }) => previewCopy(s.db, path),
    'sync.copyMerge': ({ path }) => mergeCopy(s.db, s.ctx, path, `der Kopie „${basename(path)}“`),
    'sync.conflicts': () => listConflicts(s.db),
    'sync.resolve': ({ id, choice }) => {
      resolveConflict(s.db, s.ctx, id, choice);
      return listConflicts(s.db);
    },
    'sync.status': () => syncStatus(s.db),
    'sync.run': ({ server }) => syncWithServer(s.db, s.ctx, server),
  };
}
