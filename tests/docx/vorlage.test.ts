// The Sitzungsvorlage, checked the way a committee member meets it: exported from the real demo plan
// through the contract, converted to PDF by LibreOffice and read back as text; the DOCX package is
// checked part by part for what makes it accessible and safe (BITV 2.0 / EN 301 549 clause 10).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costChart, CHART_TEXT_CONTRAST } from '../../electron/backend/export/chart.ts';
import { safeLinkTarget } from '../../electron/backend/export/docx-parts.ts';
import { buildVorlageDocx } from '../../electron/backend/export/vorlage.ts';
import { loadVorlageData, resolveVorlage } from '../../electron/backend/handlers/vorlage.ts';
import { loadSnapshot } from '../../electron/backend/export/snapshot.ts';
import { generatePlan } from '../../electron/backend/synthetic.ts';
import { summariseBudget } from '../../shared/domain/finance.ts';
import { formatCents } from '../../shared/domain/money.ts';
import type { Beratung, VorlageExportArgs } from '../../shared/domain/vorlage.ts';
import { flat, hasSoffice, part, plainSpaces, render, unzip, type Rendered } from '../helpers/office.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

const KOPF = {
  vorlagennummer: 'VO/2026/045', bearbeiter: 'Frau Dr. Yildiz', datum: '2026-11-25',
  betreff: 'Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029: Beschluss',
};
const BERATUNG: Beratung[] = [
  { gremium: 'Ausschuss für Soziales und Integration', sitzungsdatum: '2027-01-20', zustaendigkeit: 'vorberatung' },
  { gremium: 'Kreisausschuss', sitzungsdatum: '2027-02-03', zustaendigkeit: 'vorberatung' },
  { gremium: 'Kreistag', sitzungsdatum: '2027-02-17', zustaendigkeit: 'entscheidung' },
];

async function exportTo(t: TestPlan, name: string, args: VorlageExportArgs) {
  const r = await t.api['export.vorlage'](args);
  const bytes = Buffer.from(r.base64, 'base64');
  const path = join(t.dir, name);
  writeFileSync(path, bytes);
  return { fileName: r.fileName, bytes, path, zip: unzip(bytes) };
}

/** Every XML part of the package, as text. */
function allXml(zip: Map<string, Buffer>): string {
  return [...zip].filter(([n]) => n.endsWith('.xml') || n.endsWith('.rels')).map(([, b]) => b.toString('utf8')).join('\n');
}

/** The visible text of a part (w:t contents), e.g. to find the paragraphs of a list. */
function paragraphs(xml: string): string[] {
  return xml.match(/<w:p[ >].*?<\/w:p>/gsu) ?? [];
}

describe('Sitzungsvorlage of the demo plan', () => {
  let t: TestPlan;
  let pub: Awaited<ReturnType<typeof exportTo>>;
  let anon: Awaited<ReturnType<typeof exportTo>>;
  let personNames: string[];
  let exportMs = 0;

  beforeAll(async () => {
    t = await openTestPlan({ demo: true });
    personNames = (await t.api['actors.list']({})).map((a) => a.contactPerson.replace(/^Vorsitz:\s*/u, '').trim()).filter(Boolean);
    const started = performance.now();
    pub = await exportTo(t, 'oeffentlich.docx', { kopf: KOPF, beratungsfolge: BERATUNG, remember: true });
    exportMs = performance.now() - started;
    anon = await exportTo(t, 'anonym.docx', { anonymise: true });
  });
  afterAll(() => t?.cleanup());

  it('remembers the Kopf and Beratungsfolge for the next Vorlage (one undo step)', async () => {
    const info = await t.api['vorlage.settings.get']({});
    expect(info.saved?.kopf.vorlagennummer).toBe('VO/2026/045');
    expect(info.saved?.beratungsfolge).toEqual(BERATUNG);
    // No text of the planner's own: the Beschlussvorschlag keeps following the plan.
    expect(info.saved?.beschlussvorschlag).toBeNull();
    expect(info.effective.beschlussvorschlag?.[0]).toMatch(/^Der Kreistag beschließt den Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029 mit 12 Maßnahmen in allen sieben Baustellen/u);
    expect(info.measureCount).toBe(12);
    // The demo plan comes with a Nutzwertanalyse (scores of two raters).
    expect(info.hasScores).toBe(true);
    expect((await t.api['history.status']({})).undo?.summary).toBe('Einstellungen der Sitzungsvorlage gespeichert');
    expect(pub.fileName).toBe('Sitzungsvorlage VO-2026-045.docx');
    expect(anon.fileName).toBe('Sitzungsvorlage VO-2026-045 (anonymisiert).docx');
    console.log(`[vorlage] demo export ${exportMs.toFixed(0)} ms, ${pub.bytes.length} bytes`);
  });

  it('is marked up for accessibility: language, headings, numbering, repeated table headers, alt text, metadata', () => {
    const doc = part(pub.zip, 'word/document.xml');
    const styles = part(pub.zip, 'word/styles.xml');
    expect(styles).toContain('<w:lang w:val="de-DE"/>');
    for (const h of ['Title', 'Heading1', 'Heading2', 'Heading3']) {
      expect(doc).toContain(`<w:pStyle w:val="${h}"/>`);
      expect(styles).toMatch(new RegExp(`w:styleId="${h}"`, 'u'));
    }
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('w:orient="landscape"');
    // The Beschlussvorschlag is a real numbered list, numbering from numbering.xml, no typed "1.". Five points for the
    // demo: beschließen; umsetzen and the later years into the Haushaltsentwürfe; 2026 (Haushalt beschlossen)
    // über- bzw. außerplanmäßig; Fördermittel beantragen; jährlich berichten.
    const numberedParas = paragraphs(doc).filter((p) => p.includes('<w:numPr>') && p.includes('w:val="Beschlusspunkt"'));
    expect(numberedParas).toHaveLength(5);
    expect(numberedParas.map((p) => plainSpaces(p))).toEqual([
      expect.stringContaining('beschließt den Maßnahmenplan'), expect.stringContaining('in die Entwürfe der Haushaltspläne einzustellen'),
      expect.stringContaining('über- bzw. außerplanmäßig bereitgestellt'), expect.stringContaining('Fördermittel in Höhe von'),
      expect.stringContaining('einmal jährlich über den Stand der Umsetzung'),
    ]);
    for (const p of numberedParas) expect(p).not.toMatch(/<w:t[^>]*>\s*\d+\./u);
    const numbering = part(pub.zip, 'word/numbering.xml');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    expect(numbering).toContain('<w:lvlText w:val="%1."/>');
    // The chart: an image with alt text that states the figures.
    const docPr = /<wp:docPr [^>]*>/u.exec(doc)?.[0] ?? '';
    expect(docPr).toMatch(/descr="Gestapeltes Säulendiagramm der Kosten je Haushaltsjahr[^"]*2\.014\.500,00 €[^"]*"/u);
    expect(docPr).toMatch(/title="Abbildung: Kosten je Haushaltsjahr/u);
    expect([...pub.zip.keys()].some((n) => /^word\/media\/.+\.png$/u.test(n))).toBe(true);
    // No empty paragraphs for spacing: each has text, a drawing or a field.
    // A section break (page size or orientation changes) is a paragraph holding only its w:sectPr: structure, not spacing.
    const sectionBreak = (p: string) => /^<w:p><w:pPr><w:sectPr>.*<\/w:sectPr><\/w:pPr><\/w:p>$/su.test(p);
    const empty = paragraphs(doc).filter((p) => !/<w:t[ >]/u.test(p) && !/<w:drawing>|w:fldChar|w:instrText/u.test(p) && !sectionBreak(p));
    expect(empty).toEqual([]);
    const core = part(pub.zip, 'docProps/core.xml');
    expect(core).toContain(`<dc:title>${KOPF.betreff}</dc:title>`);
    expect(core).toContain('<dc:creator>Zusammenhalt-Werkbank</dc:creator>');
    expect(core).toContain('<dc:subject>Beschlussvorlage VO/2026/045 – Landkreis Musterland</dc:subject>');
    expect(core).toContain('<dc:language>de-DE</dc:language>');
  });

  it('contains no fields but page numbers, and links only to https and mailto', () => {
    const doc = part(pub.zip, 'word/document.xml');
    expect(doc).not.toMatch(/w:fldSimple|w:instrText/u);
    for (const [name, data] of pub.zip) {
      if (!/^word\/(header|footer)\d*\.xml$/u.test(name)) continue;
      for (const m of data.toString('utf8').matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/gu)) expect(m[1].trim()).toMatch(/^(PAGE|NUMPAGES)$/u);
    }
    const rels = part(pub.zip, 'word/_rels/document.xml.rels');
    for (const m of rels.matchAll(/Target="([^"]*)"[^>]*TargetMode="External"/gu)) expect(m[1]).toMatch(/^(https:|mailto:)/u);
  });

  it('is reproducible: the same plan state gives the same bytes', async () => {
    const data = loadVorlageData(t.session);
    const r = resolveVorlage(t.session, data, { kopf: KOPF });
    const a = await buildVorlageDocx(data, r);
    const b = await buildVorlageDocx(data, r);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it('the chart keeps text contrast above 4.5:1 and gives every Baustelle its pattern', () => {
    expect(CHART_TEXT_CONTRAST).toBeGreaterThanOrEqual(4.5);
    const img = costChart([2026, 2027], [{ number: 1, shortTitle: 'Klare Haltung', byYear: { 2026: 100, 2027: 200 } }], 'Test');
    expect(Buffer.from(img.png.subarray(0, 8)).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(img.alt).toContain('2026: 1,00 €; 2027: 2,00 €; insgesamt 3,00 €');
  });

  describe.skipIf(!hasSoffice)('as rendered by LibreOffice', () => {
    let r: Rendered;
    let ra: Rendered;
    beforeAll(() => {
      r = render(pub.path, t.dir);
      ra = render(anon.path, t.dir);
      console.log(`[vorlage] soffice conversion ${r.ms.toFixed(0)} ms, ${r.pages} pages (anonymised: ${ra.pages})`);
    }, 240_000);

    it('shows the Kopf and the Beratungsfolge', () => {
      const text = flat(r.plain);
      const layout = flat(r.layout);
      expect(text).toContain('Landkreis Musterland');
      expect(text).toContain('Beschlussvorlage VO/2026/045');
      for (const [k, v] of [
        ['Vorlagennummer', 'VO/2026/045'], ['Vorlageart', 'Beschlussvorlage'], ['Öffentlichkeit', 'öffentlich'], ['Datum', '25. November 2026'],
        ['Federführung', 'Stabsstelle Integration und Teilhabe'], ['Bearbeiter:in', 'Frau Dr. Yildiz'], ['Produkt', '31.10.01'],
      ]) expect(layout).toContain(`${k} ${v}`);
      expect(text).toContain(`Betreff ${KOPF.betreff}`);
      expect(text).toContain('Fachdienst Soziales und Wohnen');
      expect(layout).toMatch(/Sitzungsdatum Gremium Zuständigkeit Sitzung 20\.01\.2027 Ausschuss für Soziales und Integration Vorberatung öffentlich 03\.02\.2027 Kreisausschuss Vorberatung öffentlich 17\.02\.2027 Kreistag Entscheidung öffentlich/u);
    });

    it('has the Beschlussvorschlag, Sachverhalt with the Impulspapier, and the Anlagen', () => {
      const text = flat(r.plain);
      expect(text).toMatch(/1\. Der Kreistag beschließt den Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029 mit 12 Maßnahmen/u);
      expect(text).toMatch(/2\. Die Verwaltung wird beauftragt/u);
      expect(text).toContain('Sachverhalt / Begründung');
      expect(text).toContain('Hoppe, Clara; Kasparick, Danielle; Schammann, Hannes (2024)');
      for (const b of ['Baustelle 1: Klare Haltung – 2 Maßnahmen', 'Baustelle 6: Bedarfsgerechte Mobilität – 2 Maßnahmen']) expect(text).toContain(b);
      expect(text).toContain('Anlage 1: Maßnahmenplan – Übersicht nach Baustellen und Priorität');
      expect(text).toContain('Anlage 2: Maßnahmenblätter (12)');
      expect(text).toContain('Anlage 3: Nutzwertanalyse');
      expect(r.pageTexts.some((p) => /^\s*Anlage 3: Nutzwertanalyse\s*$/mu.test(p))).toBe(true);
      expect(r.pageTexts.some((p) => /^\s*Anlage 1: Maßnahmenplan\s*$/mu.test(p))).toBe(true);
      expect(r.pageTexts.some((p) => /^\s*Anlage 2: Maßnahmenblätter\s*$/mu.test(p))).toBe(true);
      expect(text).toMatch(/Seite \d+ von \d+/u);
      expect(r.pages).toBeGreaterThanOrEqual(12);
      expect(r.pages).toBeLessThanOrEqual(40);
    });

    it('shows every measure in Anlage 1 and with its own Maßnahmenblatt', () => {
      const snap = loadSnapshot(t.session);
      const text = flat(r.plain);
      for (const m of snap.measures) {
        expect(text).toContain(`Maßnahmenblatt ${m.code}: ${flat(m.title)}`);
        const sheetPage = r.pageTexts.find((p) => flat(p).includes(`Maßnahmenblatt ${m.code}:`));
        expect(sheetPage, m.code).toBeDefined();
      }
      const anlage1 = flat(r.pageTexts.filter((p) => /Anlage 1 zur Beschlussvorlage/u.test(p)).join(' '));
      for (const m of snap.measures) expect(anlage1).toContain(m.code);
      expect(anlage1).toContain('Summe aller Maßnahmen 400.000,00 € 815.000,00 € 504.500,00 € 295.000,00 € 2.014.500,00 €');
    });

    it('every sum in Finanzielle Auswirkungen equals the plan’s, to the cent', () => {
      const snap = loadSnapshot(t.session);
      const fin = summariseBudget(snap.budgetLines);
      expect(fin.total.totalCents).toBe(snap.totals.totalCents);
      const layout = r.layout.split('\n').map(flat);
      // The Finanzierung table has five amount columns (Kosten, Fördermittel, Drittmittel, Eigenmittel Dritter, Eigenanteil);
      // the Ergebnis-/Finanzhaushalt table before it has three, so the first year row of the page is not enough.
      const row = (label: string) => layout.find((l) => new RegExp(`^ ?${label}(?: (?:[\\d.]+,\\d\\d €|—)){5} *$`, 'u').test(l));
      for (const y of fin.years) {
        const f = fin.byYear[y];
        expect(f.totalCents).toBe(snap.totals.byYear[String(y)]);
        const cells = [f.totalCents, f.foerdermittelCents, f.drittmittelCents, f.eigenmittelDritterCents, f.eigenanteilCents].map((c) => (c === 0 ? '—' : formatCents(c)));
        expect(row(String(y))?.trim(), `year ${y}`).toBe([String(y), ...cells].join(' '));
      }
      const t0 = fin.total;
      const sum = [t0.totalCents, t0.foerdermittelCents, t0.drittmittelCents, t0.eigenmittelDritterCents, t0.eigenanteilCents].map((c) => formatCents(c)).join(' ');
      expect(layout.some((l) => l.trim() === `Summe ${sum}`)).toBe(true);
      expect(t0.foerdermittelCents + t0.drittmittelCents + t0.eigenmittelDritterCents + t0.eigenanteilCents).toBe(t0.totalCents);
      // The table beside the chart: per Baustelle and the sum row with the plan's totals per year.
      const text = flat(r.plain);
      expect(text).toContain('Kosten je Haushaltsjahr und Baustelle (Zahlen zum Diagramm)');
      for (const b of snap.catalogue.baustellen) expect(text).toContain(`${b.number} ${b.shortTitle}`);
    });

    it('names persons where expected, and the anonymised Vorlage none at all', () => {
      expect(personNames).toEqual(expect.arrayContaining(['Frau Dr. Yildiz', 'Herr Brandt', 'Frau Keller', 'Herr Nowak']));
      const text = flat(r.plain);
      expect(text).toContain('Bearbeiter:in Frau Dr. Yildiz');
      expect(text).toContain('Ansprechperson: Frau Dr. Yildiz');
      expect(text).toContain('Ansprechperson: Herr Nowak');
      const anonText = flat(ra.plain);
      const anonXml = allXml(anon.zip);
      for (const name of [...personNames, KOPF.bearbeiter, 'Yildiz', 'test']) {
        expect(anonText, name).not.toContain(name);
        if (name !== 'test') expect(anonXml, name).not.toContain(name);
      }
      expect(anonText).toContain('Bearbeiter:in entfällt (anonymisierte Fassung)');
      expect(anonText).toContain('Stabsstelle Integration und Teilhabe (Dezernat II – Soziales)');
      expect(anonText).toContain('Anonymisierte Fassung: Namen und Kontaktdaten von Ansprechpersonen');
      expect(part(anon.zip, 'docProps/core.xml')).toContain('anonymisiert');
    });
  });
});

describe('Sitzungsvorlage options', () => {
  let t: TestPlan;
  beforeAll(async () => {
    t = await openTestPlan({ demo: true });
  });
  afterAll(() => t?.cleanup());

  it('selects measures by id or status, writes only the chosen parts, and says nichtöffentlich on every page', async () => {
    const rows = await t.api['measures.list']({});
    const pick = rows.filter((m) => ['M-1.01', 'M-6.01'].includes(m.code));
    const byId = await exportTo(t, 'auswahl.docx', {
      selection: { kind: 'ids', ids: pick.map((m) => m.id) }, parts: { vorlage: true, anlage1: true, anlage2: false, anlage3: true, chart: false },
      kopf: { oeffentlich: false, vorlageart: 'informationsvorlage' },
    });
    const doc = plainSpaces(part(byId.zip, 'word/document.xml'));
    expect(doc).toContain('M-1.01');
    expect(doc).toContain('M-6.01');
    expect(doc).not.toContain('M-2.01');
    expect(doc).not.toContain('Maßnahmenblatt');
    expect(doc).not.toContain('<w:drawing>');
    const expected = pick.reduce((a, m) => a + m.totalCents, 0);
    expect(doc).toContain(formatCents(expected));
    expect(doc).toContain('nimmt den Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029 mit den 2 in Anlage 1 aufgeführten Maßnahmen');
    const headers = [...byId.zip].filter(([n]) => /^word\/header\d*\.xml$/u.test(n)).map(([, b]) => b.toString('utf8'));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(h).toContain('NICHTÖFFENTLICH');

    const byStatus = await exportTo(t, 'status.docx', { selection: { kind: 'status', statuses: ['beschlossen'] }, parts: { vorlage: false, anlage1: true, anlage2: true, anlage3: false, chart: false } });
    const d2 = part(byStatus.zip, 'word/document.xml');
    const decided = rows.filter((m) => m.status === 'beschlossen');
    for (const m of decided) expect(d2).toContain(`Maßnahmenblatt ${m.code}`);
    expect(d2).not.toContain('Beratungsfolge');
    await expect(t.api['export.vorlage']({ selection: { kind: 'status', statuses: ['abgeschlossen'] } })).rejects.toThrow(/Keine Maßnahme hat einen der ausgewählten Status/u);
    await expect(t.api['export.vorlage']({ selection: { kind: 'ids', ids: ['gibt-es-nicht'] } })).rejects.toThrow(/gibt es nicht mehr/u);
    await expect(t.api['export.vorlage']({ kopf: { datum: '2026-02-30' } })).rejects.toThrow(/Das Datum gibt es nicht/u);
  });

  it('keeps typed field codes and markup as text; links only https and e-mail addresses', async () => {
    const [m] = (await t.api['measures.list']({})).filter((x) => x.code === 'M-1.01');
    await t.api['measures.update']({
      id: m.id,
      patch: {
        description: 'Siehe { HYPERLINK "http://evil.example/" } und { MERGEFIELD Name } sowie https://www.example.org/werkstatt. Unsicher: http://unsicher.example/x, javascript:alert(1), file:///c:/geheim. Kontakt: info@example.org\u0007',
        goal: 'Ziel <b>fett</b> & "Zitat" DDEAUTO c:\\windows\\system32\\cmd.exe',
      },
    });
    const out = await exportTo(t, 'feindlich.docx', { kopf: { betreff: '{ MERGEFIELD Betreff } <script>' } });
    const doc = part(out.zip, 'word/document.xml');
    expect(doc).not.toMatch(/w:fldSimple|w:instrText|w:fldChar/u);
    expect(doc).toContain('{ HYPERLINK "http://evil.example/" }'.replaceAll('"', '&quot;'));
    const rels = part(out.zip, 'word/_rels/document.xml.rels');
    const targets = [...rels.matchAll(/Target="([^"]*)"[^>]*TargetMode="External"/gu)].map((x) => x[1]);
    expect(targets.sort()).toEqual(['https://www.example.org/werkstatt', 'mailto:info@example.org']);
    expect(safeLinkTarget('https://user:pw@example.org')).toBeNull();
    expect(safeLinkTarget('javascript:alert(1)')).toBeNull();
    expect(part(out.zip, 'docProps/core.xml')).toContain('<dc:title>{ MERGEFIELD Betreff } &lt;script&gt;</dc:title>');
    if (!hasSoffice) return;
    const r = render(out.path, t.dir);
    const text = flat(r.plain);
    expect(text).toContain('Siehe { HYPERLINK "http://evil.example/" } und { MERGEFIELD Name } sowie https://www.example.org/werkstatt.');
    expect(text).toContain('Ziel <b>fett</b> & "Zitat" DDEAUTO');
  }, 120_000);

  it('adds "Änderungen seit …" against a festgeschriebener Stand', async () => {
    const snap = await t.api['snapshots.create']({ name: 'Beschluss Kreistag', date: '2026-03-12', gremium: 'Kreistag' });
    const [m] = (await t.api['measures.list']({})).filter((x) => x.code === 'M-6.01');
    await t.api['measures.update']({ id: m.id, patch: { status: 'beschlossen' } });
    const out = await exportTo(t, 'aenderungen.docx', { changesSince: snap.id, parts: { vorlage: true, anlage1: false, anlage2: false, anlage3: false, chart: false } });
    const doc = part(out.zip, 'word/document.xml');
    expect(doc).toContain('Änderungen seit Beschluss Kreistag (12.03.2026)');
    expect(doc).toContain('Status: beschlussreif → beschlossen');
  });
});

describe('Sitzungsvorlage with a Nutzwertanalyse', () => {
  it('orders Anlage 1 by rank and adds Anlage 3 when the plan has scores', async () => {
    const t = await openTestPlan({ demo: true });
    try {
      const rows = await t.api['measures.list']({});
      const criteria = await t.api['criteria.list']({});
      expect(criteria.length).toBeGreaterThan(0);
      // In Baustelle 1, M-1.02 scores higher than M-1.01, so it comes first; everything else ties.
      await t.api['scores.setMany']({
        scores: rows.flatMap((m) => criteria.flatMap((c) => ([1, 2] as const).map((rater) => ({ measureId: m.id, criterionId: c.id, rater, score: m.code === 'M-1.02' ? 9 : 4 })))),
      });
      const info = await t.api['vorlage.settings.get']({});
      expect(info.hasScores).toBe(true);
      expect(info.effective.beschlussvorschlag?.[1]).toContain('in der Reihenfolge ihrer Priorität (Nutzwertanalyse, Anlage 3)');
      const out = await exportTo(t, 'rang.docx', {});
      const doc = plainSpaces(part(out.zip, 'word/document.xml'));
      expect(doc).toContain('Anlage 3: Nutzwertanalyse');
      for (const c of criteria) expect(doc).toContain(c.name.replaceAll('„', '„'));
      const anlage1 = doc.slice(doc.indexOf('Anlage 1: Maßnahmenplan<'), doc.indexOf('Anlage 2: Maßnahmenblätter<'));
      expect(anlage1.indexOf('>M-1.02<')).toBeGreaterThan(0);
      expect(anlage1.indexOf('>M-1.02<')).toBeLessThan(anlage1.indexOf('>M-1.01<'));
      expect(doc).toContain('Rang 1 von 12 (Nutzwert 9,00 von 10)');
      expect(doc).toContain('Rang 2 von 12 (Nutzwert 4,00 von 10)');
    } finally {
      t.cleanup();
    }
  });
});

describe('Sitzungsvorlage of a large plan', () => {
  it('exports 500 measures with 5,000 budget lines', async () => {
    const t = await openTestPlan();
    try {
      generatePlan(join(t.dir, 'gross.wirplan'), 'M', 7, { session: t.session });
      const snap = loadSnapshot(t.session);
      expect(snap.measures.length).toBe(500);
      const started = performance.now();
      const cpu0 = process.cpuUsage();
      const r = await t.api['export.vorlage']({});
      const cpu = process.cpuUsage(cpu0);
      const ms = performance.now() - started;
      const bytes = Buffer.from(r.base64, 'base64');
      console.log(`[vorlage] 500 measures, ${snap.budgetLines.length} budget lines: ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${bytes.length} bytes`);
      const doc = part(unzip(bytes), 'word/document.xml');
      for (const m of [snap.measures[0], snap.measures[499]]) expect(doc).toContain(`Maßnahmenblatt ${m.code}`);
      expect(doc).toContain(formatCents(snap.totals.totalCents));
    } finally {
      t.cleanup();
    }
  }, 120_000);
});
