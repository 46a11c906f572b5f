// The foundation's promises, on real plan files in temp folders through the real contract.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../electron/backend/db/open.ts';
import { LATEST_VERSION } from '../../electron/backend/db/migrations/index.ts';
import { DEMO_MEASURE_COUNT } from '../../electron/backend/demo.ts';
import type { Api } from '../../shared/api/contract.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

let t: TestPlan | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** A fingerprint of every table's content, to prove that a refused call changed nothing. */
function fingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'change_log' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const h = createHash('sha256');
    for (const name of tables) h.update(name + JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()));
    return h.digest('hex');
  } finally {
    db.close();
  }
}

async function expectRefused(api: Api, path: string, call: () => Promise<unknown>, message: RegExp) {
  const before = fingerprint(path);
  await expect(call()).rejects.toThrow(message);
  expect(fingerprint(path)).toBe(before);
  void api;
}

describe('plan file', () => {
  it('is a SQLite application file with our id, the latest schema and the full catalogue', async () => {
    t = await openTestPlan();
    const db = new Database(t.path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    const cat = await t.api['catalogue.get']({});
    expect(cat.baustellen).toHaveLength(7);
    expect(cat.baustellen.flatMap((b) => b.grundmauern)).toHaveLength(40);
    expect(cat.baustellen.flatMap((b) => b.fragen)).toHaveLength(34);
    const info = await t.api['plan.info']({});
    expect(info?.title).toBe('Testplan');
    expect(info?.landkreis).toBe('Landkreis Test');
  });

  it('keeps the catalogue it was made with, read from the file', async () => {
    t = await openTestPlan();
    t.session.close();
    const db = new Database(t.path);
    const row = db.prepare('SELECT json FROM catalogue').get() as { json: string };
    const cat = JSON.parse(row.json);
    cat.baustellen[0].grundmauern[0].text = 'Text einer älteren Katalogfassung';
    db.prepare('UPDATE catalogue SET json = ?').run(JSON.stringify(cat));
    db.close();
    await t.api['plan.open']({ path: t.path });
    const read = await t.api['catalogue.get']({});
    expect(read.baustellen[0].grundmauern[0].text).toBe('Text einer älteren Katalogfassung');
  });

  it('refuses a file that is not a plan and one from a newer version, leaving both untouched', async () => {
    t = await openTestPlan();
    const text = join(t.dir, 'notizen.wirplan');
    writeFileSync(text, 'Das ist kein Plan.');
    const before = readFileSync(text);
    await expect(t.api['plan.open']({ path: text })).rejects.toThrow(/keine Plandatei/);
    expect(readFileSync(text)).toEqual(before);
    expect(t.session.path).toBe(t.path);

    const future = join(t.dir, 'zukunft.wirplan');
    await t.api['plan.saveAs']({ path: future });
    t.session.close();
    const db = new Database(future);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = readFileSync(future);
    await expect(t.api['plan.open']({ path: future })).rejects.toThrow(/neueren Version/);
    expect(readFileSync(future)).toEqual(bytes);
  });

  it('remembers recent plans and save-as keeps every measure', async () => {
    t = await openTestPlan({ demo: true });
    const copy = join(t.dir, 'Kopie.wirplan');
    await t.api['plan.saveAs']({ path: copy });
    expect((await t.api['measures.list']({})).length).toBe(DEMO_MEASURE_COUNT);
    const recent = await t.api['plan.recent']({});
    expect(recent.map((r) => r.path)).toEqual([copy, t.path]);
    await expect(t.api['plan.saveAs']({ path: copy })).rejects.toThrow(/gibt es bereits/);
  });
});

describe('demo plan', () => {
  it('has a dozen measures whose totals add up everywhere', async () => {
    t = await openTestPlan({ demo: true });
    const rows = await t.api['measures.list']({});
    expect(rows).toHaveLength(12);
    const totals = await t.api['budget.totals']({});
    const db = new Database(t.path, { readonly: true });
    const sql = (db.prepare('SELECT SUM(amount_cents) AS s FROM budget_lines').get() as { s: number }).s;
    db.close();
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(totals.totalCents).toBe(sql);
    expect(sum(totals.byYear)).toBe(sql);
    expect(sum(totals.byBaustelle)).toBe(sql);
    expect(sum(totals.byMeasure)).toBe(sql);
    expect(rows.reduce((a, r) => a + r.totalCents, 0)).toBe(sql);
    for (const [b, byYear] of Object.entries(totals.byBaustelleYear)) expect(sum(byYear)).toBe(totals.byBaustelle[b]);
    for (const r of rows) {
      expect(sum(r.costsByYear)).toBe(r.totalCents);
      if (r.status !== 'idee') expect(r.responsibleActorName).toBeTruthy();
    }
  });
});

describe('bad input changes nothing and says why in German', () => {
  it('measures', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const [first] = await api['measures.list']({});
    await expectRefused(api, path, () => api['measures.create']({ title: '   ', baustelleId: 'B1' }), /Titel/);
    await expectRefused(api, path, () => api['measures.create']({ title: 'X', baustelleId: 'B9' }), /Baustelle „B9“/);
    await expectRefused(api, path, () => api['measures.create']({ title: 'X', baustelleId: 'B1', startYear: 1999 }), /zwischen 2000 und 2100/);
    await expectRefused(api, path, () => api['measures.create']({ title: 'X', baustelleId: 'B1', startYear: 2027, endYear: 2026 }), /Ende der Laufzeit/);
    await expectRefused(api, path, () => api['measures.create']({ title: 'X', baustelleId: 'B1', code: first.code }), /schon vergeben/);
    await expectRefused(api, path, () => api['measures.create']({ title: 'X', baustelleId: 'B1', status: 'beschlossen' }), /verantwortliche Stelle/);
    await expectRefused(api, path, () => api['measures.create']({ title: 'X', baustelleId: 'B1', grundmauerIds: ['B1-F-LV-1'] }), /Grundmauer/);
    await expectRefused(api, path, () => api['measures.update']({ id: 'gibt-es-nicht', patch: { title: 'Y' } }), /nicht gefunden/);
    const idea = (await api['measures.list']({})).find((r) => r.status === 'idee' && !r.responsibleActorId)!;
    await expectRefused(api, path, () => api['measures.update']({ id: idea.id, patch: { status: 'beschlussreif' } }), /verantwortliche Stelle/);
  });

  it('budget lines', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const [m] = await api['measures.list']({});
    await expectRefused(api, path, () => api['budget.create']({ measureId: m.id, year: 2027, amountCents: -100 }), /nicht negativ/);
    await expectRefused(api, path, () => api['budget.create']({ measureId: m.id, year: 2027, amountCents: '12' as unknown as number }), /Zahl/);
    await expectRefused(api, path, () => api['budget.create']({ measureId: m.id, year: 2027, amountCents: 12.5 }), /ganzen Cent/);
    await expectRefused(api, path, () => api['budget.create']({ measureId: m.id, year: 2101, amountCents: 100 }), /zwischen 2000 und 2100/);
    await expectRefused(api, path, () => api['budget.create']({ measureId: 'unbekannt', year: 2027, amountCents: 100 }), /Maßnahme wurde nicht gefunden/);
    await expectRefused(api, path, () => api['budget.create']({ measureId: m.id, year: 2027, amountCents: 100, fundingKind: 'foerdermittel' }), /Förderquote/);
  });

  it('responsibilities: exactly one verantwortlich, unknown actors refused', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const rows = await api['measures.list']({});
    const m = rows.find((r) => r.responsibleActorId)!;
    const other = (await api['actors.list']({})).find((a) => a.id !== m.responsibleActorId)!;
    await expectRefused(api, path, () => api['responsibilities.set']({ measureId: m.id, actorId: other.id, role: 'verantwortlich' }), /bereits eine verantwortliche Stelle/);
    await expectRefused(api, path, () => api['responsibilities.set']({ measureId: m.id, actorId: 'niemand', role: 'mitwirkend' }), /Akteur wurde nicht gefunden/);
    await expectRefused(api, path, () => api['responsibilities.remove']({ measureId: m.id, actorId: m.responsibleActorId! }), /braucht eine verantwortliche Stelle/);
    await expectRefused(api, path, () => api['actors.delete']({ id: m.responsibleActorId! }), /noch bei/);
  });
});

describe('the planner\'s path', () => {
  it('adopts a Grundmauer as a linked measure, assigns, budgets and sees totals', async () => {
    t = await openTestPlan();
    const { api } = t;
    const m = await api['measures.adopt']({ grundmauerId: 'B6-G-PE-1' });
    expect(m.code).toBe('M-6.01');
    expect(m.baustelleId).toBe('B6');
    expect(m.grundmauerIds).toEqual(['B6-G-PE-1']);
    expect(m.title).toMatch(/^Mobilitätsangebote ausbauen/);
    const actor = await api['actors.create']({ name: 'Fachdienst ÖPNV', kind: 'kreisverwaltung' });
    await api['responsibilities.set']({ measureId: m.id, actorId: actor.id, role: 'verantwortlich' });
    await api['measures.update']({ id: m.id, patch: { status: 'in-planung', startYear: 2027, startQuarter: 1, endYear: 2028, endQuarter: 4 } });
    await api['budget.create']({ measureId: m.id, year: 2027, amountCents: 1_234_56, costKind: 'sachkosten', fundingKind: 'kreishaushalt', produkt: '54.70.01' });
    await api['budget.create']({ measureId: m.id, year: 2028, amountCents: 50_000_00, costKind: 'investition', fundingKind: 'foerdermittel', programme: 'ÖPNV-Förderung', foerderquoteBp: 7500 });
    const [row] = await api['measures.list']({});
    expect(row.responsibleActorName).toBe('Fachdienst ÖPNV');
    expect(row.costsByYear).toEqual({ 2027: 123456, 2028: 5000000 });
    expect(row.totalCents).toBe(5123456);
    const totals = await api['budget.totals']({});
    expect(totals.byBaustelleYear).toEqual({ B6: { 2027: 123456, 2028: 5000000 } });
    const second = await api['measures.create']({ title: 'Eigene Idee', baustelleId: 'B6' });
    expect(second.code).toBe('M-6.02');
  });
});
