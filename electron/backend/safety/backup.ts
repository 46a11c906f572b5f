// Backups of a plan: consistent copies taken with SQLite's online backup API (or, where the caller
// must stay synchronous, with sqlite3_serialize, which reads the same consistent snapshot) into a
// folder `<plan>.backups/` beside the plan, or into the data folder when that is not writable.
// Each backup is a complete, self-contained plan file (rollback journal, no -wal/-shm beside it),
// checked before it gets its final name, so a backup that is listed can be opened.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupInfo, BackupKind } from '../../../shared/api/contract.ts';
import { LATEST_VERSION } from '../db/migrations/index.ts';
import { APPLICATION_ID, checkPlanFile, type Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { fsyncDirQuietly } from './atomic.ts';

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  open: 'Beim Öffnen',
  migration: 'Vor der Umstellung auf ein neues Dateiformat',
  periodic: 'Automatisch während der Arbeit',
  restore: 'Vor einer Wiederherstellung',
  kept: 'Aufbewahrte Originaldatei (vor einer Wiederherstellung)',
  unsynced: 'Nicht zurückgeschriebene Arbeitskopie',
};

/** File-name part per kind: German, because planners see these names in the Explorer. */
const SLUGS: Record<BackupKind, string> = {
  open: 'beim-oeffnen', migration: 'vor-formatumstellung', periodic: 'automatisch',
  restore: 'vor-wiederherstellung', kept: 'aufbewahrt', unsynced: 'arbeitskopie',
};
const KIND_OF_SLUG = new Map(Object.entries(SLUGS).map(([k, v]) => [v, k as BackupKind]));

/** Only these are thinned out; the others mark a one-off event and are kept. */
const ROTATING = new Set<BackupKind>(['open', 'periodic']);
export const KEEP_LAST = 10;
export const KEEP_DAYS = 30;

// Time stamp (UTC), kind, and a running number: `_nr000042`. The number, not the clock, says which
// backup is newer: a PC whose clock goes back (empty CMOS battery, a wrong time server) would
// otherwise give its newest backups the oldest names, offer an old one for restore and rotate the
// new ones away. Names from before the number (`_2` told apart two backups of the same millisecond)
// count as older than every numbered one.
const ID_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z_([a-z-]+?)(?:_(\d+))?(?:_nr(\d{1,15}))?\.wirplan$/u;

/** Where a plan's backups live. */
export interface BackupPlace {
  planPath: string;
  dataDir: string;
}

/** Beside the plan first; the data folder when the plan's folder is read-only or full. */
export function backupDirs(place: BackupPlace): [beside: string, fallback: string] {
  const hash = createHash('sha256').update(place.planPath).digest('hex').slice(0, 12);
  return [`${place.planPath}.backups`, join(place.dataDir, 'Sicherungen', `${basename(place.planPath)}-${hash}`)];
}

export function parseBackupId(id: string): { createdAt: string; kind: BackupKind; seq: number } | null {
  const m = ID_PATTERN.exec(id);
  if (!m) return null;
  const kind = KIND_OF_SLUG.get(m[6]);
  if (!kind) return null;
  return { createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`, kind, seq: m[8] ? Number(m[8]) : 0 };
}

/** Newest first: by running number, then (names without one) by time stamp, then by name. */
export function newestFirst(a: { id: string; createdAt: string; seq: number }, b: { id: string; createdAt: string; seq: number }): number {
  if (a.seq !== b.seq) return b.seq - a.seq;
  if (a.createdAt !== b.createdAt) return b.createdAt.localeCompare(a.createdAt);
  return b.id.localeCompare(a.id);
}

/** The backup names in a plan's folders (unreadable folders are skipped). */
function namesIn(dirs: readonly string[]): { dir: string; name: string }[] {
  const out: { dir: string; name: string }[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) out.push({ dir, name });
  }
  return out;
}

function stampOf(iso: string): string {
  const d = new Date(iso);
  const t = Number.isNaN(d.getTime()) ? new Date() : d;
  return t.toISOString().replace(/[:.]/gu, '-');
}

export function fsyncPath(path: string, flags = 'r+'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable (the shared helper in safety/atomic.ts). */
export const fsyncDir = fsyncDirQuietly;

export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // best effort
  }
}

/**
 * Turns a fresh copy into a standalone plan file: rollback journal (no -wal/-shm needed to read it),
 * then checks it. Throws when the copy is not a sound plan.
 */
export function finishCopy(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const appId = db.pragma('application_id', { simple: true }) as number;
    const ok = (db.pragma('quick_check') as { quick_check: string }[]).every((r) => r.quick_check === 'ok');
    if (appId !== APPLICATION_ID || !ok) throw new Error('copy failed its check');
  } finally {
    db.close();
  }
  fsyncPath(file);
}

/** The next running number: one more than any backup of the plan has, in either folder. */
function nextSeq(dirs: readonly string[]): number {
  let max = 0;
  for (const { name } of namesIn(dirs)) max = Math.max(max, parseBackupId(name)?.seq ?? 0);
  return max + 1;
}

function uniqueName(dirs: readonly string[], iso: string, kind: BackupKind): string {
  const base = `${stampOf(iso)}_${SLUGS[kind]}`;
  for (let n = nextSeq(dirs); ; n++) {
    const name = `${base}_nr${String(n).padStart(6, '0')}.wirplan`;
    if (!dirs.some((d) => existsSync(join(d, name)))) return name;
  }
}

/**
 * The places a backup may go, in order (beside the plan, then the data folder), each with a temp
 * name to write first and the final name to rename it to.
 */
function targets(place: BackupPlace, kind: BackupKind, iso: string): { dir: string; tmp: string; final: string }[] {
  const dirs = backupDirs(place);
  const name = uniqueName(dirs, iso, kind);
  return dirs.map((dir) => ({ dir, tmp: join(dir, `${name}.${randomBytes(4).toString('hex')}.tmp`), final: join(dir, name) }));
}

function commitTarget(t: { dir: string; tmp: string; final: string }): string {
  renameSync(t.tmp, t.final);
  fsyncDir(t.dir);
  return t.final;
}

function discardTarget(t: { tmp: string }): void {
  removeQuietly(t.tmp);
  removeQuietly(`${t.tmp}-journal`);
}

const noPlaceForBackup = (last: unknown) =>
  new AppError('backup-failed', `Die Sicherung konnte weder neben dem Plan noch im Datenordner angelegt werden (${describeFsError(last)}).`);

/** Writes through a temp file in the first folder that works; returns the backup's full path. */
async function writeInto(place: BackupPlace, kind: BackupKind, iso: string, produce: (tmp: string) => void | Promise<void>): Promise<string> {
  let last: unknown;
  for (const t of targets(place, kind, iso)) {
    try {
      mkdirSync(t.dir, { recursive: true });
      await produce(t.tmp);
      return commitTarget(t);
    } catch (e) {
      last = e;
      discardTarget(t);
    }
  }
  throw noPlaceForBackup(last);
}

/** The same without yielding, for opening a plan and before a migration. */
function writeIntoSync(place: BackupPlace, kind: BackupKind, iso: string, produce: (tmp: string) => void): string {
  let last: unknown;
  for (const t of targets(place, kind, iso)) {
    try {
      mkdirSync(t.dir, { recursive: true });
      produce(t.tmp);
      return commitTarget(t);
    } catch (e) {
      last = e;
      discardTarget(t);
    }
  }
  throw noPlaceForBackup(last);
}

function describeFsError(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'der Datenträger ist voll';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') return 'keine Schreibberechtigung';
  return 'Schreibfehler';
}

/** Backup with the online backup API: pages are copied in steps, the plan stays usable meanwhile. */
export function writeBackup(db: Db, place: BackupPlace, kind: BackupKind, iso: string): Promise<string> {
  return writeInto(place, kind, iso, async (tmp) => {
    await db.backup(tmp);
    finishCopy(tmp);
  });
}

/** The same, for callers that must not yield (opening a plan, before a migration). */
export function writeBackupSync(db: Db, place: BackupPlace, kind: BackupKind, iso: string): string {
  return writeIntoSync(place, kind, iso, (tmp) => {
    writeFileSync(tmp, db.serialize());
    finishCopy(tmp);
  });
}

/** Keeps a file exactly as it is (with its -wal), e.g. a damaged plan before a restore replaces it. */
export function keepFileAsIs(path: string, place: BackupPlace, iso: string): string {
  return writeIntoSync(place, 'kept', iso, (tmp) => {
    copyFileSync(path, tmp);
    fsyncPath(tmp);
    if (existsSync(`${path}-wal`)) {
      // Beside the final name, so SQLite would find it when someone opens the kept copy.
      const wal = join(dirname(tmp), `${basename(tmp).replace(/\.[0-9a-f]+\.tmp$/u, '')}-wal`);
      copyFileSync(`${path}-wal`, wal);
      fsyncPath(wal);
    }
  });
}

/**
 * Cheap look into a backup for listings: a plan of a known version, and its number of measures.
 * The full integrity check ran when the backup was written (finishCopy) and runs again before a
 * restore; repeating it for 40 backups of a large plan would make the list take seconds.
 */
function inspect(file: string, kind: BackupKind): { ok: boolean; measureCount: number | null } {
  // A kept original may be damaged or carry a -wal: opening it could leave side files, so it is only listed.
  if (kind === 'kept') return { ok: false, measureCount: null };
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID || version > LATEST_VERSION) return { ok: false, measureCount: null };
    return { ok: true, measureCount: db.prepare('SELECT COUNT(*) FROM measures').pluck().get() as number };
  } catch {
    return { ok: false, measureCount: null };
  } finally {
    db?.close();
  }
}

interface Found { id: string; path: string; createdAt: string; kind: BackupKind; seq: number; sizeBytes: number }

/** The backup files of a plan, newest first (running number), not yet looked into. */
function findAll(place: BackupPlace): Found[] {
  const out: Found[] = [];
  for (const { dir, name: id } of namesIn(backupDirs(place))) {
    const parsed = parseBackupId(id);
    if (!parsed) continue;
    const path = join(dir, id);
    let sizeBytes: number;
    try {
      sizeBytes = statSync(path).size;
    } catch {
      continue;
    }
    out.push({ id, path, ...parsed, sizeBytes });
  }
  return out.sort(newestFirst);
}

const withContents = ({ seq: _seq, ...f }: Found): BackupInfo => ({ ...f, kindLabel: BACKUP_KIND_LABELS[f.kind], ...inspect(f.path, f.kind) });

/** The plan's revision: the newest Änderungsprotokoll entry (0 for a plan without one). */
function revisionOf(db: Db): number {
  return db.prepare('SELECT COALESCE(MAX(seq), 0) FROM change_log').pluck().get() as number;
}

/**
 * True when the newest backup holds what the plan holds: written after the plan file (and its WAL)
 * last changed, and at the plan's revision. A backup on open would then copy the same content again,
 * so opening can skip it. The revision guards against a clock that went back, where a change made
 * after the backup carries an older time than the backup itself.
 */
export function hasBackupSinceLastChange(place: BackupPlace, plan: Db): boolean {
  const newest = findAll(place)[0];
  if (!newest || newest.kind === 'kept') return false;
  try {
    const copy = new Database(newest.path, { readonly: true, fileMustExist: true });
    try {
      if (revisionOf(copy) !== revisionOf(plan)) return false;
    } finally {
      copy.close();
    }
    const backupMs = statSync(newest.path).mtimeMs;
    const planMs = statSync(place.planPath).mtimeMs;
    // An empty WAL is what opening creates; only one with frames holds changes.
    const wal = existsSync(`${place.planPath}-wal`) ? statSync(`${place.planPath}-wal`) : null;
    const walMs = wal && wal.size > 0 ? wal.mtimeMs : 0;
    return backupMs > planMs && backupMs > walMs;
  } catch {
    return false;
  }
}

/** All backups of a plan, newest first, each with whether it opens (ok) and its number of measures. */
export function listBackups(place: BackupPlace): BackupInfo[] {
  return findAll(place).map(withContents);
}

/** The newest backup that is a sound plan (fully checked), or null. */
export function latestGoodBackup(place: BackupPlace): BackupInfo | null {
  for (const f of findAll(place)) {
    const info = withContents(f);
    if (info.ok && checkPlanFile(f.path).ok) return info;
  }
  return null;
}

/** The backup file for an id (never a path: ids with separators or other shapes are refused). */
export function findBackup(place: BackupPlace, id: string): string | null {
  if (!parseBackupId(id)) return null;
  for (const dir of backupDirs(place)) {
    const path = join(dir, id);
    if (existsSync(path)) return path;
  }
  return null;
}

/**
 * Thins out the routine backups: the last KEEP_LAST, plus the newest of each day for KEEP_DAYS days.
 * Backups before a migration or a restore, kept originals and unsynced working copies are never removed.
 */
export function rotateBackups(place: BackupPlace, nowIso: string): void {
  const now = new Date(nowIso).getTime();
  const routine: { id: string; path: string; createdAt: string; seq: number }[] = [];
  for (const { dir, name } of namesIn(backupDirs(place))) {
    // Leftovers of a backup cut short (crash, full disk): never a valid backup.
    if (name.endsWith('.tmp') || name.endsWith('.tmp-journal')) {
      removeQuietly(join(dir, name));
      continue;
    }
    const parsed = parseBackupId(name);
    if (parsed && ROTATING.has(parsed.kind)) routine.push({ id: name, path: join(dir, name), createdAt: parsed.createdAt, seq: parsed.seq });
  }
  // The newest by running number are kept whatever the clock says.
  routine.sort(newestFirst);
  const daysSeen = new Set<string>();
  routine.forEach((b, i) => {
    const day = b.createdAt.slice(0, 10);
    const ageDays = (now - new Date(b.createdAt).getTime()) / 86_400_000;
    const firstOfDay = !daysSeen.has(day);
    daysSeen.add(day);
    if (i < KEEP_LAST) return;
    if (firstOfDay && ageDays <= KEEP_DAYS) return;
    removeQuietly(b.path);
  });
}

/**
 * Puts a backup in place of the plan file: copy beside it, then rename (atomic). The old file's
 * -wal/-shm/-journal are removed first: SQLite would otherwise apply them to the restored file.
 * The caller holds the plan's lock, has closed it and has kept its state.
 */
export function restoreOnto(backupFile: string, target: string): void {
  const tmp = `${target}.wiederherstellung-${randomBytes(4).toString('hex')}.tmp`;
  try {
    copyFileSync(backupFile, tmp);
    fsyncPath(tmp);
    for (const side of ['-wal', '-shm', '-journal']) rmSync(`${target}${side}`, { force: true });
    renameSync(tmp, target);
    fsyncDir(dirname(target));
  } catch (e) {
    removeQuietly(tmp);
    throw new AppError('restore-failed', `Die Sicherung konnte nicht wiederhergestellt werden (${describeFsError(e)}). Der bisherige Stand ist gesichert.`);
  }
}
