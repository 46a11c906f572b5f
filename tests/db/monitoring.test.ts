// Umsetzung on real plan files through the real contract: Ist, Messwerte, Meilensteine, Ampel von
// Hand, Steuerungsgruppe view, Sachstandsbericht (figures recomputed from the SQLite rows),
// "Bericht festschreiben" with its Änderungen, undo of every write, and the Fortschreibung.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCents } from '../../shared/domain/money.ts';
import type { Api } from '../../shared/api/contract.ts';
import { checkDocxXml } from '../helpers/docx-xml.ts';
import { part, unzip } from '../helpers/office.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

const ST = '2026-12-01';
let t: TestPlan | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function row(api: Api, code: string, stichtag = ST) {
  const o = await api['monitoring.overview']({ stichtag });
  return o.rows.find((r) => r.code === code)!;
}

function text(xml: string): string {
  return (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/gu) ?? []).map((x) => x.replace(/<[^>]+>/gu, '')).join('')
    .replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"')
    // Amounts keep their "€" on the same line (no-break space); compared as typed.
    .replaceAll('\u00a0', ' ');
}

describe('demo plan at the Stichtag', () => {
  it('has one late step (M-3.01 verzögert) and one measure whose money does not flow (M-7.01 gefährdet)', async () => {
    t = await openTestPlan({ demo: true });
    const o = await t.api['monitoring.overview']({ stichtag: ST });
    const overdue = o.rows.flatMap((r) => r.overdue.map((x) => `${r.code}: ${x.title}`));
    expect(overdue).toEqual(['M-3.01: Porträtserie „Menschen in Musterland“ gestartet']);
    const by = Object.fromEntries(o.rows.map((r) => [r.code, r.ampel.effective]));
    expect(by['M-3.01']).toBe('verzoegert');
    expect(by['M-7.01']).toBe('gefaehrdet');
    expect(['M-1.01', 'M-2.01', 'M-6.02'].map((c) => by[c])).toEqual(['im-plan', 'im-plan', 'im-plan']);
    expect(by['M-4.02']).toBe('nicht-begonnen');
    // Sums from the rows themselves.
    const db = new Database(t.path, { readonly: true });
    const soll = (db.prepare('SELECT SUM(amount_cents) AS c FROM budget_lines').get() as { c: number }).c;
    const ist = (db.prepare("SELECT SUM(amount_cents) AS c FROM budget_actuals WHERE kind = 'ist'").get() as { c: number }).c;
    db.close();
    expect(o.totals.sollCents).toBe(soll);
    expect(o.totals.istCents).toBe(ist);
    expect(o.byBaustelle.reduce((a, g) => a + g.istCents, 0)).toBe(ist);
    expect(o.byActor.reduce((a, g) => a + g.sollCents, 0)).toBe(soll);
    expect(o.totals.foerderAbgerufenCents).toBe(2_000_000);
    expect(o.totals.foerderBewilligtCents).toBe(3_360_000); // 80 % of 42.000 €
  });
});

describe('recording the Umsetzung', () => {
  it('Ist, Messwert, Meilenstein and Ampel von Hand change the view and are undone step by step', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = (await api['measures.list']({})).find((x) => x.code === 'M-7.01')!;
    const detail = await api['monitoring.measure']({ measureId: m.id, stichtag: ST });
    const line = detail.lines.find((l) => l.year === 2026)!;
    // Ist brings the money back above 50 % of the expected Soll.
    await api['actuals.save']({ budgetLineId: line.id, kind: 'ist', year: 2026, quarter: 4, amountCents: 2_000_000, source: 'Kämmerei' });
    expect((await row(api, 'M-7.01')).ampel.effective).toBe('im-plan');
    expect((await row(api, 'M-7.01')).ampel.istCents).toBe(5_500_000);
    // Saving the same line/kind/quarter again replaces the value.
    await api['actuals.save']({ budgetLineId: line.id, kind: 'ist', year: 2026, quarter: 4, amountCents: 500_000 });
    expect((await row(api, 'M-7.01')).ampel.istCents).toBe(4_000_000);
    await expect(api['actuals.save']({ budgetLineId: line.id, kind: 'abruf', year: 2026, amountCents: 1 })).rejects.toThrow(/Fördermitteln/u);
    await expect(api['actuals.save']({ budgetLineId: line.id, kind: 'ist', year: 2026, amountCents: -5 })).rejects.toThrow(/negativ/u);

    const ind = detail.indicators[0];
    const v = await api['measurements.save']({ indicatorId: ind.id, date: '2026-11-30', value: 11, source: 'Förderdatenbank' });
    expect((await api['monitoring.measure']({ measureId: m.id, stichtag: ST })).indicators[0].progress.latest).toEqual({ date: '2026-11-30', value: 11 });
    await expect(api['measurements.save']({ indicatorId: ind.id, date: '2026-02-30', value: 1 })).rejects.toThrow(/Datum gibt es nicht/u);

    const late = (await row(api, 'M-3.01')).overdue[0];
    await api['milestones.setDone']({ id: late.id, done: true, doneOn: '2026-11-20' });
    const r31 = await row(api, 'M-3.01');
    expect(r31.overdue).toEqual([]);
    expect(r31.ampel.effective).toBe('im-plan');
    expect(r31.ampel.reasons.some((x) => x.text.includes('verspätet'))).toBe(true);

    await expect(api['ampel.override']({ measureId: m.id, ampel: 'gefaehrdet', reason: ' ' })).rejects.toThrow(/begründen/u);
    await api['ampel.override']({ measureId: m.id, ampel: 'gefaehrdet', reason: 'Zweite Förderrunde verschoben' });
    const over = await row(api, 'M-7.01');
    expect(over.ampel.effective).toBe('gefaehrdet');
    expect(over.ampel.derived).toBe('im-plan');

    // Undo, newest first: override, milestone done (both rows in one step), Messwert, Ist (2×).
    await api['history.undo']({});
    expect((await row(api, 'M-7.01')).ampel.override).toBeNull();
    await api['history.undo']({});
    expect((await row(api, 'M-3.01')).overdue).toHaveLength(1);
    const db = new Database(t.path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM milestone_done WHERE milestone_id = ?').get(late.id)).toEqual({ n: 0 });
    db.close();
    await api['history.undo']({});
    expect((await api['monitoring.measure']({ measureId: m.id, stichtag: ST })).indicators[0].values.some((x) => x.id === v.id)).toBe(false);
    await api['history.undo']({});
    expect((await row(api, 'M-7.01')).ampel.istCents).toBe(5_500_000);
    await api['history.undo']({});
    expect((await row(api, 'M-7.01')).ampel.istCents).toBe(3_500_000);
    await api['history.redo']({});
    expect((await row(api, 'M-7.01')).ampel.istCents).toBe(5_500_000);
  });

  it('the remembered overview follows writes of this and of another connection', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    expect((await row(api, 'M-3.01')).ampel.effective).toBe('verzoegert');
    const other = new Database(t.path);
    other.prepare("UPDATE measures SET status = 'abgeschlossen' WHERE code = 'M-3.01'").run();
    other.close();
    expect((await row(api, 'M-3.01')).ampel.effective).toBe('abgeschlossen');
  });

  it('deleting a budget line, an indicator or a measure takes its Umsetzung along, and undo brings it back', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = (await api['measures.list']({})).find((x) => x.code === 'M-2.01')!;
    const before = await api['monitoring.measure']({ measureId: m.id, stichtag: ST });
    const line = before.lines[0];
    expect(line.actuals).toHaveLength(2);
    await api['budget.delete']({ id: line.id });
    expect((await api['monitoring.measure']({ measureId: m.id, stichtag: ST })).lines).toHaveLength(0);
    await api['history.undo']({});
    expect((await api['monitoring.measure']({ measureId: m.id, stichtag: ST })).lines[0].actuals).toEqual(line.actuals);
    await api['indicators.delete']({ id: before.indicators[0].id });
    await api['history.undo']({});
    expect((await api['monitoring.measure']({ measureId: m.id, stichtag: ST })).indicators[0].values).toEqual(before.indicators[0].values);
    await api['ampel.override']({ measureId: m.id, ampel: 'verzoegert', reason: 'Übersetzungsbüro insolvent' });
    await api['measures.delete']({ id: m.id });
    await api['history.undo']({});
    const back = await api['monitoring.measure']({ measureId: m.id, stichtag: ST });
    expect(back.lines[0].actuals).toEqual(line.actuals);
    expect(back.milestones.filter((x) => x.doneOn)).toEqual(before.milestones.filter((x) => x.doneOn));
    expect(back.ampel.override?.reason).toBe('Übersetzungsbüro insolvent');
  });
});

describe('Sachstandsbericht', () => {
  it('is a Mitteilungsvorlage zur Kenntnis whose every sum equals the integer cents of the plan', async () => {
    t = await openTestPlan({ demo: true });
    const r = await t.api['export.bericht']({ stichtag: ST });
    const zip = unzip(Buffer.from(r.base64, 'base64'));
    const doc = part(zip, 'word/document.xml');
    const all = text(doc);
    expect(all).toContain('Mitteilungsvorlage');
    expect(all).toContain('zur Kenntnis');
    expect(all).not.toContain('Beschlussvorschlag');
    for (const h of ['Stand der Umsetzung', 'Mittelabfluss', 'Indikatoren', 'Verzögerungen und Hemmnisse', 'Änderungen seit dem letzten Bericht', 'Ausblick']) {
      expect(doc).toMatch(new RegExp(`<w:pStyle w:val="Heading1"/>.*?${h}`, 'u'));
    }
    const db = new Database(t.path, { readonly: true });
    const soll = (db.prepare('SELECT SUM(amount_cents) AS c FROM budget_lines').get() as { c: number }).c;
    const ist = (db.prepare("SELECT SUM(amount_cents) AS c FROM budget_actuals WHERE kind = 'ist'").get() as { c: number }).c;
    const years = db.prepare('SELECT year, SUM(amount_cents) AS c FROM budget_lines GROUP BY year').all() as { year: number; c: number }[];
    const istYears = db.prepare("SELECT year, SUM(amount_cents) AS c FROM budget_actuals WHERE kind = 'ist' GROUP BY year").all() as { year: number; c: number }[];
    const perBaustelle = db.prepare('SELECT m.baustelle_id AS b, SUM(l.amount_cents) AS c FROM budget_lines l JOIN measures m ON m.id = l.measure_id GROUP BY b').all() as { b: string; c: number }[];
    db.close();
    expect(all).toContain(`Summe${formatCents(soll)}${formatCents(ist)}`);
    for (const y of years) expect(all).toContain(`${y.year}${formatCents(y.c)}${formatCents(istYears.find((x) => x.year === y.year)?.c ?? 0)}`);
    for (const b of perBaustelle) expect(all).toContain(formatCents(b.c));
    // Ampel as symbol and word; charts with alt text; document language and table header rows.
    expect(all).toContain('■ verzögert');
    expect(all).toContain('▲ gefährdet');
    expect(doc).toMatch(/descr="Liniendiagramm zum Indikator/u);
    expect(doc).toContain('<w:tblHeader/>');
    expect(part(zip, 'word/styles.xml')).toContain('w:val="de-DE"');
    expect(all).toContain('Porträtserie');
    // Well-formed, one pStyle per paragraph, every table with a header row, headings with outline levels.
    const report = checkDocxXml(zip);
    expect(report.problems).toEqual([]);
    expect(report.outlineLevels.Heading1).toBe(0);
  });

  it('anonymised: no person name of the plan reaches the Bericht, also not from free text', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = (await api['measures.list']({})).find((x) => x.code === 'M-7.01')!;
    await api['ampel.override']({ measureId: m.id, ampel: 'gefaehrdet', reason: 'Laut Frau Dr. Yildiz (yildiz@musterland.de) fehlt Personal' });
    const plain = text(part(unzip(Buffer.from((await api['export.bericht']({ stichtag: ST })).base64, 'base64')), 'word/document.xml'));
    expect(plain).toContain('Laut Frau Dr. Yildiz');
    const anon = text(part(unzip(Buffer.from((await api['export.bericht']({ stichtag: ST, anonymise: true })).base64, 'base64')), 'word/document.xml'));
    expect(anon).toContain('[entfernt] ([entfernt]) fehlt Personal');
    for (const person of ['Yildiz', 'Brandt', 'Keller', 'Nowak', 'Osei', 'Haddad', 'Vogt']) expect(anon).not.toContain(person);
  });

  it('after "Bericht festschreiben" lists what changed since, and the festschreiben is undoable', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const b = await api['bericht.festschreiben']({ stichtag: ST, name: 'Sachstandsbericht 2026', gremium: 'Sozialausschuss' });
    expect((await api['bericht.list']({})).map((x) => x.id)).toEqual([b.id]);
    expect((await api['snapshots.list']({})).some((x) => x.name === 'Sachstandsbericht 2026')).toBe(true);
    const late = (await row(api, 'M-3.01')).overdue[0];
    await api['milestones.setDone']({ id: late.id, done: true, doneOn: '2026-12-15' });
    const m = (await api['measures.list']({})).find((x) => x.code === 'M-1.01')!;
    await api['measures.update']({ id: m.id, patch: { status: 'in-umsetzung' } });
    const o = await api['monitoring.overview']({ stichtag: '2026-12-20' });
    expect(o.lastBericht?.id).toBe(b.id);
    expect((o.rows.find((r) => r.code === 'M-3.01')!.changes)).toEqual(expect.arrayContaining(['Ampel: verzögert → im Plan', '1 Umsetzungsschritt erledigt']));
    expect(o.rows.find((r) => r.code === 'M-1.01')!.changes).toContain('Status: beschlossen → in Umsetzung');
    const doc = text(part(unzip(Buffer.from((await api['export.bericht']({ stichtag: '2026-12-20' })).base64, 'base64')), 'word/document.xml'));
    expect(doc).toContain('Verglichen wird mit dem Bericht „Sachstandsbericht 2026“');
    expect(doc).toContain('Status: beschlossen → in Umsetzung');
    await api['history.undo']({});
    await api['history.undo']({});
    await api['history.undo']({});
    expect(await api['bericht.list']({})).toEqual([]);
  });
});

describe('Fortschreibung', () => {
  it('starts a new plan file with the chosen measures (ids kept), closes finished ones, links the predecessor', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const p = await api['fortschreibung.preview']({});
    expect(p.suggestedFirstYear).toBe(2030);
    const byCode = Object.fromEntries(p.candidates.map((c) => [c.code, c]));
    const carry = ['M-1.01', 'M-3.01', 'M-7.01'].map((c) => byCode[c].measureId);
    const close = [byCode['M-6.02'].measureId];
    const target = join(t.dir, 'fortschreibung.wirplan');
    writeFileSync(join(t.dir, 'taken.wirplan'), 'x');
    await expect(api['fortschreibung.create']({ path: join(t.dir, 'taken.wirplan'), title: 'X', firstYear: 2030, lastYear: 2033, carryOverIds: carry })).rejects.toThrow(/gibt es bereits/u);
    await expect(api['fortschreibung.create']({ path: target, title: 'X', firstYear: 2030, lastYear: 2033, carryOverIds: close, closeIds: close })).rejects.toThrow(/zugleich/u);
    const r = await api['fortschreibung.create']({ path: target, title: p.suggestedTitle, firstYear: 2030, lastYear: 2033, carryOverIds: carry, closeIds: close });
    expect(r.carried).toBe(3);
    expect((await api['plan.info']({}))?.path).toBe(target);
    expect((await api['measures.list']({})).map((m) => m.id).sort()).toEqual([...carry].sort());
    expect(await api['plan.predecessor']({})).toMatchObject({ path: t.path, title: 'Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029', period: '2025–2029' });
    // The history came along, but nothing before the Fortschreibung can be undone in the new plan.
    expect((await api['history.list']({ limit: 5 }))[0].summary).toMatch(/^Fortschreibung von/u);
    await expect(api['history.undo']({})).rejects.toThrow();
    // The predecessor: the finished measure is abgeschlossen there, the file otherwise unchanged.
    expect(existsSync(t.path)).toBe(true);
    await api['plan.open']({ path: t.path });
    expect((await api['measures.list']({})).find((m) => m.id === close[0])!.status).toBe('abgeschlossen');
    expect((await api['measures.list']({}))).toHaveLength(12);
  });
});

describe('Ist aus der Kämmerei', () => {
  async function workbook(rows: (string | number | null)[][]): Promise<string> {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Buchungen 2026');
    ws.addRow(['Haushaltsjahr', 'Quartal', 'Produkt', 'Kostenstelle', 'Maßnahme', 'Ist-Betrag', 'Buchungstext']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }

  it('checks every row, then applies all as one undo step; one bad row changes nothing', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const good = await workbook([
      [2026, 4, '', '', 'M-7.01', 25_000.5, 'Förderrunde 2'],
      [2026, null, '31.10.01', '5010', 'M-1.01', '17.250,00', 'Werkstätten'],
      [2026, 4, '', '', 'M-3.01', 1200, 'Porträtserie'],
    ]);
    const check = await api['actuals.import']({ fileName: 'Kaemmerei.xlsx', base64: good });
    expect(check.columns).toMatchObject({ year: 'Haushaltsjahr', amount: 'Ist-Betrag', code: 'Maßnahme', produkt: 'Produkt' });
    expect(check.rows.map((r) => [r.ok, r.measureCode, r.amountCents, r.replaces])).toEqual([
      [true, 'M-7.01', 2_500_050, false], [true, 'M-1.01', 1_725_000, true], [true, 'M-3.01', 120_000, false],
    ]);
    expect((await row(api, 'M-7.01')).ampel.istCents).toBe(3_500_000); // nothing written by the check

    const bad = await workbook([[2026, 4, '', '', 'M-7.01', 1000, ''], [2026, 5, '', '', 'M-9.99', 'viel', '']]);
    const badCheck = await api['actuals.import']({ fileName: 'k.xlsx', base64: bad });
    expect(badCheck.rows[1].errors).toEqual(expect.arrayContaining(['Quartal: 1 bis 4 oder leer (ganzes Jahr) erwartet.', expect.stringMatching(/Betrag fehlt/u)]));
    const db0 = new Database(t.path, { readonly: true });
    const before = db0.prepare('SELECT COUNT(*) AS n, SUM(amount_cents) AS c FROM budget_actuals').get();
    db0.close();
    await expect(api['actuals.import']({ fileName: 'k.xlsx', base64: bad, apply: true })).rejects.toThrow(/nichts übernommen/u);
    const db1 = new Database(t.path, { readonly: true });
    expect(db1.prepare('SELECT COUNT(*) AS n, SUM(amount_cents) AS c FROM budget_actuals').get()).toEqual(before);
    db1.close();

    const applied = await api['actuals.import']({ fileName: 'Kaemmerei.xlsx', base64: good, apply: true });
    expect(applied.applied).toBe(true);
    expect((await row(api, 'M-7.01')).ampel.istCents).toBe(6_000_050);
    expect((await row(api, 'M-1.01')).ampel.istCents).toBe(1_725_000);
    await api['history.undo']({});
    expect((await row(api, 'M-7.01')).ampel.istCents).toBe(3_500_000);
    expect((await row(api, 'M-1.01')).ampel.istCents).toBe(1_650_000);
  });

  it('reads a CSV of the Kämmerei and refuses a Produkt that fits several measures', async () => {
    t = await openTestPlan({ demo: true });
    const csv = 'Jahr;Produkt;Kostenstelle;Betrag\n2026;31.10.01;5010;"1.000,00"\n';
    const r = await t.api['actuals.import']({ fileName: 'ist.csv', base64: Buffer.from(csv, 'utf8').toString('base64') });
    expect(r.rows[0].ok).toBe(false);
    expect(r.rows[0].errors[0]).toMatch(/passen zu \d+ Maßnahmen .*bitte die Maßnahme \(Nr\.\) angeben/u);
    await expect(t.api['actuals.import']({ fileName: 'ist.csv', base64: Buffer.from('Name;Wert\nx;1\n').toString('base64') })).rejects.toThrow(/braucht die Spalten Jahr und Betrag/u);
  });
});
