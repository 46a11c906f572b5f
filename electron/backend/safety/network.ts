// Plans on network drives. SQLite's WAL needs shared memory between the processes that use a file,
// which network file systems do not provide, and byte-range locks over SMB/NFS are unreliable.
// So a plan on a share is never opened there: the workbench works on a local copy in the data
// folder and, after each committed change, writes a consistent copy to a temp file beside the
// original and renames it over the original (atomic on the share).
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { finishCopy, fsyncDir, fsyncPath, removeQuietly, writeBackupSync, type BackupPlace } from './backup.ts';

/** Linux file system types that live on another machine. */
const NETWORK_FS = new Set(['nfs', 'nfs4', 'cifs', 'smb', 'smb2', 'smb3', 'smbfs', 'ncpfs', 'afs', 'fuse.sshfs', '9p', 'davfs', 'fuse.davfs2']);

/** `\\server\share\…` or `//server/share/…` (UNC), on any platform. */
export function isUncPath(path: string): boolean {
  return /^(?:\\\\|\/\/)(?!\?[\\/]|\.[\\/])[^\\/]+[\\/][^\\/]+/u.test(path) || /^\\\\\?\\UNC\\/iu.test(path);
}

function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/gu, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** The network mount a path lies under, from the text of /proc/mounts; null when local. */
export function networkMountOf(path: string, mountsText: string): { mountPoint: string; fsType: string } | null {
  let best: { mountPoint: string; fsType: string } | null = null;
  for (const line of mountsText.split('\n')) {
    const parts = line.split(' ');
    if (parts.length < 3) continue;
    const mountPoint = unescapeMount(parts[1]);
    const fsType = parts[2];
    const under = path === mountPoint || path.startsWith(mountPoint.endsWith('/') ? mountPoint : `${mountPoint}/`);
    if (under && (!best || mountPoint.length >= best.mountPoint.length)) best = { mountPoint, fsType };
  }
  return best && NETWORK_FS.has(best.fsType) ? best : null;
}

/**
 * Whether a plan path is on a network drive: UNC paths everywhere; on Linux also paths below an
 * NFS/SMB mount. Windows drive letters mapped to a share are not recognised (that needs
 * GetDriveTypeW); planners who open plans through such a letter get the normal local handling.
 */
export function isNetworkPath(path: string): boolean {
  if (isUncPath(path)) return true;
  if (process.platform !== 'linux') return false;
  let mounts: string;
  try {
    mounts = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return false;
  }
  let real = resolve(path);
  try {
    real = join(realpathSync(dirname(real)), basename(real));
  } catch {
    // folder missing: the open fails later with its own message
  }
  return networkMountOf(real, mounts) !== null;
}

interface SyncState {
  original: string;
  /** Changes in the working copy have not reached the share yet. */
  pending: boolean;
  /** The share's file as we last wrote or read it: a different one means someone else wrote it. */
  syncedMtimeMs: number;
  syncedSize: number;
}

const notSynced = (why: string) => new AppError('not-synced',
  `Die Änderung ist in der lokalen Arbeitskopie gespeichert, konnte aber nicht in die Plandatei auf dem Netzlaufwerk übertragen werden (${why}). `
  + 'Die Werkbank versucht es bei der nächsten Änderung und beim Schließen erneut. Bitte die Netzwerkverbindung prüfen.');

function why(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code ?? '';
  if (code === 'ENOENT') return 'Ordner nicht erreichbar';
  if (code === 'ENOSPC') return 'Netzlaufwerk voll';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'keine Schreibberechtigung';
  return 'Schreibfehler';
}

/** The local working copy of a plan on a network drive. */
export class WorkingCopy {
  readonly original: string;
  readonly path: string;
  private readonly statePath: string;

  private constructor(original: string, dataDir: string) {
    this.original = original;
    this.path = WorkingCopy.pathFor(original, dataDir);
    this.statePath = `${this.path}.json`;
  }

  static pathFor(original: string, dataDir: string): string {
    const hash = createHash('sha256').update(original).digest('hex').slice(0, 16);
    return join(dataDir, 'Arbeitskopien', `${hash}-${basename(original)}`);
  }

  /**
   * Makes a fresh local copy of the share's plan. Changes that never reached the share (network
   * gone at the last write-back) are sent first if the share's file is still the one we knew;
   * if someone changed it meanwhile, they are kept as a backup instead. Nothing is dropped.
   */
  static prepare(original: string, dataDir: string, place: BackupPlace, nowIso: string): WorkingCopy {
    const wc = new WorkingCopy(original, dataDir);
    mkdirSync(dirname(wc.path), { recursive: true });
    const state = wc.readState();
    if (state?.pending && existsSync(wc.path)) {
      const st = statSync(original);
      const db = new Database(wc.path, { fileMustExist: true });
      try {
        if (st.mtimeMs === state.syncedMtimeMs && st.size === state.syncedSize) {
          try {
            wc.writeBackSync(db);
          } catch {
            // Still unreachable: keep working on the local copy; its changes stay pending.
            return wc;
          }
        } else {
          writeBackupSync(db, place, 'unsynced', nowIso);
        }
      } finally {
        db.close();
      }
    }
    wc.removeLocal();
    copyFileSync(original, wc.path);
    // A plan last used locally may carry committed changes in its -wal: they belong to it.
    if (existsSync(`${original}-wal`)) copyFileSync(`${original}-wal`, `${wc.path}-wal`);
    wc.saveSynced(false);
    return wc;
  }

  /** For a new plan on a share: an empty local place (an orphaned old copy is kept as a backup). */
  static forNew(original: string, dataDir: string, place: BackupPlace, nowIso: string): WorkingCopy {
    const wc = new WorkingCopy(original, dataDir);
    mkdirSync(dirname(wc.path), { recursive: true });
    if (wc.readState()?.pending && existsSync(wc.path)) {
      const db = new Database(wc.path, { fileMustExist: true });
      try {
        writeBackupSync(db, place, 'unsynced', nowIso);
      } finally {
        db.close();
      }
    }
    wc.removeLocal();
    return wc;
  }

  /** After a restore put a new file on the share: the old working copy must not be reused. */
  static forget(original: string, dataDir: string): void {
    const wc = new WorkingCopy(original, dataDir);
    wc.removeLocal();
  }

  private removeLocal(): void {
    for (const p of [this.path, `${this.path}-wal`, `${this.path}-shm`, `${this.path}-journal`, this.statePath]) rmSync(p, { force: true });
  }

  private readState(): SyncState | null {
    try {
      const s = JSON.parse(readFileSync(this.statePath, 'utf8')) as SyncState;
      return s.original === this.original ? s : null;
    } catch {
      return null;
    }
  }

  private saveSynced(pending: boolean): void {
    let st = { mtimeMs: 0, size: 0 };
    try {
      st = statSync(this.original);
    } catch {
      // share unreachable: the pending flag matters, the stamp is compared only when it is reachable
      const prev = this.readState();
      if (prev) st = { mtimeMs: prev.syncedMtimeMs, size: prev.syncedSize };
    }
    const state: SyncState = { original: this.original, pending, syncedMtimeMs: st.mtimeMs, syncedSize: st.size };
    writeFileSync(this.statePath, JSON.stringify(state, null, 2));
  }

  private markPending(): void {
    try {
      const prev = this.readState();
      const state: SyncState = { original: this.original, pending: true, syncedMtimeMs: prev?.syncedMtimeMs ?? 0, syncedSize: prev?.syncedSize ?? 0 };
      writeFileSync(this.statePath, JSON.stringify(state, null, 2));
    } catch {
      // the data folder itself failed: nothing more we can record
    }
  }

  /** Copies a finished local snapshot to the share: temp file beside the original, then rename. */
  private publish(staged: string): void {
    const tmp = join(dirname(this.original), `.${basename(this.original)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      copyFileSync(staged, tmp);
      fsyncPath(tmp);
      renameSync(tmp, this.original);
      fsyncDir(dirname(this.original));
    } catch (e) {
      removeQuietly(tmp);
      throw e;
    }
  }

  /** After a committed change: the share's file becomes a consistent copy of the working copy. */
  async writeBack(db: Db): Promise<void> {
    const staged = `${this.path}.staged-${randomBytes(4).toString('hex')}`;
    try {
      await db.backup(staged);
      finishCopy(staged);
      this.publish(staged);
      this.saveSynced(false);
    } catch (e) {
      this.markPending();
      throw notSynced(why(e));
    } finally {
      removeQuietly(staged);
      removeQuietly(`${staged}-journal`);
    }
  }

  /** The same without yielding (closing, reopening). */
  writeBackSync(db: Db): void {
    const staged = `${this.path}.staged-${randomBytes(4).toString('hex')}`;
    try {
      writeFileSync(staged, db.serialize());
      finishCopy(staged);
      this.publish(staged);
      this.saveSynced(false);
    } catch (e) {
      this.markPending();
      throw notSynced(why(e));
    } finally {
      removeQuietly(staged);
      removeQuietly(`${staged}-journal`);
    }
  }
}
