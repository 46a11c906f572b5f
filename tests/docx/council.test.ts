// Council-grade documents (issue 13), checked as the Kämmerei, the Kreistag office and a Kreistag
// member meet them: the real demo plan through the contract, the real writer, LibreOffice (also
// with DejaVu as the only font), poppler. Finanzielle Auswirkungen with Haushaltsrahmen, Deckung,
// adopted years, Ergebnis-/Finanzhaushalt, Folgekosten and Stellenplan; earlier decisions cited;
// the Vorlagenprofil; the Beratungsfolge; structure every XML part must have; anonymised means
// anonymous; a cancelled export.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan } from '../../electron/backend/synthetic.ts';
import { loadSnapshot } from '../../electron/backend/export/snapshot.ts';
import { formatCents } from '../../shared/domain/money.ts';
import type { VorlageExportArgs } from '../../shared/domain/vorlage.ts';
import { checkDocxXml } from '../helpers/docx-xml.ts';
import { dejavuOnlyFontconfig, flat, hasSoffice, part, render, unzip, type Rendered } from '../helpers/office.ts';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

async function exportTo(t: TestPlan, name: string, args: VorlageExportArgs) {
  const r = await t.api['export.vorlage'](args);
  const bytes = Buffer.from(r.base64, 'base64');
  const path = join(t.dir, name);
  writeFileSync(path, bytes);
  return { bytes, path, zip: unzip(bytes) };
}

/** The visible text of document.xml (w:t contents joined), for checks without LibreOffice. */
function docText(zip: Map<string, Buffer>): string {
  return [...part(zip, 'word/document.xml').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join(' ')
    .replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
}

describe('Council-grade Sitzungsvorlage of the demo plan', () => {
  let t: TestPlan;
  let pub: Awaited<ReturnType<typeof exportTo>>;
  let r: Rendered;
  let dejavu: Rendered;

  beforeAll(async () => {
    t = await openTestPlan({ demo: true });
    const measures = await t.api['measures.list']({});
    const m1 = measures.find((m) => m.code === 'M-2.02') ?? measures[0];
    const m2 = measures.find((m) => m.code === 'M-4.01') ?? measures[1];
    await t.api['measures.haushalt.set']({ measureId: m1.id, folgekostenCents: 4_250_000, folgekostenAb: 2030, entgeltgruppe: 'E 9b TVöD', vzae: { 2027: 150, 2028: 150 } });
    await t.api['measures.haushalt.set']({ measureId: m2.id, folgekostenCents: 1_200_000, folgekostenAb: null, entgeltgruppe: '', vzae: { 2027: 50 } });
    await t.api['documents.settings.save']({ adoptedYears: [2026], genderForm: 'paarform' });
    const profil = (await t.api['vorlage.settings.get']({})).effective;
    await t.api['vorlage.settings.save']({
      ...profil, beschlussvorschlag: null,
      profil: {
        sections: [
          { id: 'beschlussvorschlag', heading: 'Beschlussvorschlag der Verwaltung', enabled: true, text: '' },
          { id: 'beratungsfolge', heading: 'Beratungsfolge', enabled: true, text: '' },
          { id: 'klima', heading: 'Klimarelevanz', enabled: true, text: 'Die Maßnahmen sind klimaneutral; der Rufbus ersetzt Einzelfahrten.' },
          { id: 'gleichstellung', heading: 'Auswirkungen auf die Gleichstellung', enabled: false, text: 'SOLLTE NICHT ERSCHEINEN' },
        ],
      },
    });
    pub = await exportTo(t, 'vorlage.docx', {
      beratungsfolge: [
        { gremium: 'Ausschuss für Soziales und Integration', sitzungsdatum: '2027-01-20', zustaendigkeit: 'vorberatung', oeffentlich: false },
        { gremium: 'Kreistag', sitzungsdatum: '2027-02-17', zustaendigkeit: 'entscheidung' },
      ],
    });
    if (hasSoffice) {
      r = render(pub.path, t.dir);
      const dir = join(t.dir, 'dejavu');
      spawnSync('mkdir', ['-p', dir]);
      const copy = join(dir, 'vorlage.docx');
      writeFileSync(copy, pub.bytes);
      dejavu = render(copy, dir, { FONTCONFIG_FILE: dejavuOnlyFontconfig(t.dir) });
    }
  });
  afterAll(() => t?.cleanup());

  it('every XML part is well-formed, one pStyle per paragraph, header rows, de-DE, outline levels', () => {
    const report = checkDocxXml(pub.zip);
    expect(report.problems).toEqual([]);
    expect(report.tables).toBeGreaterThan(20);
    expect(report.outlineLevels).toMatchObject({ Heading1: 0, Heading2: 1, Heading3: 2 });
  });

  it('states per year the Eigenanteil, the Haushaltsrahmen and the overrun, and proposes a Deckung', () => {
    const text = flat(docText(pub.zip));
    // The demo plan exceeds its frames by 196.900 € (2026: 28.400 €, 2027: 126.000 €, 2028: 42.500 €).
    expect(text).toContain('um zusammen 196.900,00 € überschritten');
    expect(text).toContain('2026 (Haushalt beschlossen) 258.400,00 € 230.000,00 € −28.400,00 €');
    expect(text).toContain('2027 (Entwurf) 456.000,00 € 330.000,00 € −126.000,00 €');
    expect(text).toContain('Deckungsvorschlag');
    expect(text).toMatch(/wird vorgeschlagen, \d+ Maßnahmen? zurückzustellen/u);
    expect(text).toContain('Über- bzw. außerplanmäßig (Haushalt bereits beschlossen): 2026:');
    // Only the years after the adopted one go into the drafts.
    expect(text).toMatch(/die Mittel für die Haushaltsjahre 2027 bis 2029 – Kosten [\d.]+,\d\d €, davon Eigenanteil des Kreises [\d.]+,\d\d € – in die Entwürfe der Haushaltspläne einzustellen/u);
    expect(text).toMatch(/Für das Haushaltsjahr 2026 \(Haushalt bereits beschlossen\) werden [\d.]+,\d\d € Eigenanteil des Kreises über- bzw. außerplanmäßig bereitgestellt/u);
  });

  it('splits konsumtiv / investiv (Ergebnis- und Finanzhaushalt), to the cent', () => {
    const text = flat(docText(pub.zip));
    expect(text).toContain('Ergebnis- und Finanzhaushalt');
    const lines = loadSnapshot(t.session).budgetLines;
    const kons = lines.filter((l) => l.costKind !== 'investition').reduce((a, l) => a + l.amountCents, 0);
    const inv = lines.filter((l) => l.costKind === 'investition').reduce((a, l) => a + l.amountCents, 0);
    expect(text).toContain(`Summe ${formatCents(kons)} ${formatCents(inv)} ${formatCents(kons + inv)}`);
  });

  it('states Folgekosten per measure and the Auswirkungen auf den Stellenplan', () => {
    const text = flat(docText(pub.zip));
    expect(text).toContain('dauerhafte Folgekosten von zusammen 54.500,00 € jährlich');
    expect(text).toContain('Summe jährlich 54.500,00 €');
    expect(text).toContain('Auswirkungen auf den Stellenplan');
    expect(text).toContain('höchstens 2 VZÄ in einem Jahr (2027: 2 VZÄ; 2028: 1,5 VZÄ)');
    expect(text).toContain('E 9b TVöD');
  });

  it('follows the Vorlagenprofil: order, own headings, optional text sections', () => {
    const text = flat(docText(pub.zip));
    // The order of the headings (Heading1/Heading2 paragraphs), not of the first mention of a word:
    // "Finanzielle Auswirkungen" is also cited in the Beschlussvorschlag.
    const headings = (part(pub.zip, 'word/document.xml').match(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading[12]"\/>.*?<\/w:p>/gsu) ?? [])
      .map((p) => flat([...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('')).trim());
    const at = (s: string) => headings.indexOf(s);
    expect(at('Beschlussvorschlag der Verwaltung')).toBeGreaterThanOrEqual(0);
    expect(at('Beschlussvorschlag der Verwaltung')).toBeLessThan(at('Beratungsfolge'));
    expect(at('Beratungsfolge')).toBeLessThan(at('Klimarelevanz'));
    expect(text).toContain('Die Maßnahmen sind klimaneutral');
    expect(text).not.toContain('SOLLTE NICHT ERSCHEINEN');
    expect(headings).not.toContain('Auswirkungen auf die Gleichstellung');
    // Sections the saved profile did not name follow with their defaults.
    expect(at('Finanzielle Auswirkungen')).toBeGreaterThan(at('Klimarelevanz'));
  });

  it('gives each Beratung its öffentlich / nichtöffentlich and names no committee the plan does not', async () => {
    const text = flat(docText(pub.zip));
    expect(text).toContain('20.01.2027 Ausschuss für Soziales und Integration Vorberatung nichtöffentlich 17.02.2027 Kreistag Entscheidung öffentlich');
    const fresh = await openTestPlan({ demo: true });
    try {
      const d = (await fresh.api['vorlage.settings.get']({})).defaults.beratungsfolge;
      expect(d.map((b) => b.gremium)).not.toContain('Kreisausschuss');
      expect(d.at(-1)).toMatchObject({ gremium: 'Kreistag', zustaendigkeit: 'entscheidung' });
    } finally {
      fresh.cleanup();
    }
  });

  it('writes German: plurals, one gender form, one term per role, nested quotes, the genitive of the Kreis', () => {
    const text = flat(docText(pub.zip));
    expect(text).toContain('2 Ideen');
    expect(text).not.toMatch(/\b2 Idee\b(?!n)/u);
    expect(text).toContain('Bearbeiterin oder Bearbeiter');
    expect(text).not.toContain('Bearbeiter:in');
    expect(text).not.toContain('Federführung und Beteiligte');
    expect(text).toContain('Zuständigkeiten');
    expect(text).toContain('„Das ‚gemeinsame Wir‘ in ländlichen Räumen“');
    expect(part(pub.zip, 'docProps/core.xml')).toContain('des Landkreises Musterland');
  });

  it.runIf(hasSoffice)('has bookmarks from the heading outline levels in the PDF', () => {
    const pdf = readFileSync(r.pdf).toString('latin1');
    expect(pdf).toMatch(/\/Outlines\s+\d+ 0 R/u);
    expect(pdf).toMatch(/\/Title\s*(?:\(|<)/u);
    // Finanzielle Auswirkungen is a heading with a page of its own text.
    expect(r.plain).toContain('Haushaltsrahmen und Deckung');
  });

  it.runIf(hasSoffice)('keeps every amount on one line even when DejaVu Sans replaces Arial', () => {
    const fonts = spawnSync('pdffonts', [dejavu.pdf], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/DejaVuSans/u);
    expect(fonts).not.toMatch(/Arial|Liberation/u);
    // An amount broken over two lines shows as "1.234,56" / "€" or "1.234." / "567,00 €" on separate lines.
    const broken = [...dejavu.plain.matchAll(/\d,\d\d[ \u00a0]*\n[ \u00a0]*€|\d\.\n\d{3}|\d+[ \u00a0]*\n[ \u00a0]*%/gu)].map((m) => m[0]);
    expect(broken).toEqual([]);
    for (const amount of ['2.014.500,00 €', '196.900,00 €', '1.411.900,00 €', '456.000,00 €']) {
      expect(dejavu.plain.replaceAll('\u00a0', ' ')).toContain(amount);
    }
  });
  it.runIf(hasSoffice)('starts every Maßnahmenblatt on a page of its own, A4 portrait, under Liberation and under DejaVu', async () => {
    const measures = await t.api['measures.list']({});
    for (const [font, out] of [['Liberation', r], ['DejaVu', dejavu]] as const) {
      // Every page of Anlage 2 carries the running head "Anlage 2 zur …"; per page the code of the sheet that starts on it.
      const pages = out.pageTexts.filter((p) => /Anlage 2 zur /u.test(p));
      const starts = pages.map((p) => [...flat(p).matchAll(/Maßnahmenblatt (M-\d+\.\d+):/gu)].map((m) => m[1]));
      // Never two sheets on one page, and every measure has its sheet.
      expect(starts.filter((c) => c.length > 1), font).toEqual([]);
      expect(starts.flat().sort(), font).toEqual(measures.map((m) => m.code).sort());
      const continued = starts.filter((c) => c.length === 0).length;
      console.log(`[council] ${font}: ${measures.length} Maßnahmenblätter on ${pages.length} pages (${continued} continued onto a second page)`);
      const info = spawnSync('pdfinfo', [out.pdf], { encoding: 'utf8' }).stdout;
      expect(info, font).toMatch(/Page size:\s+595(?:\.\d+)? x 84[12](?:\.\d+)? pts \(A4\)/u);
    }
  });
});

describe('Earlier decisions', () => {
  it('cites measures already beschlossen with the festgeschriebener Stand instead of deciding them again', async () => {
    const t = await openTestPlan({ demo: true });
    try {
      await t.api['snapshots.create']({ name: 'Beschluss Kreistag', date: '2026-03-12', gremium: 'Kreistag' });
      const out = await exportTo(t, 'v.docx', {});
      const text = flat(docText(out.zip));
      expect(text).toContain('Bereits beschlossene Maßnahmen');
      expect(text).toMatch(/M-1\.01 [^:]+: beschlossen am 12\.03\.2026 \(Kreistag, Stand „Beschluss Kreistag“\)/u);
      expect(text).toMatch(/bereits beschlossen \(siehe Sachverhalt\) und werden nur nachrichtlich aufgeführt, nicht erneut beschlossen/u);
    } finally {
      t.cleanup();
    }
  });
});

describe('Anonymised means anonymous', () => {
  it('removes e-mail, phone, web addresses and names from free text, shows them first, and leaves no mailto link', async () => {
    const t = await openTestPlan({ demo: true });
    try {
      const m = (await t.api['measures.list']({}))[0];
      await t.api['measures.update']({ id: m.id, patch: { goal: 'Anmeldung bei Frau Dr. Yildiz: anna.yildiz@musterland.de oder 05121 309-1234, Infos unter https://www.jugendring-musterland.de/kontakt.' } });
      const args: VorlageExportArgs = { anonymise: true, sachverhalt: 'Rückfragen an Herrn Nowak (nowak@musterland.de).', kopf: { bearbeiter: 'Frau Dr. Yildiz' } };
      const { findings } = await t.api['vorlage.anonymise.preview'](args);
      const found = findings.map((f) => `${f.kind}:${f.text}`);
      expect(found).toEqual(expect.arrayContaining([
        'email:anna.yildiz@musterland.de', 'telefon:05121 309-1234', 'url:https://www.jugendring-musterland.de/kontakt', 'email:nowak@musterland.de',
      ]));
      expect(found.some((f) => f.startsWith('name:') && /Yildiz/u.test(f))).toBe(true);
      expect(found.some((f) => f.startsWith('name:') && /Nowak/u.test(f))).toBe(true);
      expect(findings.find((f) => f.kind === 'telefon')?.where).toBe(`${m.code} Ziel`);

      const out = await exportTo(t, 'anon.docx', args);
      const xml = [...out.zip].filter(([n]) => n.endsWith('.xml') || n.endsWith('.rels')).map(([, b]) => b.toString('utf8')).join('\n');
      for (const leak of ['anna.yildiz@musterland.de', 'nowak@musterland.de', '309-1234', 'jugendring-musterland.de', 'Yildiz', 'Nowak', 'mailto:']) {
        expect(xml, leak).not.toContain(leak);
      }
      expect(docText(out.zip)).toContain('Anmeldung bei [entfernt]: [entfernt] oder [entfernt], Infos unter [entfernt].');
      const core = part(out.zip, 'docProps/core.xml');
      expect(core).toContain('<dc:creator>Zusammenhalt-Werkbank</dc:creator>');
      expect(core).toContain('<cp:lastModifiedBy>Zusammenhalt-Werkbank</cp:lastModifiedBy>');
      // Not anonymised: the same text stays, as the planner wrote it.
      const plain = await exportTo(t, 'plain.docx', { anonymise: false });
      expect(docText(plain.zip)).toContain('anna.yildiz@musterland.de');
    } finally {
      t.cleanup();
    }
  });
});

describe('Large plans', () => {
  it('an L plan\'s default Beratungsfolge fits the Vorlage (no more "Höchstens 20 Zeilen")', async () => {
    const t = await openTestPlan();
    try {
      const path = join(t.dir, 'l.wirplan');
      generatePlan(path, 'L', 1);
      await t.api['plan.open']({ path });
      const info = await t.api['vorlage.settings.get']({});
      expect(info.defaults.beratungsfolge.length).toBeLessThanOrEqual(6);
      expect(info.measureCount).toBe(5000);
    } finally {
      t.cleanup();
    }
  });

  it('a running export can be cancelled; the backend stays responsive and the next export works', async () => {
    const t = await openTestPlan();
    try {
      const path = join(t.dir, 'm.wirplan');
      generatePlan(path, 'M', 1);
      await t.api['plan.open']({ path });
      let settled = false;
      const running = t.api['export.docx']({});
      running.then(() => { settled = true; }, () => { settled = true; });
      await new Promise((res) => setTimeout(res, 300));
      // The backend answers while the export runs (it runs beside, not in, the request loop).
      expect((await t.api['plan.info']({}))?.measureCount).toBe(500);
      expect(settled).toBe(false);
      expect(await t.api['export.cancel']({})).toEqual({ cancelled: true });
      await expect(running).rejects.toThrow('Der Export wurde abgebrochen.');
      expect(await t.api['export.cancel']({})).toEqual({ cancelled: false });
      const again = await t.api['export.vorlage']({ parts: { vorlage: true, anlage1: false, anlage2: false, anlage3: false, chart: false } });
      expect(checkDocxXml(unzip(Buffer.from(again.base64, 'base64'))).problems).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});
