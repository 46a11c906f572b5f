// A workbook from outside is untrusted (issue 12): zip bombs, too many entries, path names, huge
// cells and hidden zip layouts are refused by import.preview with a German message, bounded in time
// and memory, and the open plan is unchanged.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, fingerprint, makePlanFile, tempDir, type Backend } from './helpers/plans.ts';
import { workbookEntries, zip, type ZipEntry } from '../helpers/zip.ts';

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

const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';
const WB = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>';
const skeleton = (): ZipEntry[] => [
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
    const sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>';
    await attack('cell', zip(workbookEntries('Maßnahmen', Buffer.from(sheet), sst)), /mehr als 32\.767 Zeichen/u);
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
