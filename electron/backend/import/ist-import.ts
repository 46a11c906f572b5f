// Ist from a Kämmerei workbook (XLSX) or CSV: read with the importer's reader (bounded rows and
// columns, formulas as their results), every row checked against the plan, matched to a budget
// line by measure code and/or Produkt/Kostenstelle and year. Check first (writes nothing); apply
// writes all rows in one transaction as one undo step, or refuses and changes nothing.
import { parseEuroToCents } from '../../../shared/domain/money.ts';
import { newId } from '../../../shared/domain/ids.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import {
  IST_IMPORT_FIELDS, IST_IMPORT_HEADERS, type Actual, type ActualKind, type IstImportField, type IstImportReport, type IstImportRow,
} from '../../../shared/domain/monitoring.ts';
import type { BudgetLine } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { listBudgetLines } from '../repos/budget.ts';
import { changeGroup, logChange, type ChangeContext } from '../repos/changelog.ts';
import { findActual, putActual } from '../repos/monitoring.ts';
import { asText, readImportFile, type Cell, type Table } from './read.ts';

const key = (s: string) => s.toLocaleLowerCase('de-DE').replace(/[^\p{L}\p{N}]/gu, '');

function recognise(headers: string[]): Partial<Record<IstImportField, string>> {
  const out: Partial<Record<IstImportField, string>> = {};
  for (const f of IST_IMPORT_FIELDS) {
    const h = headers.find((x) => IST_IMPORT_HEADERS[f].includes(key(x)));
    if (h !== undefined) out[f] = h;
  }
  return out;
}

function cents(c: Cell): number | null {
  if (c === null) return null;
  if (typeof c === 'number') {
    const v = Math.round(c * 100);
    return Number.isSafeInteger(v) && Math.abs(c * 100 - v) < 1e-6 ? v : null;
  }
  return parseEuroToCents(c);
}

function intOf(c: Cell): number | null {
  const t = asText(c).trim();
  return /^\d+$/u.test(t) ? Number(t) : null;
}

interface Planned { row: IstImportRow; actual: Omit<Actual, 'id' | 'recordedAt'> | null }

export async function importIst(db: Db, ctx: ChangeContext, o: { fileName: string; base64: string; sheet?: string; columns?: Partial<Record<IstImportField, string>>; apply: boolean }): Promise<IstImportReport> {
  const file = await readImportFile(o.fileName, o.base64);
  const sheets = file.tables.map((t) => t.name);
  const table: Table | undefined = o.sheet ? file.tables.find((t) => t.name === o.sheet)
    : file.tables.find((t) => { const r = recognise(t.headers); return r.year && r.amount && (r.code || r.produkt || r.kostenstelle); }) ?? file.tables[0];
  if (!table) throw new AppError('invalid', o.sheet ? `Das Tabellenblatt „${o.sheet}“ gibt es in der Datei nicht.` : 'Die Datei enthält kein Tabellenblatt.');
  const columns = { ...recognise(table.headers), ...(o.columns ?? {}) };
  for (const [f, h] of Object.entries(columns)) {
    if (h && !table.headers.includes(h)) throw new AppError('invalid', `Die Spalte „${h}“ gibt es im Tabellenblatt „${table.name}“ nicht.`);
    void f;
  }
  if (!columns.year || !columns.amount || !(columns.code || columns.produkt || columns.kostenstelle)) {
    throw new AppError('invalid', 'Die Datei braucht die Spalten Jahr und Betrag sowie Maßnahme (Nr.) oder Produkt/Kostenstelle, damit jede Zeile einer Budgetposition zugeordnet werden kann.');
  }
  const idx = (f: IstImportField) => (columns[f] ? table.headers.indexOf(columns[f]!) : -1);
  const at = (cells: Cell[], f: IstImportField): Cell => { const i = idx(f); return i < 0 ? null : cells[i] ?? null; };

  const measures = new Map((db.prepare('SELECT id, code FROM measures').all() as { id: string; code: string }[]).map((m) => [m.code.toLocaleLowerCase('de-DE'), m]));
  const codeOf = new Map([...measures.values()].map((m) => [m.id, m.code]));
  const lines = listBudgetLines(db);
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    if (cells.every((c) => c === null || asText(c).trim() === '')) continue;
    const errors: string[] = [];
    const code = asText(at(cells, 'code')).trim() || null;
    const produkt = asText(at(cells, 'produkt')).trim();
    const kst = asText(at(cells, 'kostenstelle')).trim();
    const year = intOf(at(cells, 'year'));
    const qText = asText(at(cells, 'quarter')).trim().replace(/^q/iu, '');
    const quarter = qText === '' ? null : /^[1-4]$/u.test(qText) ? Number(qText) : NaN;
    const kindText = key(asText(at(cells, 'kind')));
    const kind: ActualKind = kindText.startsWith('abruf') || kindText.startsWith('förder') ? 'abruf' : 'ist';
    const amount = cents(at(cells, 'amount'));
    if (year === null || year < 2000 || year > 2100) errors.push('Jahr fehlt oder ist keine Jahreszahl zwischen 2000 und 2100.');
    if (Number.isNaN(quarter)) errors.push('Quartal: 1 bis 4 oder leer (ganzes Jahr) erwartet.');
    if (amount === null) errors.push('Betrag fehlt oder ist kein Eurobetrag (z. B. 12.500,00).');
    else if (amount < 0) errors.push('Der Betrag darf nicht negativ sein (Stornos bitte mit der Buchung verrechnen).');
    const m = code ? measures.get(code.toLocaleLowerCase('de-DE')) : undefined;
    if (code && !m) errors.push(`Eine Maßnahme ${code} gibt es im Plan nicht.`);
    let line: BudgetLine | undefined;
    if (errors.length === 0) {
      let cands = lines.filter((l) => l.year === year && (!m || l.measureId === m.id) && (!produkt || l.produkt === produkt) && (!kst || l.kostenstelle === kst));
      if (kind === 'abruf') cands = cands.filter((l) => l.fundingKind === 'foerdermittel');
      const measureIds = new Set(cands.map((l) => l.measureId));
      if (cands.length === 0) errors.push(`Keine Budgetposition ${year}${code ? ` der Maßnahme ${code}` : ''}${produkt ? `, Produkt ${produkt}` : ''}${kst ? `, Kostenstelle ${kst}` : ''}${kind === 'abruf' ? ' mit Fördermitteln' : ''} gefunden.`);
      else if (measureIds.size > 1) errors.push(`Produkt/Kostenstelle passen zu ${measureIds.size} Maßnahmen (${[...measureIds].map((id) => codeOf.get(id)).join(', ')}); bitte die Maßnahme (Nr.) angeben.`);
      // Several lines of one measure in the year: the largest Kreishaushalt line carries the booking.
      else line = [...cands].sort((a, b) => Number(b.fundingKind === 'kreishaushalt') - Number(a.fundingKind === 'kreishaushalt') || b.amountCents - a.amountCents || (a.id < b.id ? -1 : 1))[0];
    }
    const dup = line ? `${line.id}|${kind}|${year}|${quarter}` : null;
    if (dup && seen.has(dup)) errors.push(`Dieselbe Budgetposition, Art, Jahr und Quartal steht schon in Zeile ${seen.get(dup)}.`);
    else if (dup) seen.set(dup, row);
    const ok = errors.length === 0 && line !== undefined;
    const replaces = ok && findActual(db, line!.id, kind, year!, (quarter as 1 | 2 | 3 | 4 | null)) !== undefined;
    planned.push({
      row: {
        row, ok, errors, measureCode: line ? codeOf.get(line.measureId) ?? null : m?.code ?? code, year, quarter: Number.isNaN(quarter) ? null : quarter,
        kind, amountCents: amount, target: line ? `${codeOf.get(line.measureId)}, Budgetposition ${line.year} (${formatCents(line.amountCents)})` : null, replaces,
      },
      actual: ok ? {
        budgetLineId: line!.id, kind, year: year!, quarter: quarter as 1 | 2 | 3 | 4 | null, amountCents: amount!,
        source: asText(at(cells, 'source')).trim().slice(0, 300) || `Import ${o.fileName.replace(/^.*[\\/]/u, '')}, Zeile ${row}`, note: '',
      } : null,
    });
  }
  const rows = planned.map((p) => p.row);
  const errorCount = rows.filter((r) => !r.ok).length;
  const report: IstImportReport = {
    sheet: table.name, sheets, headers: table.headers, columns, rows, okCount: rows.length - errorCount, errorCount,
    totalCents: rows.reduce((a, r) => a + (r.ok ? r.amountCents! : 0), 0), applied: false,
  };
  if (!o.apply) return report;
  if (rows.length === 0) throw new AppError('import-invalid', 'Die Datei enthält keine Zeilen mit Ist-Werten.');
  if (errorCount > 0) throw new AppError('import-invalid', `${errorCount} ${errorCount === 1 ? 'Zeile ist' : 'Zeilen sind'} fehlerhaft; es wurde nichts übernommen. Bitte die Datei korrigieren oder die Zuordnung ändern.`);
  changeGroup(db, () => {
    logChange(db, ctx, 'step', 'ist-import', 'update', `Ist aus „${o.fileName.replace(/^.*[\\/]/u, '')}“ übernommen: ${rows.length} Zeilen, ${formatCents(report.totalCents)}`, undefined, undefined);
    for (const p of planned) {
      const a = p.actual!;
      const before = findActual(db, a.budgetLineId, a.kind, a.year, a.quarter);
      const after: Actual = { ...a, id: before?.id ?? newId(), recordedAt: ctx.now() };
      putActual(db, after);
      logChange(db, ctx, 'actual', after.id, before ? 'update' : 'create', `${p.row.measureCode}: ${a.kind === 'ist' ? 'Ist' : 'Abruf'} ${a.quarter ? `Q${a.quarter}/` : ''}${a.year} ${formatCents(a.amountCents)} (Import)`, before, after);
    }
  });
  return { ...report, applied: true };
}
