// Backups of a plan: list (for the open plan, or for a file that failed to open) and restore.
import { resolve } from 'node:path';
import type { Handlers } from '../../../shared/api/contract.ts';
import { listBackups } from '../safety/backup.ts';
import type { Session } from '../session.ts';
import { planInfo } from '../rules/plan-info.ts';

export function backupHandlers(s: Session) {
  return {
    'plan.backups': () => {
      void s.db; // "no plan open" when there is none
      return listBackups({ planPath: s.path!, dataDir: s.dataDir });
    },
    'plan.backupsFor': ({ path }) => listBackups({ planPath: resolve(path), dataDir: s.dataDir }),
    'plan.restore': async ({ backupId, path }) => {
      await s.restore(backupId, path);
      const info = planInfo(s);
      s.setRecentTitle(info.path, info.title);
      return info;
    },
  } satisfies Partial<Handlers>;
}
