// Helpers for merge and sync tests: plan copies as separate sessions, and the user-visible tables.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import type { Api } from '../../shared/api/contract.ts';

export interface Copy { path: string; session: Session; api: Api }

/** Opens a plan file in a session of its own (another planner's workbench). */
export function openCopy(dir: string, path: string, user: string, fresh = false): Copy {
  const session = new Session({ dataDir: join(dir, `data-${user}`), user });
  const api = createClient(createHandlers(session));
  if (!fresh) session.open(path);
  return { path, session, api };
}

/** Copies a plan file (closed first, so the copy is complete) as a colleague would take it to a laptop. */
export function copyPlan(from: Copy, to: string): void {
  from.session.close();
  copyFileSync(from.path, to);
  from.session.open(from.path);
}

const NOT_CONTENT = new Set(['change_log', 'sync_changes', 'sync_state', 'sync_conflicts']);

/** Every table the planner sees (not the logs, not the sync bookkeeping), in a stable order. */
export function contentTables(db: Database.Database): Record<string, unknown[]> {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[])
    .map((r) => r.name).filter((n) => !NOT_CONTENT.has(n));
  const out: Record<string, unknown[]> = {};
  for (const name of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
