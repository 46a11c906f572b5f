// The Bewertungsbogen: one XLSX per rater of a Beteiligungsrunde (exceljs). Sheet "Anleitung" first,
// then "Bewertung" (measures with code, title, Ziel; one column per criterion; only the score cells
// are unlocked, with a list dropdown 0–10 and an error message; the sheet is protected), and a very
// hidden sheet "Kennung" (plan, round, rater, the measure and criterion ids, and an HMAC checksum
// keyed by a secret that never leaves the plan file), so a returned sheet can be verified.
import { createHmac } from 'node:crypto';
import ExcelJS from 'exceljs';
import { RATER_GROUP_LABELS, type RoundCriterion, type RoundMeasure } from '../../../shared/domain/rounds.ts';
import { SCORE_MAX, SCORE_MIN } from '../../../shared/domain/nutzwert.ts';
import { safeText } from './docx.ts';
import type { RaterRow, RoundRow } from '../repos/rounds.ts';

export const SHEET_FORMAT = 'Bewertungsbogen 1';
export const SHEET_NAMES = { guide: 'Anleitung', scores: 'Bewertung', id: 'Kennung' } as const;
/** Columns before the criteria on the Bewertung sheet. */
export const FIXED_HEADERS = ['Code', 'Maßnahme', 'Ziel'] as const;
export const KEYS = {
  format: 'Format', plan: 'Plan', planTitle: 'Plantitel', round: 'Runde', roundName: 'Rundenname', rater: 'Bewertende',
  raterName: 'Name', checksum: 'Prüfsumme', criterion: 'Kriterium', measure: 'Maßnahme',
} as const;

/** What the checksum covers: who and what the sheet is for. */
export interface SheetIdentity {
  planId: string;
  roundId: string;
  raterId: string;
  measureIds: string[];
  criterionIds: string[];
}

export function sheetChecksum(secret: string, id: SheetIdentity): string {
  return createHmac('sha256', secret)
    .update(JSON.stringify([SHEET_FORMAT, id.planId, id.roundId, id.raterId, id.measureIds, id.criterionIds]))
    .digest('hex');
}

/** Excel column letters of a 1-based index (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export interface SheetInput {
  planId: string;
  planTitle: string;
  round: RoundRow;
  rater: RaterRow;
}

const LIST = `"${Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i).join(',')}"`;
const PROTECT: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true, selectUnlockedCells: true, formatCells: false, formatColumns: true, formatRows: true,
  insertRows: false, insertColumns: false, deleteRows: false, deleteColumns: false, sort: false, autoFilter: false, spinCount: 1,
};

function guideSheet(wb: ExcelJS.Workbook, input: SheetInput): void {
  const ws = wb.addWorksheet(SHEET_NAMES.guide, { views: [{ showGridLines: false }] });
  ws.getColumn(1).width = 110;
  const { round, rater } = input;
  const lines: [string, 'title' | 'head' | 'text'][] = [
    [`Bewertungsbogen: ${round.name}`, 'title'],
    [`Plan: ${input.planTitle}`, 'text'],
    [`Für: ${rater.name} (${RATER_GROUP_LABELS[rater.group]})`, 'text'],
    ['', 'text'],
    ['So füllen Sie den Bogen aus', 'head'],
    [`1. Öffnen Sie das Tabellenblatt „${SHEET_NAMES.scores}“. Jede Zeile ist eine Maßnahme mit Code, Titel und Ziel.`, 'text'],
    [`2. Bewerten Sie jede Maßnahme in jeder Kriteriumsspalte mit einer ganzen Zahl von ${SCORE_MIN} bis ${SCORE_MAX} (Auswahlliste in der Zelle). ${SCORE_MIN} = trifft gar nicht zu, ${SCORE_MAX} = trifft voll zu.`, 'text'],
    ['3. Wenn Sie eine Maßnahme zu einem Kriterium nicht einschätzen können, lassen Sie die Zelle leer. Leere Zellen zählen nicht mit.', 'text'],
    ['4. Nur die weißen Bewertungszellen können ausgefüllt werden; alles andere ist geschützt. Bitte keine Zeilen, Spalten oder Tabellenblätter einfügen, löschen oder umbenennen.', 'text'],
    ['5. Speichern Sie die Datei als Excel-Arbeitsmappe (.xlsx) und senden Sie sie an die Planungsstelle zurück. Der Dateiname darf sich ändern.', 'text'],
    ['', 'text'],
    ['Warum Ihre Bewertung zählt', 'head'],
    ['Die Prioritäten des Maßnahmenplans sollen gemeinsam ausgehandelt werden. Die Bewertungen aller Beteiligten werden je Gruppe (Verwaltung, Kreistag, Beirat für Migration und Integration, Gemeinden, Zivilgesellschaft) zusammengefasst; wo die Gruppen am weitesten auseinanderliegen, wird gemeinsam beraten.', 'text'],
    ['', 'text'],
    ['Die Kriterien', 'head'],
    ...round.criteria.map((c) => [`${c.name}: ${c.description}`, 'text'] as [string, 'text']),
  ];
  for (const [text, kind] of lines) {
    const row = ws.addRow([safeText(text)]);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (kind === 'title') row.font = { bold: true, size: 14 };
    if (kind === 'head') row.font = { bold: true, size: 12 };
  }
}

function scoreSheet(wb: ExcelJS.Workbook, criteria: RoundCriterion[], measures: RoundMeasure[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(SHEET_NAMES.scores, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1, activeCell: 'D2' }] });
  ws.columns = [
    { header: FIXED_HEADERS[0], width: 10 }, { header: FIXED_HEADERS[1], width: 40 }, { header: FIXED_HEADERS[2], width: 50 },
    ...criteria.map((c) => ({ header: safeText(c.name), width: 18 })),
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE3EC' } };
  criteria.forEach((c, i) => { header.getCell(FIXED_HEADERS.length + 1 + i).note = safeText(c.description).slice(0, 1_000); });
  for (const m of measures) {
    const row = ws.addRow([safeText(m.code), safeText(m.title), safeText(m.ziel)]);
    row.alignment = { wrapText: true, vertical: 'top' };
    for (let i = 0; i < criteria.length; i++) {
      const cell = row.getCell(FIXED_HEADERS.length + 1 + i);
      cell.protection = { locked: false };
      cell.alignment = { horizontal: 'center', vertical: 'top' };
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      cell.dataValidation = {
        type: 'list', allowBlank: true, formulae: [LIST], showErrorMessage: true, errorStyle: 'stop',
        errorTitle: 'Ungültige Bewertung', error: `Bitte eine ganze Zahl von ${SCORE_MIN} bis ${SCORE_MAX} wählen oder die Zelle leer lassen.`,
        showInputMessage: true, promptTitle: criteria[i].name.slice(0, 32), prompt: `${SCORE_MIN} (gar nicht) bis ${SCORE_MAX} (voll)`,
      };
    }
  }
  return ws;
}

function idSheet(wb: ExcelJS.Workbook, input: SheetInput): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(SHEET_NAMES.id, { state: 'veryHidden' });
  const { round, rater } = input;
  const identity: SheetIdentity = {
    planId: input.planId, roundId: round.id, raterId: rater.id,
    measureIds: round.measures.map((m) => m.id), criterionIds: round.criteria.map((c) => c.id),
  };
  ws.addRow(['Schlüssel', 'Wert']);
  ws.addRow([KEYS.format, SHEET_FORMAT]);
  ws.addRow([KEYS.plan, input.planId]);
  ws.addRow([KEYS.planTitle, safeText(input.planTitle)]);
  ws.addRow([KEYS.round, round.id]);
  ws.addRow([KEYS.roundName, safeText(round.name)]);
  ws.addRow([KEYS.rater, rater.id]);
  ws.addRow([KEYS.raterName, safeText(rater.name)]);
  ws.addRow([KEYS.checksum, sheetChecksum(round.secret, identity)]);
  for (const id of identity.criterionIds) ws.addRow([KEYS.criterion, id]);
  for (const id of identity.measureIds) ws.addRow([KEYS.measure, id]);
  return ws;
}

export async function buildRatingSheet(input: SheetInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zusammenhalt-Werkbank';
  wb.title = `Bewertungsbogen ${input.round.name}`;
  guideSheet(wb, input);
  const scores = scoreSheet(wb, input.round.criteria, input.round.measures);
  const id = idSheet(wb, input);
  await wb.worksheets[0].protect('', PROTECT);
  await scores.protect('', PROTECT);
  await id.protect('', PROTECT);
  wb.views = [{ x: 0, y: 0, width: 20_000, height: 12_000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function ratingSheetFileName(round: RoundRow, rater: RaterRow): string {
  // Characters Windows does not allow in file names (control characters are removed by safeText).
  const clean = (s: string) => safeText(s).replace(/[\\/:*?"<>|\n]+/gu, ' ').replace(/\s+/gu, ' ').trim().slice(0, 80);
  return `Bewertungsbogen – ${clean(round.name)} – ${clean(rater.name)}.xlsx`;
}
