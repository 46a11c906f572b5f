// A full disk: the change that does not fit is refused with a German message, everything committed
// before stays, and work goes on once there is room again. Deterministically with SQLite's
// max_page_count, and for real on a small tmpfs (needs root and mount; skipped with the reason if not).
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Measure } from '../../shared/domain/types.ts';
import { mountSmallDisk } from './helpers/small-disk.ts';
import { backend, fingerprint, looksGerman, makePlanFile, tempDir } from './helpers/plans.ts';

const dir = tempDir();
const disk = mountSmallDisk(dir, 3 * 1024);
const { mountPoint, reason } = disk;
afterAll(() => {
  disk.unmount();
  rmSync(dir, { recursive: true, force: true });
});

const big = (n: number) => `Ausführliche Beschreibung ${n}: ${'Zusammenhalt vor Ort braucht Zeit, Räume und Menschen. '.repeat(300)}`;

describe('disk full', () => {
  it('max_page_count: the change that does not fit is refused, nothing else changes, work goes on after', async () => {
    const path = await makePlanFile(dir, 'seiten.wirplan');
    const b = backend({ dataDir: join(dir, 'data-seiten') });
    await b.ok('plan.open', { path });
    const db = b.session.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    // Room for a few measures: each writes its text into the table, the Änderungsprotokoll and the field log.
    db.pragma(`max_page_count = ${pages + 40}`);
    const committed: string[] = [];
    let refused: { code: string; message: string } | undefined;
    for (let i = 0; i < 100 && !refused; i++) {
      const before = fingerprint(db);
      const r = await b.call('measures.create', { title: `Groß ${i}`, baustelleId: 'B5', description: big(i) });
      if (r.ok) committed.push((r.value as Measure).id);
      else {
        refused = r.error;
        expect(fingerprint(db)).toBe(before);
      }
    }
    expect(committed.length).toBeGreaterThan(0);
    expect(refused?.code).toBe('disk-full');
    expect(refused?.message).toBe('Der Datenträger ist voll. Die Änderung wurde nicht gespeichert; der Plan ist unverändert.');
    db.pragma('max_page_count = 1073741823');
    await b.ok('measures.create', { title: 'Wieder Platz', baustelleId: 'B5' });
    b.session.close();
    const check = new Database(path, { readonly: true });
    const ids = new Set(check.prepare('SELECT id FROM measures').pluck().all() as string[]);
    expect(committed.every((id) => ids.has(id))).toBe(true);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it.skipIf(reason !== null)(`a real full disk (tmpfs of 3 MiB)${reason ? ` – übersprungen: ${reason}` : ''}`, async () => {
    const plan = await makePlanFile(dir, 'vorlage.wirplan');
    const path = join(mountPoint, 'plan.wirplan');
    execFileSync('cp', [plan, path]);
    const b = backend({ dataDir: join(dir, 'data-tmpfs') });
    await b.ok('plan.open', { path });
    // Fill the disk up to the last 256 KiB: a few changes still fit, then one does not.
    const filler = join(mountPoint, 'fueller.bin');
    const fd = openSync(filler, 'w');
    const free = () => { const st = statfsSync(mountPoint); return st.bavail * st.bsize; };
    const chunk = Buffer.alloc(16 * 1024, 7);
    while (free() > 256 * 1024 + chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    console.log(`[disk-full] tmpfs filled: ${free()} bytes free`);

    const committed: string[] = [];
    let refused: { code: string; message: string } | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await b.call('measures.create', { title: `Voll ${i}`, baustelleId: 'B5', description: big(i) });
      if (r.ok) committed.push((r.value as Measure).id);
      else refused = r.error;
    }
    expect(refused, 'no write ever failed on a full disk').toBeDefined();
    expect(committed.length).toBeGreaterThan(0);
    expect(['disk-full', 'io-error']).toContain(refused!.code);
    expect(looksGerman(refused!.message)).toBe(true);
    expect(refused!.message).toMatch(/nicht gespeichert/u);
    console.log(`[disk-full] ${committed.length} changes committed before the disk was full; then: ${refused!.code} – ${refused!.message}`);

    // Room again: the same session carries on.
    rmSync(filler);
    const after = await b.call('measures.create', { title: 'Nach dem Aufräumen', baustelleId: 'B5' });
    expect(after.ok, JSON.stringify(after)).toBe(true);
    if (after.ok) committed.push((after.value as Measure).id);
    b.session.close();
    expect(existsSync(`${path}-wal`)).toBe(false);

    const check = new Database(path, { readonly: true });
    const ids = new Set(check.prepare('SELECT id FROM measures').pluck().all() as string[]);
    const lost = committed.filter((id) => !ids.has(id));
    expect(lost).toEqual([]);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
