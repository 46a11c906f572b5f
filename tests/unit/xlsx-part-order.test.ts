// A workbook whose parts are stored in an unusual order (xl/workbook.xml last, shared strings
// before the worksheets) must read like any other. exceljs's own streaming pass parses a worksheet
// as soon as shared strings and relationships are known and then fails on the missing workbook
// model (exceljs#3064: "Cannot read properties of undefined (reading 'sheets')") — the race that
// made the XLSX import refuse sound files now and then. The importer reads the parts in
// dependency order from the central directory instead.
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../electron/backend/import/read.ts';

async function workbookBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('Maßnahmen');
  a.addRow(['Nummer', 'Titel']);
  a.addRow(['M-1.01', 'Beteiligungswerkstätten „Gemeinsam in Musterland“']);
  const b = wb.addWorksheet('Budgetpositionen');
  b.addRow(['Nummer', 'Jahr', 'Betrag']);
  b.addRow(['M-1.01', 2027, 1234.56]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same archive with its parts stored in the given order first, the rest after, workbook.xml last. */
function reordered(bytes: Buffer, first: string[]): Buffer {
  const parts = unzipSync(new Uint8Array(bytes));
  const names = [...first.filter((n) => n in parts), ...Object.keys(parts).filter((n) => !first.includes(n) && n !== 'xl/workbook.xml'), 'xl/workbook.xml'];
  const out: Record<string, Uint8Array> = {};
  for (const n of names) out[n] = parts[n];
  return Buffer.from(zipSync(out));
}

describe('XLSX parts in any stored order', () => {
  it('reads every sheet with its name and values when xl/workbook.xml is stored last', async () => {
    const bytes = reordered(await workbookBytes(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);
    const names = Object.keys(unzipSync(new Uint8Array(bytes)));
    expect(names.at(-1)).toBe('xl/workbook.xml');
    expect(names.indexOf('xl/sharedStrings.xml')).toBeLessThan(names.indexOf('xl/worksheets/sheet1.xml'));
    const file = await readImportFile('umsortiert.xlsx', bytes.toString('base64'));
    expect(file.tables.map((t) => t.name)).toEqual(['Maßnahmen', 'Budgetpositionen']);
    expect(file.tables[0].rows).toEqual([{ row: 2, cells: ['M-1.01', 'Beteiligungswerkstätten „Gemeinsam in Musterland“'] }]);
    expect(file.tables[1].rows).toEqual([{ row: 2, cells: ['M-1.01', 2027, 1234.56] }]);
  });

  it('reads the same workbook 30 times in a row with the same result (no race between parts)', async () => {
    const bytes = (await workbookBytes()).toString('base64');
    const first = JSON.stringify(await readImportFile('a.xlsx', bytes));
    for (let i = 0; i < 30; i++) expect(JSON.stringify(await readImportFile('a.xlsx', bytes))).toBe(first);
  });
});
