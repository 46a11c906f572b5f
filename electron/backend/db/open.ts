// Opening a plan file: check before touching, then set pragmas and migrate.
// A file that is not a plan, is damaged or comes from a newer version is never written to.
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts';
import { compareSchema, describeDifferences, readSchema } from './schema.ts';

export type Db = Database.Database;

/** "WIRP" – marks a SQLite file as a Zusammenhalt-Werkbank plan (PRAGMA application_id). */
export const APPLICATION_ID = 0x57495250;
const SQLITE_HEADER = 'SQLite format 3\0';

export interface PlanFileCheck {
  ok: boolean;
  code: 'ok' | 'missing' | 'empty' | 'not-sqlite' | 'wrong-app' | 'too-new' | 'damaged' | 'truncated' | 'unreadable'
    | 'bad-size' | 'foreign-schema' | 'hot-journal' | 'timeout';
  message: string;
  schemaVersion?: number;
}

function fail(code: PlanFileCheck['code'], message: string): PlanFileCheck {
  return { ok: false, code, message };
}

/** Files up to this size are checked from an in-memory copy; larger ones from a private temp copy. */
const IN_MEMORY_LIMIT = 256 * 1024 * 1024;

/** Connection settings for every read of a file from outside: no functions with side effects from its schema. */
export function distrust(db: Db): void {
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
  db.unsafeMode(false);
}

/** A read-only connection to a plan file that leaves nothing beside it; `close` also removes any temp copy. */
export interface CheckConnection { db: Db; close: () => void }

/**
 * Opens a file for reading without leaving anything beside it and without taking a lock. A
 * read-only connection to a WAL-mode file would create -wal/-shm next to it and leave them (litter
 * beside a damaged file, WAL files on a network share), and SQLite would roll a hot -journal back
 * into it. With no -wal there is nothing to replay, so a copy, marked as rollback journal and opened
 * read-only, shows the same content: in memory for ordinary plans, as a private temp file beyond
 * `inMemoryLimit` (memory stays bounded whatever the file's size). With a -wal, SQLite must read it
 * from disk. (better-sqlite3 opens no URI file names, so no `?immutable=1`: a read-only connection to
 * a private copy in rollback mode writes nothing beside it either.)
 */
export function openForCheck(path: string, inMemoryLimit = IN_MEMORY_LIMIT): CheckConnection {
  if (existsSync(`${path}-wal`)) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    distrust(db);
    return { db, close: () => db.close() };
  }
  const size = statSync(path).size;
  if (size <= inMemoryLimit) {
    const bytes = readFileSync(path);
    if (bytes[18] === 2) bytes[18] = 1;
    if (bytes[19] === 2) bytes[19] = 1;
    const db = new Database(bytes, { readonly: true });
    distrust(db);
    return { db, close: () => db.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'werkbank-check-'));
  const copy = join(dir, 'plan.wirplan');
  let db: Db | undefined;
  try {
    copyFileSync(path, copy);
    const fd = openSync(copy, 'r+');
    try {
      writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
    } finally {
      closeSync(fd);
    }
    db = new Database(copy, { readonly: true, fileMustExist: true });
    distrust(db);
    const opened = db;
    return { db: opened, close: () => { opened.close(); rmSync(dir, { recursive: true, force: true }); } };
  } catch (e) {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A rollback journal beside the file that SQLite would play back into it on the next open. */
export function hasHotJournal(path: string): boolean {
  try {
    return statSync(`${path}-journal`).size > 0;
  } catch {
    return false;
  }
}

/** Moves a -journal aside under a new name (kept for recovery); its new path. */
export function keepJournalAside(path: string, stamp: string): string {
  const aside = `${path}.journal-beiseite-${stamp.replace(/[^0-9A-Za-z]/gu, '')}`;
  renameSync(`${path}-journal`, aside);
  return aside;
}

export const HOT_JOURNAL_MESSAGE = 'Neben der Plandatei liegt eine Journaldatei („-journal“): Beim letzten Speichern wurde die Datei '
  + 'unterbrochen, oder die Journaldatei wurde mitkopiert. Würde die Werkbank die Datei so öffnen, spielte SQLite den Inhalt '
  + 'der Journaldatei unbemerkt in den Plan zurück. Die Datei wurde deshalb nicht geöffnet und nicht verändert. Sie können die '
  + 'Journaldatei beiseitelegen (sie bleibt unter neuem Namen erhalten) und den Plan so öffnen, wie er in der Datei steht, '
  + 'oder das Öffnen abbrechen.';

/** Reads a plan file without writing to it and says whether it can be opened. */
export interface CheckOptions {
  /** 'ignore': the caller knows about a -journal (CLI check reads past it, it never plays it back). */
  journal?: 'refuse' | 'ignore';
}

export function checkPlanFile(path: string, opts: CheckOptions = {}): PlanFileCheck {
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
  const sizeCheck = checkSize(header, size, existsSync(`${path}-wal`));
  if (sizeCheck === 'truncated') {
    return fail('truncated', 'Die Plandatei ist unvollständig: sie wurde beim Kopieren oder Speichern abgeschnitten. Bitte eine Sicherung öffnen.');
  }
  if (sizeCheck === 'too-long') {
    return fail('bad-size', 'Die Plandatei ist größer, als ihr Inhalt laut Dateikopf sein dürfte (angehängte oder beschädigte Daten). Die Datei wurde nicht geöffnet und nicht verändert. Bitte eine Sicherung öffnen.');
  }
  if (opts.journal !== 'ignore' && hasHotJournal(path)) return fail('hot-journal', HOT_JOURNAL_MESSAGE);
  let conn: CheckConnection | undefined;
  try {
    conn = openForCheck(path);
    const db = conn.db;
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      return fail('wrong-app', 'Die Datei ist eine SQLite-Datenbank, aber keine Plandatei der Zusammenhalt-Werkbank.');
    }
    if (version > LATEST_VERSION) {
      return { ...fail('too-new', `Der Plan wurde mit einer neueren Version der Werkbank gespeichert (Format ${version}, diese Version kennt bis ${LATEST_VERSION}). Bitte die Werkbank aktualisieren; die Datei bleibt unverändert.`), schemaVersion: version };
    }
    // Before anything evaluates the file's schema (integrity_check computes expression indexes):
    // exactly the objects the migrations create for this version, nothing extra, nothing altered.
    const diffs = compareSchema(readSchema(db), version);
    if (diffs.length > 0) return { ...fail('foreign-schema', describeDifferences(diffs)), schemaVersion: version };
    // The full check, not quick_check: it also compares each index with its table, which catches
    // damage quick_check lets through (tests/reliability/corrupt.test.ts); ~50 ms more at 5,000 measures.
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') {
      return fail('damaged', 'Die Plandatei ist beschädigt (Integritätsprüfung fehlgeschlagen). Bitte eine Sicherung öffnen.');
    }
    return { ok: true, code: 'ok', message: 'Die Plandatei ist in Ordnung.', schemaVersion: version };
  } catch (e) {
    // The planner gets the German verdict; the cause goes to the local log for whoever supports them.
    console.error('[check] plan file unreadable:', path, e);
    return fail('damaged', 'Die Plandatei ist beschädigt und kann nicht gelesen werden. Bitte eine Sicherung öffnen.');
  } finally {
    conn?.close();
  }
}

/**
 * The file's size must agree with the page count its header states: shorter is a file cut short
 * (aborted copy, full disk), longer is appended or padded data (a sparse 2 GB file would otherwise be
 * read in full). The count is only trusted when SQLite marks it valid; with a -wal beside it,
 * SQLite decides.
 */
function checkSize(header: Buffer, size: number, hasWal: boolean): 'ok' | 'truncated' | 'too-long' {
  if (size < 100) return 'truncated';
  if (hasWal) return 'ok';
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return 'ok'; // not a size SQLite writes: integrity_check reports it
  if (size % pageSize !== 0) return 'truncated';
  const pages = header.readUInt32BE(28);
  const countValid = pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  if (!countValid) return size > IN_MEMORY_LIMIT ? 'too-long' : 'ok';
  if (size < pages * pageSize) return 'truncated';
  if (size > pages * pageSize) return 'too-long';
  return 'ok';
}

function setPragmas(db: Db): void {
  distrust(db);
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
  /**
   * The full check already ran (in the check worker) on exactly this file: only the cheap checks
   * (header, size, journal, schema on the live connection) are repeated.
   */
  prechecked?: boolean;
}

/** Opens an existing plan file after checking it. */
export function openPlanDb(path: string, opts: OpenOptions = {}): Db {
  if (!opts.prechecked) {
    const check = checkPlanFile(path);
    if (!check.ok) throw new AppError(`file-${check.code}`, check.message);
  } else if (hasHotJournal(path)) {
    throw new AppError('file-hot-journal', HOT_JOURNAL_MESSAGE);
  }
  const db = new Database(path, { fileMustExist: true });
  try {
    distrust(db);
    // Again on the connection that writes: the file cannot have been swapped for one with triggers since the check.
    const version = db.pragma('user_version', { simple: true }) as number;
    if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID || version > LATEST_VERSION) {
      throw new AppError('file-changed', 'Die Plandatei wurde während des Öffnens verändert. Bitte erneut öffnen.');
    }
    const diffs = compareSchema(readSchema(db), version);
    if (diffs.length > 0) throw new AppError('file-foreign-schema', describeDifferences(diffs));
    opts.beforeMigrate?.(db, version);
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
