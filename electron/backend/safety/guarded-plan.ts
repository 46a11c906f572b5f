// An open plan with its safety net: the write lock, the local working copy of a network plan,
// a backup on open (before any migration), a backup at most every 15 minutes while changes happen,
// and the write-back of network plans after each committed change.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../db/migrations/index.ts';
import { fileIdentity, sameIdentity, type FileIdentity } from '../db/check-runner.ts';
import { checkPlanFile, createPlanDb, hasHotJournal, keepJournalAside, openPlanDb, type Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import {
  findBackup, hasBackupSinceLastChange, keepFileAsIs, latestGoodBackup, removeQuietly, restoreOnto, rotateBackups, writeBackup, writeBackupSync, type BackupPlace,
} from './backup.ts';
import { formatDateTime } from './format.ts';
import { preferImmediateTransactions } from './immediate.ts';
import { acquireLock, type LockOwner, type PlanLock } from './lock.ts';
import { WorkingCopy } from './network.ts';

export interface SafetyOptions {
  dataDir: string;
  owner: LockOwner;
  /** Which plan paths lie on a network drive (injected in tests). */
  isNetworkPath: (path: string) => boolean;
  /** Routine backups while changes happen, at most this often. */
  backupIntervalMs: number;
}

export const BACKUP_INTERVAL_MS = 15 * 60_000;
const RETRY_SYNC_MS = 30_000;

/** Open failures for which the latest good backup is worth offering. */
const OFFER_BACKUP = new Set([
  'file-missing', 'file-empty', 'file-not-sqlite', 'file-wrong-app', 'file-damaged', 'file-truncated', 'file-unreadable',
  'file-bad-size', 'file-foreign-schema', 'file-timeout',
  'damaged', 'migration-failed',
]);

/** Adds "the latest good backup is from …, id …" to an open failure, when there is one. */
export function withBackupHint(e: unknown, place: BackupPlace): unknown {
  if (!(e instanceof AppError) || !OFFER_BACKUP.has(e.code)) return e;
  let latest;
  try {
    latest = latestGoodBackup(place);
  } catch {
    return e;
  }
  if (!latest) return e;
  const count = latest.measureCount === 1 ? '1 Maßnahme' : `${latest.measureCount} Maßnahmen`;
  return new AppError(e.code, `${e.message} Die letzte intakte Sicherung ist vom ${formatDateTime(latest.createdAt)} (${count}, Sicherung „${latest.id}“); sie kann unter „Sicherungen“ wiederhergestellt werden.`);
}

export class GuardedPlan {
  /** The plan file as the planner knows it. */
  readonly path: string;
  readonly db: Db;
  readonly workingCopy: WorkingCopy | null;
  private readonly lock: PlanLock;
  private readonly opts: SafetyOptions;
  private readonly totalChanges: () => number;
  private lastBackupMs: number;
  private changesAtBackup: number;
  private changesAtSync: number;
  /** The change count whose failed write-back the planner was already told about. */
  private reportedUnsynced = -1;
  private lastSyncAttemptMs = 0;
  /** The last routine or on-open backup that failed, until one succeeds again: shown to the planner. */
  private backupFailure: { message: string; at: string } | null = null;
  /** Grows with every backup written or failed, so the window reloads what shows backups. */
  backupEvents = 0;
  /** Where this open moved a hot -journal (choice 'keep-aside'), or null. */
  journalAside: string | null = null;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(path: string, db: Db, lock: PlanLock, workingCopy: WorkingCopy | null, opts: SafetyOptions) {
    this.path = path;
    this.db = db;
    this.lock = lock;
    this.workingCopy = workingCopy;
    this.opts = opts;
    const stmt = db.prepare('SELECT total_changes()').pluck();
    this.totalChanges = () => stmt.get() as number;
    this.lastBackupMs = this.nowMs();
    this.changesAtBackup = this.totalChanges();
    this.changesAtSync = this.changesAtBackup;
  }

  get place(): BackupPlace {
    return { planPath: this.path, dataDir: this.opts.dataDir };
  }

  /** What the planner is told while backups fail (German), or null while they work. */
  get backupProblem(): string | null {
    const f = this.backupFailure;
    if (!f) return null;
    return `Die automatische Sicherung ist am ${formatDateTime(f.at)} fehlgeschlagen: ${f.message} Ihre Änderungen werden weiter im Plan gespeichert; `
      + 'die Sicherung wird mit der nächsten Änderung erneut versucht. Bitte Speicherplatz und Schreibrechte prüfen oder den Plan mit „Plan speichern unter“ an einem anderen Ort sichern.';
  }

  /** Records a failed backup (also the one on open, before this object existed). */
  noteBackupFailed(e: unknown): void {
    console.error('[backup] backup failed', e);
    const message = e instanceof AppError ? e.message : 'Die Sicherungsdatei konnte nicht geschrieben werden.';
    this.backupFailure = { message, at: this.opts.owner.now() };
    this.backupEvents++;
  }

  private noteBackupWritten(): void {
    this.backupFailure = null;
    this.backupEvents++;
  }

  /** Milliseconds since the last backup; a clock that went back counts as "long ago" (a backup is due). */
  private sinceBackupMs(now: number): number {
    const elapsed = now - this.lastBackupMs;
    return elapsed < 0 ? Number.POSITIVE_INFINITY : elapsed;
  }

  private nowMs(): number {
    const t = new Date(this.opts.owner.now()).getTime();
    return Number.isNaN(t) ? Date.now() : t;
  }

  /** After a successful call: write back (network) and back up (every 15 minutes) if something changed. */
  async afterCall(): Promise<void> {
    if (this.closed) return;
    const n = this.totalChanges();
    // A write-back that failed is retried with the next change, and quietly every 30 s on reads.
    const syncDue = this.workingCopy !== null && n !== this.changesAtSync
      && (n !== this.reportedUnsynced || this.nowMs() - this.lastSyncAttemptMs >= RETRY_SYNC_MS);
    const backupDue = n !== this.changesAtBackup && this.sinceBackupMs(this.nowMs()) >= this.opts.backupIntervalMs;
    if (!syncDue && !backupDue) return;
    // One at a time: a later snapshot must never be overtaken by an earlier one.
    const run = this.queue.then(() => this.sync());
    this.queue = run.catch(() => undefined);
    await run;
  }

  private async sync(): Promise<void> {
    if (this.closed) return;
    const n = this.totalChanges();
    const now = this.nowMs();
    if (this.workingCopy && n !== this.changesAtSync) {
      this.lastSyncAttemptMs = now;
      try {
        await this.workingCopy.writeBack(this.db);
        this.changesAtSync = n;
      } catch (e) {
        // Told once per change: a read must not fail because an earlier change is still unsent.
        if (n === this.reportedUnsynced) return;
        this.reportedUnsynced = n;
        throw e;
      }
    }
    if (n !== this.changesAtBackup && this.sinceBackupMs(now) >= this.opts.backupIntervalMs) {
      try {
        await writeBackup(this.db, this.place, 'periodic', this.opts.owner.now());
        this.changesAtBackup = n;
        this.lastBackupMs = now;
        this.noteBackupWritten();
      } catch (e) {
        // A missed routine backup must not fail the planner's change: shown, and tried again in a minute.
        this.noteBackupFailed(e);
        this.lastBackupMs = now - this.opts.backupIntervalMs + 60_000;
        return;
      }
      try {
        rotateBackups(this.place, this.opts.owner.now());
      } catch (e) {
        console.error('[backup] rotation failed', e);
      }
    }
  }

  /** A backup now, with the online backup API; its path. */
  async backupNow(kind: 'restore' | 'periodic'): Promise<string> {
    await this.queue;
    const path = await writeBackup(this.db, this.place, kind, this.opts.owner.now());
    this.noteBackupWritten();
    return path;
  }

  /** Closes the database and lets go of the lock; a network plan's last changes are written back first. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.workingCopy && this.totalChanges() !== this.changesAtSync) this.workingCopy.writeBackSync(this.db);
    } catch (e) {
      // Still pending in the working copy; sent when the plan is opened next time.
      console.error('[network] write-back on close failed', e);
    }
    try {
      this.db.close();
    } finally {
      this.lock.release();
    }
  }
}

function openedPlan(path: string, db: Db, lock: PlanLock, wc: WorkingCopy | null, opts: SafetyOptions, backupFailure: unknown = null): GuardedPlan {
  preferImmediateTransactions(db);
  const plan = new GuardedPlan(path, db, lock, wc, opts);
  if (backupFailure !== null) plan.noteBackupFailed(backupFailure);
  try {
    rotateBackups(plan.place, opts.owner.now());
  } catch (e) {
    console.error('[backup] rotation failed', e);
  }
  return plan;
}

/**
 * Opens an existing plan for writing: lock, local working copy for network plans, check (a file that
 * is not a sound plan is never written to; the lock beside it is removed again), backup, migrate.
 */
export interface OpenChoices {
  /** A -journal beside the file: refuse (default) or move it aside under a new name and open the file as it is. */
  journal?: 'refuse' | 'keep-aside';
  /** The check worker already checked exactly this file (same size, mtime, inode). */
  prechecked?: FileIdentity | null;
}

export function openGuarded(path: string, opts: SafetyOptions, choices: OpenChoices = {}): GuardedPlan {
  const place: BackupPlace = { planPath: path, dataDir: opts.dataDir };
  // The full check runs in openPlanDb, under the lock; only "not there at all" is answered before.
  if (!existsSync(path)) {
    const missing = checkPlanFile(path);
    throw withBackupHint(new AppError(`file-${missing.code}`, missing.message), place);
  }
  const lock = acquireLock(path, opts.owner);
  let db: Db | undefined;
  let backupFailure: unknown = null;
  let journalAside: string | null = null;
  try {
    if (choices.journal === 'keep-aside' && hasHotJournal(path)) journalAside = keepJournalAside(path, opts.owner.now());
    const network = opts.isNetworkPath(path);
    const wc = network ? WorkingCopy.prepare(path, opts.dataDir, place, opts.owner.now()) : null;
    db = openPlanDb(wc?.path ?? path, {
      prechecked: !network && !!choices.prechecked && sameIdentity(choices.prechecked, fileIdentity(path)),
      beforeMigrate: (d, fromVersion) => {
        const migrating = fromVersion < LATEST_VERSION;
        // Nothing changed since the newest backup: another copy of the same content only costs time
        // (a third of a 5,000-measure plan's open). Network plans always get one from the share.
        if (!migrating && !wc && hasBackupSinceLastChange(place, d)) return;
        try {
          writeBackupSync(d, place, migrating ? 'migration' : 'open', opts.owner.now());
        } catch (e) {
          // Never change a file's format without a way back.
          if (migrating) {
            throw new AppError('backup-failed', 'Vor der Umstellung auf das neue Dateiformat konnte keine Sicherung angelegt werden. Der Plan wurde deshalb nicht umgestellt und ist unverändert. Ist genug Speicherplatz frei?');
          }
          backupFailure = e;
        }
      },
    });
    const plan = openedPlan(path, db, lock, wc, opts, backupFailure);
    plan.journalAside = journalAside;
    return plan;
  } catch (e) {
    db?.close();
    lock.release();
    throw withBackupHint(e, place);
  }
}

/** Creates a new plan (refuses to overwrite); `fill` runs in one transaction. */
export function createGuarded(path: string, opts: SafetyOptions, fill: (db: Db) => void): GuardedPlan {
  if (existsSync(path)) throw new AppError('file-exists', `Die Datei „${path}“ gibt es bereits. Bitte einen anderen Namen wählen.`);
  const place: BackupPlace = { planPath: path, dataDir: opts.dataDir };
  const lock = acquireLock(path, opts.owner);
  let db: Db | undefined;
  try {
    const wc = opts.isNetworkPath(path) ? WorkingCopy.forNew(path, opts.dataDir, place, opts.owner.now()) : null;
    db = createPlanDb(wc?.path ?? path);
    db.transaction(() => fill(db!))();
    // A new plan on a share exists there at once, not only after its first change.
    wc?.writeBackSync(db);
    return openedPlan(path, db, lock, wc, opts);
  } catch (e) {
    // A half-made plan (no catalogue) must not stay behind to be opened later as if it were whole.
    if (db) {
      db.close();
      for (const p of [db.name, `${db.name}-wal`, `${db.name}-shm`, `${db.name}-journal`]) removeQuietly(p);
    }
    lock.release();
    throw e;
  }
}

/**
 * Replaces a plan file by one of its backups, never losing the current state: an open plan is
 * backed up first (online backup API), a closed one is kept as it is (even when damaged).
 * The caller holds the plan's lock across this and the reopen that follows.
 */
export async function restoreBackup(
  target: string, backupId: string, opts: SafetyOptions, open: GuardedPlan | null, closeOpen: () => void,
): Promise<void> {
  const place: BackupPlace = { planPath: target, dataDir: opts.dataDir };
  const file = findBackup(place, backupId);
  if (!file) throw new AppError('not-found', 'Diese Sicherung wurde nicht gefunden. Eventuell wurde sie inzwischen entfernt.');
  const check = checkPlanFile(file);
  if (!check.ok) throw new AppError('backup-unusable', `Diese Sicherung kann nicht wiederhergestellt werden. ${check.message}`);
  if (open) {
    await open.backupNow('restore');
    closeOpen();
  } else if (existsSync(target)) {
    if (checkPlanFile(target).ok) {
      const ro = new Database(target, { readonly: true, fileMustExist: true });
      try {
        writeBackupSync(ro, place, 'restore', opts.owner.now());
      } finally {
        ro.close();
      }
    } else {
      keepFileAsIs(target, place, opts.owner.now());
    }
  }
  restoreOnto(file, target);
  if (opts.isNetworkPath(target)) WorkingCopy.forget(target, opts.dataDir);
}
