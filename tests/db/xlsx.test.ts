// XLSX/CSV exchange: the export reads back into an empty plan as the same plan (lossless round trip),
// a file with one bad row changes nothing and says where and why in German, CSV from German
// spreadsheet programs (";", German decimals, with or without BOM, even Windows-1252) is understood.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EURO_FORMAT } from '../../electron/backend/export/xlsx.ts';
import { generatePlan } from '../../electron/backend/synthetic.ts';
import type { Api } from '../../shared/api/contract.ts';
import type { ImportMapping } from '../../shared/domain/exchange.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

let t: TestPlan | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** Everything the exchange carries, without timestamps, keyed by stable id. */
async function content(api: Api) {
  const measures = (await api['measures.list']({})).map(({ createdAt: _c, updatedAt: _u, ...m }) => m).sort((a, b) => a.id.localeCompare(b.id));
  const budget = (await Promise.all(measures.map((m) => api['measures.get']({ id: m.id })))).flatMap((d) => d.budgetLines).sort((a, b) => a.id.localeCompare(b.id));
  const actors = (await api['actors.list']({})).sort((a, b) => a.id.localeCompare(b.id));
  const responsibilities = (await api['responsibilities.list']({})).sort((a, b) => `${a.measureId}${a.actorId}`.localeCompare(`${b.measureId}${b.actorId}`));
  return { measures, budget, actors, responsibilities, totals: await api['budget.totals']({}) };
}

async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

async function toBase64(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('XLSX export', () => {
  it('has one sheet per kind with bold frozen German headers, autofilter, ids and exact euro amounts', async () => {
    t = await openTestPlan({ demo: true });
    const x = await t.api['export.xlsx']({});
    expect(x.fileName).toBe('plan.xlsx');
    const wb = await workbook(x.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Maßnahmen', 'Budgetpositionen', 'Akteure', 'Zuständigkeiten']);
    for (const ws of wb.worksheets) {
      expect(ws.getRow(1).font?.bold, ws.name).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter, ws.name).toBeTruthy();
    }
    const budget = wb.getWorksheet('Budgetpositionen')!;
    expect((budget.getRow(1).values as unknown[]).slice(1)).toEqual(['ID', 'Maßnahme-ID', 'Maßnahme', 'Jahr', 'Betrag (EUR)', 'Kostenart', 'Finanzierung', 'Produkt', 'Kostenstelle', 'Förderprogramm', 'Förderquote (%)', 'Stand', 'Anmerkung']);
    expect(budget.getColumn(5).numFmt).toBe(EURO_FORMAT);
    const totals = await t.api['budget.totals']({});
    let cents = 0;
    budget.eachRow((row, n) => { if (n > 1) cents += Math.round((row.getCell(5).value as number) * 100); });
    expect(cents).toBe(totals.totalCents);
    const measures = wb.getWorksheet('Maßnahmen')!;
    expect(measures.rowCount).toBe(13);
    expect(measures.getRow(2).getCell(2).value).toBe('M-1.01');
  });
});

describe('XLSX round trip', () => {
  it('export → import into an empty plan gives the same measures, budget lines, actors and responsibilities', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const original = await content(api);
    const x = await api['export.xlsx']({});

    await api['plan.new']({ path: join(t.dir, 'leer.wirplan'), title: 'Leer' });
    const emptyPrint = fingerprint(join(t.dir, 'leer.wirplan'));
    const preview = await api['import.preview']({ fileName: 'musterland.xlsx', base64: x.base64 });
    expect(preview.format).toBe('xlsx');
    expect(preview.sheets.map((s) => [s.name, s.kind, s.rowCount])).toEqual([
      ['Maßnahmen', 'measures', 12], ['Budgetpositionen', 'budget', original.budget.length], ['Akteure', 'actors', 16], ['Zuständigkeiten', 'responsibilities', original.responsibilities.length],
    ]);
    const mapping = preview.mapping as ImportMapping;
    expect(Object.keys(mapping.measures!.columns)).toEqual(expect.arrayContaining(['id', 'code', 'title', 'baustelle', 'status', 'goal', 'need', 'ausgangslage', 'description', 'risks', 'grundmauern', 'fragen', 'responsible']));
    expect(mapping.measures!.columns.total).toBeUndefined();
    expect(preview.fields.budget.find((f) => f.key === 'amount')).toEqual({ key: 'amount', label: 'Betrag (EUR)', requiredForCreate: true });

    const report = await api['import.validate']({ fileName: 'musterland.xlsx', base64: x.base64, mapping });
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual({
      actors: { create: 16, update: 0, unchanged: 0, invalid: 0 },
      measures: { create: 12, update: 0, unchanged: 0, invalid: 0 },
      responsibilities: { create: original.responsibilities.length, update: 0, unchanged: 0, invalid: 0 },
      budget: { create: original.budget.length, update: 0, unchanged: 0, invalid: 0 },
    });
    expect(fingerprint(join(t.dir, 'leer.wirplan'))).toBe(emptyPrint); // validate writes nothing

    const applied = await api['import.apply']({ fileName: 'musterland.xlsx', base64: x.base64, mapping });
    expect(applied.summary).toBe(`Import aus „musterland.xlsx“: Akteure: 16 neu, 0 geändert; Maßnahmen: 12 neu, 0 geändert; Zuständigkeiten: ${original.responsibilities.length} neu, 0 geändert; Budgetpositionen: ${original.budget.length} neu, 0 geändert.`);
    const copy = await content(api);
    expect(copy.actors).toEqual(original.actors);
    expect(copy.measures).toEqual(original.measures);
    expect(copy.budget).toEqual(original.budget);
    expect(copy.responsibilities).toEqual(original.responsibilities);
    expect(copy.totals).toEqual(original.totals);

    // Importing the same file again changes nothing.
    const again = await api['import.validate']({ fileName: 'musterland.xlsx', base64: x.base64, mapping });
    expect(again.counts.measures).toEqual({ create: 0, update: 0, unchanged: 12, invalid: 0 });
    expect(again.rows.every((r) => r.matchedBy === 'id')).toBe(true);

    // One undo step takes the whole import back.
    const u = await api['history.undo']({});
    expect(u.summary).toMatch(/^Rückgängig gemacht: Import aus „musterland\.xlsx“/u);
    expect(fingerprint(join(t.dir, 'leer.wirplan'))).toBe(emptyPrint);
  });

  it('a file with one bad row changes nothing, and the report names the row and the problem in German', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const x = await api['export.xlsx']({});
    const wb = await workbook(x.base64);
    const budget = wb.getWorksheet('Budgetpositionen')!;
    budget.getRow(4).getCell(5).value = '12,3x';
    budget.getRow(2).getCell(4).value = 2026; // a harmless edit elsewhere
    const measures = wb.getWorksheet('Maßnahmen')!;
    measures.getRow(3).getCell(3).value = 'Neuer Titel, der nicht übernommen werden darf';
    const bad = await toBase64(wb);
    const mapping = (await api['import.preview']({ fileName: 'geaendert.xlsx', base64: bad })).mapping as ImportMapping;
    const before = fingerprint(path);
    const report = await api['import.validate']({ fileName: 'geaendert.xlsx', base64: bad, mapping });
    expect(report.ok).toBe(false);
    const wrong = report.rows.filter((r) => !r.ok);
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ kind: 'budget', sheet: 'Budgetpositionen', row: 4, action: null });
    expect(wrong[0].errors).toEqual(['Zeile 4: Betrag (EUR) „12,3x“ ist kein Betrag in Euro (z. B. 1.234,56).']);
    expect(report.summary).toMatch(/^1 Zeile ist fehlerhaft; es wird nichts übernommen/u);
    expect(report.rows.find((r) => r.kind === 'measures' && r.row === 3)).toMatchObject({ ok: true, action: 'update', matchedBy: 'id' });

    await expect(api['import.apply']({ fileName: 'geaendert.xlsx', base64: bad, mapping })).rejects.toMatchObject({
      code: 'import-invalid', message: expect.stringMatching(/^Der Import wurde nicht ausgeführt, weil 1 Zeile fehlerhaft ist; der Plan ist unverändert\. Zeile 4: Betrag/u),
    });
    expect(fingerprint(path)).toBe(before);
  });

  it('refuses two rows for the same measure (by ID or by Nummer) and the same budget line, naming both rows', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const wb = await workbook((await api['export.xlsx']({})).base64);
    const measures = wb.getWorksheet('Maßnahmen')!;
    const head = (ws: ExcelJS.Worksheet, name: string) => (ws.getRow(1).values as unknown[]).indexOf(name);
    const [idCol, codeCol, titleCol] = [head(measures, 'ID'), head(measures, 'Nummer'), head(measures, 'Titel')];
    expect(Math.min(idCol, codeCol, titleCol)).toBeGreaterThan(0);
    // Row 6 repeats row 2's ID with another title; row 7 (no ID) repeats row 3's Nummer.
    const copy = (from: number, to: number) => measures.getRow(from).eachCell((c, i) => { measures.getRow(to).getCell(i).value = c.value; });
    const last = measures.rowCount;
    copy(2, last + 1);
    measures.getRow(last + 1).getCell(titleCol).value = 'Zweite Fassung, die nicht still gewinnen darf';
    copy(3, last + 2);
    measures.getRow(last + 2).getCell(idCol).value = null;
    const budget = wb.getWorksheet('Budgetpositionen')!;
    const bLast = budget.rowCount;
    budget.getRow(2).eachCell((c, i) => { budget.getRow(bLast + 1).getCell(i).value = c.value; });
    const file = await toBase64(wb);
    const mapping = (await api['import.preview']({ fileName: 'doppelt.xlsx', base64: file })).mapping as ImportMapping;
    const before = fingerprint(path);
    const report = await api['import.validate']({ fileName: 'doppelt.xlsx', base64: file, mapping });
    expect(report.ok).toBe(false);
    const wrong = report.rows.filter((r) => !r.ok).map((r) => `${r.kind}:${r.row}`).sort();
    expect(wrong).toEqual([`budget:${bLast + 1}`, 'budget:2', `measures:${last + 1}`, `measures:${last + 2}`, 'measures:2', 'measures:3'].sort());
    const m2 = report.rows.find((r) => r.kind === 'measures' && r.row === last + 1)!;
    expect(m2.errors.join(' ')).toMatch(new RegExp(`^Zeile ${last + 1}: Doppelt: Maßnahme .+ steht schon in Zeile 2\\..*Zeilen 2 und ${last + 1} zusammenführen`, 'u'));
    expect(report.rows.find((r) => r.kind === 'measures' && r.row === 2)!.errors).toEqual([`Zeile 2: Doppelt: Zeile ${last + 1} betrifft dasselbe Objekt (${m2.errors[0].match(/Doppelt: (.+) steht schon/u)![1]}).`]);
    expect(report.rows.find((r) => r.kind === 'measures' && r.row === last + 2)!.errors[0]).toMatch(/steht schon in Zeile 3\./u);
    await expect(api['import.apply']({ fileName: 'doppelt.xlsx', base64: file, mapping })).rejects.toMatchObject({ code: 'import-invalid' });
    expect(fingerprint(path)).toBe(before);
  });

  it('reports unknown values, missing references and the responsible rule per row', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const csv = [
      'Nummer;Titel;Baustelle;Status;verantwortlich;Beginn Jahr',
      'M-9.01;Neue Idee;B2;Idee;;2027',
      'M-9.02;Ohne Baustelle;B9;Idee;;',
      'M-9.03;Falscher Status;3;fertig;;',
      'M-9.04;Beschlossen ohne Stelle;Aktive Kommunikation;beschlossen;;',
      'M-9.05;Mit Stelle;Baustelle 4;in Planung;Jobcenter Musterland;1999',
      'M-9.06;Mit Stelle;4 Positive Effekte;in Planung;Jobcenter Musterland;2027',
    ].join('\r\n');
    const base64 = Buffer.from(csv, 'utf8').toString('base64');
    const preview = await api['import.preview']({ fileName: 'massnahmen.csv', base64 });
    expect(preview.format).toBe('csv');
    expect(preview.sheets[0]).toMatchObject({ name: 'massnahmen', kind: 'measures', rowCount: 6 });
    const report = await api['import.validate']({ fileName: 'massnahmen.csv', base64, mapping: preview.mapping as ImportMapping });
    const byRow = Object.fromEntries(report.rows.map((r) => [r.row, r]));
    expect(byRow[2]).toMatchObject({ ok: true, action: 'create' });
    expect(byRow[3].errors).toEqual(['Zeile 3: Baustelle „B9“ ist unbekannt (möglich: B1 bis B7, die Nummer 1 bis 7 oder der Kurztitel).']);
    expect(byRow[4].errors[0]).toMatch(/^Zeile 4: Status „fertig“ ist unbekannt \(möglich: Idee, in Planung, beschlussreif/u);
    expect(byRow[5].errors).toEqual(['Zeile 5: Für den Status „beschlossen“ braucht die Maßnahme M-9.04 eine verantwortliche Stelle (Spalte „verantwortlich“ oder Blatt Zuständigkeiten).']);
    expect(byRow[6].errors).toEqual(['Zeile 6: Beginn Jahr „1999“: erwartet wird eine ganze Zahl von 2000 bis 2100.']);
    expect(byRow[7]).toMatchObject({ ok: true, action: 'create' });
    expect(report.counts.measures).toEqual({ create: 2, update: 0, unchanged: 0, invalid: 4 });
  });
});

describe('CSV import', () => {
  it('reads ";"-separated German decimals, with BOM or as Windows-1252, and matches measures by Nummer', async () => {
    t = await openTestPlan({ demo: true });
    const { api } = t;
    const m = Object.fromEntries((await api['measures.list']({})).map((r) => [r.code, r]));
    const csv = [
      'Maßnahme;Jahr;Betrag (EUR);Kostenart;Finanzierung;Förderprogramm;Förderquote (%);Stand;Anmerkung',
      'M-2.01;2027;1.234,56;Sachkosten;Fördermittel;"Programm ""Teilhabe""; Landesmittel";75,5;beantragt;"zwei',
      'Zeilen"',
      'M-6.02;2028;99,9;Personal;Kreishaushalt;;;geplant;',
    ].join('\r\n');
    for (const [name, bytes] of [
      ['budget-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')])],
      ['budget-1252.csv', Buffer.from(csv, 'latin1')],
    ] as const) {
      const base64 = bytes.toString('base64');
      const preview = await api['import.preview']({ fileName: name, base64 });
      expect(preview.sheets[0].kind, name).toBe('budget');
      expect(preview.sheets[0].columns.map((c) => c.header)[0], name).toBe('Maßnahme');
      const report = await api['import.validate']({ fileName: name, base64, mapping: preview.mapping as ImportMapping });
      expect(report.ok, JSON.stringify(report.rows.flatMap((r) => r.errors))).toBe(true);
      // Rows as a spreadsheet program shows them: the quoted line break stays inside row 2.
      expect(report.rows.map((r) => r.row)).toEqual([2, 3]);
    }
    const base64 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]).toString('base64');
    const preview = await api['import.preview']({ fileName: 'budget.csv', base64 });
    await api['import.apply']({ fileName: 'budget.csv', base64, mapping: preview.mapping as ImportMapping });
    const lines = (await api['measures.get']({ id: m['M-2.01'].id })).budgetLines.filter((l) => l.year === 2027);
    expect(lines).toEqual([expect.objectContaining({
      amountCents: 123_456, costKind: 'sachkosten', fundingKind: 'foerdermittel', programme: 'Programm "Teilhabe"; Landesmittel', foerderquoteBp: 7_550, state: 'beantragt', note: 'zwei\nZeilen',
    })]);
    const kh = (await api['measures.get']({ id: m['M-6.02'].id })).budgetLines.find((l) => l.year === 2028 && l.fundingKind === 'kreishaushalt');
    expect(kh).toMatchObject({ amountCents: 9_990, costKind: 'personal', foerderquoteBp: null });
    expect((await api['budget.totals']({})).byMeasure[m['M-2.01'].id]).toBe(m['M-2.01'].totalCents + 123_456);

    // A measures CSV updates by Nummer and leaves unmapped fields alone.
    const upd = Buffer.from('Nummer;Ziel\nM-1.01;Ein neues Ziel\n', 'utf8').toString('base64');
    const p2 = await api['import.preview']({ fileName: 'ziele.csv', base64: upd });
    const r2 = await api['import.apply']({ fileName: 'ziele.csv', base64: upd, mapping: p2.mapping as ImportMapping });
    expect(r2.report.rows[0]).toMatchObject({ action: 'update', matchedBy: 'code', entityId: m['M-1.01'].id });
    const after = (await api['measures.get']({ id: m['M-1.01'].id })).measure;
    expect(after.goal).toBe('Ein neues Ziel');
    expect(after.title).toBe(m['M-1.01'].title);
    expect(after.status).toBe(m['M-1.01'].status);
  });

  it('refuses files that are not spreadsheets, in German', async () => {
    t = await openTestPlan();
    await expect(t.api['import.preview']({ fileName: 'plan.xlsx', base64: Buffer.from('kein zip').toString('base64') })).rejects.toThrow(/keine Excel-Arbeitsmappe/u);
    await expect(t.api['import.preview']({ fileName: 'bild.png', base64: 'AAAA' })).rejects.toThrow(/Bitte eine Excel-Datei \(\.xlsx\) oder eine CSV-Datei \(\.csv\) wählen/u);
  });
});

describe('XLSX export of a large plan', () => {
  it('exports 500 measures with 5,000 budget lines and reads back all amounts', async () => {
    t = await openTestPlan();
    generatePlan(join(t.dir, 'gross.wirplan'), 'M', 7, { session: t.session });
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const x = await t.api['export.xlsx']({});
    const cpu = process.cpuUsage(cpu0);
    console.log(`[xlsx] 500 measures, 5,000 budget lines: ${(performance.now() - started).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${Math.round(x.base64.length * 0.75)} bytes`);
    const s1 = performance.now();
    const preview = await t.api['import.preview']({ fileName: 'gross.xlsx', base64: x.base64 });
    const report = await t.api['import.validate']({ fileName: 'gross.xlsx', base64: x.base64, mapping: preview.mapping as ImportMapping });
    console.log(`[xlsx] preview + validate of the same file: ${(performance.now() - s1).toFixed(0)} ms`);
    expect(report.ok).toBe(true);
    expect(report.counts.budget.unchanged).toBe(5_000);
    expect(report.counts.measures.unchanged).toBe(500);
  }, 60_000);
});
