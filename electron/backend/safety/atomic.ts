// Atomic file writes: a temporary file in the target's folder, written and fsynced, then renamed
// over the target, then the folder fsynced (where the platform allows). A failure at any point
// (full disk, no permission, a crash) leaves the previous file exactly as it was and no temp file.
// Used for exports (CLI, host save dialog), save-as and backups.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open as openAsync } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temp name for a target: same folder (so rename is atomic), hidden-ish, random, recognisable. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // best effort
  }
}

/** Makes a rename durable; directories cannot be opened on Windows, where NTFS journals it anyway. */
export function fsyncDirQuietly(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `data` to `target` atomically (synchronous). Throws the underlying error; the old file stays. */
export function writeFileAtomicSync(target: string, data: Uint8Array | string): void {
  const tmp = tempPathFor(target);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    let off = 0;
    while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) {
      try { closeSync(fd); } catch { /* already failing */ }
    }
    removeQuietly(tmp);
    throw e;
  }
  fsyncDirQuietly(dirname(target));
}

/** The same without blocking the event loop (the Electron main process). */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const tmp = tempPathFor(target);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fh = await openAsync(tmp, 'wx', 0o644);
  try {
    let off = 0;
    while (off < bytes.byteLength) off += (await fh.write(bytes, off, bytes.byteLength - off)).bytesWritten;
    await fh.sync();
    await fh.close();
    renameSync(tmp, target);
  } catch (e) {
    await fh.close().catch(() => undefined);
    removeQuietly(tmp);
    throw e;
  }
  fsyncDirQuietly(dirname(target));
}

/** Puts the finished temp file in place; with noClobber never over an existing file (EEXIST). */
function commit(tmp: string, target: string, noClobber: boolean): void {
  if (!noClobber) return renameSync(tmp, target);
  try {
    // link fails with EEXIST when the target exists: no window in which another file is replaced.
    linkSync(tmp, target);
    removeQuietly(tmp);
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST') throw e;
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (existsSync(target)) throw Object.assign(new Error(`EEXIST: ${target}`), { code: 'EEXIST' });
    renameSync(tmp, target);
  }
}

/**
 * For writers that produce the file themselves (SQLite's backup API, a copy): `produce(tmp)` writes
 * the temp file; it is then fsynced and renamed over the target (noClobber: only if there is none).
 */
export async function replaceWith(target: string, produce: (tmp: string) => void | Promise<void>, opts: { noClobber?: boolean } = {}): Promise<void> {
  const tmp = tempPathFor(target);
  try {
    await produce(tmp);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    commit(tmp, target, opts.noClobber ?? false);
  } catch (e) {
    removeQuietly(tmp);
    removeQuietly(`${tmp}-journal`);
    removeQuietly(`${tmp}-wal`);
    removeQuietly(`${tmp}-shm`);
    throw e;
  }
  fsyncDirQuietly(dirname(target));
}

/** A German reason for a failed write, for messages. */
export function describeWriteError(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') return 'der Datenträger ist voll';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') return 'keine Schreibberechtigung';
  if (code === 'EBUSY') return 'die Datei ist in einem anderen Programm geöffnet';
  if (code === 'ENOENT') return 'der Ordner existiert nicht';
  if (code === 'EEXIST') return 'die Datei gibt es bereits';
  return 'Schreibfehler';
}
