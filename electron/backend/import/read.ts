// Reading an import file into plain tables: .xlsx through exceljs (values, not formulas: a formula
// cell gives its last result), .csv as exported by German spreadsheet programs (";" separated,
// quotes per RFC 4180, UTF-8 with or without BOM; a file that is not UTF-8 is read as Windows-1252,
// which is what Excel writes for "CSV (Trennzeichen-getrennt)").
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';

/** A cell: text, a number (as typed in a spreadsheet), or empty. */
export type Cell = string | number | null;

export interface Table {
  name: string;
  /** The first row (column headers), as text. */
  headers: string[];
  /** Data rows; `row` is the spreadsheet row number (header = 1). */
  rows: { row: number; cells: Cell[] }[];
}

export interface ImportFile {
  format: 'xlsx' | 'csv';
  tables: Table[];
}

const MAX_ROWS = 50_000;
const MAX_COLUMNS = 200;

const tooBig = () => new AppError('invalid', `Die Datei enthält zu viele Zeilen (höchstens ${MAX_ROWS.toLocaleString('de-DE')} je Tabellenblatt).`);

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'ja' : 'nein';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink cell: its text, never the link
    if ('error' in v) return null;
  }
  return null;
}

export function asText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : String(c).replace('.', ',');
  return c;
}

async function readXlsx(bytes: Uint8Array): Promise<Table[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid', 'Die Datei lässt sich nicht als Excel-Arbeitsmappe (.xlsx) lesen. Bitte die Datei in Excel oder LibreOffice als .xlsx speichern.');
  }
  const tables: Table[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_ROWS + 1) throw tooBig();
    const width = Math.min(MAX_COLUMNS, ws.columnCount);
    const read = (r: ExcelJS.Row): Cell[] => Array.from({ length: width }, (_, i) => {
      const c = cellValue(r.getCell(i + 1).value);
      return typeof c === 'string' ? (c.trim() === '' ? null : c) : c;
    });
    let headerRow = 0;
    let headers: string[] = [];
    const rows: Table['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (r, n) => {
      const cells = read(r);
      if (headerRow === 0) {
        if (cells.every((c) => c === null)) return;
        headerRow = n;
        headers = cells.map((c) => asText(c).trim());
        return;
      }
      if (cells.every((c) => c === null)) return;
      rows.push({ row: n, cells });
    });
    while (headers.length > 0 && headers.at(-1) === '' && rows.every((r) => r.cells[headers.length - 1] === null)) headers.pop();
    tables.push({ name: ws.name, headers, rows: rows.map((r) => ({ row: r.row, cells: r.cells.slice(0, headers.length) })) });
  }
  return tables;
}

function decodeText(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

/** RFC 4180 with a chosen separator; quoted fields may contain separators, quotes ("") and line breaks. */
export function parseCsv(textIn: string, sep?: string): string[][] {
  const textAll = textIn.replace(/^\uFEFF/u, '');
  const firstLine = textAll.slice(0, textAll.search(/\r?\n|$/u));
  const s = sep ?? (firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : firstLine.includes(',') ? ',' : ';');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < textAll.length) {
    const ch = textAll[i];
    if (quoted) {
      if (ch === '"') {
        if (textAll[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === s) { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(field); field = '';
      rows.push(row); row = [];
      if (rows.length > MAX_ROWS + 1) throw tooBig();
      i += ch === '\r' && textAll[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; i++;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

function readCsv(bytes: Uint8Array, name: string): Table[] {
  const rows = parseCsv(decodeText(bytes));
  const headerIdx = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIdx < 0) return [{ name, headers: [], rows: [] }];
  const headers = rows[headerIdx].slice(0, MAX_COLUMNS).map((h) => h.trim());
  const out: Table['rows'] = [];
  for (let i = headerIdx + 1; i < rows.length; i++) {
    const cells = headers.map((_, k) => {
      const v = rows[i][k];
      return v === undefined || v.trim() === '' ? null : v;
    });
    if (cells.every((c) => c === null)) continue;
    out.push({ row: i + 1, cells });
  }
  return [{ name, headers, rows: out }];
}

export async function readImportFile(fileName: string, base64: string): Promise<ImportFile> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('invalid', 'Die Datei ist leer.');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/iu.test(fileName) || isZip) {
    if (!isZip) throw new AppError('invalid', 'Die Datei ist keine Excel-Arbeitsmappe (.xlsx). Ältere .xls-Dateien bitte zuerst als .xlsx speichern.');
    return { format: 'xlsx', tables: await readXlsx(bytes) };
  }
  const base = fileName.replace(/^.*[\\/]/u, '').replace(/\.(csv|txt)$/iu, '');
  return { format: 'csv', tables: readCsv(bytes, base || 'CSV') };
}
