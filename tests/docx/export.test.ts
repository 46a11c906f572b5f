// The committee document, checked the way a reader meets it: the real demo plan file is exported,
// converted to PDF by LibreOffice and read back as text; the DOCX package itself is checked part by part.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BorderStyle, Document, Packer, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
} from 'docx';
import {
  buildPlanDocx, cellLines, cellStyle, docxFileName, FastTable, packDocx, safeText, type RowSpec,
} from '../../electron/backend/export/docx.ts';
import { loadSnapshot, type PlanSnapshot } from '../../electron/backend/export/snapshot.ts';
import { generatePlan } from '../../electron/backend/synthetic.ts';
import { formatCents } from '../../shared/domain/money.ts';
import { flat, hasSoffice, part, plainSpaces, render, unzip, type Rendered } from '../helpers/office.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

// ---------------------------------------------------------------------------------------------
// The demo plan

describe('DOCX export of the demo plan', () => {
  let t: TestPlan;
  let snap: PlanSnapshot;
  let bytes: Uint8Array;
  let zip: Map<string, Buffer>;
  let docxPath: string;
  let exportMs = 0;

  beforeAll(async () => {
    t = await openTestPlan({ demo: true });
    snap = loadSnapshot(t.session);
    const started = performance.now();
    bytes = await buildPlanDocx(snap);
    exportMs = performance.now() - started;
    docxPath = join(t.dir, docxFileName(snap));
    writeFileSync(docxPath, bytes);
    zip = unzip(bytes);
  });
  afterAll(() => t?.cleanup());

  it('is a DOCX package with the expected parts, quickly built', () => {
    expect(docxPath.endsWith('plan.docx')).toBe(true);
    for (const name of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']) expect(zip.has(name)).toBe(true);
    expect(exportMs).toBeLessThan(5_000);
  });

  it('is reproducible: the same snapshot gives the same bytes', async () => {
    const again = await buildPlanDocx(snap);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
  });

  it('is marked up for accessibility: German language, headings, repeated table headers, metadata', () => {
    const doc = part(zip, 'word/document.xml');
    const styles = part(zip, 'word/styles.xml');
    expect(`${styles}${doc}`).toContain('<w:lang w:val="de-DE"/>');
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading2"/>');
    expect(doc).toContain('<w:pStyle w:val="Title"/>');
    expect(styles).toMatch(/w:styleId="Heading1"/u);
    expect(styles).toMatch(/w:styleId="Heading2"/u);
    expect(styles).toContain('w:ascii="Arial"');
    expect(doc).toContain('w:orient="landscape"');
    // No empty paragraphs used as spacing: every paragraph carries text or a field.
    const paragraphs = doc.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>|<w:p\/>/gsu) ?? [];
    // A section break (page size or orientation changes) is a paragraph holding only its w:sectPr: structure, not spacing.
    const sectionBreak = (p: string) => /^<w:p><w:pPr><w:sectPr>.*<\/w:sectPr><\/w:pPr><\/w:p>$/su.test(p);
    const empty = paragraphs.filter((p) => !/<w:t[ >]/u.test(p) && !/w:fldChar|w:instrText/u.test(p) && !sectionBreak(p));
    expect(empty).toEqual([]);
    const core = part(zip, 'docProps/core.xml');
    expect(core).toContain(`<dc:title>${snap.info.title}</dc:title>`);
    expect(core).toContain('<dc:creator>Zusammenhalt-Werkbank</dc:creator>');
    expect(core).toMatch(/<dc:description>.+Impulspapier.+<\/dc:description>/u);
    expect(core).toContain('<dc:language>de-DE</dc:language>');
  });

  describe.skipIf(!hasSoffice)('as rendered by LibreOffice', () => {
    let r: Rendered;
    beforeAll(() => {
      r = render(docxPath, t.dir);
      console.log(`[docx] export ${exportMs.toFixed(0)} ms, soffice conversion ${r.ms.toFixed(0)} ms, ${r.pages} pages`);
    }, 120_000);

    it('shows every measure with code and title', () => {
      const text = flat(r.plain);
      expect(snap.measures.length).toBe(12);
      for (const m of snap.measures) {
        expect(text).toContain(m.code);
        expect(text).toContain(`${m.code} ${flat(m.title)}`);
      }
    });

    it('shows the sum row with exactly the plan totals, per year and overall', () => {
      const { byYear, totalCents, years } = snap.totals;
      expect(years.length).toBeGreaterThan(0);
      const sumRow = r.layout.split('\n').find((l) => /^\s*Summe\s/u.test(l) && l.includes(formatCents(totalCents)));
      expect(sumRow, 'overview sum row').toBeDefined();
      const figures = flat(sumRow!).replace(/^ ?Summe /u, '').trim();
      expect(figures).toBe([...years.map((y) => formatCents(byYear[String(y)])), formatCents(totalCents)].join(' '));
      expect(r.layout).toContain(formatCents(totalCents));
    });

    it('has a heading for each of the seven Baustellen, title page facts and the source', () => {
      const text = flat(r.plain);
      expect(snap.catalogue.baustellen).toHaveLength(7);
      for (const b of snap.catalogue.baustellen) expect(text).toContain(`Baustelle ${b.number}: ${b.shortTitle}`);
      expect(text).toContain('Maßnahmenplan zur Stärkung des gesellschaftlichen Zusammenhalts');
      expect(text).toContain(snap.info.landkreis);
      expect(text).toMatch(/Stand: \d{1,2}\. [A-Za-zä]+ \d{4}/u);
      expect(text).toContain('Hoppe, Clara; Kasparick, Danielle; Schammann, Hannes (2024)');
      expect(text).toContain('Übersicht der Maßnahmen');
      expect(text).toMatch(/Seite \d+ von \d+/u);
    });

    it('has a plausible number of pages', () => {
      expect(r.pages).toBeGreaterThanOrEqual(3);
      expect(r.pages).toBeLessThan(40);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile user text, empty Baustellen

describe('DOCX export of user text', () => {
  let t: TestPlan;

  beforeAll(async () => {
    t = await openTestPlan();
  });
  afterAll(() => t?.cleanup());

  it('safeText removes XML-illegal characters and keeps everything else', () => {
    expect(safeText('a\u0001b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g')).toBe('abcdefg');
    expect(safeText('Zeile 1\r\nZeile 2\rZeile 3\tTab')).toBe('Zeile 1\nZeile 2\nZeile 3 Tab');
    expect(safeText('<script>alert(1)</script> & „Anführung“ 😀')).toBe('<script>alert(1)</script> & „Anführung“ 😀');
    expect(safeText(null)).toBe('');
  });

  it('exports control characters, markup and ampersands as valid XML that shows the text literally', async () => {
    const api = t.api;
    await api['plan.update']({ title: 'Plan A & B <i>kursiv</i>', landkreis: 'Landkreis „Test“ & Umland' });
    const actor = await api['actors.create']({ name: 'Verein <b>Fett</b> & Co\u0007', kind: 'verein' });
    const m = await api['measures.create']({
      title: 'Steuer\u0001zeichen\u0008 <script>alert(1)</script> & mehr',
      baustelleId: 'B1',
      goal: 'Ziel mit ]]> und <![CDATA[ x ]]> und "Zitat" \u000B',
      need: 'Zeile eins\nZeile zwei',
      description: 'Tab\tund &amp; bleibt &amp;',
      status: 'in-planung',
      responsibleActorId: actor.id,
      grundmauerIds: ['B1-G-LV-1'],
      startYear: 2027,
      startQuarter: 1,
      endYear: 2027,
      endQuarter: 4,
    });
    await api['budget.create']({ measureId: m.id, year: 2027, amountCents: 1_234_567, fundingKind: 'foerdermittel', programme: 'Programm <X> & Y', foerderquoteBp: 7550, note: 'Hinweis\u0002' });

    const snap = loadSnapshot(t.session);
    const bytes = await buildPlanDocx(snap);
    const zip = unzip(bytes);
    for (const [name, data] of zip) {
      if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
      const xml = data.toString('utf8');
// oxlint-disable-next-line no-control-regex -- matching control characters is the point here
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u);
      expect(xml, name).not.toContain('<script>');
      expect(xml, name).not.toContain('<b>');
      expect(xml, name).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/u);
    }
    const doc = part(zip, 'word/document.xml');
    expect(doc).toContain('Steuerzeichen &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr');
    expect(doc).toContain('&amp;amp;');
    expect(part(zip, 'docProps/core.xml')).toContain('<dc:title>Plan A &amp; B &lt;i&gt;kursiv&lt;/i&gt;</dc:title>');

    if (!hasSoffice) return;
    const path = join(t.dir, 'feindlich.docx');
    writeFileSync(path, bytes);
    const r = render(path, t.dir);
    const text = flat(r.plain);
    expect(text).toContain('Steuerzeichen <script>alert(1)</script> & mehr');
    expect(text).toContain('Verein <b>Fett</b> & Co');
    expect(text).toContain('Plan A & B <i>kursiv</i>');
    expect(text).toContain('Ziel mit ]]> und <![CDATA[ x ]]> und "Zitat"');
    expect(text).toContain('Tab und &amp; bleibt &amp;');
    expect(text).toContain('Programm <X> & Y, Förderquote 75,5 %');
    expect(text).toContain(formatCents(1_234_567));
    // Six Baustellen without measures say so.
    expect(text.split('Zu dieser Baustelle sind noch keine Maßnahmen geplant.').length - 1).toBe(6);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Size

describe('DOCX export of a large plan', () => {
  it('exports 500 measures with 5,000 budget lines in well under 5 s', async () => {
    const t = await openTestPlan();
    try {
      generatePlan(join(t.dir, 'gross.wirplan'), 'M', 7, { session: t.session });
      const snap = loadSnapshot(t.session);
      expect(snap.measures.length).toBe(500);
      const started = performance.now();
      const cpu0 = process.cpuUsage();
      const bytes = await buildPlanDocx(snap);
      const cpu = process.cpuUsage(cpu0);
      const ms = performance.now() - started;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      console.log(`[docx] 500 measures, ${snap.budgetLines.length} budget lines: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, ${bytes.length} bytes`);
      // CPU time, not wall time: LibreOffice conversions of the other tests run beside this one.
      expect(cpuMs).toBeLessThan(5_000);
      const doc = plainSpaces(part(unzip(bytes), 'word/document.xml'));
      for (const m of [snap.measures[0], snap.measures[499]]) expect(doc).toContain(m.code);
      expect(doc).toContain(formatCents(snap.totals.totalCents));
    } finally {
      t.cleanup();
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// FastTable writes what docx's own Table writes

describe('FastTable', () => {
  const GRID = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' } as const;

  /** The same table built from docx's own classes, with the options FastTable stands for. */
  function reference(widths: number[], rows: RowSpec[]): Table {
    return new Table({
      rows: rows.map((r) => new TableRow({
        cantSplit: true,
        tableHeader: r.header || undefined,
        children: r.cells.map((c) => new TableCell({
          width: { size: c.width, type: WidthType.DXA },
          columnSpan: c.span,
          shading: c.fill ? { fill: c.fill, type: ShadingType.CLEAR, color: 'auto' } : undefined,
          children: [new Paragraph({
            style: cellStyle(c),
            children: cellLines(c).map((line, i) => new TextRun({
              text: line,
              break: i > 0 ? 1 : undefined,
              bold: c.bold || undefined,
              size: c.size !== undefined && c.size !== 18 ? c.size : undefined,
            })),
          })],
        })),
      })),
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: { top: 40, bottom: 40, left: 85, right: 85 },
      borders: { top: GRID, bottom: GRID, left: GRID, right: GRID, insideHorizontal: GRID, insideVertical: GRID },
    });
  }

  // FastTable through our packer (its XML put in place of the marker), docx's Table through docx's own.
  const documentXml = async (child: Table | FastTable) => part(unzip(child instanceof FastTable
    ? packDocx(new Document({ sections: [{ children: [child] }] }))
    : await Packer.toBuffer(new Document({ sections: [{ children: [child] }] }))), 'word/document.xml');

  it('gives byte for byte the XML of the equivalent docx Table', async () => {
    const widths = [900, 2400, 1500];
    const rows: RowSpec[] = [
      { header: true, cells: [{ text: 'Jahr', width: 900, bold: true, fill: 'DCE3EC', keep: true }, { text: 'Text', width: 2400, bold: true, fill: 'DCE3EC', keep: true }, { text: 'Betrag', width: 1500, bold: true, right: true, fill: 'DCE3EC', keep: true }] },
      { cells: [{ text: '2026', width: 900 }, { text: 'Zeile 1\nZeile 2 <b>&amp;</b> "x" \'y\' \u0001', width: 2400, size: 16 }, { text: '1.234,56 €', width: 1500, right: true, keep: true }] },
      { cells: [{ text: '', width: 900 }, { text: 'Ä Ö Ü ß – „“ 😀', width: 2400, bold: true, size: 14 }, { text: '0,00 €', width: 1500, right: true }] },
      { cells: [{ text: 'Summe', width: 3300, span: 2, bold: true, fill: 'EFEFEF' }, { text: '1.234,56 €', width: 1500, bold: true, right: true, fill: 'EFEFEF' }] },
    ];
    const fast = await documentXml(new FastTable(widths, rows));
    const ref = await documentXml(reference(widths, rows));
    expect(fast).toBe(ref);
    expect(fast).toContain('<w:tblHeader/>');
    expect(fast).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
  });
});
