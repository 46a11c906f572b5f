// Opening a plan file: check before touching, then set pragmas and migrate.
// A file that is not a plan, is damaged or comes from a newer version is never written to.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

/** "WIRP" – marks a SQLite file as a Zusammenhalt-Werkbank plan (PRAGMA application_id). */
export const APPLICATION_ID = 0x57495250;
const SQLITE_HEADER = 'SQLite format 3\0';

export interface PlanFileCheck {
  ok: boolean;
  code: 'ok' | 'missing' | 'empty' | 'not-sqlite' | 'wrong-app' | 'too-new' | 'damaged' | 'unreadable';
  message: string;
  schemaVersion?: number;
}

function fail(code: PlanFileCheck['code'], message: string): PlanFileCheck {
  return { ok: false, code, message };
}

/** Reads a plan file without writing to it and says whether it can be opened. */
export function checkPlanFile(path: string): PlanFileCheck {
  if (!existsSync(path)) return fail('missing', `Die Datei „${path}“ wurde nicht gefunden.`);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return fail('unreadable', `Die Datei „${path}“ kann nicht gelesen werden.`);
  }
  if (size === 0) return fail('empty', 'Die Datei ist leer und enthält keinen Plan.');
  const header = Buffer.alloc(16);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, 16, 0);
  } catch {
    return fail('unreadable', `Die Datei „${path}“ kann nicht gelesen werden.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    return fail('not-sqlite', 'Die Datei ist keine Plandatei der Zusammenhalt-Werkbank.');
  }
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      return fail('wrong-app', 'Die Datei ist eine SQLite-Datenbank, aber keine Plandatei der Zusammenhalt-Werkbank.');
    }
    if (version > LATEST_VERSION) {
      return { ...fail('too-new', `Der Plan wurde mit einer neueren Version der Werkbank gespeichert (Format ${version}, diese Version kennt bis ${LATEST_VERSION}). Bitte die Werkbank aktualisieren; die Datei bleibt unverändert.`), schemaVersion: version };
    }
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    if (rows.length !== 1 || rows[0].quick_check !== 'ok') {
      return fail('damaged', 'Die Plandatei ist beschädigt (Integritätsprüfung fehlgeschlagen). Bitte eine Sicherung öffnen.');
    }
    return { ok: true, code: 'ok', message: 'Die Plandatei ist in Ordnung.', schemaVersion: version };
  } catch {
    return fail('damaged', 'Die Plandatei ist beschädigt und kann nicht gelesen werden. Bitte eine Sicherung öffnen.');
  } finally {
    db?.close();
  }
}

function setPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
}

/** Runs every migration newer than the file, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new AppError('too-new', 'Der Plan stammt aus einer neueren Version der Werkbank.');
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/** Opens an existing plan file after checking it. */
export function openPlanDb(path: string): Db {
  const check = checkPlanFile(path);
  if (!check.ok) throw new AppError(`file-${check.code}`, check.message);
  const db = new Database(path, { fileMustExist: true });
  try {
    setPragmas(db);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Creates a new, empty plan file (refuses to overwrite). */
export function createPlanDb(path: string): Db {
  if (existsSync(path)) throw new AppError('file-exists', `Die Datei „${path}“ gibt es bereits. Bitte einen anderen Namen wählen.`);
  let db: Db;
  try {
    db = new Database(path);
  } catch {
    throw new AppError('file-unwritable', `Die Datei „${path}“ kann nicht angelegt werden. Ist der Ordner vorhanden und beschreibbar?`);
  }
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    setPragmas(db);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
