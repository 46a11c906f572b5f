// Proves that shared/catalogue holds the Baustellen of the Impulspapier word for word: the
// shipped source text (tests/fixtures/impulspapier-2024.txt) is parsed here independently
// and compared item by item with the typed catalogue.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  ACTOR_GROUP_LABELS, CATALOGUE, CATALOGUE_VERSION, allFragen, allGrundmauern, findBaustelle, findItem,
} from '../../shared/catalogue/index.ts';
import type { ActorGroup, Catalogue } from '../../shared/catalogue/index.ts';

const SOURCE_URL = new URL('../../tests/fixtures/impulspapier-2024.txt', import.meta.url);
const SOURCE = readFileSync(SOURCE_URL, 'utf8');

// ---------------------------------------------------------------------------------------------
// A small, independent parser of the seed's Markdown-like text.

type Kind = 'grundmauern' | 'fragen';
interface SeedItem { heading: string; group: ActorGroup; text: string }
interface SeedBaustelle { title: string; rawHeading: string; paragraphs: string[]; grundmauern: SeedItem[]; fragen: SeedItem[] }

/** Printed group headings → actor group. `Verwaltung` is printed once (Baustelle 6, Fragen). */
const HEADING_GROUPS: Record<string, ActorGroup> = {
  'Lokale Verwaltung': 'lokale-verwaltung',
  Verwaltung: 'lokale-verwaltung',
  'Politische Entscheidungsträger:innen': 'politik',
  'Zivilgesellschaftliche Organisationen': 'zivilgesellschaft',
  'Alle Menschen vor Ort': 'alle-menschen',
};
const GROUP_CODES: Record<ActorGroup, string> = { 'lokale-verwaltung': 'LV', politik: 'PE', zivilgesellschaft: 'ZO', 'alle-menschen': 'AM' };

const SECTION_HEADING = '# Baustellen zur Stärkung des gesellschaftlichen Zusammenhalts';
const stripSup = (s: string): string => s.replace(/<sup>\s*\d+\s*<\/sup>/g, '');
/** Removes the `[text](#)` link markup of the converted PDF, keeping the text. */
const stripLinks = (s: string): string => s.replace(/\[([^\]]*)\]\(#\)/g, '$1');
/** Trims a line, including Markdown hard-break spaces at its end. */
const clean = (s: string): string => s.replace(/\s+$/, '').replace(/^\s+/, '');

function parseBaustellen(text: string): SeedBaustelle[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((l) => clean(l) === SECTION_HEADING);
  if (start < 0) throw new Error('section "Baustellen zur Stärkung …" not found');
  let end = lines.findIndex((l, i) => i > start && /^# \S/.test(l));
  if (end < 0) end = lines.length;

  const result: SeedBaustelle[] = [];
  let cur: SeedBaustelle | undefined;
  let mode: 'body' | 'other' | Kind = 'other';
  let heading: string | undefined;
  let item: SeedItem | undefined;
  let paragraph: string[] = [];
  const flushParagraph = (): void => {
    if (cur && paragraph.length) cur.paragraphs.push(paragraph.join(' '));
    paragraph = [];
  };

  for (let i = start + 1; i < end; i++) {
    const line = lines[i];
    const h = /^(#{2,6})\s+(.*)$/.exec(line);
    if (h) {
      flushParagraph();
      item = undefined;
      const level = h[1].length;
      const title = clean(stripSup(h[2]));
      if (level === 2 && title === 'Grundmauern:') { mode = 'grundmauern'; heading = undefined; continue; }
      if (level === 2 && title === 'Fragen für den gemeinsamen Weiterbau:') { mode = 'fragen'; heading = undefined; continue; }
      if (level === 2) {
        cur = { title, rawHeading: clean(h[2]), paragraphs: [], grundmauern: [], fragen: [] };
        result.push(cur);
        mode = 'body';
        continue;
      }
      if (mode === 'grundmauern' || mode === 'fragen') {
        if (!(title in HEADING_GROUPS)) throw new Error(`line ${i + 1}: unknown actor group heading "${title}"`);
        heading = title;
      } else {
        mode = 'other'; // "Mehr dazu in den Kurz-Expertisen:" and similar boxes
      }
      continue;
    }
    if (mode === 'body') {
      if (clean(line) === '') flushParagraph();
      else if (!/^-{3,}$/.test(clean(line))) paragraph.push(clean(line));
      else { flushParagraph(); mode = 'other'; }
      continue;
    }
    if (mode === 'grundmauern' || mode === 'fragen') {
      const b = /^\s*[-*•]\s+(.*)$/.exec(line);
      if (b) {
        if (!cur || !heading) throw new Error(`line ${i + 1}: bullet outside an actor group`);
        item = { heading, group: HEADING_GROUPS[heading], text: clean(b[1]) };
        cur[mode].push(item);
      } else if (clean(line) === '') {
        item = undefined;
      } else if (item) {
        item.text += ' ' + clean(line); // a bullet wrapped over several lines
      } else {
        throw new Error(`line ${i + 1}: unexpected text in a list: "${line}"`);
      }
    }
  }
  flushParagraph();
  return result;
}

/** Start pages of the Baustellen from the table of contents ("08\tKlare Haltung: …"). */
function tableOfContents(text: string): { page: number; title: string }[] {
  const toc: { page: number; title: string }[] = [];
  const lines = text.split('\n');
  const from = lines.findIndex((l) => clean(l) === '# Inhalt');
  for (let i = from + 1; i < lines.length && !/^# /.test(lines[i]); i++) {
    const m = /^(\d+)\t(.+)$/.exec(clean(lines[i].replace(/<\/?b>/g, '')));
    if (m) toc.push({ page: Number(m[1]), title: m[2] });
  }
  return toc;
}

/** Lines of the first block of an Impressum subsection ("### Copyright"), up to the next blank line. */
function impressumSection(text: string, name: string): string[] {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => clean(l) === `### ${name}`);
  if (from < 0) return [];
  const out: string[] = [];
  for (let i = from + 1; i < lines.length && !/^#/.test(lines[i]); i++) {
    if (clean(lines[i])) out.push(clean(lines[i]));
    else if (out.length) break;
  }
  return out;
}

/** Every difference between catalogue and seed, as readable lines (empty = identical). */
function compare(catalogue: Catalogue, seed: SeedBaustelle[]): string[] {
  const diffs: string[] = [];
  if (catalogue.baustellen.length !== seed.length) diffs.push(`Baustellen: ${catalogue.baustellen.length} in catalogue, ${seed.length} in seed`);
  seed.forEach((s, n) => {
    const b = catalogue.baustellen[n];
    if (!b) return;
    if (b.title !== s.title) diffs.push(`${b.id}: title "${b.title}" ≠ "${s.title}"`);
    for (const kind of ['grundmauern', 'fragen'] as const) {
      const got = b[kind].map((x) => ({ heading: x.printedGroupHeading, group: x.actorGroup, text: x.text }));
      const want = s[kind];
      const len = Math.max(got.length, want.length);
      for (let i = 0; i < len; i++) {
        const g = got[i], w = want[i];
        if (!g) diffs.push(`${b.id} ${kind}[${i}]: missing "${w.text}"`);
        else if (!w) diffs.push(`${b.id} ${kind}[${i}]: extra "${g.text}"`);
        else if (g.text !== w.text || g.group !== w.group || g.heading !== w.heading) {
          diffs.push(`${b.id} ${kind}[${i}]: ${g.group}/${g.heading}/"${g.text}" ≠ ${w.group}/${w.heading}/"${w.text}"`);
        }
      }
    }
  });
  return diffs;
}

const SEED = parseBaustellen(SOURCE);

// ---------------------------------------------------------------------------------------------

describe('the seed parser', () => {
  it('handles wrapped bullets, footnote marks, "Verwaltung" and info boxes', () => {
    const sample = [
      SECTION_HEADING, '', 'Intro.', '',
      '## Titel: Unter<sup>9</sup>', '', 'Erster Absatz', 'zweite Zeile.', '', 'Zweiter Absatz.', '', '---', '',
      '### Mehr dazu in den Kurz-Expertisen:', '', '„Eine Expertise“', '', '---', '',
      '## Grundmauern:', '', '### Lokale Verwaltung', '', '- Eins, das über', '  zwei Zeilen geht  ', '- Zwei', '',
      '## Fragen für den gemeinsamen Weiterbau:', '', '### Verwaltung', '', '- Frage?', '',
      '# Wie weiter?', '', '- kein Teil des Katalogs',
    ].join('\n');
    expect(parseBaustellen(sample)).toEqual([{
      title: 'Titel: Unter', rawHeading: 'Titel: Unter<sup>9</sup>',
      paragraphs: ['Erster Absatz zweite Zeile.', 'Zweiter Absatz.'],
      grundmauern: [
        { heading: 'Lokale Verwaltung', group: 'lokale-verwaltung', text: 'Eins, das über zwei Zeilen geht' },
        { heading: 'Lokale Verwaltung', group: 'lokale-verwaltung', text: 'Zwei' },
      ],
      fragen: [{ heading: 'Verwaltung', group: 'lokale-verwaltung', text: 'Frage?' }],
    }]);
  });

  it('rejects an unknown actor group heading', () => {
    expect(() => parseBaustellen(`${SECTION_HEADING}\n## A: B\n## Grundmauern:\n### Presse\n- x\n`)).toThrow(/unknown actor group/);
  });
});

describe('Baustellen catalogue (impulspapier-2024)', () => {
  it('ships the seed text', () => {
    expect(SOURCE).toContain(SECTION_HEADING);
    expect(SOURCE).toContain('# Das „gemeinsame Wir“ in ländlichen Räumen');
  });

  it('has exactly the seven Baustellen of the paper, in its order', () => {
    expect(SEED).toHaveLength(7);
    expect(CATALOGUE.baustellen).toHaveLength(7);
    expect(CATALOGUE.baustellen.map((b) => b.title)).toEqual(SEED.map((s) => s.title));
    // … and in the order of the table of contents
    const toc = tableOfContents(SOURCE).map((t) => t.title);
    const tocBaustellen = SEED.map((s) => toc.indexOf(s.title));
    expect(tocBaustellen.every((i) => i >= 0)).toBe(true);
    expect([...tocBaustellen].sort((a, b) => a - b)).toEqual(tocBaustellen);
    expect(CATALOGUE.baustellen.map((b) => b.shortTitle)).toEqual([
      'Klare Haltung', 'Gerechte Strukturen', 'Aktive Kommunikation', 'Positive Effekte',
      'Ehrliche Analysen', 'Bedarfsgerechte Mobilität', 'Starke Beziehungen',
    ]);
  });

  it('numbers, titles, subtitles, pages and summaries follow the paper', () => {
    const toc = tableOfContents(SOURCE);
    CATALOGUE.baustellen.forEach((b, i) => {
      const s = SEED[i];
      expect(b.id).toBe(`B${i + 1}`);
      expect(b.number).toBe(i + 1);
      expect(b.title).not.toMatch(/<sup>|\d$/);
      const colon = s.title.indexOf(':');
      expect(b.shortTitle).toBe(s.title.slice(0, colon));
      expect(b.subtitle).toBe(s.title.slice(colon + 1).trim());
      expect(`${b.shortTitle}: ${b.subtitle}`).toBe(b.title);
      // summary: first paragraph of the body, verbatim apart from the "[…](#)" link markup
      expect(b.summary).toBe(stripSup(stripLinks(s.paragraphs[0])));
      expect(b.summary.length).toBeGreaterThan(200);
      // pages: from the start page in the table of contents up to the page before the next entry
      const t = toc.findIndex((e) => e.title === s.title);
      const first = toc[t].page, last = toc[t + 1].page - 1;
      expect(b.pages).toBe(last > first ? `${first}–${last}` : `${first}`);
    });
    expect(SEED[5].rawHeading).toContain('<sup>6</sup>'); // the footnote mark exists in the seed …
    expect(CATALOGUE.baustellen[5].title).toBe('Bedarfsgerechte Mobilität: Zugänge aus- und Hürden abbauen'); // … and is stripped
  });

  it('every Grundmauer and every Frage of the seed is in the catalogue, word for word, same group and order, nothing extra', () => {
    expect(compare(CATALOGUE, SEED)).toEqual([]);
    for (const [i, s] of SEED.entries()) {
      const b = CATALOGUE.baustellen[i];
      expect(b.grundmauern.map((x) => [x.actorGroup, x.printedGroupHeading, x.text])).toEqual(s.grundmauern.map((x) => [x.group, x.heading, x.text]));
      expect(b.fragen.map((x) => [x.actorGroup, x.printedGroupHeading, x.text])).toEqual(s.fragen.map((x) => [x.group, x.heading, x.text]));
    }
  });

  it('would notice a changed word, a missing, an extra, a moved or a regrouped item', () => {
    const mutate = (f: (c: Catalogue) => void): string[] => {
      const c = structuredClone(CATALOGUE);
      f(c);
      return compare(c, SEED);
    };
    expect(mutate(() => {})).toEqual([]);
    expect(mutate((c) => { c.baustellen[1].fragen[3].text = c.baustellen[1].fragen[3].text.replace('Teilhabebarrrieren', 'Teilhabebarrieren'); })).toHaveLength(1);
    expect(mutate((c) => { c.baustellen[0].grundmauern.pop(); })).toHaveLength(1);
    expect(mutate((c) => { c.baustellen[6].fragen.push({ ...c.baustellen[6].fragen[0], text: 'Zusätzlich?' }); })).toHaveLength(1);
    expect(mutate((c) => { c.baustellen[4].grundmauern.reverse(); })).not.toEqual([]);
    expect(mutate((c) => { c.baustellen[5].fragen[0].actorGroup = 'politik'; })).toHaveLength(1);
    expect(mutate((c) => { c.baustellen[2].title += '.'; })).toHaveLength(1);
  });

  it('counts per Baustelle and actor group', () => {
    const count = (items: { actorGroup: ActorGroup }[]) => {
      const r: Record<string, number> = {};
      for (const x of items) r[GROUP_CODES[x.actorGroup]] = (r[GROUP_CODES[x.actorGroup]] ?? 0) + 1;
      return r;
    };
    const table = CATALOGUE.baustellen.map((b) => ({
      id: b.id, shortTitle: b.shortTitle,
      grundmauern: b.grundmauern.length, fragen: b.fragen.length,
      G: JSON.stringify(count(b.grundmauern)), F: JSON.stringify(count(b.fragen)),
    }));
    console.table(table);
    // independently from the seed …
    expect(table.map((r) => [r.grundmauern, r.fragen])).toEqual(SEED.map((s) => [s.grundmauern.length, s.fragen.length]));
    // … and as counted by hand in the paper
    expect(table.map((r) => [r.id, r.grundmauern, r.fragen])).toEqual([
      ['B1', 5, 6], ['B2', 5, 6], ['B3', 6, 4], ['B4', 5, 5], ['B5', 8, 5], ['B6', 5, 3], ['B7', 6, 5],
    ]);
    expect(CATALOGUE.baustellen.map((b) => [count(b.grundmauern), count(b.fragen)])).toEqual([
      [{ LV: 3, PE: 2 }, { LV: 3, PE: 3 }],
      [{ LV: 3, PE: 2 }, { LV: 3, PE: 3 }],
      [{ LV: 3, PE: 3 }, { LV: 2, PE: 2 }],
      [{ LV: 3, PE: 2 }, { LV: 2, PE: 3 }],
      [{ AM: 2, LV: 3, PE: 3 }, { LV: 2, PE: 3 }],
      [{ LV: 3, PE: 2 }, { LV: 2, PE: 1 }],
      [{ ZO: 2, LV: 3, PE: 1 }, { LV: 3, PE: 2 }],
    ]);
    expect(allGrundmauern()).toHaveLength(40);
    expect(allFragen()).toHaveLength(34);
  });

  it('item ids are unique, readable and consistent with their fields', () => {
    const items = [...allGrundmauern(), ...allFragen()];
    const ids = items.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set([...ids, ...CATALOGUE.baustellen.map((b) => b.id)]).size).toBe(ids.length + 7);
    for (const b of CATALOGUE.baustellen) {
      for (const [kind, list] of [['G', b.grundmauern], ['F', b.fragen]] as const) {
        const seen: Record<string, number> = {};
        for (const x of list) {
          seen[x.actorGroup] = (seen[x.actorGroup] ?? 0) + 1;
          expect(x.baustelleId).toBe(b.id);
          expect(x.position).toBe(seen[x.actorGroup]);
          expect(x.id).toBe(`${b.id}-${kind}-${GROUP_CODES[x.actorGroup]}-${x.position}`);
          expect(x.id).toMatch(/^B[1-7]-[GF]-(LV|PE|ZO|AM)-\d+$/);
        }
      }
    }
    expect(findItem('B1-G-LV-1')?.text).toBe('Beteiligungsmaßnahmen diversitätssensibel planen');
    expect(findItem('B6-F-LV-1')?.printedGroupHeading).toBe('Verwaltung');
    expect(findItem('B5-G-AM-2')?.text).toBe('Prioritäten gemeinsam aushandeln');
    expect(findItem('B7-G-ZO-1')?.actorGroup).toBe('zivilgesellschaft');
    expect(findItem('B1-G-LV-9')).toBeUndefined();
    expect(findBaustelle('B3')?.shortTitle).toBe('Aktive Kommunikation');
    expect(findBaustelle('B8')).toBeUndefined();
  });

  it('texts are clean (no markup, no stray whitespace)', () => {
    const texts = [
      ...allGrundmauern().map((x) => x.text), ...allFragen().map((x) => x.text),
      ...CATALOGUE.baustellen.flatMap((b) => [b.title, b.shortTitle, b.subtitle, b.summary]),
    ];
    for (const t of texts) {
      expect(t).toBe(t.trim());
      expect(t).not.toMatch(/\s{2,}|<\/?\w+>|\*\*|\]\(#\)|\u00a0|\u00ad/);
      expect(t.normalize('NFC')).toBe(t);
    }
  });

  it('actor group labels', () => {
    expect(ACTOR_GROUP_LABELS).toEqual({
      'lokale-verwaltung': 'Lokale Verwaltung',
      politik: 'Politische Entscheidungsträger:innen',
      zivilgesellschaft: 'Zivilgesellschaftliche Organisationen',
      'alle-menschen': 'Alle Menschen vor Ort',
    });
  });

  it('names its source: title, publisher, authors, year 2024, copyright', () => {
    const src = CATALOGUE.source;
    expect(CATALOGUE.id).toBe('impulspapier-2024');
    expect(CATALOGUE.version).toBe(1);
    expect(CATALOGUE_VERSION).toBe(CATALOGUE.version);
    expect(src.kind).toBe('Impulspapier');
    expect(src.year).toBe(2024);
    expect(SOURCE).toContain(`# ${src.title}\n`);
    expect(SOURCE.replace(/ {2}\n/g, ' ')).toContain(src.subtitle);
    expect(impressumSection(SOURCE, 'Herausgegeben von der')[0]).toBe(src.publisher);
    for (const a of src.authors) expect(impressumSection(SOURCE, 'Autor:innen\\*')).toContain(a);
    expect(src.authors).toHaveLength(impressumSection(SOURCE, 'Autor:innen\\*').filter((l) => !l.startsWith('(') && !l.endsWith(')')).length);
    expect(src.licence.split('\n')).toEqual(impressumSection(SOURCE, 'Copyright'));
    expect(src.licence).toContain('2024');
    for (const part of [src.title, src.subtitle, 'Robert Bosch Stiftung', 'Universität Hildesheim', '(2024)', 'Impulspapier', 'Land.Zuhause.Zukunft']) {
      expect(src.citation).toContain(part);
    }
    for (const a of src.authors) {
      const [first, last] = [a.slice(0, a.lastIndexOf(' ')), a.slice(a.lastIndexOf(' ') + 1)];
      expect(src.citation).toContain(`${last}, ${first}`);
    }
    expect(src.programme).toContain('Land.Zuhause.Zukunft');
    expect(SOURCE).toContain(src.programme);
  });

  it('is plain JSON data (it is copied into every plan as JSON)', () => {
    expect(JSON.parse(JSON.stringify(CATALOGUE))).toEqual(CATALOGUE);
  });
});
