// Backups: taken on open and every 15 minutes while changes happen, thinned out by a fixed rule,
// listed with what is in them, restorable without ever destroying the state they replace, and
// offered when a plan no longer opens.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_DAYS, KEEP_LAST, backupDirs, parseBackupId, rotateBackups } from '../../electron/backend/safety/backup.ts';
import { readLock } from '../../electron/backend/safety/lock.ts';
import type { BackupInfo } from '../../shared/api/contract.ts';
import type { PlanInfo } from '../../shared/domain/types.ts';
import type { MeasureRow } from '../../shared/domain/types.ts';
import { zeroMiddlePage } from './helpers/corrupt.ts';
import { backend, fingerprintFile, looksGerman, makePlanFile, sha256File, tempDir, type Backend } from './helpers/plans.ts';

const open: Backend[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.session.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(opts: { now?: () => string } = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const b = backend({ dataDir: join(dir, 'data'), ...opts });
  open.push(b);
  return { dir, b };
}

function fakeClock(start = '2026-03-02T08:00:00.000Z') {
  const c = { t: Date.parse(start), now: () => new Date(c.t).toISOString(), advanceMin: (m: number) => { c.t += m * 60_000; } };
  return c;
}

const tables = ['meta', 'measures', 'actors', 'responsibilities', 'budget_lines', 'measure_items', 'measure_baustellen'];

describe('backups', () => {
  it('are taken when a plan is opened: standalone, checked files listed with date, size and measure count', async () => {
    const { dir, b } = setup();
    const path = await makePlanFile(dir);
    const before = fingerprintFile(path, tables);
    await b.ok('plan.open', { path });
    const list = await b.ok<BackupInfo[]>('plan.backups');
    expect(list).toHaveLength(1);
    const [bk] = list;
    const measures = await b.ok<MeasureRow[]>('measures.list');
    expect(bk).toMatchObject({ kind: 'open', kindLabel: 'Beim Öffnen', ok: true, measureCount: measures.length });
    expect(bk.sizeBytes).toBeGreaterThan(10_000);
    expect(Date.parse(bk.createdAt)).not.toBeNaN();
    expect(bk.path).toBe(join(`${path}.backups`, bk.id));
    // Self-contained: rollback journal (header bytes 18/19 = 1), nothing beside it, same content.
    const head = readFileSync(bk.path).subarray(18, 20);
    expect([...head]).toEqual([1, 1]);
    expect(fingerprintFile(bk.path, tables)).toBe(before);
    expect(readdirSync(`${path}.backups`)).toEqual([bk.id]);
  });

  it('are taken at most every 15 minutes while changes happen, and not when nothing changes', async () => {
    const clock = fakeClock();
    const { dir, b } = setup({ now: clock.now });
    const path = await makePlanFile(dir);
    await b.ok('plan.open', { path });
    const kinds = async () => (await b.ok<BackupInfo[]>('plan.backups')).map((x) => `${x.kind}@${x.createdAt.slice(11, 16)}`).reverse();
    for (let minute = 1; minute <= 40; minute++) {
      clock.advanceMin(1);
      await b.ok('measures.create', { title: `Änderung in Minute ${minute}`, baustelleId: 'B2' });
    }
    expect(await kinds()).toEqual(['open@08:00', 'periodic@08:15', 'periodic@08:30']);
    // Minutes 31–40 are not backed up yet. After a pause, the next call (even a read) catches up once ...
    clock.advanceMin(120);
    await b.ok('measures.list');
    expect(await kinds()).toEqual(['open@08:00', 'periodic@08:15', 'periodic@08:30', 'periodic@10:40']);
    // ... and nothing more while nothing changes, however long.
    clock.advanceMin(5);
    await b.ok('measures.list');
    clock.advanceMin(300);
    await b.ok('plan.info');
    expect(await kinds()).toHaveLength(4);
    // A change right after that is backed up (5 hours since the last backup); the next one, a minute later, is not.
    await b.ok('measures.create', { title: 'Nach der Pause', baustelleId: 'B2' });
    clock.advanceMin(1);
    await b.ok('measures.create', { title: 'Kurz danach', baustelleId: 'B2' });
    expect(await kinds()).toEqual(['open@08:00', 'periodic@08:15', 'periodic@08:30', 'periodic@10:40', 'periodic@15:45']);
  });

  it('are thinned out: the last 10, one per day for 30 days; migration and restore backups stay', () => {
    const dir = tempDir();
    dirs.push(dir);
    const place = { planPath: join(dir, 'p.wirplan'), dataDir: join(dir, 'data') };
    const [beside, fallback] = backupDirs(place);
    mkdirSync(beside, { recursive: true });
    mkdirSync(fallback, { recursive: true });
    const now = Date.parse('2026-06-30T18:00:00.000Z');
    const names: string[] = [];
    // 60 days, three routine backups a day (morning, noon, evening), alternating folders.
    for (let day = 0; day < 60; day++) {
      for (const [h, kind] of [[8, 'beim-oeffnen'], [12, 'automatisch'], [16, 'automatisch']] as const) {
        const iso = new Date(now - day * 86_400_000 - (18 - h) * 3_600_000).toISOString();
        const name = `${iso.replace(/[:.]/gu, '-')}_${kind}.wirplan`;
        writeFileSync(join(names.length % 2 ? fallback : beside, name), '');
        names.push(name);
      }
    }
    const special = ['2026-01-05T10-00-00-000Z_vor-formatumstellung.wirplan', '2026-02-01T10-00-00-000Z_vor-wiederherstellung.wirplan', '2026-02-01T10-00-00-001Z_aufbewahrt.wirplan'];
    for (const s of special) writeFileSync(join(beside, s), '');
    writeFileSync(join(beside, 'x.wirplan.1a2b.tmp'), 'leftover of a crash');
    rotateBackups(place, new Date(now).toISOString());
    const kept = new Set([...readdirSync(beside), ...readdirSync(fallback)]);
    const sorted = [...names].sort().reverse();
    const expected = new Set(sorted.slice(0, KEEP_LAST));
    const days = new Set<string>();
    for (const n of sorted) {
      const day = n.slice(0, 10);
      const age = (now - Date.parse(parseBackupId(n)!.createdAt)) / 86_400_000;
      if (!days.has(day) && age <= KEEP_DAYS) expected.add(n);
      days.add(day);
    }
    for (const s of special) expected.add(s);
    expect([...kept].sort()).toEqual([...expected].sort());
    expect(kept.size).toBeLessThanOrEqual(KEEP_LAST + KEEP_DAYS + 1 + special.length);
  });

  it('restore: the open plan goes back to a backup, the state before is backed up first', async () => {
    const { dir, b } = setup();
    const path = await makePlanFile(dir);
    await b.ok('plan.open', { path });
    const atOpen = fingerprintFile((await b.ok<BackupInfo[]>('plan.backups'))[0].path, tables);
    const first = (await b.ok<BackupInfo[]>('plan.backups'))[0];
    for (let i = 0; i < 3; i++) await b.ok('measures.create', { title: `Neu ${i}`, baustelleId: 'B4' });
    const withChanges = (await b.ok<MeasureRow[]>('measures.list')).length;
    const info = await b.ok<PlanInfo>('plan.restore', { backupId: first.id });
    expect(info.path).toBe(path);
    expect(info.measureCount).toBe(withChanges - 3);
    b.session.close();
    expect(fingerprintFile(path, tables)).toBe(atOpen);
    // Nothing was destroyed: the three changes are in the backup taken before the restore.
    const b2 = backend({ dataDir: join(dir, 'data2') });
    open.push(b2);
    const list = await b2.ok<BackupInfo[]>('plan.backupsFor', { path });
    const before = list.find((x) => x.kind === 'restore');
    expect(before).toMatchObject({ ok: true, measureCount: withChanges, kindLabel: 'Vor einer Wiederherstellung' });
  });

  it('restore keeps the lock: no other session can slip in between', async () => {
    const { dir, b } = setup();
    const path = await makePlanFile(dir);
    await b.ok('plan.open', { path });
    const token = readLock(path)!.token;
    const [bk] = await b.ok<BackupInfo[]>('plan.backups');
    await b.ok('plan.restore', { backupId: bk.id });
    expect(readLock(path)?.token).toBe(token);
    const other = backend({ dataDir: join(dir, 'other') });
    // The other session may read, never write.
    expect((await other.ok<{ readOnly: unknown }>('plan.open', { path })).readOnly).not.toBeNull();
    const r = await other.call('measures.create', { title: 'Dazwischen', baustelleId: 'B1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('read-only-plan');
    other.session.close();
  });

  it('a plan that no longer opens names its latest good backup; it can be listed and restored without an open plan', async () => {
    const { dir, b } = setup();
    const path = await makePlanFile(dir);
    await b.ok('plan.open', { path });
    await b.ok('measures.create', { title: 'Wichtige Maßnahme', baustelleId: 'B1' });
    const [good] = await b.ok<BackupInfo[]>('plan.backups');
    b.session.close();
    zeroMiddlePage(path);
    const damaged = sha256File(path);

    const fresh = backend({ dataDir: join(dir, 'fresh') });
    open.push(fresh);
    const r = await fresh.call('plan.open', { path });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('file-damaged');
    expect(r.error.message).toContain('beschädigt');
    expect(r.error.message).toContain(`Sicherung „${good.id}“`);
    expect(r.error.message).toMatch(/letzte intakte Sicherung ist vom \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr \(\d+ Maßnahmen/u);
    expect(sha256File(path)).toBe(damaged);
    expect(existsSync(`${path}.lock`)).toBe(false);

    const list = await fresh.ok<BackupInfo[]>('plan.backupsFor', { path });
    expect(list[0].id).toBe(good.id);
    const info = await fresh.ok<PlanInfo>('plan.restore', { backupId: good.id, path });
    expect(info.measureCount).toBe(good.measureCount);
    // The damaged file is kept byte for byte, marked as such.
    const kept = (await fresh.ok<BackupInfo[]>('plan.backups')).find((x) => x.kind === 'kept');
    expect(kept).toMatchObject({ ok: false, measureCount: null });
    expect(sha256File(kept!.path)).toBe(damaged);
  });

  it('go to the data folder when the folder beside the plan cannot take them', async () => {
    const { dir, b } = setup();
    const path = await makePlanFile(dir);
    writeFileSync(`${path}.backups`, 'a file where the folder would be');
    await b.ok('plan.open', { path });
    const [bk] = await b.ok<BackupInfo[]>('plan.backups');
    expect(bk.path.startsWith(join(dir, 'data', 'Sicherungen'))).toBe(true);
    expect(bk.ok).toBe(true);
    await b.ok('measures.create', { title: 'Noch eine', baustelleId: 'B1' });
    const info = await b.ok<PlanInfo>('plan.restore', { backupId: bk.id });
    expect(info.measureCount).toBe(bk.measureCount);
  });

  it('refuse ids that are not backups of this plan (paths, traversal, other shapes) in German', async () => {
    const { dir, b } = setup();
    const path = await makePlanFile(dir);
    await b.ok('plan.open', { path });
    const before = sha256File(path);
    for (const backupId of ['../../etc/passwd', '/etc/passwd', `..${'/'}plan.wirplan`, 'plan.wirplan', '2026-03-02T08-00-00-000Z_beim-oeffnen.wirplan', '', 'x'.repeat(500), 42, null]) {
      const r = await b.call('plan.restore', { backupId });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(looksGerman(r.error.message), r.error.message).toBe(true);
    }
    b.session.close();
    expect(sha256File(path)).toBe(before);
  });

  it('a read-only copy of a backup opens without writing side files next to it', async () => {
    const { dir, b } = setup();
    const path = await makePlanFile(dir);
    await b.ok('plan.open', { path });
    const [bk] = await b.ok<BackupInfo[]>('plan.backups');
    const ro = new Database(bk.path, { readonly: true, fileMustExist: true });
    expect(ro.pragma('quick_check', { simple: true })).toBe('ok');
    ro.close();
    expect(readdirSync(`${path}.backups`)).toEqual([bk.id]);
  });
});
