// Backups when the PC's clock is wrong, and backups that fail.
// A clock that goes back (an empty CMOS battery, a wrong time server, a VM restored from a snapshot)
// must not make the newest backup look like the oldest: the one offered for a restore, and the ones
// rotation keeps, are decided by the backups' running number. A backup that cannot be written is
// shown to the planner in plan.info, and the window is told to reload it.
import { mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDirs, KEEP_LAST } from '../../electron/backend/safety/backup.ts';
import type { BackupInfo } from '../../shared/api/contract.ts';
import type { MeasureRow, PlanInfo } from '../../shared/domain/types.ts';
import { zeroMiddlePage } from './helpers/corrupt.ts';
import { backend, makePlanFile, tempDir } from './helpers/plans.ts';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function fakeClock(startIso: string) {
  const clock = { t: Date.parse(startIso) };
  return { clock, now: () => new Date(clock.t).toISOString() };
}

async function setup(startIso: string) {
  const dir = tempDir();
  dirs.push(dir);
  const { clock, now } = fakeClock(startIso);
  const path = await makePlanFile(dir);
  const b = backend({ dataDir: join(dir, 'data'), now });
  await b.ok('plan.open', { path });
  return { dir, clock, path, b };
}

describe('backups and a clock that goes back', () => {
  it('restore after damage offers the backup written last, not the one with the latest time; at most 15 minutes lost', async () => {
    const { clock, path, b } = await setup('2026-03-02T08:00:00.000Z');
    const made: string[] = [];
    const change = async (label: string) => {
      clock.t += 60_000;
      await b.ok('measures.create', { title: label, baustelleId: 'B6' });
      made.push(label);
    };
    for (let i = 1; i <= 24; i++) await change(`Vorher ${i}`);
    // The clock jumps back by an hour and a half (the PC took the wrong time at a restart).
    clock.t -= 90 * 60_000;
    for (let i = 1; i <= 36; i++) await change(`Nachher ${i}`);
    const backups = await b.ok<BackupInfo[]>('plan.backups');
    // Written in this order: on open 08:00, 08:15, then right after the jump and every 15 minutes.
    expect(backups.map((x) => `${x.kind}@${x.createdAt.slice(11, 16)}`).reverse())
      .toEqual(['open@08:00', 'periodic@08:15', 'periodic@06:55', 'periodic@07:10', 'periodic@07:25']);
    b.session.close();

    zeroMiddlePage(path);
    const failed = await b.call('plan.open', { path });
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    const offered = /Sicherung „([^“]+)“/u.exec(failed.error.message)?.[1];
    expect(offered).toBe(backups[0].id);
    await b.ok<PlanInfo>('plan.restore', { backupId: offered, path });
    const titles = new Set((await b.ok<MeasureRow[]>('measures.list')).map((m) => m.title));
    const lost = made.filter((t) => !titles.has(t));
    console.log(`[clock] 60 changes, clock set back 90 minutes after 24 of them; restored backup ${offered}: ${made.length - lost.length} kept, ${lost.length} lost`);
    // Only the changes after the newest backup are missing: the last ones made.
    expect(lost).toEqual(made.slice(made.length - lost.length));
    expect(lost.length).toBeLessThanOrEqual(15);
    b.session.close();
  });

  it('rotation keeps the backups written last even when their time stamps are a year older', async () => {
    const { clock, path, b } = await setup('2026-09-01T08:00:00.000Z');
    const backupsNow = () => b.ok<BackupInfo[]>('plan.backups');
    // Two weeks of work, a backup each day; then the clock falls back a year.
    for (let day = 1; day <= 14; day++) {
      clock.t += 86_400_000;
      await b.ok('measures.create', { title: `Tag ${day}`, baustelleId: 'B1' });
    }
    clock.t -= 366 * 86_400_000;
    const lastWritten: string[] = [];
    for (let i = 1; i <= 3; i++) {
      clock.t += 16 * 60_000;
      await b.ok('measures.create', { title: `Nach dem Sprung ${i}`, baustelleId: 'B1' });
      lastWritten.push((await backupsNow())[0].id);
    }
    expect(new Set(lastWritten).size).toBe(3);
    b.session.close();
    // Reopening rotates; the three written last are still there and listed first.
    await b.ok('plan.open', { path });
    const after = await backupsNow();
    const ids = after.map((x) => x.id);
    for (const id of lastWritten) expect(ids, id).toContain(id);
    expect(ids.slice(1, 4).reverse()).toEqual(lastWritten);
    expect(after.filter((x) => x.kind === 'open' || x.kind === 'periodic').length).toBeGreaterThanOrEqual(KEEP_LAST);
    b.session.close();
  });

  it('a backup on open is taken when the plan changed after the newest backup, even if its file time says otherwise', async () => {
    const { clock, path, b } = await setup('2026-05-04T10:00:00.000Z');
    const list = () => b.ok<BackupInfo[]>('plan.backups');
    const first = await list();
    clock.t += 5 * 60_000;
    await b.ok('measures.create', { title: 'Nach der Sicherung', baustelleId: 'B3' });
    b.session.close();
    // The clock had gone back: the plan file's time is an hour before the newest backup's.
    const backupMs = statSync(first[0].path).mtimeMs;
    utimesSync(path, new Date(backupMs - 3_600_000), new Date(backupMs - 3_600_000));
    await b.ok('plan.open', { path });
    const second = await list();
    expect(second.length).toBe(first.length + 1);
    expect(second[0].measureCount).toBe(first[0].measureCount! + 1);
    // Nothing changed since: the next open takes no further copy.
    b.session.close();
    await b.ok('plan.open', { path });
    expect((await list()).length).toBe(second.length);
    b.session.close();
  });
});

describe('a backup that fails', () => {
  it('is shown in plan.info, the response says so, and the warning goes once a backup works again', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { clock, now } = fakeClock('2026-02-10T09:00:00.000Z');
    const path = await makePlanFile(dir);
    const b = backend({ dataDir: join(dir, 'data'), now });
    await b.ok('plan.open', { path });
    expect((await b.ok<PlanInfo>('plan.info')).backupProblem).toBeNull();
    // Neither backup folder can be written: a file stands where each folder would be.
    const [beside, fallback] = backupDirs({ planPath: path, dataDir: join(dir, 'data') });
    rmSync(beside, { recursive: true, force: true });
    rmSync(fallback, { recursive: true, force: true });
    mkdirSync(join(fallback, '..'), { recursive: true });
    writeFileSync(beside, 'kein Ordner');
    writeFileSync(fallback, 'kein Ordner');

    clock.t += 16 * 60_000;
    const r = await b.call('measures.create', { title: 'Ohne Sicherung', baustelleId: 'B2' });
    // The change itself is saved; the window learns that the backup state changed.
    expect(r.ok).toBe(true);
    expect(r.touched).toContain('backup');
    const info = await b.ok<PlanInfo>('plan.info');
    expect(info.backupProblem).toMatch(/^Die automatische Sicherung ist am 10\.02\.2026.* fehlgeschlagen: Die Sicherung konnte weder neben dem Plan noch im Datenordner angelegt werden/u);
    expect(info.backupProblem).toContain('Ihre Änderungen werden weiter im Plan gespeichert');
    expect((await b.ok<MeasureRow[]>('measures.list')).some((m) => m.title === 'Ohne Sicherung')).toBe(true);

    // The folders can be written again: the next change (a minute later) backs up and clears the warning.
    rmSync(beside, { force: true });
    rmSync(fallback, { force: true });
    clock.t += 61_000;
    const again = await b.call('measures.create', { title: 'Wieder mit Sicherung', baustelleId: 'B2' });
    expect(again.ok).toBe(true);
    expect(again.touched).toContain('backup');
    expect((await b.ok<PlanInfo>('plan.info')).backupProblem).toBeNull();
    expect((await b.ok<BackupInfo[]>('plan.backups'))[0].kind).toBe('periodic');
    // A change with no backup due says nothing about backups.
    clock.t += 60_000;
    const quiet = await b.call('measures.create', { title: 'Ruhig', baustelleId: 'B2' });
    expect(quiet.touched).not.toContain('backup');
    b.session.close();
  });

  it('on open is shown too; the plan opens', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = await makePlanFile(dir);
    const b = backend({ dataDir: join(dir, 'data'), now: () => '2026-02-10T09:00:00.000Z' });
    const [beside, fallback] = backupDirs({ planPath: path, dataDir: join(dir, 'data') });
    rmSync(beside, { recursive: true, force: true });
    mkdirSync(join(fallback, '..'), { recursive: true });
    writeFileSync(beside, 'kein Ordner');
    writeFileSync(fallback, 'kein Ordner');
    const info = await b.ok<PlanInfo>('plan.open', { path });
    expect(info.backupProblem).toContain('fehlgeschlagen');
    b.session.close();
  });
});
