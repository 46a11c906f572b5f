// One writer per plan: a lock file `<plan>.lock` beside the plan, created atomically (`wx`).
// SQLite's own locks do not say who holds a file, do not work reliably on network shares, and a
// second copy of the app would just see "busy". The lock file names the person and the machine.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';
import { formatDateTime } from './format.ts';

export interface LockInfo {
  user: string;
  machine: string;
  pid: number;
  /** ISO time the plan was opened. */
  since: string;
  /** Random per Session: tells "my own lock" apart from another session in the same process. */
  token: string;
}

export interface LockOwner {
  user: string;
  token: string;
  now: () => string;
}

export interface PlanLock {
  readonly path: string;
  readonly info: LockInfo;
  release(): void;
}

/** A lock file whose writer died between create and write is taken over after this long. */
const EMPTY_LOCK_GRACE_MS = 5_000;

/** Locks this process holds, by lock path: a Session may take its own lock again (reopen, restore). */
const held = new Map<string, { token: string; refs: number; info: LockInfo }>();

export const lockPathFor = (planPath: string): string => `${planPath}.lock`;

export function newLockToken(): string {
  return randomBytes(12).toString('hex');
}

function parseLock(raw: string): LockInfo | null {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.user !== 'string' || typeof v.machine !== 'string' || typeof v.pid !== 'number' || typeof v.since !== 'string') return null;
    return { user: v.user, machine: v.machine, pid: v.pid, since: v.since, token: typeof v.token === 'string' ? v.token : '' };
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockedMessage(info: LockInfo): string {
  return `Der Plan wird gerade von ${info.user || 'unbekannt'} auf ${info.machine || 'einem anderen Rechner'} bearbeitet (seit ${formatDateTime(info.since)}).`;
}

function tryCreate(lockPath: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new AppError('folder-missing', `Der Ordner „${dirname(lockPath)}“ wurde nicht gefunden oder ist nicht erreichbar.`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new AppError('read-only', 'Der Ordner der Plandatei ist schreibgeschützt. Der Plan kann dort nicht bearbeitet werden; bitte „Speichern unter“ in einen beschreibbaren Ordner verwenden.');
    }
    throw new AppError('lock-failed', 'Die Sperrdatei für den Plan konnte nicht angelegt werden. Ist der Ordner erreichbar und beschreibbar?');
  }
  try {
    writeSync(fd, JSON.stringify(info, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Why an existing lock may be taken over, or null when it is live. */
function staleReason(lockPath: string, info: LockInfo | null): string | null {
  if (!info) {
    // Empty or garbled: its writer died between create and write, unless that is happening right now.
    try {
      return Date.now() - statSync(lockPath).mtimeMs > EMPTY_LOCK_GRACE_MS ? 'unreadable' : null;
    } catch {
      return 'gone';
    }
  }
  if (info.machine !== hostname()) return null; // cannot see processes on other machines: refuse
  if (info.pid === process.pid) {
    // Our own process: live if one of our sessions holds it; else left by an earlier process that had the same pid.
    return held.has(lockPath) ? null : 'same-pid-not-held';
  }
  return processAlive(info.pid) ? null : 'process-gone';
}

/** Takes the stale lock away atomically; false when someone else replaced it meanwhile. */
function removeStale(lockPath: string, raw: string): boolean {
  const aside = `${lockPath}.stale-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return true; // already gone
  }
  let movedRaw = '';
  try {
    movedRaw = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treat as what we saw
    movedRaw = raw;
  }
  if (movedRaw !== raw) {
    // We moved a fresh lock of someone else: put it back without clobbering (link fails if taken).
    try { linkSync(aside, lockPath); } catch { /* someone holds a newer one */ }
    try { unlinkSync(aside); } catch { /* ignore */ }
    return false;
  }
  try { unlinkSync(aside); } catch { /* ignore */ }
  return true;
}

/**
 * Acquires the write lock of a plan, or throws AppError('locked') naming who has the plan open.
 * Never waits: a second app or session gets its answer at once.
 */
export function acquireLock(planPath: string, owner: LockOwner): PlanLock {
  const lockPath = lockPathFor(planPath);
  const mine = held.get(lockPath);
  if (mine && mine.token === owner.token) {
    mine.refs++;
    return handle(lockPath, mine.info);
  }
  const info: LockInfo = { user: owner.user, machine: hostname(), pid: process.pid, since: owner.now(), token: owner.token };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath, info)) {
      held.set(lockPath, { token: owner.token, refs: 1, info });
      return handle(lockPath, info);
    }
    let raw = '';
    try {
      raw = readFileSync(lockPath, 'utf8');
    } catch {
      continue; // released between our create and read: try again
    }
    const other = parseLock(raw);
    const stale = staleReason(lockPath, other);
    if (!stale) {
      if (other) throw new AppError('locked', lockedMessage(other));
      throw new AppError('locked', 'Der Plan wird gerade in einem anderen Fenster oder von einer anderen Person geöffnet. Bitte einen Moment warten und erneut versuchen.');
    }
    if (!removeStale(lockPath, raw)) {
      const fresh = (() => { try { return parseLock(readFileSync(lockPath, 'utf8')); } catch { return null; } })();
      if (fresh) throw new AppError('locked', lockedMessage(fresh));
    }
  }
  throw new AppError('locked', 'Der Plan wird gerade von einer anderen Sitzung geöffnet. Bitte einen Moment warten und erneut versuchen.');
}

function handle(lockPath: string, info: LockInfo): PlanLock {
  let released = false;
  return {
    path: lockPath,
    info,
    release: () => {
      if (released) return;
      released = true;
      const h = held.get(lockPath);
      if (!h || h.token !== info.token) return;
      if (--h.refs > 0) return;
      held.delete(lockPath);
      try {
        // Only remove the file if it is still ours (a takeover by another machine is not undone).
        if (parseLock(readFileSync(lockPath, 'utf8'))?.token === info.token) unlinkSync(lockPath);
      } catch {
        // Already gone, or the share went away: nothing to release.
      }
    },
  };
}

/** Who holds a plan's lock right now (for messages and tests); null when nobody. */
export function readLock(planPath: string): LockInfo | null {
  try {
    return parseLock(readFileSync(lockPathFor(planPath), 'utf8'));
  } catch {
    return null;
  }
}
