// The plan a window works on: at most one open plan file, plus the recent-files list.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { RecentPlan } from '../../shared/domain/types.ts';
import { AppError } from './errors.ts';
import type { Db } from './db/open.ts';
import type { ChangeContext } from './repos/changelog.ts';
import { checkPlanFileBounded, warmCheckWorker, type BoundedCheck } from './db/check-runner.ts';
import { BACKUP_INTERVAL_MS, createGuarded, GuardedPlan, openGuarded, restoreBackup, withBackupHint, type OpenChoices, type SafetyOptions } from './safety/guarded-plan.ts';
import { acquireLock, newLockToken, readLock } from './safety/lock.ts';
import { openReadOnly, ReadOnlyPlan, readOnlyMessage, type Writer } from './safety/read-only.ts';
import { isNetworkPath } from './safety/network.ts';
import { openedAsFile } from './sync/merge.ts';

export interface SessionOptions {
  /** Folder for the recent list and the demo plan (Electron: app.getPath('userData')). */
  dataDir: string;
  user?: string;
  now?: () => string;
  /** Which paths are on a network drive (default: UNC paths and NFS/SMB mounts); tests inject one. */
  isNetworkPath?: (path: string) => boolean;
  /** Routine backups while changes happen, at most this often (default 15 minutes). */
  backupIntervalMs?: number;
}

const MAX_RECENT = 10;

interface StoredRecent { path: string; title: string; openedAt: string; failed?: string; failedAt?: string }

export class Session {
  readonly dataDir: string;
  readonly ctx: ChangeContext;
  /** Lock, backups and network handling of the open plan (electron/backend/safety). */
  readonly safety: SafetyOptions;
  private current: { db: Db; path: string; guard: GuardedPlan | ReadOnlyPlan } | null = null;

  constructor(opts: SessionOptions) {
    this.dataDir = opts.dataDir;
    let user = opts.user;
    if (!user) {
      try { user = userInfo().username; } catch { user = 'unbekannt'; }
    }
    this.ctx = { user, now: opts.now ?? (() => new Date().toISOString()) };
    this.safety = {
      dataDir: this.dataDir, owner: { user, token: newLockToken(), now: this.ctx.now },
      isNetworkPath: opts.isNetworkPath ?? isNetworkPath, backupIntervalMs: opts.backupIntervalMs ?? BACKUP_INTERVAL_MS,
    };
    mkdirSync(this.dataDir, { recursive: true });
    // The check worker starts now, in the background: the first open does not wait for it.
    warmCheckWorker();
  }

  get path(): string | null {
    return this.current?.path ?? null;
  }

  /** The open plan's database; a clear message when none is open. */
  get db(): Db {
    if (!this.current) throw new AppError('no-plan', 'Es ist kein Plan geöffnet. Bitte einen Plan öffnen oder neu anlegen.');
    return this.current.db;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  /** The open plan is being written by someone else: who, or null (see readOnlyReason for the message). */
  get readOnly(): { writer: Writer | null; message: string } | null {
    const g = this.current?.guard;
    return g instanceof ReadOnlyPlan ? { writer: g.writer, message: readOnlyMessage(g.writer) } : null;
  }

  /** Why backups of the open plan currently fail (German), or null. */
  get backupProblem(): string | null {
    const g = this.current?.guard;
    return g instanceof GuardedPlan ? g.backupProblem : null;
  }

  /** Where opening the current plan moved a hot -journal (choice 'keep-aside'), or null. */
  get journalAside(): string | null {
    const g = this.current?.guard;
    return g instanceof GuardedPlan ? g.journalAside : null;
  }

  /** Grows with every backup of the open plan written or failed (see changes/freshness.ts). */
  get backupEvents(): number {
    const g = this.current?.guard;
    return g instanceof GuardedPlan ? g.backupEvents : 0;
  }

  open(path: string, choices: OpenChoices = {}): Db {
    const full = resolve(path);
    // The same plan again: close it first (a network plan's working copy is rebuilt), holding its lock meanwhile.
    const hold = this.current?.path === full && !this.readOnly ? acquireLock(full, this.safety.owner) : null;
    try {
      if (hold || this.current?.path === full) this.close();
      let plan: GuardedPlan | ReadOnlyPlan;
      try {
        plan = openGuarded(full, this.safety, choices);
      } catch (e) {
        // Someone else writes the plan: read it instead of refusing (no lock, no backup, nothing written).
        if (!(e instanceof AppError) || e.code !== 'locked') throw e;
        plan = openReadOnly(full, readLock(full));
      }
      this.replace(plan);
      return plan.db;
    } finally {
      hold?.release();
    }
  }

  /** The check of the open in progress (openChecked), so the planner can cancel it. */
  private pendingCheck: BoundedCheck | null = null;

  /**
   * Opens a plan after checking it in the check worker (deadline, memory cap): a file whose check
   * does not end never freezes the app, and is not opened. A failed or timed-out file is marked in
   * the recent list, so the next start does not open it again by itself.
   */
  async openChecked(path: string, choices: Omit<OpenChoices, 'prechecked'> & { deadlineMs?: number } = {}): Promise<Db> {
    const full = resolve(path);
    this.pendingCheck?.cancel();
    const check = checkPlanFileBounded(full, { journal: choices.journal === 'keep-aside' ? 'ignore' : 'refuse', deadlineMs: choices.deadlineMs });
    this.pendingCheck = check;
    let result;
    try {
      result = await check.result;
    } finally {
      if (this.pendingCheck === check) this.pendingCheck = null;
    }
    if (!result.ok) {
      const e = new AppError(`file-${result.code}`, result.message);
      if (result.code !== 'missing') this.markFailed(full, result.message);
      throw withBackupHint(e, { planPath: full, dataDir: this.dataDir });
    }
    try {
      return this.open(full, { journal: choices.journal, prechecked: result.identity });
    } catch (e) {
      if (e instanceof AppError && e.code !== 'file-missing' && e.code !== 'locked') this.markFailed(full, e.message);
      throw e;
    }
  }

  /** Cancels the check of an open in progress; false when none runs. */
  cancelOpen(): boolean {
    if (!this.pendingCheck) return false;
    this.pendingCheck.cancel();
    return true;
  }

  /** Creates a new plan file; `fill` runs inside the same transaction as the catalogue copy. */
  create(path: string, fill: (db: Db) => void): Db {
    const plan = createGuarded(resolve(path), this.safety, fill);
    this.replace(plan);
    return plan.db;
  }

  close(): void {
    if (this.current) {
      const { guard } = this.current;
      this.current = null;
      guard.close();
    }
  }

  private replace(plan: GuardedPlan | ReadOnlyPlan): void {
    this.close();
    this.current = { db: plan.db, path: plan.path, guard: plan };
    // Merge/sync: a copy made by copying the file gets its own node id; existing plans get their baseline.
    openedAsFile(plan.db, `${plan.path}|${statSync(plan.path, { throwIfNoEntry: false })?.ino ?? 0}`);
    this.remember(plan.path);
  }

  /** After each successful contract call (see safety/hooks.ts): write-back and routine backup. */
  async afterCall(): Promise<void> {
    await this.current?.guard.afterCall();
  }

  /** Replaces a plan (the open one, or `path`) by one of its backups and opens it; the state before is kept. */
  async restore(backupId: string, path?: string): Promise<void> {
    const target = path ? resolve(path) : this.path;
    if (!target) throw new AppError('no-plan', 'Es ist kein Plan geöffnet. Bitte einen Plan öffnen oder neu anlegen.');
    // Held across restore and reopen, so no one else can slip in between.
    const hold = acquireLock(target, this.safety.owner);
    if (this.readOnly && this.current?.path === target) throw new AppError('read-only-plan', this.readOnly.message);
    const g = this.current?.path === target ? this.current.guard : null;
    const open = g instanceof GuardedPlan ? g : null;
    try {
      await restoreBackup(target, backupId, this.safety, open, () => this.close());
      this.open(target);
    } catch (e) {
      // The plan was open before: leave it open (restored or as it was), not closed by a failed restore.
      if (open && !this.isOpen) {
        try { this.open(target); } catch { /* the error below says what went wrong */ }
      }
      throw e;
    } finally {
      hold.release();
    }
  }

  private get recentFile(): string {
    return join(this.dataDir, 'recent.json');
  }

  recent(): RecentPlan[] {
    let list: StoredRecent[] = [];
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.recentFile, 'utf8'));
      if (Array.isArray(parsed)) list = parsed.filter((x) => x && typeof x.path === 'string');
    } catch {
      // No list yet, or an unreadable one: start afresh rather than fail the start.
    }
    return list.map((r) => ({
      path: r.path, title: r.title || basename(r.path), openedAt: r.openedAt, exists: existsSync(r.path),
      ...(typeof r.failed === 'string' ? { failed: r.failed, failedAt: typeof r.failedAt === 'string' ? r.failedAt : '' } : {}),
    }));
  }

  /** Marks a listed plan that could not be opened: it stays in the recent list but is not reopened at the next start. */
  markFailed(path: string, message: string): void {
    const list: StoredRecent[] = this.recent().map(({ exists: _e, ...r }) => r);
    const known = list.find((r) => r.path === path);
    // A file that was never opened is only refused: it does not join the list of plans.
    if (!known) return;
    Object.assign(known, { failed: message, failedAt: this.ctx.now() });
    this.writeRecent(list);
  }

  private remember(path: string, title?: string): void {
    const list: StoredRecent[] = this.recent().filter((r) => r.path !== path).map(({ exists: _e, ...r }) => r);
    list.unshift({ path, title: title ?? basename(path, '.wirplan'), openedAt: this.ctx.now() });
    this.writeRecent(list);
  }

  forgetRecent(path: string): RecentPlan[] {
    this.writeRecent(this.recent().filter((r) => r.path !== path).map(({ exists: _e, ...r }) => r));
    return this.recent();
  }

  private writeRecent(list: StoredRecent[]): void {
    const tmp = `${this.recentFile}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(list.slice(0, MAX_RECENT), null, 2));
      renameSync(tmp, this.recentFile);
    } catch {
      // The recent list is a convenience; a read-only profile must not stop work on the plan.
    }
  }

  setRecentTitle(path: string, title: string): void {
    this.remember(path, title);
  }

  /** The demo plan's place in the user's data folder. */
  get demoPath(): string {
    return join(this.dataDir, 'Landkreis Musterland.wirplan');
  }
}
