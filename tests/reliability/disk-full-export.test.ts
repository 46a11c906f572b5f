// A full disk while a document or a copy of the plan is written: the previous file stays as it was,
// no half-written file or temp file is left, the message is German. On a real small tmpfs (needs
// root and mount; skipped with the reason if not), through the CLI export, the Electron host's
// save (writeFileAtomic, what host:saveFile runs) and plan.saveAs.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWriteError, writeFileAtomic } from '../../electron/backend/safety/atomic.ts';
import type { MeasureRow } from '../../shared/domain/types.ts';
import { mountSmallDisk } from './helpers/small-disk.ts';
import { backend, looksGerman, makePlanFile, sha256File, tempDir } from './helpers/plans.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/werkbank.mjs');
const dir = tempDir();
const disk = mountSmallDisk(dir, 4 * 1024);
const { mountPoint, reason } = disk;
afterAll(() => {
  disk.unmount();
  rmSync(dir, { recursive: true, force: true });
});

const free = () => { const st = statfsSync(mountPoint); return st.bavail * st.bsize; };

/** Fills the small disk completely (until a write fails with ENOSPC); the filler's path. */
function fillUp(): string {
  const filler = join(mountPoint, `fueller-${readdirSync(mountPoint).length}.bin`);
  const fd = openSync(filler, 'w');
  try {
    for (const size of [64 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 7);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as { code?: string }).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

function werkbank(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const leftovers = () => readdirSync(mountPoint).filter((n) => !n.startsWith('fueller-') && n !== 'Plan.docx' && n !== 'vorhanden.bin');

describe.skipIf(reason !== null)(`a full disk while writing files (tmpfs of 4 MiB)${reason ? ` – übersprungen: ${reason}` : ''}`, () => {
  it('CLI export: the previous document stays intact, exit 1 with a German message, no temp file left', async () => {
    // The previous document is smaller (an empty plan's): overwriting it in place would free less
    // than the new one needs, so only a write beside it keeps it whole.
    const plan = await makePlanFile(dir, 'export.wirplan');
    const empty = await makePlanFile(dir, 'leer.wirplan', false);
    const out = join(mountPoint, 'Plan.docx');
    const first = werkbank('export', empty, '--docx', out);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const before = sha256File(out);
    const filler = fillUp();
    const r = werkbank('export', plan, '--docx', out, '--force');
    console.log(`[disk-full-export] ${free()} bytes free; export: exit ${r.status}: ${r.stderr.trim()}`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('der Datenträger ist voll');
    expect(r.stderr).toContain('Eine vorhandene Datei ist unverändert.');
    expect(sha256File(out)).toBe(before);
    expect(leftovers()).toEqual([]);
    rmSync(filler);
    // Room again: the same command writes the new document.
    expect(werkbank('export', plan, '--docx', out, '--force').status).toBe(0);
  }, 240_000);

  it('the host\'s save (writeFileAtomic): ENOSPC leaves the previous file intact and no temp file', async () => {
    const target = join(mountPoint, 'vorhanden.bin');
    writeFileSync(target, 'die vorige Fassung');
    const filler = fillUp();
    let error: unknown;
    try {
      await writeFileAtomic(target, Buffer.alloc(512 * 1024, 1));
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string } | undefined)?.code).toBe('ENOSPC');
    expect(describeWriteError(error)).toBe('der Datenträger ist voll');
    expect(execFileSync('cat', [target], { encoding: 'utf8' })).toBe('die vorige Fassung');
    expect(leftovers()).toEqual([]);
    rmSync(filler);
  });

  it('plan.saveAs onto a full disk: refused in German, no file at the target, the open plan carries on', async () => {
    const plan = await makePlanFile(dir, 'kopie.wirplan');
    const b = backend({ dataDir: join(dir, 'data-kopie') });
    await b.ok('plan.open', { path: plan });
    const filler = fillUp();
    const target = join(mountPoint, 'Kopie.wirplan');
    const r = await b.call('plan.saveAs', { path: target });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('file-unwritable');
    expect(r.error.message).toContain('der Datenträger ist voll');
    expect(looksGerman(r.error.message)).toBe(true);
    expect(existsSync(target)).toBe(false);
    expect(leftovers()).toEqual([]);
    expect(b.session.path).toBe(plan);
    await b.ok('measures.create', { title: 'Weiter im Original', baustelleId: 'B1' });
    expect((await b.ok<MeasureRow[]>('measures.list')).some((m) => m.title === 'Weiter im Original')).toBe(true);
    rmSync(filler);
    b.session.close();
  });
});
