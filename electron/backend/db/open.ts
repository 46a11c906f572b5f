// Opening a plan file: check before touching, then set pragmas and migrate.
// A file that is not a plan, is damaged or comes from a newer version is never written to.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

/** "WIRP" – marks a SQLite file as a Zusammenhalt-Werkbank plan (PRAGMA application_id). */
export const APPLICATION_ID = 0x57495250;
const SQLITE_HEADER = 'SQLite format 3\0';

export interface PlanFileCheck {
  ok: boolean;
  code: 'ok' | 'missing' | 'empty' | 'not-sqlite' | 'wrong-app' | 'too-new' | 'damaged' | 'truncated' | 'unreadable';
  message: string;
  schemaVersion?: number;
}

function fail(code: PlanFileCheck['code'], message: string): PlanFileCheck {
  return { ok: false, code, message };
}

/**
 * Opens a file for reading without leaving anything beside it. A read-only connection to a WAL-mode
 * file would create -wal/-shm next to it and leave them (litter beside a damaged file, WAL files on
 * a network share). With no -wal there is nothing to replay, so an in-memory copy, marked as
 * rollback journal, shows the same content. With a -wal, SQLite must read it from disk.
 */
function openForCheck(path: string): Db {
  if (existsSync(`${path}-wal`)) return new Database(path, { readonly: true, fileMustExist: true });
  const bytes = readFileSync(path);
  if (bytes[18] === 2) bytes[18] = 1;
  if (bytes[19] === 2) bytes[19] = 1;
  return new Database(bytes, { readonly: true });
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
  const header = Buffer.alloc(100);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, 100, 0);
  } catch {
    return fail('unreadable', `Die Datei „${path}“ kann nicht gelesen werden.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== SQLITE_HEADER) {
    return fail('not-sqlite', 'Die Datei ist keine Plandatei der Zusammenhalt-Werkbank.');
  }
  if (isTruncated(header, size, existsSync(`${path}-wal`))) {
    return fail('truncated', 'Die Plandatei ist unvollständig: sie wurde beim Kopieren oder Speichern abgeschnitten. Bitte eine Sicherung öffnen.');
  }
  let db: Db | undefined;
  try {
    db = openForCheck(path);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      return fail('wrong-app', 'Die Datei ist eine SQLite-Datenbank, aber keine Plandatei der Zusammenhalt-Werkbank.');
    }
    if (version > LATEST_VERSION) {
      return { ...fail('too-new', `Der Plan wurde mit einer neueren Version der Werkbank gespeichert (Format ${version}, diese Version kennt bis ${LATEST_VERSION}). Bitte die Werkbank aktualisieren; die Datei bleibt unverändert.`), schemaVersion: version };
    }
    // The full check, not quick_check: it also compares each index with its table, which catches
    // damage quick_check lets through (tests/reliability/corrupt.test.ts); ~50 ms more at 5,000 measures.
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') {
      return fail('damaged', 'Die Plandatei ist beschädigt (Integritätsprüfung fehlgeschlagen). Bitte eine Sicherung öffnen.');
    }
    return { ok: true, code: 'ok', message: 'Die Plandatei ist in Ordnung.', schemaVersion: version };
  } catch {
    return fail('damaged', 'Die Plandatei ist beschädigt und kann nicht gelesen werden. Bitte eine Sicherung öffnen.');
  } finally {
    db?.close();
  }
}

/**
 * A file cut short (aborted copy, full disk) is shorter than the page count its header states.
 * The count is only trusted when SQLite marks it valid; with a -wal beside it, SQLite decides.
 */
function isTruncated(header: Buffer, size: number, hasWal: boolean): boolean {
  if (size < 100) return true;
  if (hasWal) return false;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return false; // not a size SQLite writes: integrity_check reports it
  if (size % pageSize !== 0) return true;
  const pages = header.readUInt32BE(28);
  const countValid = pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  return countValid && size < pages * pageSize;
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
    try {
      db.transaction(() => {
        db.exec(m.up);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (e) {
      if (e instanceof AppError) throw e;
      console.error(`[migrate] step ${m.version} (${m.name}) failed`, e);
      throw new AppError('migration-failed', `Der Plan konnte nicht auf das Dateiformat dieser Version umgestellt werden: Schritt ${m.version} ist fehlgeschlagen und wurde zurückgenommen.`);
    }
  }
}

export interface OpenOptions {
  /** Runs before anything is written (pragmas, migrations), also when no migration is due: the place for a backup. */
  beforeMigrate?: (db: Db, fromVersion: number) => void;
}

/** Opens an existing plan file after checking it. */
export function openPlanDb(path: string, opts: OpenOptions = {}): Db {
  const check = checkPlanFile(path);
  if (!check.ok) throw new AppError(`file-${check.code}`, check.message);
  const db = new Database(path, { fileMustExist: true });
  try {
    opts.beforeMigrate?.(db, db.pragma('user_version', { simple: true }) as number);
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
