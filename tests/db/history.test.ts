// Änderungsprotokoll with undo/redo: every kind of change is undone to exactly the prior state
// (fingerprint of every table), redone to exactly the later one, and survives reopening the file.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { migration as m0001 } from '../../electron/backend/db/migrations/0001-initial.ts';
import { APPLICATION_ID } from '../../electron/backend/db/open.ts';
import { LATEST_VERSION } from '../../electron/backend/db/migrations/index.ts';
import { installCatalogue } from '../../electron/backend/repos/catalogue.ts';
import { Session } from '../../electron/backend/session.ts';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import type { Api } from '../../shared/api/contract.ts';
import type { MeasureRow } from '../../shared/domain/types.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { openTestPlan, tempDir, type TestPlan } from '../helpers/plan.ts';

let t: TestPlan | undefined;
const extra: (() => void)[] = [];
afterEach(() => {
  t?.cleanup();
  t = undefined;
  for (const f of extra.splice(0)) f();
});

async function byCode(api: Api): Promise<Record<string, MeasureRow>> {
  return Object.fromEntries((await api['measures.list']({})).map((r) => [r.code, r]));
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

/**
 * Runs a change, then undo → exactly the state before, redo → exactly the state after, twice.
 * Returns the change's result and the undo summary.
 */
async function roundTrip<T>(plan: TestPlan, change: () => Promise<T>): Promise<{ result: T; undone: string }> {
  const { api, path } = plan;
  const before = fingerprint(path);
  const result = await change();
  const after = fingerprint(path);
  expect(after, 'the change changed nothing').not.toBe(before);
  const u = await api['history.undo']({});
  expect(fingerprint(path), `undo of „${u.summary}“`).toBe(before);
  expect(u.status.redo?.summary).toBe(u.summary.replace(/^Rückgängig gemacht: /, ''));
  const r = await api['history.redo']({});
  expect(fingerprint(path), `redo of „${r.summary}“`).toBe(after);
  await api['history.undo']({});
  expect(fingerprint(path)).toBe(before);
  await api['history.redo']({});
  expect(fingerprint(path)).toBe(after);
  return { result, undone: u.summary };
}

describe('undo and redo restore exactly', () => {
  it('measures: create, update, delete with everything attached, adopt, create from a Frage', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    const actor = (await api['actors.list']({}))[0];
    const created = await roundTrip(t, () => api['measures.create']({ title: 'Neue Maßnahme', baustelleId: 'B3', status: 'in-planung', responsibleActorId: actor.id, ausgangslage: 'A', risks: 'R', frageIds: ['B3-F-LV-1'] }));
    expect(created.undone).toBe('Rückgängig gemacht: Maßnahme M-3.02 angelegt');
    expect((await byCode(api))['M-3.02'].responsibleActorId).toBe(actor.id);
    await roundTrip(t, () => api['measures.update']({ id: r['M-1.01'].id, patch: { title: 'Geänderter Titel', status: 'in-umsetzung', grundmauerIds: ['B1-G-LV-2'], endYear: 2031 } }));

    // M-4.01 has responsibilities, budget lines, milestones, indicators and a dependent (M-4.02).
    const detail = await api['measures.get']({ id: r['M-4.01'].id });
    expect(detail.responsibilities.length * detail.budgetLines.length * detail.milestones.length * detail.indicators.length * detail.dependents.length).toBeGreaterThan(0);
    const del = await roundTrip(t, () => api['measures.delete']({ id: r['M-4.01'].id }));
    expect(del.undone).toBe('Rückgängig gemacht: Maßnahme M-4.01 gelöscht');
    await api['history.undo']({});
    expect(await api['measures.get']({ id: r['M-4.01'].id })).toEqual(detail);
    expect((await api['measures.get']({ id: r['M-4.02'].id })).dependsOn).toEqual([r['M-4.01'].id]);
    await api['history.redo']({});

    await roundTrip(t, () => api['measures.adopt']({ grundmauerId: 'B3-G-LV-1' }));
    await roundTrip(t, () => api['measures.createFromFrage']({ frageId: 'B5-F-LV-2' }));
  });

  it('actors and responsibilities', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    const { result: a } = await roundTrip(t, () => api['actors.create']({ name: 'Volkshochschule Musterland', kind: 'sonstige', contactPerson: 'Frau Lenz' }));
    await roundTrip(t, () => api['actors.update']({ id: a.id, patch: { name: 'Kreisvolkshochschule', notes: 'Träger der Sprachkurse' } }));
    await roundTrip(t, () => api['responsibilities.set']({ measureId: r['M-4.02'].id, actorId: a.id, role: 'mitwirkend' }));
    await roundTrip(t, () => api['responsibilities.set']({ measureId: r['M-4.02'].id, actorId: a.id, role: 'verantwortlich' }));
    await roundTrip(t, () => api['responsibilities.set']({ measureId: r['M-4.02'].id, actorId: a.id, role: 'zu-informieren' }));
    await roundTrip(t, () => api['responsibilities.remove']({ measureId: r['M-4.02'].id, actorId: a.id }));
    await roundTrip(t, () => api['actors.delete']({ id: a.id }));
  });

  it('budget lines, milestones, indicators, dependencies, Frage answers, plan title', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    const m = r['M-5.01'];
    const { result: b } = await roundTrip(t, () => api['budget.create']({ measureId: m.id, year: 2027, amountCents: 1_500_000, fundingKind: 'foerdermittel', programme: 'Landesprogramm', foerderquoteBp: 5000 }));
    await roundTrip(t, () => api['budget.update']({ id: b.id, patch: { state: 'bewilligt', amountCents: 1_600_000 } }));
    await roundTrip(t, () => api['budget.delete']({ id: b.id }));
    const { result: s } = await roundTrip(t, () => api['milestones.save']({ measureId: m.id, title: 'Ergebnisse in den Gemeinden vorgestellt', dueYear: 2027, dueQuarter: 1 }));
    await roundTrip(t, () => api['milestones.save']({ id: s.id, measureId: m.id, done: true }));
    await roundTrip(t, () => api['milestones.delete']({ id: s.id }));
    const { result: i } = await roundTrip(t, () => api['indicators.save']({ measureId: m.id, name: 'Teilnehmende an der Befragung', baseline: '0', target: '2.500', targetYear: 2026, dataSource: 'Online-Befragung' }));
    await roundTrip(t, () => api['indicators.save']({ id: i.id, measureId: m.id, target: '3.000' }));
    await roundTrip(t, () => api['indicators.delete']({ id: i.id }));
    await roundTrip(t, () => api['dependencies.set']({ measureId: r['M-6.01'].id, dependsOnIds: [m.id, r['M-6.02'].id] }));
    const dep = await roundTrip(t, () => api['dependencies.set']({ measureId: r['M-6.01'].id, dependsOnIds: [r['M-7.01'].id] }));
    expect(dep.undone).toBe('Rückgängig gemacht: Abhängigkeiten von M-6.01 geändert');
    await roundTrip(t, () => api['fragen.answer']({ frageId: 'B3-F-LV-1', answer: 'Das Kreisfest und die Einbürgerungsfeier.' }));
    await roundTrip(t, () => api['fragen.answer']({ frageId: 'B3-F-LV-1', answer: 'Das Kreisfest.' }));
    await roundTrip(t, () => api['fragen.answer']({ frageId: 'B3-F-LV-1', answer: '' }));
    await roundTrip(t, () => api['fragen.answer']({ frageId: 'B1-F-LV-1', answer: 'Neu formuliert.' }));
    const title = await roundTrip(t, () => api['plan.update']({ title: 'Maßnahmenplan 2027', landkreis: 'Landkreis Neuland' }));
    expect(title.undone).toMatch(/Plantitel geändert/);
  });

  it('a bulk update is one step', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    const jobcenter = (await api['actors.list']({})).find((a) => a.name === 'Jobcenter Musterland')!;
    const ids = [r['M-4.02'].id, r['M-7.02'].id, r['M-6.01'].id, r['M-1.01'].id];
    const { undone } = await roundTrip(t, () => api['measures.bulkUpdate']({ ids, patch: { status: 'beschlussreif', responsibleActorId: jobcenter.id } }));
    expect(undone).toBe('Rückgängig gemacht: 4 Maßnahmen gemeinsam geändert (Status „beschlussreif“, verantwortlich: Jobcenter Musterland)');
    const step = (await api['history.list']({})).find((x) => x.kind === 'change')!;
    expect(step).toMatchObject({ kind: 'change', state: 'applied', summary: '4 Maßnahmen gemeinsam geändert (Status „beschlussreif“, verantwortlich: Jobcenter Musterland)' });
    // 3 status changes (M-6.01 is beschlussreif already); the Jobcenter verantwortlich on 4 measures;
    // 2 former verantwortliche Stellen demoted (M-4.02 and M-7.02 are Ideen without one).
    expect(step.changes.filter((c) => c.entity === 'measure')).toHaveLength(3);
    expect(step.changes.filter((c) => c.entity === 'responsibility')).toHaveLength(6);
  });
});

describe('the undo history', () => {
  it('survives closing and reopening the plan file, also in a new session', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path, dir } = t;
    const r = await byCode(api);
    const before = fingerprint(path);
    await api['measures.delete']({ id: r['M-7.01'].id });
    await api['budget.create']({ measureId: r['M-1.02'].id, year: 2029, amountCents: 100 });
    const after = fingerprint(path);
    t.session.close();
    await api['plan.open']({ path });
    expect((await api['history.status']({})).undo?.summary).toMatch(/^M-1\.02: /);
    await api['history.undo']({});
    t.session.close();

    // A new session, as after a restart of the app.
    const session = new Session({ dataDir: join(dir, 'data2'), user: 'andere.person' });
    extra.push(() => session.close());
    const api2 = createClient(createHandlers(session));
    await api2['plan.open']({ path });
    const u = await api2['history.undo']({});
    expect(u.summary).toBe('Rückgängig gemacht: Maßnahme M-7.01 gelöscht');
    expect(fingerprint(path)).toBe(before);
    await api2['history.redo']({});
    await api2['history.redo']({});
    expect(fingerprint(path)).toBe(after);
    const steps = await api2['history.list']({ limit: 4 });
    expect(steps.map((s) => [s.kind, s.user])).toEqual([['redo', 'andere.person'], ['redo', 'andere.person'], ['undo', 'andere.person'], ['undo', 'test']]);
  });

  it('a new change after an undo drops the redo stack; the dropped step stays visible as discarded', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    await api['measures.update']({ id: r['M-3.01'].id, patch: { title: 'Erster Titel' } });
    await api['measures.update']({ id: r['M-3.01'].id, patch: { title: 'Zweiter Titel' } });
    await api['history.undo']({});
    await api['history.undo']({});
    expect((await api['history.status']({})).redo?.summary).toBe('Maßnahme M-3.01 geändert');
    await api['actors.create']({ name: 'Neuer Akteur', kind: 'sonstige' });
    expect(await api['history.status']({})).toMatchObject({ redo: null, undo: { summary: 'Akteur „Neuer Akteur“ angelegt' } });
    expect(await codeOf(api['history.redo']({}))).toBe('nothing-to-redo');
    await expect(api['history.redo']({})).rejects.toThrow(/keine rückgängig gemachte Änderung/);
    const steps = await api['history.list']({});
    expect(steps.filter((s) => s.summary === 'Maßnahme M-3.01 geändert').map((s) => s.state)).toEqual(['discarded', 'discarded']);
    expect((await api['measures.get']({ id: r['M-3.01'].id })).measure.title).toBe(r['M-3.01'].title);
  });

  it('stops at the creation of the plan and says so in German', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    expect(await api['history.status']({})).toEqual({ undo: null, redo: null });
    const before = fingerprint(path);
    expect(await codeOf(api['history.undo']({}))).toBe('nothing-to-undo');
    await expect(api['history.undo']({})).rejects.toThrow(/keine Änderung, die rückgängig gemacht werden kann/);
    await api['actors.create']({ name: 'X', kind: 'sonstige' });
    await api['history.undo']({});
    expect(await codeOf(api['history.undo']({}))).toBe('nothing-to-undo');
    expect(fingerprint(path)).toBe(before);
    const steps = await api['history.list']({});
    expect(steps.at(-1)).toMatchObject({ kind: 'other', summary: 'Demoplan „Landkreis Musterland“ angelegt' });
  });

  it('no-op writes are not logged', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    const [resp] = (await api['measures.get']({ id: r['M-1.01'].id })).responsibilities;
    await api['responsibilities.set'](resp);
    await api['responsibilities.remove']({ measureId: r['M-4.02'].id, actorId: resp.actorId === r['M-1.01'].responsibleActorId ? 'niemand' : resp.actorId });
    await api['fragen.answer']({ frageId: 'B7-F-LV-1', answer: '' });
    await api['dependencies.set']({ measureId: r['M-4.02'].id, dependsOnIds: [r['M-4.01'].id] });
    await api['measures.bulkUpdate']({ ids: [r['M-1.01'].id], patch: { status: r['M-1.01'].status } });
    expect(await api['history.list']({})).toHaveLength(1);
  });

  it('lists steps newest first, filtered by entity: a measure with its budget lines, milestones and their undo', async () => {
    t = await openTestPlan({ demo: true, user: 'm.muster' });
    const { api } = t;
    const r = await byCode(api);
    const m = r['M-6.02'].id;
    await api['budget.create']({ measureId: m, year: 2028, amountCents: 7_200_000, fundingKind: 'drittmittel' });
    await api['measures.update']({ id: r['M-1.01'].id, patch: { notes: 'x' } });
    await api['milestones.save']({ measureId: m, title: 'Zwischenbericht', dueYear: 2026 });
    await api['history.undo']({});
    expect((await api['history.list']({ limit: 2 }))[1]).toMatchObject({ state: 'undone', summary: 'M-6.02: Umsetzungsschritt „Zwischenbericht“ angelegt' });
    await api['dependencies.set']({ measureId: r['M-6.01'].id, dependsOnIds: [m] });
    const all = await api['history.list']({});
    expect(all.map((s) => s.kind)).toEqual(['change', 'undo', 'change', 'change', 'change', 'other']);
    expect(all[0].changes).toEqual([{ entity: 'dependency', entityId: `${r['M-6.01'].id}>${m}`, action: 'create', summary: 'M-6.01 hängt von M-6.02 ab' }]);
    expect(all[1]).toMatchObject({ summary: 'Rückgängig gemacht: M-6.02: Umsetzungsschritt „Zwischenbericht“ angelegt', user: 'm.muster', state: 'applied' });
    expect(all[2]).toMatchObject({ state: 'discarded' });
    const mine = await api['history.list']({ entityId: m });
    expect(mine.map((s) => s.summary)).toEqual([
      'M-6.01 hängt von M-6.02 ab',
      'Rückgängig gemacht: M-6.02: Umsetzungsschritt „Zwischenbericht“ angelegt',
      'M-6.02: Umsetzungsschritt „Zwischenbericht“ angelegt',
      'M-6.02: 72.000,00 € für 2028',
    ]);
    expect(await api['history.list']({ limit: 2 })).toHaveLength(2);
    expect(await api['history.list']({ entityId: 'nichts' })).toEqual([]);
    await expect(api['history.list']({ limit: 0 })).rejects.toThrow();
  });
});

describe('the Änderungsprotokoll in pages', () => {
  it('pages with `before` give every step once, newest first, equal to one long list; an object filter pages the same way', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const r = await byCode(api);
    const m = r['M-1.02'];
    for (let i = 0; i < 12; i++) {
      await api['measures.update']({ id: m.id, patch: { notes: `Stand ${i}` } });
      await api['budget.create']({ measureId: r['M-2.01'].id, year: 2030, amountCents: 100 + i });
      if (i % 4 === 3) await api['history.undo']({});
    }
    const all = await api['history.list']({ limit: 1_000 });
    const paged: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await api['history.list']({ limit: 7, ...(before ? { before } : {}) });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(7);
      paged.push(...page.map((s) => s.id));
      before = page.at(-1)!.seq;
    }
    expect(paged).toEqual(all.map((s) => s.id));
    expect(new Set(paged).size).toBe(paged.length);

    // One measure: its edits, its budget lines' steps and the undos of those, and nothing else.
    const mine = await api['history.list']({ entityId: r['M-2.01'].id, limit: 1_000 });
    expect(mine.filter((s) => s.kind === 'change' && s.summary.includes('M-2.01')).length).toBeGreaterThanOrEqual(12);
    expect(mine.every((s) => s.summary.includes('M-2.01'))).toBe(true);
    expect(mine.map((s) => s.kind).filter((k) => k === 'undo')).toHaveLength(3);
    expect(mine.some((s) => s.summary.includes('M-1.02'))).toBe(false);
    const first = await api['history.list']({ entityId: r['M-2.01'].id, limit: 5 });
    const second = await api['history.list']({ entityId: r['M-2.01'].id, limit: 5, before: first.at(-1)!.seq });
    expect([...first, ...second].map((s) => s.id)).toEqual(mine.slice(0, 10).map((s) => s.id));
  });
});

describe('schema migration 1 → 2', () => {
  it('opens a version 1 plan: new fields empty, old log rows kept but not undoable', async () => {
    const dir = tempDir();
    const path = join(dir, 'alt.wirplan');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('journal_mode = WAL');
    db.exec(m0001.up);
    db.pragma('user_version = 1');
    installCatalogue(db, CATALOGUE);
    db.prepare("INSERT INTO meta (key, value) VALUES ('title', 'Alter Plan'), ('landkreis', ''), ('created_at', '2025-01-01T00:00:00Z')").run();
    db.prepare(`INSERT INTO measures (id, code, title, baustelle_id, status, start_year, start_quarter, end_year, end_quarter, created_at, updated_at)
      VALUES ('m1', 'M-1.01', 'Alte Maßnahme', 'B1', 'idee', 2025, 1, 2030, 4, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`).run();
    db.prepare(`INSERT INTO change_log (at, user, entity, entity_id, action, summary, before_json, after_json) VALUES ('2025-01-01T00:00:00Z', 'alt', 'measure', 'm1', 'update', 'Maßnahme M-1.01 geändert', '{}', '{}')`).run();
    db.close();

    const session = new Session({ dataDir: join(dir, 'data'), user: 'test' });
    extra.push(() => session.close());
    const api = createClient(createHandlers(session));
    const info = await api['plan.open']({ path });
    expect(info.schemaVersion).toBe(LATEST_VERSION);
    const d = await api['measures.get']({ id: 'm1' });
    expect(d.measure).toMatchObject({ ausgangslage: '', risks: '', laufzeit: 'mittel' });
    expect(d).toMatchObject({ milestones: [], indicators: [], dependsOn: [], dependents: [] });
    expect(await api['history.status']({})).toEqual({ undo: null, redo: null });
    const [old] = await api['history.list']({});
    expect(old).toMatchObject({ id: expect.stringMatching(/^seq:/), user: 'alt', state: 'applied' });
    // New changes are undoable right away; the old row remains a wall.
    await api['measures.update']({ id: 'm1', patch: { risks: 'neu' } });
    await api['history.undo']({});
    expect(await codeOf(api['history.undo']({}))).toBe('nothing-to-undo');
    expect((await api['measures.get']({ id: 'm1' })).measure.risks).toBe('');
  });

  it.skipIf(!existsSync(join(import.meta.dirname, '../fixtures/plans/v1.wirplan')))('opens the shipped v1 fixture: data kept, old history visible, new changes undoable', async () => {
    const dir = tempDir();
    const path = join(dir, 'v1.wirplan');
    copyFileSync(join(import.meta.dirname, '../fixtures/plans/v1.wirplan'), path);
    const session = new Session({ dataDir: join(dir, 'data'), user: 'test' });
    extra.push(() => session.close());
    const api = createClient(createHandlers(session));
    await api['plan.open']({ path });
    const rows = await api['measures.list']({});
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ausgangslage === '' && r.risks === '')).toBe(true);
    expect((await api['history.list']({})).length).toBeGreaterThan(0);
    expect((await api['history.status']({})).undo).toBeNull();
    const before = fingerprint(path);
    await api['measures.delete']({ id: rows[0].id });
    await api['history.undo']({});
    expect(fingerprint(path)).toBe(before);
  });
});
