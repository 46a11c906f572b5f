// The committee document for the Kreistag: title page, an overview of all measures with their
// costs per year, then one part per Baustelle with every measure in detail. A pure function of one
// PlanSnapshot: the same snapshot gives the same document, byte for byte.
import {
  AlignmentType, BorderStyle, Document, Footer, HeadingLevel, LineRuleType, Packer, PageNumber, PageOrientation,
  FileChild, Paragraph, TabStopType, TextRun,
  type ISectionOptions, type ParagraphChild,
} from 'docx';
import type { Baustelle, CatalogueItem } from '../../../shared/catalogue/types.ts';
import { ACTOR_GROUP_LABELS } from '../../../shared/catalogue/types.ts';
import {
  BUDGET_STATE_LABELS, COST_KIND_LABELS, FUNDING_KIND_LABELS, MEASURE_STATUS_LABELS, ROLE_LABELS, ROLES, type Role,
} from '../../../shared/domain/enums.ts';
import { formatCents, sumCents } from '../../../shared/domain/money.ts';
import { formatPeriod } from '../../../shared/domain/period.ts';
import type { BudgetLine, MeasureRow } from '../../../shared/domain/types.ts';
import { AppError } from '../errors.ts';
import { zipSync } from 'fflate';
import { FALLBACK_ADVANCE, MAX_ADVANCE } from './font-metrics.ts';
import { genitiveOfKreis } from '../../../shared/domain/wording.ts';
import type { PlanSnapshot } from './snapshot.ts';

// ---------------------------------------------------------------------------------------------
// Text safety

// XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and unpaired surrogates; DEL and the C1 controls are
// allowed but invisible garbage in a document. With the `u` flag a paired surrogate is one code point,
// so \p{Cs} only matches unpaired halves.
// oxlint-disable-next-line no-control-regex -- matching control characters is the point here
const ILLEGAL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Cs}/gu;

/** User text made safe for the document: no XML-illegal characters, Unix line ends, tabs as spaces. */
export function safeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\r\n?/gu, '\n')
    .replace(/\t/gu, ' ')
    .replace(ILLEGAL_CHARS, '')
    .normalize('NFC');
}

// A line must not break inside "1.234,56 €", "12 %", "Nr. 5", "Anlage 1", "§ 3" or "Q1/2026 – Q4/2027".
const KEEP_BEFORE_UNIT = /(\d) (€|%|VZÄ|Mio\.|Tsd\.)/gu;
const KEEP_AFTER_WORD = /(^|[\s(„‚])(Nr\.|Anlage|Baustelle|Rang|Schritt|§|Abs\.|S\.|Q[1-4]\/\d{4}) (\d|–)/gu;

/** Text with no-break spaces where a line must not break (amounts, percentages, numbers with their noun). */
export function keepTogether(s: string): string {
  if (!s.includes(' ')) return s;
  return s.replace(KEEP_BEFORE_UNIT, '$1\u00a0$2').replace(KEEP_AFTER_WORD, '$1$2\u00a0$3');
}

export function escapeXml(s: string): string {
  return safeText(s).replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

// ---------------------------------------------------------------------------------------------
// Layout constants (twips: 1/20 pt; 567 twips = 1 cm)

export const FONT = 'Arial';
export const BODY_SIZE = 22; // half-points: 11 pt
export const TABLE_SIZE = 18; // 9 pt
export const A4 = { width: 11906, height: 16838 };
export const PORTRAIT_MARGIN = { top: 1134, bottom: 1134, left: 1418, right: 1134, header: 567, footer: 567 };
export const LANDSCAPE_MARGIN = { top: 1134, bottom: 1021, left: 851, right: 851, header: 567, footer: 567 };
export const PORTRAIT_WIDTH = A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right;
export const LANDSCAPE_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;
export const CELL_MARGIN = { top: 40, bottom: 40, left: 85, right: 85 };
const GRID = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' } as const;
export const HEAD_FILL = 'DCE3EC';
export const SUM_FILL = 'EFEFEF';
export const ACCENT = '1F3864';
export const DASH = '—';

// ---------------------------------------------------------------------------------------------
// Small builders

export interface RunStyle { bold?: boolean; italics?: boolean; size?: number; color?: string }

/** Text runs for (multi-line) user text; every string passes through safeText. */
export function runs(text: string, style: RunStyle = {}): TextRun[] {
  // Only the properties given, so a plain run carries no run properties at all (smaller, faster XML).
  const props: RunStyle = {};
  if (style.bold) props.bold = true;
  if (style.italics) props.italics = true;
  if (style.size !== undefined) props.size = style.size;
  if (style.color !== undefined) props.color = style.color;
  const safe = keepTogether(safeText(text));
  if (!safe.includes('\n')) return [new TextRun({ text: safe, ...props })];
  return safe.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...props }));
}

export interface ParaOpts {
  /** Left indent with a thin rule beside it: a quotation from the Impulspapier. */
  quote?: boolean;
  heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
  alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
  before?: number;
  after?: number;
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  bullet?: boolean;
}

export function para(children: ParagraphChild[], o: ParaOpts = {}): Paragraph {
  return new Paragraph({
    children,
    heading: o.heading,
    alignment: o.alignment,
    keepNext: o.keepNext,
    keepLines: o.heading ? true : undefined,
    pageBreakBefore: o.pageBreakBefore,
    bullet: o.bullet ? { level: 0 } : undefined,
    indent: o.quote ? { left: 284 } : undefined,
    border: o.quote ? { left: { style: BorderStyle.SINGLE, size: 12, color: 'A6B4C8', space: 8 } } : undefined,
    spacing: o.before !== undefined || o.after !== undefined ? { before: o.before, after: o.after } : undefined,
  });
}

export function text(s: string, style: RunStyle = {}, o: ParaOpts = {}): Block {
  if (o.quote || o.bullet || o.alignment || o.heading) return para(runs(s, style), o);
  return rawPara(s, style, { keepNext: o.keepNext, pageBreakBefore: o.pageBreakBefore, before: o.before, after: o.after });
}

/** "Label: value" with a bold label; an empty value shows a dash. */
export function labelled(label: string, value: string, o: ParaOpts = {}): Paragraph {
  const v = safeText(value).trim();
  return para([new TextRun({ text: `${label}: `, bold: true }), ...runs(v || DASH)], { after: 80, ...o });
}

// ---------------------------------------------------------------------------------------------
// Tables
//
// A 500-measure plan has tens of thousands of table cells. Building each as docx objects (TableCell,
// Paragraph, TextRun, their property objects) and walking them again when packing took most of the
// export time, so tables are written by FastTable: a docx FileChild that hands the packer the same
// element tree docx's own Table would produce for these options (tests/docx/export.test.ts compares
// both byte for byte). docx still escapes every text and attribute when it writes the XML.

/** One table cell: a single paragraph in one of the table text styles. */
export interface CellSpec {
  text: string;
  width: number;
  bold?: boolean;
  right?: boolean;
  fill?: string;
  span?: number;
  /** Font size in half-points when not the table default. */
  size?: number;
  /** Keep this row on the page of the next one (small tables stay in one piece). */
  keep?: boolean;
}

export interface RowSpec {
  cells: CellSpec[];
  /** A header row, repeated on every page the table runs over. */
  header?: boolean;
}

// Table text uses paragraph styles (9 pt, no spacing; left or right aligned; kept with the next row
// or not), so a cell carries no paragraph or run properties of its own.
export const CELL_STYLE = 'Tabellentext';
export const CELL_STYLE_RIGHT = 'TabellentextRechts';
export const CELL_STYLE_KEEP = 'TabellentextZusammen';
export const CELL_STYLE_RIGHT_KEEP = 'TabellentextRechtsZusammen';

export function cellStyle(c: CellSpec): string {
  return c.keep ? (c.right ? CELL_STYLE_RIGHT_KEEP : CELL_STYLE_KEEP) : (c.right ? CELL_STYLE_RIGHT : CELL_STYLE);
}

/** The text lines of a cell: safe text, an empty value shown as a dash. */
export function cellLines(c: CellSpec): string[] {
  const v = keepTogether(safeText(c.text));
  return (v === '' ? DASH : v).split('\n');
}

// Text and attribute values escaped exactly as docx's serializer escapes them.
const XML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escText = (s: string) => s.replace(/[&<>"']/gu, (c) => XML_ESC[c]);

const BORDERS = ['w:top', 'w:left', 'w:bottom', 'w:right', 'w:insideH', 'w:insideV']
  .map((n) => `<${n} w:val="${GRID.style}" w:color="${GRID.color}" w:sz="${GRID.size}"/>`).join('');
const CELL_MAR = `<w:tblCellMar><w:top w:type="dxa" w:w="${CELL_MARGIN.top}"/><w:left w:type="dxa" w:w="${CELL_MARGIN.left}"/><w:bottom w:type="dxa" w:w="${CELL_MARGIN.bottom}"/><w:right w:type="dxa" w:w="${CELL_MARGIN.right}"/></w:tblCellMar>`;

function cellXml(c: CellSpec, out: string[]): void {
  let tcPr = `<w:tcPr><w:tcW w:type="dxa" w:w="${c.width}"/>`;
  if (c.span && c.span > 1) tcPr += `<w:gridSpan w:val="${c.span}"/>`;
  if (c.fill) tcPr += `<w:shd w:fill="${escText(c.fill)}" w:color="auto" w:val="clear"/>`;
  tcPr += '</w:tcPr>';
  const size = c.size === undefined || c.size === TABLE_SIZE ? undefined : c.size;
  let rPr = '';
  if (c.bold) rPr += '<w:b/><w:bCs/>';
  if (size !== undefined) rPr += `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>`;
  if (rPr) rPr = `<w:rPr>${rPr}</w:rPr>`;
  let x = `<w:tc>${tcPr}<w:p><w:pPr><w:pStyle w:val="${cellStyle(c)}"/></w:pPr>`;
  const lines = cellLines(c);
  for (let i = 0; i < lines.length; i++) x += `<w:r>${rPr}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escText(lines[i])}</w:t></w:r>`;
  out.push(`${x}</w:p></w:tc>`);
}

/** The WordprocessingML of a table: what docx's own Table writes for these options, as a string. */
export function tableXml(widths: number[], rows: RowSpec[]): string {
  const out: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${widths.reduce((a, b) => a + b, 0)}"/><w:tblBorders>${BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>${CELL_MAR}</w:tblPr>`,
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
  ];
  for (const r of rows) {
    out.push(r.header ? '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' : '<w:tr><w:trPr><w:cantSplit/></w:trPr>');
    for (const c of r.cells) cellXml(c, out);
    out.push('</w:tr>');
  }
  out.push('</w:tbl>');
  return out.join('');
}

// Tables go into document.xml as finished strings: docx places a marker element for each, and
// packDocx puts the table's XML in its place. Building and walking docx's object tree for tens of
// thousands of cells (and its garbage) was most of an L plan's export time.
const RAW = new Map<number, string>();
let rawSeq = 0;
const MARKER = /<wbraw id="(\d+)"\/>/gu;

/** A block of finished WordprocessingML (a table, a plain paragraph), put in place by packDocx. */
export class RawXml extends FileChild {
  private readonly id: number;

  constructor(xml: string) {
    super('w:p');
    this.id = ++rawSeq;
    RAW.set(this.id, xml);
  }

  override prepForXml(): Record<string, unknown> {
    return { wbraw: { _attr: { id: this.id } } };
  }

  /** Frees the XML when the document is not packed (e.g. an export that failed). */
  dispose(): void {
    RAW.delete(this.id);
  }
}

/** A table with a fixed grid, thin grey borders and the table text styles. See the note above. */
export class FastTable extends RawXml {
  constructor(widths: number[], rows: RowSpec[]) {
    super(tableXml(widths, rows));
  }
}

export interface RawParaOpts { style?: string; keepNext?: boolean; keepLines?: boolean; pageBreakBefore?: boolean; before?: number; after?: number }

/** Runs of one text (lines joined by breaks), as docx writes TextRuns with these properties. */
export function runsXml(value: string, style: RunStyle = {}): string {
  let rPr = '';
  if (style.bold) rPr += '<w:b/><w:bCs/>';
  if (style.italics) rPr += '<w:i/><w:iCs/>';
  if (style.color !== undefined) rPr += `<w:color w:val="${escText(style.color)}"/>`;
  if (style.size !== undefined) rPr += `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>`;
  if (rPr) rPr = `<w:rPr>${rPr}</w:rPr>`;
  const lines = keepTogether(safeText(value)).split('\n');
  let x = '';
  for (let i = 0; i < lines.length; i++) x += `<w:r>${rPr}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escText(lines[i])}</w:t></w:r>`;
  return x;
}

/**
 * A plain paragraph (a paragraph style, keep/page options, spacing; text without links or fields)
 * as finished XML: what docx's Paragraph writes for these options, without its object tree.
 */
export function rawPara(value: string, style: RunStyle = {}, o: RawParaOpts = {}): RawXml {
  let pPr = '';
  if (o.style) pPr += `<w:pStyle w:val="${escText(o.style)}"/>`;
  if (o.keepNext) pPr += '<w:keepNext/>';
  if (o.keepLines) pPr += '<w:keepLines/>';
  if (o.pageBreakBefore) pPr += '<w:pageBreakBefore/>';
  if (o.before !== undefined || o.after !== undefined) {
    pPr += `<w:spacing${o.after !== undefined ? ` w:after="${o.after}"` : ''}${o.before !== undefined ? ` w:before="${o.before}"` : ''}/>`;
  }
  return new RawXml(`<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runsXml(value, style)}</w:p>`);
}

/**
 * Packs a docx Document like Packer.toBuffer, with the XML of every FastTable put in place of its
 * marker, the parts zipped with fflate (docx's own zip library). The document part is assembled
 * from pieces into one byte array, never one huge string.
 */
export function packDocx(doc: Document, overrides: { path: string; data: string }[] = []): Uint8Array {
  const compiler = (Packer as unknown as { compiler: { compile(d: Document, p: undefined, o: { path: string; data: string }[]): Map<string, string | Uint8Array> } }).compiler;
  const files = compiler.compile(doc, undefined, overrides);
  const enc = new TextEncoder();
  const zipInput: Record<string, Uint8Array> = {};
  for (const [path, data] of files) {
    if (typeof data !== 'string') { zipInput[path] = data; continue; }
    if (!data.includes('<wbraw ')) { zipInput[path] = enc.encode(data); continue; }
    const pieces: Uint8Array[] = [];
    let last = 0;
    let total = 0;
    const add = (s: string) => { const b = enc.encode(s); pieces.push(b); total += b.length; };
    for (const m of data.matchAll(MARKER)) {
      add(data.slice(last, m.index));
      const id = Number(m[1]);
      const xml = RAW.get(id);
      if (xml === undefined) throw new AppError('export-failed', 'Eine Tabelle des Dokuments fehlt; der Export wurde abgebrochen.');
      RAW.delete(id);
      add(xml);
      last = m.index + m[0].length;
    }
    add(data.slice(last));
    const all = new Uint8Array(total);
    let at = 0;
    for (const b of pieces) { all.set(b, at); at += b.length; }
    zipInput[path] = all;
  }
  return zipSync(zipInput);
}

/** What a section body is made of. */
export type Block = Paragraph | RawXml;

export function cell(value: string, width: number, o: Omit<CellSpec, 'text' | 'width'> = {}): CellSpec {
  return { text: value, width, ...o };
}

function table(widths: number[], rows: RowSpec[]): FastTable {
  return new FastTable(widths, rows);
}

export function headerRow(labels: string[], widths: number[], rightFrom: number, size = TABLE_SIZE, keepNext = false): RowSpec {
  return { header: true, cells: labels.map((l, i) => cell(l, widths[i], { bold: true, fill: HEAD_FILL, right: i >= rightFrom, size, keep: keepNext })) };
}

// The widest advance width of each glyph over the fonts that stand in for Arial (Liberation Sans,
// DejaVu Sans, Carlito; regular and bold; see font-metrics.ts), so a column sized with this keeps
// its content on one line whichever of them the reader's office suite uses.
export function textWidthTwips(s: string, halfPoints: number): number {
  let em = 0;
  for (const ch of s) em += MAX_ADVANCE[ch] ?? FALLBACK_ADVANCE;
  return Math.ceil((em / 1000) * (halfPoints / 2) * 20);
}

export function germanDate(iso: string, style: 'long' | 'medium'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return safeText(iso);
  return new Intl.DateTimeFormat('de-DE', { dateStyle: style, timeZone: 'Europe/Berlin' }).format(d);
}

export function percentFromBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? `${whole} %` : `${whole},${String(frac).padStart(2, '0').replace(/0$/u, '')} %`;
}

const collator = new Intl.Collator('de-DE');

// ---------------------------------------------------------------------------------------------
// The document

interface Ctx {
  snap: PlanSnapshot;
  actorName: Map<string, string>;
  items: Map<string, CatalogueItem>;
  baustelle: Map<string, Baustelle>;
  linesByMeasure: Map<string, BudgetLine[]>;
  rolesByMeasure: Map<string, Map<Role, string[]>>;
  stand: string;
}

function makeCtx(snap: PlanSnapshot): Ctx {
  const actorName = new Map(snap.actors.map((a) => [a.id, a.name]));
  const items = new Map<string, CatalogueItem>();
  const baustelle = new Map<string, Baustelle>();
  for (const b of snap.catalogue.baustellen) {
    baustelle.set(b.id, b);
    for (const i of [...b.grundmauern, ...b.fragen]) items.set(i.id, i);
  }
  const linesByMeasure = new Map<string, BudgetLine[]>();
  for (const l of snap.budgetLines) {
    const list = linesByMeasure.get(l.measureId);
    if (list) list.push(l);
    else linesByMeasure.set(l.measureId, [l]);
  }
  for (const list of linesByMeasure.values()) {
    list.sort((a, b) => a.year - b.year || collator.compare(a.costKind, b.costKind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const rolesByMeasure = new Map<string, Map<Role, string[]>>();
  for (const r of snap.responsibilities) {
    let byRole = rolesByMeasure.get(r.measureId);
    if (!byRole) rolesByMeasure.set(r.measureId, (byRole = new Map()));
    const names = byRole.get(r.role) ?? [];
    names.push(actorName.get(r.actorId) ?? 'unbekannte Stelle');
    byRole.set(r.role, names);
  }
  for (const byRole of rolesByMeasure.values()) for (const names of byRole.values()) names.sort(collator.compare);
  return { snap, actorName, items, baustelle, linesByMeasure, rolesByMeasure, stand: germanDate(snap.takenAt, 'long') };
}

function footer(ctx: Ctx, width: number): Footer {
  const title = safeText(ctx.snap.info.title) || 'Maßnahmenplan';
  return new Footer({
    children: [new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: width }],
      spacing: { before: 0, after: 0 },
      children: [
        new TextRun({ text: `${title} – Stand ${germanDate(ctx.snap.takenAt, 'medium')}`, size: 16, color: '595959' }),
        new TextRun({ children: ['\tSeite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES], size: 16, color: '595959' }),
      ],
    })],
  });
}

function titlePage(ctx: Ctx): Block[] {
  const { snap } = ctx;
  const t = snap.totals;
  const years = t.years.length ? (t.years.length === 1 ? ` (${t.years[0]})` : ` (${t.years[0]}–${t.years.at(-1)})`) : '';
  const withMeasures = new Set(snap.measures.map((m) => m.baustelleId)).size;
  const src = snap.catalogue.source;
  return [
    para(runs(snap.info.title || 'Maßnahmenplan', { bold: true, size: 48, color: ACCENT }), { heading: HeadingLevel.TITLE, before: 2400, after: 240 }),
    text(snap.info.landkreis || 'Landkreis', { size: 32 }, { after: 480 }),
    text('Maßnahmenplan zur Stärkung des gesellschaftlichen Zusammenhalts', { size: 28, bold: true }, { after: 120 }),
    text(`Stand: ${ctx.stand}`, { size: 24 }, { after: 960 }),
    labelled('Maßnahmen', `${snap.measures.length} (in ${withMeasures} von ${snap.catalogue.baustellen.length} Baustellen)`),
    labelled('Beteiligte Akteure', String(snap.actors.length)),
    labelled('Eingeplante Kosten', `${formatCents(t.totalCents)}${years}`, { after: 1440 }),
    text('Grundlage', { bold: true }, { after: 60, keepNext: true }),
    text(`Der Plan ist nach den sieben Baustellen des Impulspapiers „${src.title}“ gegliedert. Die Texte der Baustellen und Grundmauern sind wörtlich aus dem Impulspapier übernommen.`, { size: 20 }, { after: 120 }),
    text(`Quelle: ${src.citation}`, { size: 20 }, { after: 120 }),
    text(`Erstellt mit der Zusammenhalt-Werkbank aus der Plandatei „${snap.info.fileName}“.`, { size: 18, color: '595959' }, { after: 0 }),
  ];
}

interface OverviewLayout { widths: number[]; size: number }

/** Column widths for the overview; the font shrinks (down to 7 pt) until the title column keeps a readable width. */
function overviewLayout(snap: PlanSnapshot, moneyCols: string[][], baustelleTitles: string[]): OverviewLayout {
  const pad = CELL_MARGIN.left + CELL_MARGIN.right + 60;
  for (const size of [18, 17, 16, 15, 14]) {
    const scale = size / 18;
    const codeWidth = Math.max(...snap.measures.map((m) => textWidthTwips(safeText(m.code), size))) + pad;
    // A Baustelle title may wrap between words but never inside one.
    const longestWord = Math.max(0, ...baustelleTitles.flatMap((t) => t.split(/\s+/u)).map((w) => textWidthTwips(w, size)));
    const baustelleWidth = Math.max(Math.round(1300 * scale), longestWord + pad);
    const fixed = [codeWidth, 0, baustelleWidth, Math.round(2000 * scale), Math.round(1300 * scale), Math.round(1050 * scale)];
    const money = moneyCols.map((col) => Math.max(...col.map((s) => textWidthTwips(s, size))) + CELL_MARGIN.left + CELL_MARGIN.right + 30);
    const used = fixed.reduce((a, b) => a + b, 0) + money.reduce((a, b) => a + b, 0);
    const rest = LANDSCAPE_WIDTH - used;
    // The title column keeps room for about 40 characters a line, so most titles take two lines.
    if (rest >= 3200 * scale || size === 14) {
      fixed[1] = Math.max(rest, 1800);
      return { widths: [...fixed, ...money], size };
    }
  }
  throw new Error('unreachable');
}

function overview(ctx: Ctx): Block[] {
  const { snap } = ctx;
  const years = snap.totals.years.map(String);
  const out: Block[] = [
    text('Übersicht der Maßnahmen', {}, { heading: HeadingLevel.HEADING_1 }),
  ];
  if (snap.measures.length === 0) {
    out.push(text('Der Plan enthält noch keine Maßnahmen.'));
    return out;
  }
  out.push(text(`Alle ${snap.measures.length} Maßnahmen mit den eingeplanten Kosten je Haushaltsjahr (alle Budgetpositionen, gleich welchen Stands). Einzelheiten folgen nach Baustellen geordnet.`, {}, { after: 160 }));

  // Column sums from the same integer cents as the rows; they must equal the snapshot's totals.
  const yearSums = years.map((y) => sumCents(snap.measures.map((m) => m.costsByYear[y] ?? 0)));
  const grand = sumCents(snap.measures.map((m) => m.totalCents));
  const yearsMatch = years.every((y, i) => yearSums[i] === (snap.totals.byYear[y] ?? 0));
  if (!yearsMatch || grand !== snap.totals.totalCents || sumCents(yearSums) !== grand) {
    throw new AppError('export-inconsistent', 'Die Summen des Plans stimmen nicht überein; der Export wurde abgebrochen. Bitte den Plan mit „werkbank check“ prüfen.');
  }

  const money = (cents: number) => (cents === 0 ? DASH : formatCents(cents));
  const moneyCols = [
    ...years.map((y, i) => [y, formatCents(yearSums[i]), ...snap.measures.map((m) => money(m.costsByYear[y] ?? 0))]),
    ['Summe', formatCents(grand), ...snap.measures.map((m) => money(m.totalCents))],
  ];
  const titles = snap.measures.map((m) => safeText(ctx.baustelle.get(m.baustelleId)?.shortTitle ?? m.baustelleId));
  const { widths, size } = overviewLayout(snap, moneyCols, titles);
  const labels = ['Nr.', 'Maßnahme', 'Baustelle', 'verantwortlich', 'Status', 'Zeitraum', ...years, 'Summe'];
  const rows: RowSpec[] = [headerRow(labels, widths, 6, size)];
  snap.measures.forEach((m, n) => {
    const b = ctx.baustelle.get(m.baustelleId);
    // The last two measures stay on the page of the sum row, which never stands alone.
    const keep = n >= snap.measures.length - 2;
    rows.push({
      cells: [
        cell(m.code, widths[0], { size, keep }),
        cell(m.title, widths[1], { size, keep }),
        cell(b ? b.shortTitle : m.baustelleId, widths[2], { size, keep }),
        cell(m.responsibleActorName ?? DASH, widths[3], { size, keep }),
        cell(MEASURE_STATUS_LABELS[m.status] ?? m.status, widths[4], { size, keep }),
        cell(formatPeriod(m), widths[5], { size, keep }),
        ...years.map((y, i) => cell(money(m.costsByYear[y] ?? 0), widths[6 + i], { right: true, size, keep })),
        cell(money(m.totalCents), widths[6 + years.length], { right: true, size, bold: true, keep }),
      ],
    });
  });
  rows.push({
    cells: [
      cell('Summe', widths.slice(0, 6).reduce((a, b) => a + b, 0), { bold: true, fill: SUM_FILL, span: 6, size }),
      ...years.map((_, i) => cell(formatCents(yearSums[i]), widths[6 + i], { bold: true, right: true, fill: SUM_FILL, size })),
      cell(formatCents(grand), widths[6 + years.length], { bold: true, right: true, fill: SUM_FILL, size }),
    ],
  });
  out.push(table(widths, rows));
  out.push(text('„—“: keine Angabe bzw. keine Kosten in diesem Jahr.', { size: 16, color: '595959' }, { before: 80, after: 0 }));
  return out;
}

function baustelleCosts(ctx: Ctx, b: Baustelle): Block[] {
  const t = ctx.snap.totals;
  const byYear = t.byBaustelleYear[b.id] ?? {};
  const total = t.byBaustelle[b.id] ?? 0;
  const out: Block[] = [text('Kosten der Baustelle', {}, { heading: HeadingLevel.HEADING_2 })];
  if (total === 0) {
    out.push(text('Für die Maßnahmen dieser Baustelle sind noch keine Kosten eingeplant.'));
    return out;
  }
  const years = t.years.map(String);
  const values = years.map((y) => byYear[y] ?? 0);
  if (sumCents(values) !== total) {
    throw new AppError('export-inconsistent', 'Die Summen des Plans stimmen nicht überein; der Export wurde abgebrochen. Bitte den Plan mit „werkbank check“ prüfen.');
  }
  const cols = years.length + 1;
  const w = Math.min(1900, Math.floor(PORTRAIT_WIDTH / cols));
  const widths = Array.from({ length: cols }, () => w);
  out.push(table(widths, [
    headerRow([...years, 'Summe'], widths, 0, TABLE_SIZE, true),
    {
      cells: [
        ...values.map((c, i) => cell(c === 0 ? DASH : formatCents(c), widths[i], { right: true })),
        cell(formatCents(total), widths[cols - 1], { right: true, bold: true }),
      ],
    },
  ]));
  return out;
}

export function financing(l: BudgetLine): string {
  const kind = FUNDING_KIND_LABELS[l.fundingKind] ?? l.fundingKind;
  const parts: string[] = [];
  if (l.fundingKind === 'kreishaushalt') {
    if (l.produkt.trim()) parts.push(`Produkt ${l.produkt.trim()}`);
    if (l.kostenstelle.trim()) parts.push(`Kostenstelle ${l.kostenstelle.trim()}`);
  } else {
    if (l.programme.trim()) parts.push(l.programme.trim());
    if (l.foerderquoteBp !== null && l.foerderquoteBp !== undefined) parts.push(`Förderquote ${percentFromBp(l.foerderquoteBp)}`);
  }
  const main = parts.length ? `${kind} (${parts.join(', ')})` : kind;
  return l.note.trim() ? `${main}\n${l.note.trim()}` : main;
}

function budgetTable(ctx: Ctx, m: MeasureRow): Block[] {
  const lines = ctx.linesByMeasure.get(m.id) ?? [];
  if (lines.length === 0) return [labelled('Budgetpositionen', 'keine eingeplant')];
  const total = sumCents(lines.map((l) => l.amountCents));
  const amountWidth = Math.max(1450, textWidthTwips(formatCents(total), TABLE_SIZE) + 300);
  const widths = [700, 1300, 0, 1050, amountWidth];
  widths[2] = PORTRAIT_WIDTH - widths.reduce((a, b) => a + b, 0);
  // Small tables stay on one page with their label: every row but the last keeps with the next.
  const rows = [headerRow(['Jahr', 'Kostenart', 'Finanzierung', 'Stand', 'Betrag'], widths, 4, TABLE_SIZE, true)];
  const keep = lines.length <= 12;
  for (const l of lines) {
    rows.push({
      cells: [
        cell(String(l.year), widths[0], { keep }),
        cell(COST_KIND_LABELS[l.costKind] ?? l.costKind, widths[1], { keep }),
        cell(financing(l), widths[2], { keep }),
        cell(BUDGET_STATE_LABELS[l.state] ?? l.state, widths[3], { keep }),
        cell(formatCents(l.amountCents), widths[4], { right: true, keep }),
      ],
    });
  }
  rows.push({
    cells: [
      cell('Summe', widths[0] + widths[1] + widths[2] + widths[3], { bold: true, fill: SUM_FILL, span: 4 }),
      cell(formatCents(total), widths[4], { bold: true, right: true, fill: SUM_FILL }),
    ],
  });
  return [text('Budgetpositionen', { bold: true }, { keepNext: true, before: 120, after: 60 }), table(widths, rows)];
}

function itemList(ctx: Ctx, label: string, ids: string[], home: string): Block[] {
  const found = ids.map((id) => ctx.items.get(id)).filter((i): i is CatalogueItem => i !== undefined);
  if (found.length === 0) return [];
  return [
    text(label, { bold: true }, { keepNext: true, before: 160, after: 60 }),
    ...found.map((i, n) => para([
      ...runs(i.text),
      new TextRun({
        text: ` (${ACTOR_GROUP_LABELS[i.actorGroup] ?? i.actorGroup}${i.baustelleId === home ? '' : `, Baustelle ${ctx.baustelle.get(i.baustelleId)?.number ?? '?'}`})`,
        color: '595959',
      }),
    ], { bullet: true, after: n === found.length - 1 ? 120 : 40 })),
  ];
}

function measureBlock(ctx: Ctx, m: MeasureRow): Block[] {
  const byRole = ctx.rolesByMeasure.get(m.id);
  const roleLines = ROLES.filter((r) => byRole?.get(r)?.length).map((r) => `${ROLE_LABELS[r]}: ${byRole!.get(r)!.join(', ')}`);
  const further = m.furtherBaustellenIds
    .map((id) => ctx.baustelle.get(id))
    .filter((b): b is Baustelle => b !== undefined)
    .map((b) => `Baustelle ${b.number}: ${b.shortTitle}`);
  const out: Block[] = [
    para(runs(`${m.code} ${m.title}`), { heading: HeadingLevel.HEADING_2 }),
  ];
  // Ausgangslage and Hemmnisse/Risiken (Maßnahmenblatt) only when filled in: older plans have neither.
  if (safeText(m.ausgangslage ?? '').trim()) out.push(labelled('Ausgangslage', m.ausgangslage));
  out.push(
    labelled('Ziel', m.goal),
    labelled('Bedarf / wer profitiert', m.need),
    labelled('Beschreibung', m.description),
  );
  if (safeText(m.risks ?? '').trim()) out.push(labelled('Hemmnisse / Risiken', m.risks));
  out.push(
    labelled('Status', MEASURE_STATUS_LABELS[m.status] ?? m.status),
    labelled('Zeitraum', formatPeriod(m)),
  );
  if (further.length) out.push(labelled('Weitere Baustellen', further.join('; ')));
  if (roleLines.length) {
    out.push(text('Zuständigkeiten', { bold: true }, { keepNext: true, before: 120, after: 60 }));
    roleLines.forEach((l, i) => out.push(para(runs(l), { bullet: true, after: i === roleLines.length - 1 ? 120 : 40 })));
  } else {
    out.push(labelled('Zuständigkeiten', 'noch keine festgelegt'));
  }
  out.push(...budgetTable(ctx, m));
  out.push(...itemList(ctx, 'Bezug zu Grundmauern des Impulspapiers', m.grundmauerIds, m.baustelleId));
  out.push(...itemList(ctx, 'Bezug zu Fragen für den gemeinsamen Weiterbau', m.frageIds, m.baustelleId));
  if (m.notes.trim()) out.push(labelled('Anmerkungen', m.notes));
  return out;
}

function baustelleSection(ctx: Ctx, b: Baustelle, first: boolean): Block[] {
  const measures = ctx.snap.measures.filter((m) => m.baustelleId === b.id);
  const related = ctx.snap.measures.filter((m) => m.baustelleId !== b.id && m.furtherBaustellenIds.includes(b.id));
  const out: Block[] = [
    para(runs(`Baustelle ${b.number}: ${b.shortTitle}`), { heading: HeadingLevel.HEADING_1, pageBreakBefore: !first }),
    text(b.subtitle, { italics: true, size: 24 }, { after: 160 }),
    text(`Aus dem Impulspapier (S. ${b.pages}):`, { size: 18, color: '595959' }, { after: 40, keepNext: true }),
    text(b.summary, { size: 20 }, { quote: true, after: 240 }),
  ];
  if (measures.length === 0) {
    out.push(text('Zu dieser Baustelle sind noch keine Maßnahmen geplant.', { bold: true }));
  } else {
    out.push(...baustelleCosts(ctx, b));
    for (const m of measures) out.push(...measureBlock(ctx, m));
  }
  if (related.length) {
    out.push(text('Weitere Maßnahmen mit Bezug zu dieser Baustelle', { bold: true }, { keepNext: true, before: 200, after: 60 }));
    related.forEach((m, i) => {
      const home = ctx.baustelle.get(m.baustelleId);
      out.push(para(runs(`${m.code} ${m.title}${home ? ` (beschrieben unter Baustelle ${home.number})` : ''}`), { bullet: true, after: i === related.length - 1 ? 120 : 40 }));
    });
  }
  return out;
}

/** docProps/core.xml written by us, so its timestamps are the snapshot's and the document is reproducible. */
function coreXml(ctx: Ctx, meta: { title: string; subject: string; description: string; keywords: string }): string {
  const d = new Date(ctx.snap.takenAt);
  const when = (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().replace(/\.\d{3}Z$/u, 'Z');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + `<dc:title>${escapeXml(meta.title)}</dc:title>`
    + `<dc:subject>${escapeXml(meta.subject)}</dc:subject>`
    + '<dc:creator>Zusammenhalt-Werkbank</dc:creator>'
    + `<cp:keywords>${escapeXml(meta.keywords)}</cp:keywords>`
    + `<dc:description>${escapeXml(meta.description)}</dc:description>`
    + '<dc:language>de-DE</dc:language>'
    + '<cp:lastModifiedBy>Zusammenhalt-Werkbank</cp:lastModifiedBy>'
    + '<cp:revision>1</cp:revision>'
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`
    + `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`
    + '</cp:coreProperties>';
}

/** Sets every entry's modification time in a zip to `iso` (UTC), so equal input gives equal bytes. */
export function fixZipTimes(zip: Uint8Array, iso: string): Uint8Array {
  const d = new Date(iso);
  const t = Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : d;
  const dosTime = (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1);
  const dosDate = ((t.getUTCFullYear() - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate();
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return zip;
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  for (let n = 0; n < count; n++) {
    if (v.getUint32(p, true) !== 0x02014b50) return zip;
    v.setUint16(p + 12, dosTime, true);
    v.setUint16(p + 14, dosDate, true);
    const local = v.getUint32(p + 42, true);
    if (v.getUint32(local, true) === 0x04034b50) {
      v.setUint16(local + 10, dosTime, true);
      v.setUint16(local + 12, dosDate, true);
    }
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return zip;
}

/** The paragraph styles of table cells, shared by every document this app writes. */
export const TABLE_PARAGRAPH_STYLES = [
  {
    id: CELL_STYLE, name: 'Tabellentext', basedOn: 'Normal', quickFormat: true,
    run: { size: TABLE_SIZE },
    paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
  },
  { id: CELL_STYLE_RIGHT, name: 'Tabellentext rechts', basedOn: CELL_STYLE, quickFormat: true, paragraph: { alignment: AlignmentType.RIGHT } },
  { id: CELL_STYLE_KEEP, name: 'Tabellentext zusammenhalten', basedOn: CELL_STYLE, paragraph: { keepNext: true } },
  { id: CELL_STYLE_RIGHT_KEEP, name: 'Tabellentext rechts zusammenhalten', basedOn: CELL_STYLE_RIGHT, paragraph: { keepNext: true } },
];

export async function buildPlanDocx(snap: PlanSnapshot): Promise<Uint8Array> {
  const ctx = makeCtx(snap);
  const title = safeText(snap.info.title) || 'Maßnahmenplan';
  const landkreis = safeText(snap.info.landkreis);
  const meta = {
    title,
    subject: `Maßnahmenplan zur Stärkung des gesellschaftlichen Zusammenhalts${landkreis ? ` – ${landkreis}` : ''}`,
    description: `Maßnahmenplan${landkreis ? ` ${genitiveOfKreis(landkreis)}` : ''}, Stand ${ctx.stand}, gegliedert nach den sieben Baustellen des Impulspapiers „${safeText(snap.catalogue.source.title)}“ (${safeText(snap.catalogue.source.publisher)}, ${snap.catalogue.source.year}).`,
    keywords: 'Zusammenhalt; Maßnahmenplan; Kreistag; Impulspapier; ländliche Räume',
  };

  const portrait = { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGIN };
  const landscape = { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: LANDSCAPE_MARGIN };
  const sections: ISectionOptions[] = [
    { properties: { page: portrait }, children: titlePage(ctx) },
    { properties: { page: landscape }, footers: { default: footer(ctx, LANDSCAPE_WIDTH) }, children: overview(ctx) },
    {
      properties: { page: portrait },
      footers: { default: footer(ctx, PORTRAIT_WIDTH) },
      children: snap.catalogue.baustellen.flatMap((b, i) => baustelleSection(ctx, b, i === 0)),
    },
  ];

  const doc = new Document({
    title: meta.title,
    subject: meta.subject,
    creator: 'Zusammenhalt-Werkbank',
    description: meta.description,
    keywords: meta.keywords,
    lastModifiedBy: 'Zusammenhalt-Werkbank',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_SIZE, language: { value: 'de-DE' } },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { font: FONT, size: 48, bold: true, color: ACCENT }, paragraph: { spacing: { after: 240, line: 240, lineRule: LineRuleType.AUTO } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 160 }, keepNext: true, keepLines: true, outlineLevel: 0 } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: ACCENT }, paragraph: { spacing: { before: 320, after: 100 }, keepNext: true, keepLines: true, outlineLevel: 1 } },
        heading3: { run: { font: FONT, size: 22, bold: true, color: ACCENT }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 2 } },
        // Unused levels too: every heading style carries its outline level (bookmarks in a PDF made from the file).
        heading4: { paragraph: { outlineLevel: 3 } }, heading5: { paragraph: { outlineLevel: 4 } }, heading6: { paragraph: { outlineLevel: 5 } },
        listParagraph: { run: { font: FONT, size: BODY_SIZE } },
      },
      paragraphStyles: [...TABLE_PARAGRAPH_STYLES],
    },
    sections,
  });
  return fixZipTimes(packDocx(doc, [{ path: 'docProps/core.xml', data: coreXml(ctx, meta) }]), snap.takenAt);
}

export function docxFileName(snap: PlanSnapshot): string {
  return `${snap.info.fileName.replace(/\.wirplan$/u, '')}.docx`;
}
