// Priorities and money through the real contract on real plan files: criteria and their
// validation, scores, ranks and Teilnutzen hand-checked on a small plan, Haushaltsrahmen, the
// Finanzplan's exact sums, the optimiser on the demo plan (frames in exact cents, dependencies,
// fixed decisions, infeasible input in German), what-if, scenarios, and undo of every write.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migration as m0005 } from '../../electron/backend/db/migrations/0005-priorities.ts';
import { stopSolver } from '../../electron/backend/handlers/priorities-solver.ts';
import { readPriority } from '../../electron/backend/repos/priority.ts';
import type { Api } from '../../shared/api/contract.ts';
import { splitLine, type BudgetLineInput } from '../../shared/domain/finance.ts';
import { DEFAULT_CRITERIA, validateWeights } from '../../shared/domain/nutzwert.ts';
import { ARBEITSSTAND } from '../../shared/domain/priorities.ts';
import type { MeasureRow } from '../../shared/domain/types.ts';
import { expectRefused, fingerprint } from '../helpers/fingerprint.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

let t: TestPlan | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function byCode(api: Api): Promise<Record<string, MeasureRow>> {
  return Object.fromEntries((await api['measures.list']({})).map((r) => [r.code, r]));
}

/** Change, then undo → exactly before, redo → exactly after. Returns the undo summary. */
async function roundTrip(plan: TestPlan, change: () => Promise<unknown>): Promise<string> {
  const before = fingerprint(plan.path);
  await change();
  const after = fingerprint(plan.path);
  expect(after, 'the change changed nothing').not.toBe(before);
  const u = await plan.api['history.undo']({});
  expect(fingerprint(plan.path), `undo of „${u.summary}“`).toBe(before);
  await plan.api['history.redo']({});
  expect(fingerprint(plan.path), `redo of „${u.summary}“`).toBe(after);
  return u.summary;
}

/** Raw read of the plan file (a second connection, as an auditor would). */
function query<T>(path: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

describe('criteria', () => {
  it('a new plan starts with the suggested criteria (weights 100), and so does a migrated old plan', async () => {
    t = await openTestPlan();
    const criteria = await t.api['criteria.list']({});
    expect(criteria.map((c) => [c.id, c.name, c.weight, c.ko])).toEqual(DEFAULT_CRITERIA.map((c) => [c.id, c.name, c.weight, c.ko]));
    expect(criteria.map((c) => c.description)).toEqual(DEFAULT_CRITERIA.map((c) => c.description));
    expect(validateWeights(criteria)).toEqual([]);
    expect(m0005.version).toBe(5);

    const old = join(t.dir, 'alt.wirplan');
    copyFileSync('tests/fixtures/plans/v1.wirplan', old);
    await t.api['plan.open']({ path: old });
    expect((await t.api['criteria.list']({})).map((c) => c.weight)).toEqual([30, 15, 15, 15, 10, 15]);
    expect((await t.api['priorities.get']({})).ranking?.every((r) => r.totalHalves === 0 && !r.complete)).toBe(true);
  });

  it('saveAll enforces the sum of 100 and unique names, in German, and changes nothing when refused', async () => {
    t = await openTestPlan();
    const { api, path } = t;
    const cs = await api['criteria.list']({});
    const set = cs.map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight, ko: c.ko }));
    await expectRefused(path, () => api['criteria.saveAll']({ criteria: set.map((c, i) => (i === 0 ? { ...c, weight: 25 } : c)) }),
      /Die Gewichte ergeben zusammen 95 statt 100 Punkte/u);
    await expectRefused(path, () => api['criteria.saveAll']({ criteria: set.map((c, i) => (i === 1 ? { ...c, name: set[0].name.toUpperCase() } : c)) }),
      /Der Name „WIRKUNG AUF TEILHABE UND ZUSAMMENHALT“ ist mehrfach vergeben/u);
    await expectRefused(path, () => api['criteria.saveAll']({ criteria: set.map((c) => ({ ...c, weight: c.weight + 0.5 })) }), /Das Gewicht muss eine ganze Zahl sein/u);
    await expectRefused(path, () => api['criteria.saveAll']({ criteria: set.map((c, i) => (i === 0 ? { ...c, ko: true, koThreshold: 11 } : c)) }),
      /Die KO-Schwelle muss zwischen 1 und 10 liegen/u);

    // A valid new set: one criterion fewer, a new one, new order and weights.
    const saved = await api['criteria.saveAll']({
      criteria: [
        { id: set[1].id, name: set[1].name, description: set[1].description, weight: 40, ko: false },
        { name: 'Rechtliche Pflicht', description: 'Gesetzlich vorgeschrieben?', weight: 10, ko: true, koThreshold: 2 },
        { ...set[2], weight: 20 }, { ...set[3], weight: 15 }, { ...set[4], weight: 15 },
      ],
    });
    expect(saved.map((c) => [c.name, c.weight, c.ko, c.koThreshold ?? null, c.position])).toEqual([
      [set[1].name, 40, false, null, 0], ['Rechtliche Pflicht', 10, true, 2, 1], [set[2].name, 20, false, null, 2], [set[3].name, 15, false, null, 3],
      [set[4].name, 15, false, null, 4],
    ]);
    expect(saved.some((c) => c.id === set[0].id)).toBe(false);
  });

  it('single saves do not enforce the sum; the ranking then says why there is none, and the optimiser refuses', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const [first] = await api['criteria.list']({});
    await api['criteria.save']({ id: first.id, weight: 40 });
    const p = await api['priorities.get']({});
    expect(p.weightSum).toBe(110);
    expect(p.ranking).toBeNull();
    expect(p.weightProblems).toEqual(['Die Gewichte ergeben zusammen 110 statt 100 Punkte.']);
    await expect(api['optimiser.run']({})).rejects.toThrow(/Die Gewichte der Kriterien sind nicht gültig: Die Gewichte ergeben zusammen 110 statt 100 Punkte\. Bitte die Gewichte unter „Prioritäten“/u);
    await expect(api['criteria.save']({ id: first.id, weight: 101 })).rejects.toThrow(/Das Gewicht muss zwischen 0 und 100 Punkten liegen/u);
    await expect(api['criteria.save']({ name: '  ' })).rejects.toThrow(/Bitte einen Namen für das Kriterium angeben/u);
    await expect(api['criteria.save']({ name: 'dringlichkeit' })).rejects.toThrow(/Ein Kriterium „dringlichkeit“ gibt es schon/u);
    const created = await api['criteria.save']({ name: 'Rechtliche Pflicht' });
    expect(created).toMatchObject({ weight: 0, ko: false, position: 6, scoreCount: 0 });
    const reordered = await api['criteria.reorder']({ ids: [created.id, ...(await api['criteria.list']({})).filter((c) => c.id !== created.id).map((c) => c.id)] });
    expect(reordered[0].id).toBe(created.id);
    await expect(api['criteria.reorder']({ ids: [created.id] })).rejects.toThrow(/jedes Kriterium genau einmal/u);
  });
});

describe('scores and the Nutzwertanalyse', () => {
  it('ranks, Teilnutzen, KO, completeness, divergence and sensitivity, hand-checked on a small plan', async () => {
    t = await openTestPlan();
    const { api } = t;
    const mk = (title: string) => api['measures.create']({ title, baustelleId: 'B2' });
    const [m1, m2, m3, m4] = [await mk('Eins'), await mk('Zwei'), await mk('Drei'), await mk('Vier')];
    const [a, b] = await api['criteria.saveAll']({
      criteria: [
        { name: 'Wirkung', description: '', weight: 60, ko: false },
        { name: 'Rechtssicherheit', description: '', weight: 40, ko: true, koThreshold: 3 },
      ],
    });
    await expect(api['scores.set']({ measureId: m1.id, criterionId: a.id, rater: 1, score: 11 })).rejects.toThrow(/Die Bewertung muss eine ganze Zahl von 0 bis 10 sein/u);
    await expect(api['scores.set']({ measureId: m1.id, criterionId: a.id, rater: 1, score: 7.5 })).rejects.toThrow(/ganze Zahl/u);
    await expect(api['scores.set']({ measureId: m1.id, criterionId: a.id, rater: 3 as 1, score: 5 })).rejects.toThrow(/Bewertung 1 oder 2 erwartet/u);
    const one = await api['scores.set']({ measureId: m1.id, criterionId: a.id, rater: 1, score: 8 });
    expect(one).toEqual({ measureId: m1.id, criterionId: a.id, rater: 1, score: 8 });
    const s = (m: { id: string }, c: { id: string }, rater: 1 | 2, score: number | null) => ({ measureId: m.id, criterionId: c.id, rater, score });
    expect(await api['scores.setMany']({
      scores: [s(m1, a, 1, 8), s(m1, b, 1, 6), s(m2, a, 1, 5), s(m2, b, 1, 10), s(m2, a, 2, 9), s(m2, b, 2, 10), s(m3, a, 1, 10), s(m3, b, 1, 2), s(m4, a, 1, 9)],
    })).toEqual({ changed: 8 });

    const p = await api['priorities.get']({});
    const r = Object.fromEntries(p.ranking!.map((x) => [x.title, x]));
    // m1: 60×8 + 40×6 = 720 → 7,20; m2: A = (5+9)/2 = 7 → 60×7 + 40×10 = 820 → 8,20; m4: 60×9 = 540 → 5,40 (B missing);
    // m3: 60×10 + 40×2 = 680 but B = 2 < 3 → KO, no rank.
    expect(p.ranking!.map((x) => [x.title, x.rank, x.nutzwertText, x.totalHalves])).toEqual([
      ['Zwei', 1, '8,20', 1640], ['Eins', 2, '7,20', 1440], ['Vier', 3, '5,40', 1080], ['Drei', null, '6,80', 1360],
    ]);
    expect(r.Zwei.teilnutzen.map((x) => [x.criterionName, x.score, x.raters, x.value])).toEqual([['Wirkung', 7, 2, 420], ['Rechtssicherheit', 10, 2, 400]]);
    expect(r.Eins.teilnutzen.map((x) => x.value)).toEqual([480, 240]);
    expect(r.Drei).toMatchObject({ ko: true, koFailures: [{ criterionName: 'Rechtssicherheit', score: 2, threshold: 3 }] });
    expect(r.Vier).toMatchObject({ complete: false, missing: [{ criterionName: 'Rechtssicherheit' }], koUnassessed: [b.id], maxTotalHalves: 1080 + 800 });
    expect(p.completeCount).toBe(3);
    expect(p.hasSecondRater).toBe(true);
    expect(p.scores[m2.id][a.id]).toEqual([5, 9]);
    // Raters differ by 4 on Wirkung for m2 (threshold 3).
    expect(r.Zwei.divergences).toEqual([{ criterionId: a.id, criterionName: 'Wirkung', a: 5, b: 9, difference: 4 }]);
    expect(r.Eins.divergences).toEqual([]);
    // ±10 points: 70/30 → 740, 790, 630; 50/50 → 700, 850, 450: no rank moves.
    expect(p.sensitivity?.fragileCount).toBe(0);
    // ±30 points: 90/10 → m4 810 > m1 780 > m2 730 (30/70 changes nothing): m4 (half scored) jumps to 1, m2 drops to 3.
    const p30 = await api['priorities.get']({ sensitivityDelta: 30 });
    const f = Object.fromEntries(p30.ranking!.map((x) => [x.title, x]));
    expect([f.Eins.fragile, f.Zwei.fragile, f.Vier.fragile, f.Drei.fragile]).toEqual([false, true, true, false]);
    expect(f.Zwei.rankMoves).toEqual([{ criterionId: a.id, criterionName: 'Wirkung', delta: 30, to: 3 }, { criterionId: b.id, criterionName: 'Rechtssicherheit', delta: -30, to: 3 }]);
    expect([f.Zwei.bestRank, f.Zwei.worstRank, f.Vier.bestRank, f.Vier.worstRank]).toEqual([1, 3, 1, 3]);

    // The documents' reader sees the same ranks in the same tables.
    const docs = readPriority(t.session.db, (await api['measures.list']({})).map((m) => ({ id: m.id, code: m.code })));
    expect(docs?.rows.map((x) => [x.measureId, x.rank, x.totalHalves])).toEqual(p.ranking!.map((x) => [x.measureId, x.rank, x.totalHalves]));

    // Removing a score; a deleted criterion takes its scores with it.
    await api['scores.set']({ measureId: m4.id, criterionId: a.id, rater: 1, score: null });
    expect((await api['priorities.get']({})).scores[m4.id]).toBeUndefined();
    const left = await api['criteria.delete']({ id: b.id });
    expect(left.map((c) => c.name)).toEqual(['Wirkung']);
    expect(query(t.path, 'SELECT * FROM criterion_scores WHERE criterion_id = ?', b.id)).toEqual([]);
    expect((await api['priorities.get']({})).weightProblems).toEqual(['Die Gewichte ergeben zusammen 60 statt 100 Punkte.']);
  });

  it('the demo plan: every measure scored once, a second rater for four with two clear divergences', async () => {
    t = await openTestPlan({ demo: true });
    const p = await t.api['priorities.get']({});
    expect(p.completeCount).toBe(12);
    expect(p.hasSecondRater).toBe(true);
    const div = p.ranking!.filter((r) => r.divergences.length > 0).map((r) => [r.code, r.divergences.map((d) => d.criterionName)]);
    expect(div).toEqual([['M-2.02', ['Kosten-Wirkungs-Verhältnis']], ['M-6.01', ['Umsetzbarkeit vor Ort']]]);
    expect(p.ranking![0]).toMatchObject({ code: 'M-2.01', rank: 1, nutzwertText: '8,55', fragile: false });
    expect(p.ranking!.find((r) => r.code === 'M-7.01')).toMatchObject({ fixed: 'in', fixedReason: expect.stringMatching(/Kreistag/u) });
  });
});

describe('Haushaltsrahmen and Finanzplan', () => {
  it('frames per year: set, change, remove; the years are the Haushaltsjahr and the Finanzplanung years of the plan', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const f0 = await api['frames.get']({});
    // The demo's Planungszeitraum 2026–2030 (schema 6) adds 2030, although nothing is planned for it yet.
    expect(f0.years).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(f0.frames.map((f) => [f.year, f.amountCents])).toEqual([[2026, 23_000_000], [2027, 33_000_000], [2028, 36_000_000], [2029, 30_000_000]]);
    expect(f0.eigenanteilByYear).toEqual({ 2026: 25_840_000, 2027: 45_600_000, 2028: 40_250_000, 2029: 29_500_000 });
    const f1 = await api['frames.set']({ frames: [{ year: 2027, amountCents: 40_000_000 }, { year: 2029, amountCents: null }, { year: 2030, amountCents: 1_000_000, note: 'Ausblick' }] });
    expect(f1.frames.map((f) => [f.year, f.amountCents, f.note])).toEqual([[2026, 23_000_000, 'Haushaltsplan 2026 (beschlossen)'], [2027, 40_000_000, 'Mittelfristige Finanzplanung'], [2028, 36_000_000, 'Mittelfristige Finanzplanung'], [2030, 1_000_000, 'Ausblick']]);
    expect(f1.years).toEqual([2026, 2027, 2028, 2029, 2030]);
    await expectRefused(path, () => api['frames.set']({ frames: [{ year: 2027, amountCents: -1 }] }), /Der Betrag darf nicht negativ sein/u);
    await expectRefused(path, () => api['frames.set']({ frames: [{ year: 2027, amountCents: 1.5 }] }), /ganzen Cent/u);
    await expectRefused(path, () => api['frames.set']({ frames: [{ year: 2027, amountCents: 1 }, { year: 2027, amountCents: 2 }] }), /Jedes Jahr darf nur einmal vorkommen/u);
  });

  it('the Finanzplan adds up to the cent: SUM of the budget lines, the four parts = total, warnings in German', async () => {
    t = await openTestPlan({ demo: true });
    const fp = await t.api['finance.plan']({});
    const [{ total, n }] = query<{ total: number; n: number }>(t.path, 'SELECT SUM(amount_cents) AS total, COUNT(*) AS n FROM budget_lines');
    expect(fp.total.totalCents).toBe(total);
    expect(fp.lineCount).toBe(n);
    const byYear = Object.fromEntries(query<{ year: number; s: number }>(t.path, 'SELECT year, SUM(amount_cents) AS s FROM budget_lines GROUP BY year').map((r) => [r.year, r.s]));
    const parts = (x: { foerdermittelCents: number; drittmittelCents: number; eigenmittelDritterCents: number; eigenanteilCents: number }) =>
      x.foerdermittelCents + x.drittmittelCents + x.eigenmittelDritterCents + x.eigenanteilCents;
    for (const y of fp.perYear) {
      expect(y.split.totalCents).toBe(byYear[y.year] ?? 0);
      expect(parts(y.split)).toBe(y.split.totalCents);
      expect(fp.baustellen.reduce((s, b) => s + (b.byYear[String(y.year)]?.totalCents ?? 0), 0)).toBe(y.split.totalCents);
      expect(fp.byFundingKind.reduce((s, k) => s + k.byYear[String(y.year)], 0)).toBe(y.split.totalCents);
    }
    expect(parts(fp.total)).toBe(fp.total.totalCents);
    // Fördermittel + Eigenanteil = total exactly for every Fördermittel line (rounded down, the Kreis carries the rest).
    const lines = query<BudgetLineInput & { fundingKind: string }>(t.path, "SELECT measure_id AS measureId, year, amount_cents AS amountCents, cost_kind AS costKind, funding_kind AS fundingKind, foerderquote_bp AS foerderquoteBp, state FROM budget_lines");
    let foerder = 0;
    for (const l of lines) {
      const sp = splitLine(l as BudgetLineInput);
      if (l.fundingKind === 'foerdermittel') expect(sp.foerdermittelCents + sp.eigenanteilCents).toBe(l.amountCents);
      foerder += sp.foerdermittelCents;
    }
    expect(fp.total.foerdermittelCents).toBe(foerder);
    for (const b of fp.baustellen) {
      expect(b.measures.reduce((s, m) => s + m.total.totalCents, 0)).toBe(b.total.totalCents);
      for (const m of b.measures) expect(parts(m.total)).toBe(m.total.totalCents);
    }
    const welcome = fp.baustellen.flatMap((b) => b.measures).find((m) => m.code === 'M-4.01')!;
    // 2026: 60.000 € at 60 % → 36.000 € Fördermittel, 24.000 € + 25.000 € Kreishaushalt = 49.000 € Eigenanteil.
    expect(welcome.byYear['2026']).toEqual({ totalCents: 8_500_000, foerdermittelCents: 3_600_000, drittmittelCents: 0, eigenmittelDritterCents: 0, eigenanteilCents: 4_900_000 });
    // Warnings: Eigenanteil above the frame in 2026–2028, open Förderanträge.
    expect(fp.perYear.map((y) => [y.year, y.frameCents, y.leftCents])).toEqual([[2026, 23_000_000, -2_840_000], [2027, 33_000_000, -12_600_000], [2028, 36_000_000, -4_250_000], [2029, 30_000_000, 500_000], [2030, null, null]]); // 2030: in the Planungszeitraum, no frame yet
    expect(fp.warnings.filter((w) => w.code === 'rahmen-ueberschritten').map((w) => w.message)).toEqual([
      expect.stringMatching(/^2026: Der Eigenanteil aller Maßnahmen \(258\.400,00 €\) übersteigt den Haushaltsrahmen \(230\.000,00 €\) um 28\.400,00 €\./u),
      expect.stringMatching(/^2027: /u), expect.stringMatching(/^2028: /u),
    ]);
    expect(fp.warnings.filter((w) => w.code === 'foerderantrag-offen').map((w) => w.message)[0]).toBe('M-4.01, 2026: Der Förderantrag über 36.000,00 € (Förderquote 60 %) ist gestellt, aber noch nicht bewilligt.');
  });
});

describe('the optimiser on the demo plan', () => {
  it('stays within every frame in exact cents, respects dependencies and the fixed measure, and explains every exclusion', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const r = await api['optimiser.run']({});
    expect(r).toMatchObject({ status: 'optimal', provenOptimal: true, exact: true, statusText: 'optimal (bewiesen)', gapText: null, inWorker: true, problems: [] });
    expect(r.message).toBe('Bester Plan berechnet und bewiesen: 9 von 12 Maßnahmen, Gesamtnutzwert 62,18.');
    const codes = await byCode(api);
    const inPlan = new Set(r.measures.filter((m) => m.included).map((m) => m.measureId));
    // Eigenanteil per year recomputed from the raw budget lines.
    const lines = query<BudgetLineInput>(path, 'SELECT measure_id AS measureId, year, amount_cents AS amountCents, cost_kind AS costKind, funding_kind AS fundingKind, foerderquote_bp AS foerderquoteBp, state FROM budget_lines');
    const used: Record<number, number> = {};
    for (const l of lines) if (inPlan.has(l.measureId)) used[l.year] = (used[l.year] ?? 0) + splitLine(l).eigenanteilCents;
    const frames = query<{ year: number; amount_cents: number }>(path, 'SELECT year, amount_cents FROM budget_frames');
    for (const f of frames) {
      expect(used[f.year] ?? 0).toBeLessThanOrEqual(f.amount_cents);
      expect(r.usedByYear[String(f.year)]).toBe(used[f.year] ?? 0);
      expect(r.unusedByYear[String(f.year)]).toBe(f.amount_cents - (used[f.year] ?? 0));
    }
    for (const d of query<{ measure_id: string; depends_on_id: string }>(path, 'SELECT * FROM measure_dependencies')) {
      if (inPlan.has(d.measure_id)) expect(inPlan.has(d.depends_on_id)).toBe(true);
    }
    expect(inPlan.has(codes['M-7.01'].id)).toBe(true);
    const byC = Object.fromEntries(r.measures.map((m) => [m.code, m]));
    expect(byC['M-7.01']).toMatchObject({ kind: 'fixed-in', kindLabel: 'fest eingeplant', reason: 'Fest eingeplant: Förderrichtlinie vom Kreistag beschlossen (KT/2026/014).' });
    expect(r.measures.filter((m) => !m.included).map((m) => m.code)).toEqual(['M-6.01', 'M-1.02', 'M-3.01']);
    expect(byC['M-6.01'].reason).toBe('Im Rahmen ist kein Platz mehr: 2027 fehlen 79.000,00 € (benötigt 135.000,00 €, frei 56.000,00 €). Mit ihr sänke der erreichbare Gesamtnutzwert um 0,75 (von 62,18 auf 61,43). Dafür müsste M-2.02 weichen.');
    expect(byC['M-2.01'].reason).toBe('Im Plan: Rang 1, Nutzwert 8,55; passt zusammen mit den übrigen ausgewählten Maßnahmen in jeden Jahresrahmen.');
    expect(byC['M-6.02'].reason).toBe('Im Plan: Rang 10, Nutzwert 5,85; sie kostet den Kreis keinen Eigenanteil (Fremd- oder Drittmittel).');
    for (const m of r.measures) expect(m.reason.length).toBeGreaterThan(10);

    // Fixed out: the measure and what depends on it leave, with reasons naming the measure.
    await api['measures.setFixed']({ measureId: codes['M-5.01'].id, fixed: 'out', reason: 'Analyse läuft über das Land' });
    const r2 = await api['optimiser.run']({});
    const by2 = Object.fromEntries(r2.measures.map((m) => [m.code, m]));
    expect(by2['M-5.01']).toMatchObject({ included: false, kind: 'fixed-out', reason: 'Von Hand ausgeschlossen: Analyse läuft über das Land.' });
    expect(by2['M-2.02']).toMatchObject({ included: false, kind: 'dependency-excluded', reason: 'Setzt die Maßnahme M-5.01 voraus, die von Hand ausgeschlossen ist.' });
    // Vorsichtige Rechnung: unsecured external money counts as Eigenanteil → less fits.
    const careful = await api['optimiser.run']({ securedOnly: true });
    expect(careful.securedOnly).toBe(true);
    expect(careful.selectedCount).toBeLessThanOrEqual(r2.selectedCount);
  });

  it('infeasible input gives German reasons naming the measures: fixed measures over a frame, a dependency cycle', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const codes = await byCode(api);
    await api['frames.set']({ frames: [{ year: 2026, amountCents: 5_000_000 }] });
    const r = await api['optimiser.run']({});
    expect(r).toMatchObject({ status: 'infeasible', statusText: 'keine zulässige Lösung', selectedCount: 0, measures: [] });
    expect(r.problems).toEqual([expect.objectContaining({
      code: 'fixed-over-frame', codes: ['M-7.01'], year: 2026,
      message: 'Im Jahr 2026 übersteigen die fest eingeplanten Maßnahmen den Haushaltsrahmen um 50.000,00 € (benötigt 100.000,00 €, Rahmen 50.000,00 €): M-7.01.',
    })]);
    expect(r.message).toMatch(/^Kein Plan möglich, weil die Festlegungen nicht zusammenpassen: Im Jahr 2026 /u);
    await api['history.undo']({});

    // A cycle that the contract would refuse (dependencies.set), written straight into the file.
    const raw = new Database(path);
    raw.prepare('INSERT INTO measure_dependencies (measure_id, depends_on_id) VALUES (?, ?)').run(codes['M-4.01'].id, codes['M-4.02'].id);
    raw.close();
    const c = await api['optimiser.run']({});
    expect(c.status).toBe('error');
    expect(c.statusText).toBe('Berechnung nicht möglich');
    expect(c.problems[0]).toMatchObject({ code: 'cycle', codes: expect.arrayContaining(['M-4.01', 'M-4.02']) });
    expect(c.problems[0].message).toMatch(/^Zirkuläre Abhängigkeit \(→ bedeutet „setzt voraus“\): M-4\.0[12] → M-4\.0[12] → M-4\.0[12]\. Keine dieser Maßnahmen kann als erste beginnen/u);

    // A fixed-in measure that fails a KO criterion.
    const [k] = await api['criteria.list']({});
    await api['criteria.save']({ id: k.id, ko: true, koThreshold: 8 });
    const raw2 = new Database(path);
    raw2.prepare('DELETE FROM measure_dependencies WHERE measure_id = ? AND depends_on_id = ?').run(codes['M-4.01'].id, codes['M-4.02'].id);
    raw2.close();
    const ko = await api['optimiser.run']({});
    expect(ko.status).toBe('infeasible');
    expect(ko.problems.map((p) => p.message)).toContain('Die Maßnahme M-7.01 ist fest eingeplant, erfüllt aber ein KO-Kriterium nicht („Wirkung auf Teilhabe und Zusammenhalt“ mit 7 unter der Schwelle 8). Bitte die Festlegung oder die Bewertung prüfen.');
  });

  it('Warum nicht? and what if the 2027 frame grows', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const codes = await byCode(api);
    const why = await api['optimiser.explain']({ measureId: codes['M-6.01'].id });
    expect(why).toMatchObject({ code: 'M-6.01', included: false, kind: 'displaced', wouldDisplace: ['M-2.02'] });
    expect(why.reason).toMatch(/2027 fehlen 79\.000,00 €/u);
    const w = await api['optimiser.whatIf']({ year: 2027, extraCents: 8_000_000 });
    expect(w).toMatchObject({ year: 2027, baseFrameCents: 33_000_000, newFrameCents: 41_000_000, goingOut: [], valueGainText: '+6,68', proven: true });
    expect(w.comingIn.map((m) => m.code)).toEqual(['M-6.01']);
    expect(w.message).toBe('Mit 80.000,00 € mehr im Jahr 2027 käme M-6.01 hinzu (Gesamtnutzwert +6,68).');
    expect(w.usedDiffByYear).toEqual({ 2026: 0, 2027: 13_500_000, 2028: 9_200_000, 2029: 9_400_000 });
    const none = await api['optimiser.whatIf']({ year: 2029, extraCents: 100 });
    expect(none.message).toBe('Mit 1,00 € mehr im Jahr 2029 ändert sich der Plan nicht.');
    await expect(api['optimiser.whatIf']({ year: 2031, extraCents: 100 })).rejects.toThrow(/Für 2031 ist kein Haushaltsrahmen gesetzt/u);
    await expect(api['optimiser.explain']({ measureId: 'gibt-es-nicht' })).rejects.toThrow(/Die Maßnahme wurde nicht gefunden/u);
  });

  it('starts a new worker after the old one was stopped', async () => {
    t = await openTestPlan({ demo: true });
    stopSolver();
    const r = await t.api['optimiser.run']({ timeLimitSeconds: 5 });
    expect(r).toMatchObject({ inWorker: true, statusText: 'optimal (bewiesen)' });
  });
});

describe('scenarios', () => {
  it('save the Arbeitsstand, change it, compare, apply back; names are unique', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const codes = await byCode(api);
    const base = await api['scenarios.save']({ name: 'Verwaltungsentwurf', description: 'Stand der Verwaltung' });
    expect(base.settings.frames).toEqual({ 2026: 23_000_000, 2027: 33_000_000, 2028: 36_000_000, 2029: 30_000_000 });
    expect(base.settings.fixed[codes['M-7.01'].id]).toMatchObject({ fixed: 'in' });
    await expect(api['scenarios.save']({ name: 'verwaltungsentwurf' })).rejects.toThrow(/Ein Szenario „verwaltungsentwurf“ gibt es schon/u);

    // "Mobilität zuerst": Rufbus fixed in, 2027 frame +80.000 €.
    await api['measures.setFixed']({ measureId: codes['M-6.01'].id, fixed: 'in', reason: 'Antrag der Fraktionen' });
    await api['frames.set']({ frames: [{ year: 2027, amountCents: 41_000_000 }] });
    const mob = await api['scenarios.save']({ name: 'Mobilität zuerst' });
    const cmp = await api['scenarios.compare']({ a: base.id, b: mob.id });
    expect(cmp.a.name).toBe('Verwaltungsentwurf');
    expect(cmp.b.statusText).toBe('optimal (bewiesen)');
    expect(cmp.onlyInA.map((m) => m.code)).toEqual([]);
    expect(cmp.onlyInB.map((m) => m.code)).toEqual(['M-6.01']);
    expect(cmp.valueDiffText).toBe('+6,68');
    expect(cmp.eigenanteilDiffCents).toBe(13_500_000 + 9_200_000 + 9_400_000);
    expect(cmp.frameDiffs).toEqual([{ year: 2027, a: 33_000_000, b: 41_000_000 }]);
    expect(cmp.fixedDiffs).toEqual([{ measureId: codes['M-6.01'].id, code: 'M-6.01', a: null, b: 'in' }]);
    expect(cmp.weightDiffs).toEqual([]);
    const vsNow = await api['scenarios.compare']({ a: ARBEITSSTAND, b: mob.id });
    expect(vsNow.a.name).toBe('Arbeitsstand');
    expect(vsNow.onlyInA.length + vsNow.onlyInB.length).toBe(0);

    const applied = await api['scenarios.apply']({ id: base.id });
    expect(applied).toEqual(base.settings);
    expect((await api['frames.get']({})).frames.find((f) => f.year === 2027)?.amountCents).toBe(33_000_000);
    const status = await api['history.status']({});
    expect(status.undo?.summary).toBe('Szenario „Verwaltungsentwurf“ angewendet');

    // Running the optimiser on a scenario does not touch the Arbeitsstand.
    const onMob = await api['optimiser.run']({ scenarioId: mob.id });
    expect(onMob.source.name).toBe('Mobilität zuerst');
    expect(onMob.measures.find((m) => m.code === 'M-6.01')?.included).toBe(true);
    expect((await api['scenarios.list']({})).map((s) => s.name)).toEqual(['Mobilität zuerst', 'Verwaltungsentwurf']);
    await expect(api['scenarios.compare']({ a: 'fehlt', b: mob.id })).rejects.toThrow(/Das Szenario wurde nicht gefunden/u);
  });

  it('a scenario whose weights no longer fit the criteria is refused with a reason; compare says so per side', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const sc = await api['scenarios.save']({ name: 'Alt' });
    // Dringlichkeit (15 points) goes, its points move to the first criterion: valid now, but the scenario's weights add up to 85.
    const cs = await api['criteria.list']({});
    await api['criteria.saveAll']({ criteria: cs.filter((c) => c.id !== 'dringlichkeit').map((c, i) => ({ id: c.id, name: c.name, description: c.description, weight: i === 0 ? 45 : c.weight, ko: c.ko })) });
    await expectRefused(t.path, () => api['scenarios.apply']({ id: sc.id }),
      /^Das Szenario „Alt“ passt nicht mehr zu den Kriterien \(sie wurden seit dem Speichern geändert\): Die Gewichte ergeben zusammen 85 statt 100 Punkte\./u);
    const cmp = await api['scenarios.compare']({ a: sc.id, b: ARBEITSSTAND });
    expect(cmp.a.status).toBe('invalid');
    expect(cmp.b.status).toBe('optimal');
  });
});

describe('undo and redo', () => {
  it('restore exactly: scores, weights, criteria with their scores, frames, decisions, scenarios, a measure with its scores', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const codes = await byCode(api);
    const cs = await api['criteria.list']({});
    expect(await roundTrip(t, () => api['scores.set']({ measureId: codes['M-1.01'].id, criterionId: cs[1].id, rater: 1, score: 9 })))
      .toBe('Rückgängig gemacht: M-1.01: „Dringlichkeit“, Bewertung 1: 6 → 9');
    await roundTrip(t, () => api['scores.set']({ measureId: codes['M-1.01'].id, criterionId: cs[1].id, rater: 2, score: 3 }));
    await roundTrip(t, () => api['scores.set']({ measureId: codes['M-1.01'].id, criterionId: cs[1].id, rater: 1, score: null }));
    await roundTrip(t, () => api['scores.setMany']({ scores: [{ measureId: codes['M-1.01'].id, criterionId: cs[0].id, rater: 1, score: 1 }, { measureId: codes['M-1.02'].id, criterionId: cs[0].id, rater: 1, score: 2 }] }));
    const sc = await api['scenarios.save']({ name: 'A' });
    await roundTrip(t, () => api['scenarios.save']({ id: sc.id, name: 'B', description: 'umbenannt' }));
    await api['frames.set']({ frames: [{ year: 2027, amountCents: 1 }] });
    await api['measures.setFixed']({ measureId: codes['M-1.01'].id, fixed: 'out' });
    await roundTrip(t, () => api['scenarios.apply']({ id: sc.id }));
    await roundTrip(t, () => api['scenarios.delete']({ id: sc.id }));
    const set = cs.map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight, ko: c.ko }));
    expect(await roundTrip(t, () => api['criteria.saveAll']({ criteria: set.map((c, i) => ({ ...c, weight: i === 0 ? 20 : i === 1 ? 25 : c.weight })) })))
      .toBe('Rückgängig gemacht: Gewichte der Kriterien geändert');
    await roundTrip(t, () => api['criteria.saveAll']({ criteria: [{ ...set[0], weight: 45 }, ...set.slice(2)] }));
    await roundTrip(t, () => api['criteria.delete']({ id: cs[2].id }));
    await roundTrip(t, () => api['criteria.save']({ id: cs[3].id, name: 'Umsetzbarkeit', ko: true, koThreshold: 4 }));
    const now = await api['criteria.list']({});
    await roundTrip(t, () => api['criteria.reorder']({ ids: [...now].reverse().map((c) => c.id) }));
    expect(await roundTrip(t, () => api['frames.set']({ frames: [{ year: 2027, amountCents: 2 }] }))).toBe('Rückgängig gemacht: Haushaltsrahmen 2027: 330.000,00 € → 0,02 €');
    await roundTrip(t, () => api['frames.set']({ frames: [{ year: 2026, amountCents: null }, { year: 2031, amountCents: 5 }] }));
    expect(await roundTrip(t, () => api['measures.setFixed']({ measureId: codes['M-6.01'].id, fixed: 'in', reason: 'Beschluss' }))).toBe('Rückgängig gemacht: M-6.01 fest eingeplant (Beschluss)');
    await roundTrip(t, () => api['measures.setFixed']({ measureId: codes['M-7.01'].id, fixed: null }));
    // M-7.01 has scores, a fixed decision and a dependent (M-7.02).
    expect(await roundTrip(t, () => api['measures.delete']({ id: codes['M-7.01'].id }))).toBe('Rückgängig gemacht: Maßnahme M-7.01 gelöscht');
    // Steps that change nothing are not logged.
    const before = (await api['history.list']({})).length;
    await api['scores.set']({ measureId: codes['M-1.02'].id, criterionId: cs[0].id, rater: 1, score: 2 });
    await api['frames.set']({ frames: [{ year: 2027, amountCents: 2 }] });
    await api['measures.setFixed']({ measureId: codes['M-6.01'].id, fixed: 'in', reason: 'Beschluss' });
    expect((await api['history.list']({})).length).toBe(before);
  });
});
