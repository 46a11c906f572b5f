// Beteiligungsrunde on a real plan file: Bewertungsbogen out (structure, protection, validation,
// hidden Kennung), filled in as a rater would (exceljs on the exported workbook), read back in,
// aggregated; refusals (other plan, other round, tampered, changed list, out of range) change
// nothing; a re-import replaces the rater's scores as one undo step; the chosen aggregate goes into
// the Nutzwertanalyse as one undo step.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Api } from '../../shared/api/contract.ts';
import type { RaterInfo, RoundDetail } from '../../shared/domain/rounds.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

const plans: TestPlan[] = [];
afterEach(() => { for (const p of plans.splice(0)) p.cleanup(); });

async function demo(): Promise<TestPlan> {
  const p = await openTestPlan({ demo: true, user: 'planerin' });
  plans.push(p);
  return p;
}

async function load(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** Fills the Bewertung sheet: score(measureIndex, criterionIndex) → value (undefined = leave empty). */
async function filled(api: Api, raterId: string, score: (m: number, c: number) => ExcelJS.CellValue | undefined): Promise<ExcelJS.Workbook> {
  const { base64 } = await api['rounds.exportSheet']({ raterId });
  const wb = await load(base64);
  const ws = wb.getWorksheet('Bewertung')!;
  const criteria = ws.getRow(1).cellCount - 3;
  for (let r = 2; r <= ws.rowCount; r++) {
    for (let c = 0; c < criteria; c++) {
      const v = score(r - 2, c);
      if (v !== undefined) ws.getCell(r, 4 + c).value = v;
    }
  }
  return wb;
}

async function setupRound(api: Api): Promise<{ round: RoundDetail; raters: RaterInfo[] }> {
  const round = await api['rounds.create']({ name: 'Frühjahr 2026' });
  const raters = [
    await api['rounds.addRater']({ roundId: round.id, name: 'Fachdienst Integration', group: 'verwaltung' }),
    await api['rounds.addRater']({ roundId: round.id, name: 'Kämmerei', group: 'verwaltung' }),
    await api['rounds.addRater']({ roundId: round.id, name: 'Beirat MI', group: 'beirat' }),
    await api['rounds.addRater']({ roundId: round.id, name: 'Fraktion A', group: 'kreistag' }),
  ];
  return { round, raters };
}

const changeLogCount = (p: TestPlan) => {
  const db = new Database(p.path, { readonly: true });
  try { return db.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number; } finally { db.close(); }
};

describe('Bewertungsbogen export', () => {
  it('has the Anleitung first, protected measure columns, dropdown 0–10 with an error message, and a very hidden Kennung', async () => {
    const p = await demo();
    const { round, raters } = await setupRound(p.api);
    expect(round.measures.length).toBeGreaterThan(5);
    expect(round.criteria.length).toBe(6);
    const out = await p.api['rounds.exportSheet']({ raterId: raters[2].id });
    expect(out.fileName).toBe('Bewertungsbogen – Frühjahr 2026 – Beirat MI.xlsx');
    const wb = await load(out.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Anleitung', 'Bewertung', 'Kennung']);
    const guide = wb.getWorksheet('Anleitung')!;
    expect(String(guide.getCell('A1').value)).toBe('Bewertungsbogen: Frühjahr 2026');
    expect(guide.getColumn(1).values.join(' ')).toMatch(/ganzen Zahl von 0 bis 10/u);
    const ws = wb.getWorksheet('Bewertung')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Code', 'Maßnahme', 'Ziel', ...round.criteria.map((c) => c.name)]);
    expect(ws.rowCount).toBe(round.measures.length + 1);
    expect(ws.getCell('A2').value).toBe(round.measures[0].code);
    // Only the score cells are unlocked; the sheet is protected.
    expect(ws.getCell('D2').protection?.locked).toBe(false);
    expect(ws.getCell('A2').protection?.locked ?? true).toBe(true);
    expect(ws.getCell('C2').protection?.locked ?? true).toBe(true);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const dv = ws.getCell('E3').dataValidation;
    expect(dv).toMatchObject({ type: 'list', formulae: ['"0,1,2,3,4,5,6,7,8,9,10"'], showErrorMessage: true, errorStyle: 'stop' });
    expect(dv.error).toBe('Bitte eine ganze Zahl von 0 bis 10 wählen oder die Zelle leer lassen.');
    const id = wb.getWorksheet('Kennung')!;
    expect(id.state).toBe('veryHidden');
    const keys = new Map<string, string>();
    id.eachRow((r) => { keys.set(String(r.getCell(1).value), String(r.getCell(2).value)); });
    expect(keys.get('Runde')).toBe(round.id);
    expect(keys.get('Bewertende')).toBe(raters[2].id);
    expect(keys.get('Prüfsumme')).toMatch(/^[0-9a-f]{64}$/u);
    // The round's secret never leaves the plan.
    const secret = new Database(p.path, { readonly: true }).prepare('SELECT secret FROM rounds').pluck().get() as string;
    expect(Buffer.from(out.base64, 'base64').includes(secret)).toBe(false);
  });
});

describe('returned sheets', () => {
  it('export → fill → import → aggregates; a re-import replaces the rater\'s scores, one undo step', async () => {
    const p = await demo();
    const { api } = p;
    const { round, raters } = await setupRound(api);
    const [fi, kae, beirat, fraktion] = raters;
    // Measure 0, criterion 0: Verwaltung 3 and 5, Beirat 10, Kreistag 6. Measure 1 left empty by the Beirat.
    const plan: Record<string, (m: number, c: number) => number | undefined> = {
      [fi.id]: (m, c) => (m === 0 && c === 0 ? 3 : 5),
      [kae.id]: (m, c) => (m === 0 && c === 0 ? 5 : 4),
      [beirat.id]: (m, c) => (m === 0 && c === 0 ? 10 : m === 1 ? undefined : 8),
      [fraktion.id]: (m, c) => (m === 0 && c === 0 ? '6' as unknown as number : 6),
    };
    for (const r of raters) {
      const wb = await filled(api, r.id, plan[r.id]);
      const base64 = await save(wb);
      const check = await api['rounds.checkSheet']({ fileName: `${r.name}.xlsx`, base64 });
      expect(check, r.name).toMatchObject({ ok: true, errors: [], raterId: r.id, replaces: false });
      const res = await api['rounds.importSheet']({ fileName: `${r.name}.xlsx`, base64 });
      expect(res).toMatchObject({ raterId: r.id, replaced: false });
    }
    const cells = round.measures.length * round.criteria.length;
    const detail = await api['rounds.get']({ id: round.id });
    expect(detail.returnedCount).toBe(4);
    expect(detail.raters.find((r) => r.id === beirat.id)?.returned?.scoreCount).toBe(cells - round.criteria.length);

    const agg = await api['rounds.aggregate']({ id: round.id });
    expect(agg.ratingCount).toBe(4 * cells - round.criteria.length);
    const first = agg.cells[0];
    expect(first.all).toMatchObject({ n: 4, median: 5.5, min: 3, max: 10, q1: 4.5, q3: 7 });
    expect(first.byGroup.verwaltung).toMatchObject({ n: 2, median: 4 });
    expect(first.groupMedian).toBe(6);
    expect(first.groupSpread).toBe(6);
    expect(agg.agenda[0]).toMatchObject({ measureId: round.measures[0].id, criterionId: round.criteria[0].id, highGroup: 'beirat', lowGroup: 'verwaltung' });

    // The Kämmerei sends a corrected sheet: their scores are replaced, not added.
    const again = await save(await filled(api, kae.id, () => 0));
    expect((await api['rounds.checkSheet']({ fileName: 'k2.xlsx', base64: again })).replaces).toBe(true);
    expect(await api['rounds.importSheet']({ fileName: 'k2.xlsx', base64: again })).toMatchObject({ replaced: true, scoreCount: cells });
    const after = await api['rounds.aggregate']({ id: round.id });
    expect(after.ratingCount).toBe(agg.ratingCount);
    expect(after.cells[0].byGroup.verwaltung).toMatchObject({ n: 2, median: 1.5 });
    const status = await api['history.status']({});
    expect(status.undo?.summary).toBe('Bewertungsbogen von „Kämmerei“ erneut eingelesen (' + cells + ' Bewertungen)');
    await api['history.undo']({});
    expect((await api['rounds.aggregate']({ id: round.id })).cells[0].byGroup.verwaltung).toMatchObject({ median: 4 });
  });

  it('refuses a sheet of another plan, of a round no longer there, of another round, tampered, with a changed list or out-of-range values – nothing changes', async () => {
    const p = await demo();
    const { api } = p;
    const { round, raters } = await setupRound(api);
    const other = await demo();
    const o = await setupRound(other.api);
    const refused = async (base64: string, pattern: RegExp) => {
      const before = changeLogCount(p);
      const check = await api['rounds.checkSheet']({ fileName: 'bogen.xlsx', base64 });
      expect(check.ok).toBe(false);
      expect(check.errors.join(' ')).toMatch(pattern);
      const r = await api['rounds.importSheet']({ fileName: 'bogen.xlsx', base64 }).then(() => null, (e: Error & { code: string }) => e);
      expect(r?.code).toBe('sheet-invalid');
      expect(r?.message).toMatch(/^Der Bewertungsbogen wurde nicht eingelesen; es wurde nichts geändert\. /u);
      expect(r?.message).toMatch(pattern);
      expect(changeLogCount(p)).toBe(before);
      expect((await api['rounds.aggregate']({ id: round.id })).ratingCount).toBe(0);
    };

    // Another plan (a copy of the demo, but its own plan id).
    await refused(await save(await filled(other.api, o.raters[0].id, () => 5)), /Dieser Bewertungsbogen gehört zu einem anderen Plan \(„Maßnahmenplan/u);

    // A round deleted since.
    const gone = await api['rounds.create']({ name: 'Alte Runde' });
    const goneRater = await api['rounds.addRater']({ roundId: gone.id, name: 'Gemeinde X', group: 'gemeinden' });
    const goneSheet = await save(await filled(api, goneRater.id, () => 5));
    await api['rounds.delete']({ id: gone.id });
    await refused(goneSheet, /gehört zu einer Bewertungsrunde \(„Alte Runde“\), die es in diesem Plan nicht \(mehr\) gibt/u);

    // Another round of this plan, Kennung edited to point at this one.
    const second = await api['rounds.create']({ name: 'Herbst' });
    const secondRater = await api['rounds.addRater']({ roundId: second.id, name: 'Verein Y', group: 'zivilgesellschaft' });
    const moved = await filled(api, secondRater.id, () => 5);
    moved.getWorksheet('Kennung')!.eachRow((r) => { if (r.getCell(1).value === 'Runde') r.getCell(2).value = round.id; });
    await refused(await save(moved), /Die bewertende Stelle dieses Bogens \(„Verein Y“\) gehört nicht \(mehr\) zur Bewertungsrunde „Frühjahr 2026“/u);

    // Tampered Kennung: a measure id swapped.
    const tampered = await filled(api, raters[0].id, () => 5);
    let swapped = false;
    tampered.getWorksheet('Kennung')!.eachRow((r) => { if (!swapped && r.getCell(1).value === 'Maßnahme') { r.getCell(2).value = 'fremde-id'; swapped = true; } });
    await refused(await save(tampered), /Die Kennung des Bewertungsbogens wurde verändert \(die Prüfsumme stimmt nicht\)/u);

    // Changed measure list: a code overwritten, and a row removed.
    const recoded = await filled(api, raters[0].id, () => 5);
    recoded.getWorksheet('Bewertung')!.getCell('A3').value = 'X-99';
    await refused(await save(recoded), new RegExp(`Zeile 3: erwartet Maßnahme ${round.measures[1].code}, gefunden „X-99“`, 'u'));
    const shortened = await filled(api, raters[0].id, () => 5);
    shortened.getWorksheet('Bewertung')!.spliceRows(2, 1);
    await refused(await save(shortened), new RegExp(`Zeile 2: erwartet Maßnahme ${round.measures[0].code}`, 'u'));
    // A criterion column renamed.
    const renamed = await filled(api, raters[0].id, () => 5);
    renamed.getWorksheet('Bewertung')!.getCell('D1').value = 'Mein Kriterium';
    await refused(await save(renamed), /Zelle D1: erwartet „Wirkung auf Teilhabe und Zusammenhalt“, gefunden „Mein Kriterium“/u);

    // Out of range and not whole numbers, named by cell.
    const bad = await filled(api, raters[0].id, (m, c) => (m === 1 && c === 1 ? 11 : m === 2 && c === 0 ? '7,5' : m === 3 && c === 2 ? -1 : 5));
    const codes = round.measures.map((x) => x.code);
    await refused(await save(bad), new RegExp(`Zelle E3 \\(${codes[1]}, „Dringlichkeit“\\): „11“ ist keine ganze Zahl von 0 bis 10\\.`, 'u'));
    const check = await api['rounds.checkSheet']({ fileName: 'b.xlsx', base64: await save(bad) });
    expect(check.errors).toHaveLength(3);
    expect(check.errors[1]).toMatch(new RegExp(`^Zelle D4 \\(${codes[2]}, .*\\): „7,5“`, 'u'));
    expect(check.errors[2]).toMatch(/^Zelle F5 .*„-1“/u);

    // Not a workbook at all, and a workbook that is not a Bewertungsbogen.
    const csv = Buffer.from('Code;Titel\n1;2').toString('base64');
    await expect(api['rounds.checkSheet']({ fileName: 'bogen.xlsx', base64: csv })).rejects.toThrow(/keine Excel-Arbeitsmappe/u);
    await expect(api['rounds.importSheet']({ fileName: 'bogen.csv', base64: csv })).rejects.toThrow('Bitte den ausgefüllten Bewertungsbogen als Excel-Datei (.xlsx) wählen.');
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Tabelle1').addRow(['a']);
    await refused(await save(plain), /kein Bewertungsbogen der Zusammenhalt-Werkbank/u);
  });

  it('a closed round takes no more sheets; the chosen aggregate goes into the Nutzwertanalyse as one undo step', async () => {
    const p = await demo();
    const { api } = p;
    const { round, raters } = await setupRound(api);
    const values: Record<number, number> = { 0: 6, 1: 7, 2: 2, 3: 9 };
    for (const [i, r] of raters.entries()) {
      await api['rounds.importSheet']({ fileName: 'b.xlsx', base64: await save(await filled(api, r.id, () => values[i])) });
    }
    const scoresNow = () => {
      const db = new Database(p.path, { readonly: true });
      try { return db.prepare('SELECT measure_id, criterion_id, rater, score FROM criterion_scores ORDER BY 1, 2, 3').all(); } finally { db.close(); }
    };
    const before = scoresNow();
    const m0 = round.measures[0].id;
    const c0 = round.criteria[0].id;
    // Verwaltung median 6.5 → 7 (half up); a second rater's score is removed.
    const res = await api['rounds.applyToScores']({ id: round.id, mode: 'gruppe', group: 'verwaltung' });
    expect(res.changed).toBeGreaterThan(0);
    const after = scoresNow() as { measure_id: string; criterion_id: string; rater: number; score: number }[];
    expect(after.filter((x) => x.measure_id === m0 && x.criterion_id === c0)).toEqual([{ measure_id: m0, criterion_id: c0, rater: 1, score: 7 }]);
    expect(after.filter((x) => x.rater === 1).length).toBe(round.measures.length * round.criteria.length);
    expect(after.every((x) => x.rater === 1 && x.score === 7)).toBe(true);
    const pr = await api['priorities.get']({});
    expect(pr.ranking?.every((r) => r.complete)).toBe(true);
    // Median of group medians: Verwaltung 6.5, Beirat 2, Kreistag 9 → 6.5 → 7 as well; all: median(6,7,2,9) = 6.5 → 7.
    expect((await api['rounds.applyToScores']({ id: round.id, mode: 'alle' })).changed).toBe(0);
    await api['history.undo']({});
    expect(scoresNow()).toEqual(before);

    await api['rounds.update']({ id: round.id, status: 'abgeschlossen' });
    const late = await save(await filled(api, raters[0].id, () => 1));
    const check = await api['rounds.checkSheet']({ fileName: 'spät.xlsx', base64: late });
    expect(check.errors).toEqual(['Die Bewertungsrunde „Frühjahr 2026“ ist abgeschlossen; Bögen können nicht mehr eingelesen werden.']);
  });

  it('raters and rounds: German refusals, delete and undo bring back raters with their scores', async () => {
    const p = await demo();
    const { api } = p;
    const { round, raters } = await setupRound(api);
    await expect(api['rounds.addRater']({ roundId: round.id, name: 'kämmerei', group: 'kreistag' })).rejects.toThrow(/„kämmerei“ ist in dieser Runde schon eingetragen/u);
    await expect(api['rounds.create']({ name: '  ' })).rejects.toThrow('Bitte einen Namen für die Bewertungsrunde angeben.');
    await expect(api['rounds.applyToScores']({ id: round.id, mode: 'gruppe' })).rejects.toThrow('Bitte die Gruppe wählen, deren Median übernommen wird.');
    await api['rounds.importSheet']({ fileName: 'b.xlsx', base64: await save(await filled(api, raters[0].id, () => 4)) });
    const n = (await api['rounds.aggregate']({ id: round.id })).ratingCount;
    expect(n).toBeGreaterThan(0);
    await api['rounds.delete']({ id: round.id });
    expect(await api['rounds.list']({})).toEqual([]);
    await api['history.undo']({});
    const back = await api['rounds.get']({ id: round.id });
    expect(back.raters.map((r) => r.name)).toEqual(raters.map((r) => r.name));
    expect((await api['rounds.aggregate']({ id: round.id })).ratingCount).toBe(n);
  });
});
