// The plan a window works on: at most one open plan file, plus the recent-files list.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { RecentPlan } from '../../shared/domain/types.ts';
import { AppError } from './errors.ts';
import { createPlanDb, openPlanDb, type Db } from './db/open.ts';
import type { ChangeContext } from './repos/changelog.ts';

export interface SessionOptions {
  /** Folder for the recent list and the demo plan (Electron: app.getPath('userData')). */
  dataDir: string;
  user?: string;
  now?: () => string;
}

const MAX_RECENT = 10;

export class Session {
  readonly dataDir: string;
  readonly ctx: ChangeContext;
  private current: { db: Db; path: string } | null = null;

  constructor(opts: SessionOptions) {
    this.dataDir = opts.dataDir;
    let user = opts.user;
    if (!user) {
      try { user = userInfo().username; } catch { user = 'unbekannt'; }
    }
    this.ctx = { user, now: opts.now ?? (() => new Date().toISOString()) };
    mkdirSync(this.dataDir, { recursive: true });
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

  open(path: string): Db {
    const full = resolve(path);
    const db = openPlanDb(full);
    this.replace(db, full);
    return db;
  }

  /** Creates a new plan file; `fill` runs inside the same transaction as the catalogue copy. */
  create(path: string, fill: (db: Db) => void): Db {
    const full = resolve(path);
    const db = createPlanDb(full);
    try {
      db.transaction(() => fill(db))();
    } catch (e) {
      db.close();
      throw e;
    }
    this.replace(db, full);
    return db;
  }

  close(): void {
    if (this.current) {
      this.current.db.close();
      this.current = null;
    }
  }

  private replace(db: Db, path: string): void {
    this.close();
    this.current = { db, path };
    this.remember(path);
  }

  private get recentFile(): string {
    return join(this.dataDir, 'recent.json');
  }

  recent(): RecentPlan[] {
    let list: { path: string; title: string; openedAt: string }[] = [];
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.recentFile, 'utf8'));
      if (Array.isArray(parsed)) list = parsed.filter((x) => x && typeof x.path === 'string');
    } catch {
      // No list yet, or an unreadable one: start afresh rather than fail the start.
    }
    return list.map((r) => ({ path: r.path, title: r.title || basename(r.path), openedAt: r.openedAt, exists: existsSync(r.path) }));
  }

  private remember(path: string, title?: string): void {
    const list = this.recent().filter((r) => r.path !== path).map(({ exists: _e, ...r }) => r);
    list.unshift({ path, title: title ?? basename(path, '.wirplan'), openedAt: this.ctx.now() });
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
