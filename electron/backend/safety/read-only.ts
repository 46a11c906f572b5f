// A plan another planner is writing, opened to read: a readonly SQLite connection, no lock, no
// backup, no migration. The writer keeps the plan; this session sees its committed changes as they
// happen (WAL readers see each new commit) and may save a copy of its own (plan.saveAs).
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../db/migrations/index.ts';
import { checkPlanFile, distrust, type Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { formatDateTime } from './format.ts';
import type { LockInfo } from './lock.ts';

/** Who writes the plan, as shown in the banner ("Nur lesen – geöffnet von … auf … seit …"). */
export interface Writer {
  user: string;
  machine: string;
  since: string;
}

export function readOnlyMessage(w: Writer | null): string {
  if (!w) return 'Nur lesen – der Plan ist gerade in einem anderen Fenster oder von einer anderen Person geöffnet.';
  return `Nur lesen – geöffnet von ${w.user || 'unbekannt'} auf ${w.machine || 'einem anderen Rechner'} seit ${formatDateTime(w.since)}.`;
}

export class ReadOnlyPlan {
  readonly path: string;
  readonly db: Db;
  /** Null when the lock file could not be read (being written at this moment, or garbled). */
  readonly writer: Writer | null;
  private closed = false;

  constructor(path: string, db: Db, writer: Writer | null) {
    this.path = path;
    this.db = db;
    this.writer = writer;
  }

  /** Nothing to write back or back up: this session changes nothing. */
  async afterCall(): Promise<void> {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/**
 * Opens a plan that is locked by someone else for reading only. The same checks as for writing
 * (nothing is written while checking); a plan in an older format cannot be read without migrating,
 * which only its writer may do.
 */
export function openReadOnly(path: string, lock: LockInfo | null): ReadOnlyPlan {
  const check = checkPlanFile(path);
  if (!check.ok) throw new AppError(`file-${check.code}`, check.message);
  const writer = lock ? { user: lock.user, machine: lock.machine, since: lock.since } : null;
  if ((check.schemaVersion ?? 0) < LATEST_VERSION) {
    throw new AppError('read-only-old-format', `${readOnlyMessage(writer).replace(/^Nur lesen – g/u, 'Der Plan ist g')} Er hat noch ein älteres Dateiformat und kann erst gelesen werden, wenn er dort geschlossen und mit dieser Version der Werkbank geöffnet wurde.`);
  }
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    distrust(db);
    db.pragma('busy_timeout = 2000');
    db.pragma('foreign_keys = ON');
    // Fails here, not at the first read, when the file cannot be read (e.g. no -shm and a read-only folder).
    db.prepare('SELECT COUNT(*) FROM meta').get();
  } catch {
    db?.close();
    throw new AppError('file-unreadable', `${readOnlyMessage(writer)} Die Plandatei kann im Moment auch nicht gelesen werden; bitte später erneut öffnen.`);
  }
  return new ReadOnlyPlan(path, db, writer);
}
