// Pieces of accessible committee documents shared by the DOCX writers: the document styles
// (Arial, German language, heading styles, table text styles), real list numbering, safe links,
// images with alt text, and core properties written by us. Text from users only ever becomes text:
// every string passes through safeText, links are made only for https: and mailto: addresses, and
// nothing a user types can become a field (docx writes all text as w:t, escaped).
import {
  AlignmentType, ExternalHyperlink, ImageRun, LevelFormat, LineRuleType, Paragraph, TextRun,
  type INumberingOptions, type IStylesOptions, type ParagraphChild,
} from 'docx';
import {
  ACCENT, BODY_SIZE, CELL_MARGIN, escapeXml, FONT, safeText, TABLE_PARAGRAPH_STYLES, TABLE_SIZE, textWidthTwips,
  type ParaOpts, type RunStyle, para, runs,
} from './docx.ts';

// ---------------------------------------------------------------------------------------------
// Styles

/** Paragraph and character styles of a committee document (same look as the plan document). */
export function documentStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: BODY_SIZE, language: { value: 'de-DE' } },
        paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font: FONT, size: 40, bold: true, color: ACCENT }, paragraph: { spacing: { after: 200, line: 240, lineRule: LineRuleType.AUTO } } },
      heading1: { run: { font: FONT, size: 28, bold: true, color: ACCENT }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 0 } },
      heading2: { run: { font: FONT, size: 24, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true, keepLines: true, outlineLevel: 1 } },
      heading3: { run: { font: FONT, size: 21, bold: true, color: '262626' }, paragraph: { spacing: { before: 120, after: 40 }, keepNext: true, keepLines: true, outlineLevel: 2 } },
      // Unused levels too: every heading style carries its outline level (bookmarks in a PDF made from the file).
      heading4: { paragraph: { outlineLevel: 3 } }, heading5: { paragraph: { outlineLevel: 4 } }, heading6: { paragraph: { outlineLevel: 5 } },
      hyperlink: { run: { color: '0B5394', underline: {} } },
      listParagraph: { run: { font: FONT, size: BODY_SIZE } },
    },
    paragraphStyles: [
      ...TABLE_PARAGRAPH_STYLES,
      {
        id: 'Beschlusspunkt', name: 'Beschlusspunkt', basedOn: 'Normal', quickFormat: true,
        paragraph: { spacing: { before: 60, after: 120 }, indent: { left: 567, hanging: 567 } },
      },
      { id: 'Blatttext', name: 'Text Maßnahmenblatt', basedOn: 'Normal', quickFormat: true, run: { size: 20 }, paragraph: { spacing: { before: 0, after: 60, line: 259, lineRule: LineRuleType.AUTO } } },
      { id: 'Hinweis', name: 'Hinweis', basedOn: 'Normal', run: { size: 18, color: '404040' }, paragraph: { spacing: { before: 60, after: 60 } } },
      { id: 'Kopfzeile', name: 'Kopfzeile Vorlage', basedOn: 'Normal', run: { size: 16, color: '404040' }, paragraph: { spacing: { before: 0, after: 0 } } },
      {
        id: 'Bildunterschrift', name: 'Bildunterschrift', basedOn: 'Normal', next: 'Normal',
        run: { size: 18, italics: true, color: '404040' }, paragraph: { spacing: { before: 60, after: 160 }, keepNext: false },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Numbered lists (real docx numbering, never typed "1.")

export const NUMBERED = 'nummeriert';
/** Bullet points in a paragraph style of our own (docx's `bullet` option adds a second w:pStyle). */
export const BULLETS = 'aufzaehlung';

export function numberingConfig(): INumberingOptions {
  return {
    config: [{
      reference: NUMBERED,
      levels: [{
        level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 567, hanging: 567 } } },
      }],
    }, {
      reference: BULLETS,
      levels: [{
        level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 360, hanging: 360 } } },
      }],
    }],
  };
}

/**
 * A bullet point in the given paragraph style: exactly one w:pStyle (the style), the bullet from
 * numbering.xml. Needs numberingConfig() in the document.
 */
export function bulletIn(style: string, children: ParagraphChild[], o: { after?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    style, children, numbering: { reference: BULLETS, level: 0 }, keepNext: o.keepNext,
    spacing: o.after !== undefined ? { after: o.after } : undefined,
  });
}

/** One point of a numbered list; `instance` starts a new count (each list its own instance). */
export function numbered(s: string, instance: number, o: { style?: string; after?: number } = {}): Paragraph {
  return new Paragraph({
    children: linkify(s),
    numbering: { reference: NUMBERED, level: 0, instance },
    style: o.style,
    spacing: o.after !== undefined ? { after: o.after } : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Links

// https:// addresses and e-mail addresses (optionally written as mailto:). Anything else – http:,
// javascript:, file:, a typed "{ HYPERLINK … }" or "MERGEFIELD" – stays plain text.
const LINK = /\bhttps:\/\/[^\s<>"{}|\\^`[\]]+|\b(?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/gu;
const TRAILING = /[.,;:!?)\]»“”'"]+$/u;

/** The link target for a piece of text, or null when it is not a safe https/mailto link. */
export function safeLinkTarget(raw: string): string | null {
  const t = raw.startsWith('https://') ? raw : `mailto:${raw.replace(/^mailto:/u, '')}`;
  try {
    const u = new URL(t);
    if (u.protocol === 'https:' && u.hostname !== '' && !u.username && !u.password) return u.href;
    if (u.protocol === 'mailto:' && /^[^@\s]+@[^@\s]+$/u.test(decodeURIComponent(u.pathname))) return u.href;
  } catch {
    return null;
  }
  return null;
}

/** The text holds something linkify would make a link of. */
export function hasLink(value: string): boolean {
  for (const m of safeText(value).matchAll(LINK)) {
    const found = m[0].replace(TRAILING, '');
    if (safeLinkTarget(found)) return true;
  }
  return false;
}

/** Runs for user text in which https and e-mail addresses become links (the rest stays text). */
export function linkify(value: string, style: RunStyle = {}): ParagraphChild[] {
  const s = safeText(value);
  const out: ParagraphChild[] = [];
  let last = 0;
  for (const m of s.matchAll(LINK)) {
    let found = m[0];
    const trail = TRAILING.exec(found)?.[0] ?? '';
    if (trail) found = found.slice(0, -trail.length);
    const target = safeLinkTarget(found);
    if (!target) continue;
    const at = m.index;
    if (at > last) out.push(...runs(s.slice(last, at), style));
    out.push(new ExternalHyperlink({ link: target, children: [new TextRun({ text: found, style: 'Hyperlink', ...pickStyle(style) })] }));
    last = at + found.length;
  }
  if (last < s.length || out.length === 0) out.push(...runs(s.slice(last), style));
  return out;
}

function pickStyle(style: RunStyle) {
  return { bold: style.bold || undefined, italics: style.italics || undefined, size: style.size };
}

/** A paragraph of user text with safe links. */
export function linkPara(value: string, o: ParaOpts = {}, style: RunStyle = {}): Paragraph {
  return para(linkify(value, style), o);
}

// ---------------------------------------------------------------------------------------------
// Images

/**
 * An inline PNG with alt text (docPr descr) and title; size in pixels at 96 dpi. `id`: the drawing's
 * number, unique within the document (given, so equal input gives equal bytes).
 */
export function image(png: Uint8Array, width: number, height: number, alt: { id: number; name: string; title: string; description: string }): ImageRun {
  return new ImageRun({
    type: 'png', data: png, transformation: { width, height },
    altText: { id: String(alt.id), name: safeText(alt.name), title: safeText(alt.title), description: safeText(alt.description) },
  });
}

// ---------------------------------------------------------------------------------------------
// Core properties

export interface CoreMeta { title: string; subject: string; description: string; keywords: string; creator: string }

/** docProps/core.xml with fixed timestamps (the export's), so the document is reproducible. */
export function coreXmlFor(meta: CoreMeta, takenAt: string): string {
  const d = new Date(takenAt);
  const when = (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().replace(/\.\d{3}Z$/u, 'Z');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + `<dc:title>${escapeXml(meta.title)}</dc:title>`
    + `<dc:subject>${escapeXml(meta.subject)}</dc:subject>`
    + `<dc:creator>${escapeXml(meta.creator)}</dc:creator>`
    + `<cp:keywords>${escapeXml(meta.keywords)}</cp:keywords>`
    + `<dc:description>${escapeXml(meta.description)}</dc:description>`
    + '<dc:language>de-DE</dc:language>'
    + `<cp:lastModifiedBy>${escapeXml(meta.creator)}</cp:lastModifiedBy>`
    + '<cp:revision>1</cp:revision>'
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`
    + `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`
    + '</cp:coreProperties>';
}

// ---------------------------------------------------------------------------------------------
// Money tables that keep every amount on one line

/** The longest word of a header label (a header may wrap between words, never inside one). */
function longestWord(s: string): string {
  return s.split(/[\s/-]+/u).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/**
 * Column widths (twips) for a table of leading text columns and money columns: each money column as
 * wide as its widest amount (bold, under every font that stands in for Arial, see textWidthTwips)
 * plus the cell margins and a reserve; the first leading column takes the rest, at least `minFirst`.
 * `lead` are the fixed widths of further leading columns (after the first). When the table does not
 * fit `total` at the table size, the next smaller size is tried.
 */
export function moneyColumns(total: number, minFirst: number, lead: number[], headers: string[], columns: string[][], sizes = [TABLE_SIZE, 16, 15, 14]): { widths: number[]; size: number } {
  const pad = CELL_MARGIN.left + CELL_MARGIN.right + 80;
  let last: { widths: number[]; size: number } | null = null;
  for (const size of sizes) {
    const money = columns.map((col, i) => Math.max(...col.map((v) => textWidthTwips(v, size)), textWidthTwips(longestWord(headers[i] ?? ''), size)) + pad);
    const scaledLead = lead.map((w) => Math.round(w * size / TABLE_SIZE));
    const first = total - money.reduce((a, b) => a + b, 0) - scaledLead.reduce((a, b) => a + b, 0);
    last = { widths: [Math.max(first, minFirst), ...scaledLead, ...money], size };
    if (first >= minFirst) return last;
  }
  return last!;
}
