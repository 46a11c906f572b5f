// One writer per plan: a lock file names who has the plan open; a second app or session is refused
// at once; a lock left by a crashed app on this machine is taken over; one from another machine never.
// And below the lock file: write transactions start IMMEDIATE, so a foreign writer makes us wait, not fail.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPathFor, readLock } from '../../electron/backend/safety/lock.ts';
import type { MeasureRow, PlanInfo } from '../../shared/domain/types.ts';
import { spawnHelper, type Child } from './helpers/child.ts';
import { backend, makePlanFile, sha256File, tempDir, type Backend } from './helpers/plans.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function setup() {
  const dir = tempDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const make = (name: string, user = 'test', now?: () => string): Backend => {
    const b = backend({ dataDir: join(dir, `data-${name}`), user, now });
    cleanups.push(() => b.session.close());
    return b;
  };
  return { dir, make };
}

function child(script: string, args: string[]): Child {
  const c = spawnHelper(script, args);
  cleanups.push(() => { c.proc.kill('SIGKILL'); });
  return c;
}

const SINCE = / seit \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr\.$/u;

describe('one writer per plan', () => {
  it('writes a lock file naming user, machine, process and time; removes it on close', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const a = make('a', 'alice', () => '2026-03-02T08:00:00.000Z');
    await a.ok('plan.open', { path });
    const info = JSON.parse(readFileSync(lockPathFor(path), 'utf8'));
    expect(info).toMatchObject({ user: 'alice', machine: hostname(), pid: process.pid, since: '2026-03-02T08:00:00.000Z' });
    await a.ok('plan.close');
    expect(existsSync(lockPathFor(path))).toBe(false);
  });

  it('a second session gets the plan read-only at once, naming who has it open and since when', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const a = make('a', 'alice');
    const b = make('b', 'bob');
    await a.ok('plan.open', { path });
    const before = sha256File(path);
    const t0 = performance.now();
    const info = await b.ok<PlanInfo>('plan.open', { path });
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(info.readOnly?.message).toMatch(new RegExp(`^Nur lesen – geöffnet von alice auf ${hostname().replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')} seit `, 'u'));
    expect(info.readOnly?.message).toMatch(SINCE);
    // Writes are refused with the writer named.
    const r = await b.call('measures.create', { title: 'Von Bob', baustelleId: 'B1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('read-only-plan');
    // The reading session touched nothing: same file, same lock.
    expect(sha256File(path)).toBe(before);
    expect(readLock(path)?.user).toBe('alice');
    await a.ok('plan.close');
    // Once alice closed, bob gets it to write by opening again.
    expect((await b.ok<PlanInfo>('plan.open', { path })).readOnly).toBeNull();
    expect(readLock(path)?.user).toBe('bob');
  });

  it('a second app (another process) gives read-only within a second; its lock is taken over once that app has crashed', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const other = child('hold-plan.ts', [join(dir, 'data-child'), path, 'kollegin']);
    await other.waitFor(/^ready$/u);
    const me = make('me', 'ich');
    const t0 = performance.now();
    const ro = await me.ok<PlanInfo>('plan.open', { path });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1_000);
    expect(ro.readOnly?.message).toMatch(/^Nur lesen – geöffnet von kollegin auf .+ seit .+ Uhr\.$/u);
    other.proc.kill('SIGKILL');
    await other.exited;
    // Same machine, process gone: a stale lock, taken over.
    expect(readLock(path)?.user).toBe('kollegin');
    await me.ok('plan.open', { path });
    expect(readLock(path)).toMatchObject({ user: 'ich', pid: process.pid });
    expect((await me.ok<MeasureRow[]>('measures.list')).length).toBeGreaterThan(0);
  });

  it('never takes over a lock from another machine (it cannot see whether that app still runs): read-only', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const foreign = JSON.stringify({ user: 'mueller', machine: 'KREIS-PC-0815', pid: 999_999, since: '2026-03-02T07:30:00.000Z', token: 'x' });
    writeFileSync(lockPathFor(path), foreign);
    const info = await make('a').ok<PlanInfo>('plan.open', { path });
    expect(info.readOnly?.message).toMatch(/^Nur lesen – geöffnet von mueller auf KREIS-PC-0815 seit .+ Uhr\.$/u);
    expect(readFileSync(lockPathFor(path), 'utf8')).toBe(foreign);
  });

  it('takes over a lock of this machine whose process is gone, or whose pid is ours but not held (pid reused)', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    for (const pid of [2_147_483_000, process.pid]) {
      writeFileSync(lockPathFor(path), JSON.stringify({ user: 'alt', machine: hostname(), pid, since: '2026-03-01T07:30:00.000Z', token: 'old' }));
      const b = make(`p${pid}`, 'neu');
      await b.ok('plan.open', { path });
      expect(readLock(path)?.user).toBe('neu');
      await b.ok('plan.close');
    }
  });

  it('an empty lock file (writer died between create and write) is respected briefly, then taken over', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    writeFileSync(lockPathFor(path), '');
    const b = make('b');
    const ro = await b.ok<PlanInfo>('plan.open', { path });
    expect(ro.readOnly?.message).toBe('Nur lesen – der Plan ist gerade in einem anderen Fenster oder von einer anderen Person geöffnet.');
    expect(readFileSync(lockPathFor(path), 'utf8')).toBe('');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(path), old, old);
    await b.ok('plan.open', { path });
    expect(readLock(path)?.user).toBe('test');
  });

  it('the same session may open its plan again (and save-as moves the lock)', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const a = make('a');
    await a.ok('plan.open', { path });
    await a.ok('plan.open', { path });
    expect(readLock(path)?.user).toBe('test');
    const copy = join(dir, 'kopie.wirplan');
    await a.ok('plan.saveAs', { path: copy });
    expect(readLock(copy)?.user).toBe('test');
    expect(existsSync(lockPathFor(path))).toBe(false);
  });
});

describe('write transactions begin IMMEDIATE', () => {
  it('a contract write waits for a foreign writer and then succeeds; a deferred read-then-write would fail', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const a = make('a');
    await a.ok('plan.open', { path });
    const [m] = await a.ok<MeasureRow[]>('measures.list');

    // Our way (through the contract): the foreign writer holds SQLite's write lock for 400 ms.
    const w1 = child('external-writer.ts', [path, '400']);
    await w1.waitFor(/^locked$/u);
    const t0 = performance.now();
    const r = await a.call('measures.update', { id: m.id, patch: { notes: 'nach dem fremden Schreiber' } });
    const waited = performance.now() - t0;
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(waited).toBeGreaterThan(150);
    await w1.exited;

    // The plain BEGIN (deferred) that better-sqlite3 uses by default: read first, then write.
    const raw = new Database(path);
    raw.pragma('busy_timeout = 2000');
    const w2 = child('external-writer.ts', [path, '400']);
    let error: unknown;
    raw.exec('BEGIN');
    raw.prepare('SELECT COUNT(*) FROM measures').get();
    // The foreign writer takes the write lock after our read began.
    await w2.waitFor(/^locked$/u);
    try {
      raw.prepare("UPDATE meta SET value = value WHERE key = 'title'").run();
      raw.exec('COMMIT');
    } catch (e) {
      error = e;
      raw.exec('ROLLBACK');
    }
    await w2.exited;
    raw.close();
    expect((error as { code?: string } | undefined)?.code).toMatch(/^SQLITE_BUSY/u);
  });
});
