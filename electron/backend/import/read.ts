// Reading an import file into plain tables: .xlsx through exceljs (values, not formulas: a formula
// cell gives its last result), .csv as exported by German spreadsheet programs (";" separated,
// quotes per RFC 4180, UTF-8 with or without BOM; a file that is not UTF-8 is read as Windows-1252,
// which is what Excel writes for "CSV (Trennzeichen-getrennt)").
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';
import { checkXlsxArchive } from './zip-guard.ts';

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

export const MAX_ROWS = 50_000;
export const MAX_COLUMNS = 200;
/** Excel's own limit for the text of one cell. */
export const MAX_CELL_CHARS = 32_767;
export const MAX_SHEETS = 50;
/** Wall-clock budget for reading the rows of a workbook, ms (the archive check has its own). */
const READ_DEADLINE_MS = 30_000;

const tooBig = () => new AppError('invalid', `Die Datei enthält zu viele Zeilen (höchstens ${MAX_ROWS.toLocaleString('de-DE')} je Tabellenblatt). Es wurde nichts übernommen.`);
const tooWide = (where: string) => new AppError('invalid', `${where} hat Einträge in mehr als ${MAX_COLUMNS} Spalten (höchstens ${MAX_COLUMNS}). Es wurde nichts übernommen.`);
const tooLong = (where: string) => new AppError('invalid', `${where} enthält eine Zelle mit mehr als ${MAX_CELL_CHARS.toLocaleString('de-DE')} Zeichen (so viel fasst auch Excel nicht). Es wurde nichts übernommen.`);

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

/** Decodes a byte stream as UTF-8 across chunk boundaries (a character split between two chunks stays whole). */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.write(c);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  parse(): AsyncGenerator<{ eventType: string; value: unknown }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs's streaming reader decodes every inflated chunk on its own (utils/parse-sax.js), so an
 * umlaut that straddles two chunks turns into "��" (the non-streaming reader does not do that).
 * Its parts therefore get text that is already decoded: entries with setEncoding, worksheets
 * through utf8() above (which also covers the temp files it uses for sheets stored before the
 * shared strings).
 */
function streamingReader(bytes: Buffer): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  const r = reader as unknown as ReaderInternals;
  const base = {
    rels: r._parseRels.bind(r), workbook: r._parseWorkbook.bind(r), styles: r._parseStyles.bind(r),
    strings: r._parseSharedStrings.bind(r), sheet: r._parseWorksheet.bind(r),
  };
  r._parseRels = (entry) => base.rels(entry.setEncoding('utf8'));
  r._parseWorkbook = (entry) => base.workbook(entry.setEncoding('utf8'));
  r._parseStyles = (entry) => base.styles(entry.setEncoding('utf8'));
  r._parseSharedStrings = (entry) => base.strings(entry.setEncoding('utf8'));
  r._parseWorksheet = (iterator, sheetNo) => base.sheet(utf8(iterator), sheetNo);
  r.parse = () => partsInOrder(bytes, r);
  return reader;
}

/** The archive's entries by name (yauzl reads the central directory of the buffer; nothing inflated yet). */
function openArchive(bytes: Buffer): Promise<{ zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry> }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no archive'));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (e: yauzl.Entry) => { entries.set(e.fileName, e); zip.readEntry(); });
      zip.on('end', () => resolve({ zip, entries }));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream))));
}

/**
 * Replaces exceljs's single streaming pass over the archive (unzipper's Parse, entries in stored
 * order), which races on Node ≥ 18: a worksheet can be parsed before xl/workbook.xml, and reading
 * then fails now and then with "Cannot read properties of undefined (reading 'sheets')"
 * (exceljs#3064; workbooks written by exceljs trigger it). Here the parts are taken from the
 * central directory in dependency order — relationships, workbook, shared strings, styles — and
 * then the worksheets in number order, each still streamed row by row.
 */
async function* partsInOrder(bytes: Buffer, r: ReaderInternals): AsyncGenerator<{ eventType: string; value: unknown }> {
  const { zip, entries } = await openArchive(bytes);
  try {
    const part = (name: string) => entries.get(name);
    const rels = part('xl/_rels/workbook.xml.rels');
    if (rels) await r._parseRels(await openEntry(zip, rels));
    const workbook = part('xl/workbook.xml');
    if (workbook) await r._parseWorkbook(await openEntry(zip, workbook));
    const shared = part('xl/sharedStrings.xml');
    if (shared) yield* r._parseSharedStrings(await openEntry(zip, shared)) as AsyncGenerator<{ eventType: string; value: unknown }>;
    const styles = part('xl/styles.xml');
    if (styles) await r._parseStyles(await openEntry(zip, styles));
    const sheets = [...entries.keys()]
      .map((name) => /^xl\/worksheets\/sheet(\d+)\.xml$/u.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    for (const m of sheets) {
      yield* r._parseWorksheet(await openEntry(zip, entries.get(m[0])!), m[1]) as Generator<{ eventType: string; value: unknown }>;
    }
  } finally {
    zip.close();
  }
}

/**
 * Streams the workbook (exceljs's WorkbookReader) after checkXlsxArchive has bounded the archive:
 * rows, columns and cell length are checked while reading, so a sheet beyond the limits is refused
 * as soon as its first excess row arrives, never held in memory.
 */
async function readXlsx(bytes: Buffer): Promise<Table[]> {
  await checkXlsxArchive(bytes);
  const deadline = Date.now() + READ_DEADLINE_MS;
  const reader = streamingReader(bytes);
  const tables: Table[] = [];
  try {
    for await (const ws of reader) {
      if (tables.length >= MAX_SHEETS) throw new AppError('invalid', `Die Arbeitsmappe hat mehr als ${MAX_SHEETS} Tabellenblätter. Es wurde nichts übernommen.`);
      const sheet = ws as unknown as { name: string; [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row> };
      const where = `Das Tabellenblatt „${sheet.name}“`;
      let headerRow = 0;
      let headers: string[] = [];
      let width = 0;
      let streamed = 0;
      const rows: { row: number; cells: Cell[] }[] = [];
      for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
        if (Date.now() > deadline) throw new AppError('invalid', 'Das Einlesen der Arbeitsmappe dauert zu lange. Bitte die Datei verkleinern oder als CSV speichern. Es wurde nichts übernommen.');
        // Empty (e.g. only formatted) rows count too, so a sheet of a million blank rows is refused early.
        if (++streamed > 4 * MAX_ROWS) throw tooBig();
        const cells: Cell[] = [];
        let last = 0;
        r.eachCell({ includeEmpty: false }, (c, col) => {
          const v = cellValue(c.value);
          const t = typeof v === 'string' ? (v.trim() === '' ? null : v) : v;
          if (t === null) return;
          if (col > MAX_COLUMNS) throw tooWide(where);
          if (typeof t === 'string' && t.length > MAX_CELL_CHARS) throw tooLong(where);
          cells[col - 1] = t;
          last = Math.max(last, col);
        });
        if (last === 0) continue;
        const full = Array.from({ length: last }, (_, i) => cells[i] ?? null);
        if (headerRow === 0) {
          headerRow = r.number;
          headers = full.map((c) => asText(c).trim());
          width = headers.length;
          continue;
        }
        width = Math.max(width, last);
        if (rows.length >= MAX_ROWS) throw tooBig();
        rows.push({ row: r.number, cells: full });
      }
      while (headers.length < width) headers.push('');
      while (headers.length > 0 && headers.at(-1) === '' && rows.every((r) => (r.cells[headers.length - 1] ?? null) === null)) headers.pop();
      tables.push({ name: sheet.name, headers, rows: rows.map((r) => ({ row: r.row, cells: headers.map((_, i) => r.cells[i] ?? null) })) });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    // The planner gets the German reason; the cause goes to the local log for whoever supports them.
    console.error('[import] workbook unreadable:', e);
    throw new AppError('invalid', 'Die Datei lässt sich nicht als Excel-Arbeitsmappe (.xlsx) lesen. Bitte die Datei in Excel oder LibreOffice als .xlsx speichern.');
  }
  // In the workbook's order of sheets (the archive may store them in any order).
  const order = ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((x) => x.name);
  return tables.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
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
      field += ch; i++;
      if (field.length > MAX_CELL_CHARS) throw tooLong(`Die Zeile ${rows.length + 1}`);
      continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === s) {
      row.push(field); field = ''; i++;
      if (row.length > MAX_COLUMNS) throw tooWide(`Die Zeile ${rows.length + 1}`);
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(field); field = '';
      rows.push(row); row = [];
      if (rows.length > MAX_ROWS + 1) throw tooBig();
      i += ch === '\r' && textAll[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; i++;
    if (field.length > MAX_CELL_CHARS) throw tooLong(`Die Zeile ${rows.length + 1}`);
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  if (rows.length > MAX_ROWS + 1) throw tooBig();
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
