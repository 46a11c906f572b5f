// A minimal zip writer (deflate), so a test controls every byte of a hostile workbook. An entry's
// data may be a generator of chunks: each chunk is deflated on its own (sync flush, one deflate
// stream across them), so a sheet of a million rows is built without ever holding its XML.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer | (() => Iterable<Buffer>);
  /** Another name in the local header than in the central directory (a layout attack). */
  localName?: string;
  /** Uncompressed size written into both headers instead of the real one (a lying archive). */
  declaredSize?: number;
}

function deflated(data: ZipEntry['data']): { packed: Buffer; crc: number; size: number } {
  if (Buffer.isBuffer(data)) return { packed: deflateRawSync(data), crc: crc32(data), size: data.length };
  const parts: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const chunk of data()) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    parts.push(deflateRawSync(chunk, { finishFlush: constants.Z_SYNC_FLUSH }));
  }
  parts.push(deflateRawSync(Buffer.alloc(0))); // the final (empty) block
  return { packed: Buffer.concat(parts), crc, size };
}

/** The archive; `gap` is put after the first entry's data (bytes the central directory does not name). */
export function zip(entries: ZipEntry[], gap: Buffer | null = null): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [i, e] of entries.entries()) {
    const { packed, crc, size: realSize } = deflated(e.data);
    const size = e.declaredSize ?? realSize;
    const name = Buffer.from(e.name);
    const lname = Buffer.from(e.localName ?? e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0, 6); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(packed.length, 18); lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(lname.length, 26); lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0, 8); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(packed.length, 20); ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28); ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    const local = Buffer.concat([lh, lname, packed, i === 0 && gap ? gap : Buffer.alloc(0)]);
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * The parts of a real one-sheet workbook that exceljs reads (content types, relationships,
 * workbook), around the given sheet XML and, optionally, a shared-strings part.
 */
export function workbookEntries(sheetName: string, sheet: ZipEntry['data'], sharedStrings?: string): ZipEntry[] {
  const sst = sharedStrings !== undefined;
  const ct = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${sst ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`;
  const rels = `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const wb = `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const wbRels = `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${sst ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`;
  return [
    { name: '[Content_Types].xml', data: Buffer.from(ct) }, { name: '_rels/.rels', data: Buffer.from(rels) },
    { name: 'xl/workbook.xml', data: Buffer.from(wb) }, { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(wbRels) },
    ...(sst ? [{ name: 'xl/sharedStrings.xml', data: Buffer.from(sharedStrings) }] : []),
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
}

/** Sheet XML with a header row of inline strings and `rows` data rows (numbers or inline strings), streamed in chunks. */
export function* sheetRows(headers: string[], rows: number, cells: (row: number) => (string | number)[], chunkRows = 20_000): Generator<Buffer> {
  const col = (i: number) => String.fromCharCode(65 + i);
  const head = headers.map((h, i) => `<c r="${col(i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('');
  yield Buffer.from(`${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1">${head}</row>`);
  for (let start = 2; start < rows + 2; start += chunkRows) {
    let s = '';
    for (let r = start; r < Math.min(start + chunkRows, rows + 2); r++) {
      s += `<row r="${r}">${cells(r).map((v, i) => (typeof v === 'number' ? `<c r="${col(i)}${r}"><v>${v}</v></c>` : `<c r="${col(i)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`)).join('')}</row>`;
    }
    yield Buffer.from(s);
  }
  yield Buffer.from('</sheetData></worksheet>');
}
