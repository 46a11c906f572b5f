// A workbook from outside is untrusted (issue 12): zip bombs, too many entries, path names, huge
// cells and hidden zip layouts are refused by import.preview with a German message, bounded in time
// and memory, and the open plan is unchanged.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, fingerprint, makePlanFile, tempDir, type Backend } from './helpers/plans.ts';

const dir = tempDir('werkbank-import-attack-');
let b: Backend;
beforeAll(async () => {
  const p = await makePlanFile(dir, 'plan.wirplan');
  b = backend({ dataDir: join(dir, 'data') });
  await b.ok('plan.open', { path: p });
});
afterAll(() => {
  b.session.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Entry { name: string; data: Buffer; localName?: string }

/** A minimal zip writer (deflate), so each test controls every byte of the archive. */
function zip(entries: Entry[], gap: Buffer | null = null): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [i, e] of entries.entries()) {
    const packed = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const lname = Buffer.from(e.localName ?? e.name);
    const crc = crc32(e.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0, 6); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(packed.length, 18); lh.writeUInt32LE(e.data.length, 22);
    lh.writeUInt16LE(lname.length, 26); lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0, 8); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(packed.length, 20); ch.writeUInt32LE(e.data.length, 24);
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

const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';
const WB = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>';
const skeleton = (): Entry[] => [
  { name: '[Content_Types].xml', data: Buffer.from(CT) },
  { name: 'xl/workbook.xml', data: Buffer.from(WB) },
];

async function attack(name: string, bytes: Buffer, words: RegExp): Promise<void> {
  const before = fingerprint(b.session.db);
  const rss0 = process.memoryUsage().rss;
  const started = performance.now();
  const r = await b.call('import.preview', { fileName: `${name}.xlsx`, base64: bytes.toString('base64') });
  const ms = performance.now() - started;
  const grew = (process.memoryUsage().rss - rss0) / (1024 * 1024);
  console.log(`[import-attack] ${name}: ${bytes.length.toLocaleString('de-DE')} bytes, refused in ${ms.toFixed(0)} ms, RSS +${grew.toFixed(0)} MiB`);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(words);
  expect(ms).toBeLessThan(10_000);
  expect(grew).toBeLessThan(300);
  expect(fingerprint(b.session.db)).toBe(before);
}

describe('import attacks', () => {
  it('zip bomb (ratio)', async () => {
    const bomb = { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024, 0x20) };
    await attack('bomb', zip([...skeleton(), bomb]), /Die Datei wird nicht eingelesen/u);
  });

  it('too many entries', async () => {
    const many = Array.from({ length: 2_100 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: Buffer.from([i & 255]) }));
    await attack('many', zip([...skeleton(), ...many]), /Die Datei wird nicht eingelesen/u);
  });

  for (const bad of ['../../evil.xml', '/etc/passwd', 'xl\\..\\..\\evil.xml', 'C:/evil.xml']) {
    it(`path name ${bad}`, async () => {
      // yauzl refuses some of these names itself (archive unreadable), the guard the rest (name not in an XLSX).
      await attack('path', zip([...skeleton(), { name: bad, data: Buffer.from('<x/>') }]), /Die Datei (wird nicht eingelesen|lässt sich nicht als Excel-Arbeitsmappe)/u);
    });
  }

  it('huge shared string (a cell beyond 32,767 characters)', async () => {
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>${'A'.repeat(40_000)}</t></si></sst>`;
    const ct = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
    const rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
    const wb = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Maßnahmen" sheetId="1" r:id="rId1"/></sheets></workbook>';
    const wbRels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
    const sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>';
    await attack('cell', zip([
      { name: '[Content_Types].xml', data: Buffer.from(ct) }, { name: '_rels/.rels', data: Buffer.from(rels) },
      { name: 'xl/workbook.xml', data: Buffer.from(wb) }, { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(wbRels) },
      { name: 'xl/sharedStrings.xml', data: Buffer.from(sst) }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
    ]), /mehr als 32\.767 Zeichen/u);
  });

  it('wrong layout: a hidden entry between the listed ones', async () => {
    const hidden = zip([{ name: 'xl/worksheets/sheet9.xml', data: Buffer.from('<x/>') }]).subarray(0, 30 + 24 + 6);
    await attack('layout-gap', zip(skeleton(), hidden), /Die Datei wird nicht eingelesen/u);
  });

  it('wrong layout: the local header names another file than the directory', async () => {
    const e = skeleton();
    e[1].localName = 'xl/workbook.xmk';
    await attack('layout-name', zip(e), /Die Datei wird nicht eingelesen/u);
  });
});
