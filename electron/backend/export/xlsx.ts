// The plan as an Excel workbook for exchange: one sheet each for Maßnahmen, Budgetpositionen, Akteure
// and Zuständigkeiten, German headers (the same import recognises), stable ids, money as numbers in
// euros with a euro number format. Amounts are cents / 100: the nearest double to the exact decimal,
// which reads back to the same cents (import rounds to whole cents).
import ExcelJS from 'exceljs';
import { EXCHANGE_FIELDS, SHEET_NAMES, type ImportKind } from '../../../shared/domain/exchange.ts';
import {
  ACTOR_KIND_LABELS, BUDGET_STATE_LABELS, COST_KIND_LABELS, FUNDING_KIND_LABELS, MEASURE_STATUS_LABELS, ROLE_LABELS,
} from '../../../shared/domain/enums.ts';
import { compareCodes } from '../../../shared/domain/nutzwert.ts';
import { safeText } from './docx.ts';
import type { PlanSnapshot } from './snapshot.ts';

/** Number format of euro amounts (Excel and LibreOffice show "1.234,56 €" in a German locale). */
export const EURO_FORMAT = '#,##0.00 "€"';
export const PERCENT_FORMAT = '0.##';

type Value = string | number | null;

interface SheetSpec {
  kind: ImportKind;
  /** Column widths in characters, by field key (default 14). */
  widths: Record<string, number>;
  rows: Value[][];
  money: string[];
  percent?: string[];
}

const cents = (c: number) => c / 100;

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const fields = EXCHANGE_FIELDS[spec.kind];
  const ws = wb.addWorksheet(SHEET_NAMES[spec.kind], { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }] });
  ws.columns = fields.map((f) => ({ header: f.header, key: f.key, width: spec.widths[f.key] ?? 14 }));
  for (const row of spec.rows) ws.addRow(row.map((v) => (typeof v === 'string' ? safeText(v) : v)));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE3EC' } };
  fields.forEach((f, i) => {
    const col = ws.getColumn(i + 1);
    if (spec.money.includes(f.key)) col.numFmt = EURO_FORMAT;
    if (spec.percent?.includes(f.key)) col.numFmt = PERCENT_FORMAT;
    if (!spec.money.includes(f.key) && !spec.percent?.includes(f.key) && (spec.widths[f.key] ?? 14) >= 30) col.alignment = { wrapText: true, vertical: 'top' };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, spec.rows.length + 1), column: fields.length } };
}

export async function buildPlanXlsx(snap: PlanSnapshot): Promise<Uint8Array> {
  const baustelle = new Map(snap.catalogue.baustellen.map((b) => [b.id, b]));
  const actorName = new Map(snap.actors.map((a) => [a.id, a.name]));
  const measures = [...snap.measures].sort((a, b) => compareCodes(a.code, b.code));
  const code = new Map(measures.map((m) => [m.id, m.code]));
  const order = new Map(measures.map((m, i) => [m.id, i]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zusammenhalt-Werkbank';
  wb.lastModifiedBy = 'Zusammenhalt-Werkbank';
  wb.title = safeText(snap.info.title);
  wb.subject = `Austauschdatei des Maßnahmenplans${snap.info.landkreis ? ` – ${safeText(snap.info.landkreis)}` : ''}`;
  const when = new Date(snap.takenAt);
  wb.created = Number.isNaN(when.getTime()) ? new Date(0) : when;
  wb.modified = wb.created;

  addSheet(wb, {
    kind: 'measures', money: ['total'],
    widths: { id: 38, code: 10, title: 40, baustelle: 10, furtherBaustellen: 14, status: 14, goal: 40, need: 40, ausgangslage: 40, description: 50, risks: 40, notes: 30, grundmauern: 22, fragen: 22, responsible: 32, total: 16 },
    rows: measures.map((m) => [
      m.id, m.code, m.title, baustelle.get(m.baustelleId)?.id ?? m.baustelleId, m.furtherBaustellenIds.join('; '),
      MEASURE_STATUS_LABELS[m.status] ?? m.status, m.startYear, m.startQuarter, m.endYear, m.endQuarter,
      m.goal, m.need, m.ausgangslage ?? '', m.description, m.risks ?? '', m.notes, m.grundmauerIds.join('; '), m.frageIds.join('; '),
      m.responsibleActorName ?? '', cents(m.totalCents),
    ]),
  });

  const lines = [...snap.budgetLines].sort((a, b) => (order.get(a.measureId) ?? 0) - (order.get(b.measureId) ?? 0) || a.year - b.year || (a.id < b.id ? -1 : 1));
  addSheet(wb, {
    kind: 'budget', money: ['amount'], percent: ['quote'],
    widths: { id: 38, measureId: 38, measureCode: 10, year: 8, amount: 16, costKind: 12, fundingKind: 18, programme: 34, quote: 12, note: 30 },
    rows: lines.map((l) => [
      l.id, l.measureId, code.get(l.measureId) ?? '', l.year, cents(l.amountCents), COST_KIND_LABELS[l.costKind] ?? l.costKind,
      FUNDING_KIND_LABELS[l.fundingKind] ?? l.fundingKind, l.produkt, l.kostenstelle, l.programme,
      l.foerderquoteBp === null ? null : l.foerderquoteBp / 100, BUDGET_STATE_LABELS[l.state] ?? l.state, l.note,
    ]),
  });

  addSheet(wb, {
    kind: 'actors', money: [],
    widths: { id: 38, name: 44, kind: 26, orgUnit: 30, contactPerson: 24, contactDetails: 30, notes: 30 },
    rows: [...snap.actors].sort((a, b) => a.name.localeCompare(b.name, 'de')).map((a) => [
      a.id, a.name, ACTOR_KIND_LABELS[a.kind] ?? a.kind, a.orgUnit, a.contactPerson, a.contactDetails, a.notes,
    ]),
  });

  const roleOrder = ['verantwortlich', 'federfuehrend', 'mitwirkend', 'zu-informieren'];
  addSheet(wb, {
    kind: 'responsibilities', money: [],
    widths: { measureId: 38, measureCode: 10, actorId: 38, actorName: 44, role: 16 },
    rows: [...snap.responsibilities]
      .sort((a, b) => (order.get(a.measureId) ?? 0) - (order.get(b.measureId) ?? 0) || roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || (actorName.get(a.actorId) ?? '').localeCompare(actorName.get(b.actorId) ?? '', 'de'))
      .map((r) => [r.measureId, code.get(r.measureId) ?? '', r.actorId, actorName.get(r.actorId) ?? '', ROLE_LABELS[r.role] ?? r.role]),
  });

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

export function xlsxFileName(snap: PlanSnapshot): string {
  return `${snap.info.fileName.replace(/\.wirplan$/u, '')}.xlsx`;
}
