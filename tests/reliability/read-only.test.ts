// Read while someone else writes: a plan locked by another planner opens read-only (who, since when)
// instead of being refused. Readonly connection, no lock, no backup; every method that may change the
// plan is refused centrally; the writer's changes show up; "Als Kopie speichern" gives a file of one's own.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPathFor, readLock } from '../../electron/backend/safety/lock.ts';
import { METHODS, READ_METHODS } from '../../shared/api/contract.ts';
import type { MeasureRow, PlanInfo } from '../../shared/domain/types.ts';
import { spawnHelper } from './helpers/child.ts';
import { backend, makePlanFile, tempDir, type Backend } from './helpers/plans.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function setup() {
  const dir = tempDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const make = (name: string, user: string, now?: () => string): Backend => {
    const b = backend({ dataDir: join(dir, `data-${name}`), user, now });
    cleanups.push(() => b.session.close());
    return b;
  };
  return { dir, make };
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
/** Backups beside the plan and in the data folder (safety/backup.ts places them in either). */
const backupsOf = (path: string, dataDir: string): string[] => [`${path}.backups`, join(dataDir, 'Sicherungen')]
  .flatMap((folder) => (existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String) : []));

describe('a plan someone else writes opens read-only', () => {
  it('two sessions on one file: the second reads, names the writer, takes no lock, writes no backup', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const alice = make('a', 'alice', () => '2026-03-02T08:15:00.000Z');
    const bob = make('b', 'bob');
    await alice.ok('plan.open', { path });
    const lockBefore = readFileSync(lockPathFor(path), 'utf8');
    const backupsBefore = backupsOf(path, join(dir, 'data-b'));
    expect(backupsOf(path, join(dir, 'data-a')).length).toBeGreaterThan(0);

    const info = await bob.ok<PlanInfo>('plan.open', { path });
    expect(info.readOnly).not.toBeNull();
    expect(info.readOnly!.user).toBe('alice');
    expect(info.readOnly!.message).toMatch(new RegExp(`^Nur lesen – geöffnet von alice auf ${esc(hostname())} seit 02\\.03\\.2026, \\d\\d:15 Uhr\\.$`, 'u'));
    expect(bob.session.db.readonly).toBe(true);
    expect(readFileSync(lockPathFor(path), 'utf8')).toBe(lockBefore);
    expect(backupsOf(path, join(dir, 'data-b'))).toEqual(backupsBefore);
    // The writer's own view is unaffected.
    expect((await alice.ok<PlanInfo>('plan.info')).readOnly).toBeNull();

    // Reading works, and shows what the writer commits, as it commits it.
    const rows = await bob.ok<MeasureRow[]>('measures.list');
    expect(rows.length).toBeGreaterThan(0);
    await alice.ok('measures.update', { id: rows[0].id, patch: { title: 'Von Alice geändert' } });
    expect((await bob.ok<MeasureRow[]>('measures.list')).find((r) => r.id === rows[0].id)?.title).toBe('Von Alice geändert');

    // Writing is refused, with the German message, and changes nothing.
    const r = await bob.call('measures.update', { id: rows[0].id, patch: { title: 'Von Bob' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('read-only-plan');
      expect(r.error.message).toMatch(/^Nur lesen – geöffnet von alice .* Änderungen sind nicht möglich; mit „Als Kopie speichern“ entsteht eine eigene Datei zum Bearbeiten\.$/u);
    }
    for (const m of ['history.undo', 'prefs.set', 'criteria.saveAll', 'import.apply'] as const) {
      const x = await bob.call(m, {});
      expect(x.ok ? null : x.error.code, m).toBe('read-only-plan');
    }
    expect((await alice.ok<MeasureRow[]>('measures.list')).find((x) => x.id === rows[0].id)?.title).toBe('Von Alice geändert');
  });

  it('every method outside the declared read list is refused before its arguments are even looked at', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const alice = make('a', 'alice');
    const bob = make('b', 'bob');
    await alice.ok('plan.open', { path });
    await bob.ok('plan.open', { path });
    const writes = METHODS.filter((m) => !READ_METHODS.has(m));
    expect(writes.length).toBeGreaterThan(40);
    for (const m of writes) {
      const r = await bob.call(m, { nonsense: true });
      expect(r.ok ? 'ok' : r.error.code, m).toBe('read-only-plan');
    }
    // The read list only holds methods that exist.
    for (const m of READ_METHODS) expect(METHODS, m).toContain(m);
    // Reads go through, e.g. the history and the Nutzwertanalyse.
    expect(await bob.call('history.status', {})).toMatchObject({ ok: true });
    expect(await bob.call('priorities.get', {})).toMatchObject({ ok: true });
  });

  it('"Als Kopie speichern" writes a new file the reader then owns and may edit; the original stays the writer\'s', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const alice = make('a', 'alice');
    const bob = make('b', 'bob');
    await alice.ok('plan.open', { path });
    await bob.ok('plan.open', { path });
    const copy = join(dir, 'bob-kopie.wirplan');
    const info = await bob.ok<PlanInfo>('plan.saveAs', { path: copy });
    expect(info.readOnly).toBeNull();
    expect(info.path).toBe(copy);
    expect(readLock(copy)?.user).toBe('bob');
    expect(readLock(path)?.user).toBe('alice');
    const [m] = await bob.ok<MeasureRow[]>('measures.list');
    await bob.ok('measures.update', { id: m.id, patch: { title: 'In Bobs Kopie' } });
    expect((await alice.ok<MeasureRow[]>('measures.list')).find((x) => x.id === m.id)?.title).not.toBe('In Bobs Kopie');
  });

  it('a lock held by another process: read-only; once that app is gone, opening again gives the plan to write', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const other = spawnHelper('hold-plan.ts', [join(dir, 'data-child'), path, 'kollegin']);
    cleanups.push(() => { other.proc.kill('SIGKILL'); });
    await other.waitFor(/^ready$/u);
    const me = make('me', 'ich');
    const info = await me.ok<PlanInfo>('plan.open', { path });
    expect(info.readOnly?.message).toMatch(/^Nur lesen – geöffnet von kollegin auf .+ seit .+ Uhr\.$/u);
    other.proc.stdin!.end();
    await other.exited;
    expect(readLock(path)).toBeNull();
    const again = await me.ok<PlanInfo>('plan.open', { path });
    expect(again.readOnly).toBeNull();
    expect(readLock(path)?.user).toBe('ich');
    expect(me.session.db.readonly).toBe(false);
  });

  it('a lock from another machine: read-only, and the foreign lock is left exactly as it was', async () => {
    const { dir, make } = setup();
    const path = await makePlanFile(dir);
    const foreign = JSON.stringify({ user: 'mueller', machine: 'KREIS-PC-0815', pid: 999_999, since: '2026-03-02T07:30:00.000Z', token: 'x' });
    writeFileSync(lockPathFor(path), foreign);
    const info = await make('a', 'ich').ok<PlanInfo>('plan.open', { path });
    expect(info.readOnly?.message).toMatch(/^Nur lesen – geöffnet von mueller auf KREIS-PC-0815 seit 02\.03\.2026, \d\d:30 Uhr\.$/u);
    expect(readFileSync(lockPathFor(path), 'utf8')).toBe(foreign);
  });
});
