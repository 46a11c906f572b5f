// Every response says what the call changed (shared/api/freshness.ts), derived centrally in dispatch:
// the renderer's cache invalidates by it, so these kinds are what keeps every view fresh.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import type { Envelope, Handlers, Method } from '../../shared/api/contract.ts';
import { dependsOn } from '../../shared/api/freshness.ts';
import type { Actor, Measure, MeasureRow } from '../../shared/domain/types.ts';

let dir: string;
let session: Session;
let handlers: Handlers;
const call = (method: Method, args: unknown = {}) => dispatch(handlers, method, args);
async function ok<T>(method: Method, args: unknown = {}): Promise<{ value: T; env: Envelope<T> }> {
  const env = (await call(method, args)) as Envelope<T>;
  if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
  return { value: env.value, env };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'werkbank-fresh-'));
  session = new Session({ dataDir: join(dir, 'data'), user: 'test' });
  handlers = createHandlers(session);
  await ok('plan.createDemo', { path: join(dir, 'plan.wirplan') });
});
afterEach(() => { session.close(); rmSync(dir, { recursive: true, force: true }); });

describe('freshness of responses', () => {
  it('reads change nothing and carry the revision', async () => {
    const { env: a } = await ok('measures.list');
    expect(a.touched).toEqual([]);
    expect(a.revision).toBeGreaterThan(0);
    // Every read the views use answers with nothing touched (else a cache would reload in a loop).
    for (const m of ['plan.info', 'plan.recent', 'catalogue.get', 'actors.list', 'responsibilities.list', 'budget.totals', 'history.status',
      'history.list', 'views.list', 'fragen.list', 'actors.load', 'coverage.get', 'timeline.get', 'criteria.list', 'priorities.get',
      'frames.get', 'finance.plan', 'scenarios.list', 'snapshots.list', 'plan.backups'] as Method[]) {
      const { env } = await ok(m);
      expect(env.touched, m).toEqual([]);
      expect(env.revision, m).toBe(a.revision);
    }
  });

  it('an edit names its kind and the measure; undo and redo name the kinds of the step they applied', async () => {
    const rows = (await ok<MeasureRow[]>('measures.list')).value;
    const m = rows[0];
    const { env: upd } = await ok<Measure>('measures.update', { id: m.id, patch: { title: 'Neu betitelt' } });
    expect(new Set(upd.touched)).toEqual(new Set(['measure', 'history']));
    expect(upd.measureIds).toEqual([m.id]);
    const before = upd.revision!;

    const { env: bud } = await ok('budget.create', { measureId: m.id, year: 2027, amountCents: 12_345 });
    expect(new Set(bud.touched)).toEqual(new Set(['budget', 'history']));
    expect(bud.measureIds).toEqual([m.id]);
    expect(bud.revision).toBeGreaterThan(before);

    const { env: undo } = await ok('history.undo');
    expect(new Set(undo.touched)).toEqual(new Set(['budget', 'history']));
    expect(undo.measureIds).toEqual([m.id]);
    const { env: redo } = await ok('history.redo');
    expect(new Set(redo.touched)).toEqual(new Set(['budget', 'history']));
    // The patched row equals the row of the full list.
    const { value: patched } = await ok<MeasureRow[]>('measures.rows', { ids: [m.id] });
    const full = (await ok<MeasureRow[]>('measures.list')).value.find((r) => r.id === m.id);
    expect(patched).toEqual([full]);
    expect(patched[0].totalCents).toBe(m.totalCents + 12_345);
  });

  it('scores, frames and actors touch their kinds; an actor rename cannot be patched by measure ids', async () => {
    const { value: criteria } = await ok<{ id: string }[]>('criteria.list');
    const rows = (await ok<MeasureRow[]>('measures.list')).value;
    await ok('scores.set', { measureId: rows[0].id, criterionId: criteria[0].id, rater: 1, score: 7 });
    const { env: sc } = await ok('scores.set', { measureId: rows[0].id, criterionId: criteria[0].id, rater: 1, score: 3 });
    expect(new Set(sc.touched)).toEqual(new Set(['score', 'history']));
    const { env: fr } = await ok('frames.set', { frames: [{ year: 2027, amountCents: 512_345_67 }] });
    expect(new Set(fr.touched)).toEqual(new Set(['frame', 'history']));
    const { value: actors } = await ok<Actor[]>('actors.list');
    const { env: ac } = await ok('actors.update', { id: actors[0].id, patch: { name: 'Umbenannt' } });
    expect(ac.touched).toContain('actor');
    expect(dependsOn('measures.list', ac.touched!)).toBe(true);
    expect(dependsOn('catalogue.get', ac.touched!)).toBe(false);
  });

  it('unlogged writes are declared; opening a plan touches everything', async () => {
    const { env: p } = await ok('prefs.set', { key: 'table.measures.columns', value: ['code'] });
    expect(p.touched).toEqual(['pref']);
    expect(dependsOn('prefs.get', p.touched!)).toBe(true);
    expect(dependsOn('measures.list', p.touched!)).toBe(false);
    expect(dependsOn('priorities.get', p.touched!)).toBe(false);
    const { env: v } = await ok('views.save', { name: 'Sicht', state: {} });
    expect(v.touched).toEqual(['view']);
    const { env: o } = await ok('plan.open', { path: join(dir, 'plan.wirplan') });
    expect(o.touched).toEqual(['*']);
    const { env: c } = await ok('plan.close');
    expect(c.touched).toEqual(['*']);
  });

  it('a failed write changes nothing and says so', async () => {
    const env = await call('measures.update', { id: 'gibt-es-nicht', patch: { title: 'x' } });
    expect(env.ok).toBe(false);
    expect(env.touched).toEqual([]);
  });

  it('a refused sync (server unreachable) still says it touched the sync state, so the status line refetches', async () => {
    const env = await call('sync.run', { server: { url: 'postgres://planer@127.0.0.1:1/werkbank?sslmode=disable', password: 'x' } });
    expect(env.ok).toBe(false);
    expect(env.touched).toEqual(['sync']);
    expect(dependsOn('sync.status', env.touched!)).toBe(true);
    expect(dependsOn('sync.conflicts', env.touched!)).toBe(true);
    expect(dependsOn('measures.list', env.touched!)).toBe(false);
    const status = await ok<{ offline: boolean; lastError: string | null }>('sync.status');
    expect(status.value.offline).toBe(true);
    expect(status.value.lastError).toMatch(/nicht erreichbar \(offline\)/);
  });

  it('deleting a measure touches the rows that go with it; its undo too; a status edit does not touch the responsibilities list', async () => {
    const { value: rows } = await ok<MeasureRow[]>('measures.list');
    const m = rows[0]!;
    const { env: edit } = await ok('measures.update', { id: m.id, patch: { title: 'Neu betitelt' } });
    expect(edit.touched).not.toContain('responsibility');
    expect(dependsOn('responsibilities.list', edit.touched!)).toBe(false);
    const { env: del } = await ok('measures.delete', { id: m.id });
    expect(del.touched).toEqual(expect.arrayContaining(['measure', 'responsibility', 'budget', 'milestone', 'indicator']));
    expect(dependsOn('responsibilities.list', del.touched!)).toBe(true);
    const { env: undo } = await ok('history.undo');
    expect(undo.touched).toEqual(expect.arrayContaining(['measure', 'responsibility', 'budget']));
  });

  it('a refused bulk edit that wrote and rolled back rows touches nothing (the table keeps its selection)', async () => {
    const { value: rows } = await ok<MeasureRow[]>('measures.list');
    const { value: actors } = await ok<Actor[]>('actors.list');
    // A new measure without verantwortliche Stelle cannot go to „in Planung“: the whole bulk edit is refused after the others were written.
    const { value: lone } = await ok<Measure>('measures.create', { title: 'Ohne Stelle', baustelleId: 'B1' });
    expect(actors.length).toBeGreaterThan(0);
    const before = (await ok('history.status')).env.revision;
    const env = await call('measures.bulkUpdate', { ids: [...rows.slice(0, 3).map((r) => r.id), lone.id], patch: { status: 'in-planung' } });
    expect(env.ok).toBe(false);
    expect(env.touched).toEqual([]);
    expect(env.revision).toBe(before);
  });
});
