// Budget series and the Planungszeitraum on a real plan file through the real backend: a series is
// one entry whose years are budget lines everywhere (totals, Finanzplan), one undo step, refused
// line edits; the Planungszeitraum is validated, undoable and used by `werkbank check`.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPlan } from '../../electron/backend/cli.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

let t: TestPlan | undefined;
afterEach(() => { t?.cleanup(); t = undefined; });

describe('budget series', () => {
  it('is one entry, stored as per-year lines that every total includes, edited and undone as one step', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = (await api['measures.list']({})).find((r) => r.code === 'M-3.01')!;
    const before = await api['budget.totals']({});
    const finBefore = await api['finance.plan']({});
    const budgetRows = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from((await api['export.xlsx']({})).base64, 'base64') as unknown as ArrayBuffer);
      return wb.getWorksheet('Budgetpositionen')!.actualRowCount - 1; // without the header row
    };
    const xlsxBefore = await budgetRows();
    const fp0 = fingerprint(t.path);

    const x = await api['series.save']({ measureId: m.id, firstYear: 2026, lastYear: 2029, baseCents: 4_000_000, growthBp: 200, costKind: 'personal' });
    const lines = (await api['measures.get']({ id: m.id })).budgetLines.filter((l) => l.seriesId === x.id);
    expect(lines.map((l) => [l.year, l.amountCents])).toEqual([[2026, 4_000_000], [2027, 4_080_000], [2028, 4_161_600], [2029, 4_244_832]]);
    const seriesSum = 4_000_000 + 4_080_000 + 4_161_600 + 4_244_832;
    const after = await api['budget.totals']({});
    expect(after.totalCents).toBe(before.totalCents + seriesSum);
    expect(after.byMeasure[m.id]).toBe((before.byMeasure[m.id] ?? 0) + seriesSum);
    expect(after.byYear['2029']).toBe((before.byYear['2029'] ?? 0) + 4_244_832);
    // The Finanzplan (and so the Haushaltsrahmen check and the optimiser, which read the same lines) includes the years.
    const fin = await api['finance.plan']({});
    expect(fin.total.totalCents).toBe(finBefore.total.totalCents + seriesSum);
    expect(fin.perYear.find((y) => y.year === 2028)!.split.totalCents).toBe(finBefore.perYear.find((y) => y.year === 2028)!.split.totalCents + 4_161_600);
    expect(await budgetRows()).toBe(xlsxBefore + 4); // the XLSX for the Kämmerei has the four years as rows
    const fp1 = fingerprint(t.path);

    // A line of a series is changed only through its series.
    await expect(api['budget.update']({ id: lines[0].id, patch: { amountCents: 1 } })).rejects.toThrow(/gehört zu einer mehrjährigen Budgetreihe/u);
    await expect(api['budget.delete']({ id: lines[0].id })).rejects.toThrow(/Budgetreihe/u);

    // One edit: shorter and no growth; the kept years keep their ids.
    await api['series.save']({ id: x.id, measureId: m.id, firstYear: 2026, lastYear: 2027, baseCents: 4_000_000, growthBp: 0 });
    const edited = (await api['measures.get']({ id: m.id })).budgetLines.filter((l) => l.seriesId === x.id);
    expect(edited.map((l) => [l.year, l.amountCents])).toEqual([[2026, 4_000_000], [2027, 4_000_000]]);
    expect(edited[0].id).toBe(lines[0].id);
    expect((await api['series.list']({ measureId: m.id }))[0]).toMatchObject({ lastYear: 2027, growthBp: 0, costKind: 'personal' });

    // Undo the edit: exactly the state after creation; undo again: exactly the plan before.
    await api['history.undo']({});
    expect(fingerprint(t.path)).toEqual(fp1);
    await api['history.undo']({});
    expect(fingerprint(t.path)).toEqual(fp0);
    await api['history.redo']({});
    expect(fingerprint(t.path)).toEqual(fp1);
  });

  it('goes and comes back with its measure (delete and undo)', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = (await api['measures.list']({})).find((r) => r.code === 'M-3.01')!;
    await api['series.save']({ measureId: m.id, firstYear: 2026, lastYear: 2028, baseCents: 100_000, growthBp: 150 });
    const fp = fingerprint(t.path);
    await api['measures.delete']({ id: m.id });
    expect(await api['series.list']({})).toEqual([]);
    await api['history.undo']({});
    expect(fingerprint(t.path)).toEqual(fp);
  });

  it('refuses invalid series in German and changes nothing', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = (await api['measures.list']({}))[0];
    const fp = fingerprint(t.path);
    await expect(api['series.save']({ measureId: m.id, firstYear: 2029, lastYear: 2026, baseCents: 1, growthBp: 0 })).rejects.toThrow('Das letzte Jahr der Reihe liegt vor dem ersten.');
    await expect(api['series.save']({ measureId: m.id, firstYear: 2026, lastYear: 2027, baseCents: 1, growthBp: 0, fundingKind: 'foerdermittel' })).rejects.toThrow(/Förderquote/u);
    expect(fingerprint(t.path)).toEqual(fp);
  });
});

describe('Planungszeitraum', () => {
  it('the demo has 2026–2030; it is validated, undoable, and check names lines outside it', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    expect(await api['plan.info']({})).toMatchObject({ periodFirstYear: 2026, periodLastYear: 2030 });
    await expect(api['plan.update']({ periodFirstYear: 2030, periodLastYear: 2026 })).rejects.toThrow('Das letzte Jahr des Planungszeitraums liegt vor dem ersten.');
    await expect(api['plan.update']({ periodFirstYear: 2026, periodLastYear: null })).rejects.toThrow(/erstes und letztes Jahr/u);
    await expect(api['plan.update']({ periodFirstYear: 2026, periodLastYear: 2070 })).rejects.toThrow('höchstens 30 Jahre');
    expect(await api['plan.info']({})).toMatchObject({ periodFirstYear: 2026, periodLastYear: 2030 });

    // All demo lines lie inside: check has nothing to say about the period.
    t.session.close();
    expect(checkPlan(t.path).notes.filter((n) => n.includes('Planungszeitraum'))).toEqual([]);
    t.session.open(t.path);

    await api['plan.update']({ periodFirstYear: 2027, periodLastYear: 2028 });
    expect(await api['plan.info']({})).toMatchObject({ periodFirstYear: 2027, periodLastYear: 2028 });
    t.session.close();
    const report = checkPlan(t.path);
    expect(report.ok).toBe(true);
    const raw = new Database(t.path, { readonly: true });
    const outside = raw.prepare('SELECT COUNT(DISTINCT measure_id || year) FROM budget_lines WHERE year < 2027 OR year > 2028').pluck().get() as number;
    raw.close();
    expect(outside).toBeGreaterThan(0);
    expect(report.notes.filter((n) => /außerhalb des Planungszeitraums 2027–2028/u.test(n))).toHaveLength(outside);
    t.session.open(t.path);

    await api['history.undo']({});
    expect(await api['plan.info']({})).toMatchObject({ periodFirstYear: 2026, periodLastYear: 2030 });
  });

  it('check finds a series whose lines were changed behind its back', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = (await api['measures.list']({}))[0];
    const x = await api['series.save']({ measureId: m.id, firstYear: 2026, lastYear: 2027, baseCents: 100_000, growthBp: 0 });
    t.session.close();
    const raw = new Database(t.path);
    raw.prepare('UPDATE budget_lines SET amount_cents = 5 WHERE series_id = ? AND year = 2027').run(x.id);
    raw.close();
    const report = checkPlan(t.path);
    expect(report.ok).toBe(false);
    expect(report.findings).toContain(`Die Budgetreihe 2026–2027 der Maßnahme ${m.code} passt nicht zu ihren Budgetpositionen.`);
    t.session.open(t.path);
  });
});
