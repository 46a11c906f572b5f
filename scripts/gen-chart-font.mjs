// Generates electron/backend/export/chart-font.ts: the outlines of the few glyphs the cost chart
// draws (Latin letters, digits, German punctuation, €), taken from DejaVu Sans, so the chart is
// rendered without a browser, native modules or system fonts.
//   node scripts/gen-chart-font.mjs [/path/to/DejaVuSans.ttf] [/path/to/DejaVuSans-Bold.ttf]
// DejaVu fonts: Bitstream Vera Fonts Copyright (c) 2003 by Bitstream, Inc.; DejaVu changes are in
// the public domain. The licence permits use, copying, modification and distribution; its notice
// is kept in the generated file.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REGULAR = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const BOLD = process.argv[3] ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const CHARS = [...new Set([...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), ...'ÄÖÜäöüßéèáàç€–—„“”‚‘’…·−×°§²³'])];

function parse(path) {
  const b = readFileSync(path);
  const tables = {};
  const n = b.readUInt16BE(4);
  for (let i = 0; i < n; i++) {
    const p = 12 + i * 16;
    tables[b.toString('latin1', p, p + 4)] = { offset: b.readUInt32BE(p + 8), length: b.readUInt32BE(p + 12) };
  }
  const head = tables.head.offset;
  const unitsPerEm = b.readUInt16BE(head + 18);
  const locFormat = b.readInt16BE(head + 50);
  const hhea = tables.hhea.offset;
  const ascender = b.readInt16BE(hhea + 4);
  const descender = b.readInt16BE(hhea + 6);
  const numHMetrics = b.readUInt16BE(hhea + 34);
  const numGlyphs = b.readUInt16BE(tables.maxp.offset + 4);
  const advance = (g) => b.readUInt16BE(tables.hmtx.offset + 4 * Math.min(g, numHMetrics - 1));
  const loca = (g) => (locFormat === 0 ? b.readUInt16BE(tables.loca.offset + 2 * g) * 2 : b.readUInt32BE(tables.loca.offset + 4 * g));

  // cmap format 4 (platform 3, encoding 1)
  const cmap = tables.cmap.offset;
  let sub = -1;
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const p = cmap + 4 + i * 8;
    if (b.readUInt16BE(p) === 3 && b.readUInt16BE(p + 2) === 1) sub = cmap + b.readUInt32BE(p + 4);
  }
  if (sub < 0 || b.readUInt16BE(sub) !== 4) throw new Error('no cmap format 4');
  const segX2 = b.readUInt16BE(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  const glyphOf = (code) => {
    for (let s = 0; s < segX2 / 2; s++) {
      const end = b.readUInt16BE(ends + 2 * s);
      if (code > end) continue;
      const start = b.readUInt16BE(starts + 2 * s);
      if (code < start) return 0;
      const delta = b.readInt16BE(deltas + 2 * s);
      const ro = b.readUInt16BE(ranges + 2 * s);
      if (ro === 0) return (code + delta) & 0xffff;
      const g = b.readUInt16BE(ranges + 2 * s + ro + 2 * (code - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };

  // Contours of a glyph: arrays of [x, y, on].
  const contours = (g, depth = 0) => {
    if (g >= numGlyphs || depth > 5) return [];
    const start = loca(g);
    const end = loca(g + 1);
    if (end <= start) return [];
    let p = tables.glyf.offset + start;
    const nc = b.readInt16BE(p);
    p += 10;
    if (nc >= 0) {
      const endPts = [];
      for (let i = 0; i < nc; i++) { endPts.push(b.readUInt16BE(p)); p += 2; }
      const count = nc ? endPts[nc - 1] + 1 : 0;
      p += 2 + b.readUInt16BE(p);
      const flags = [];
      while (flags.length < count) {
        const f = b[p++];
        flags.push(f);
        if (f & 8) { let r = b[p++]; while (r-- > 0) flags.push(f); }
      }
      const xs = [];
      let x = 0;
      for (const f of flags) {
        if (f & 2) { const d = b[p++]; x += f & 16 ? d : -d; } else if (!(f & 16)) { x += b.readInt16BE(p); p += 2; }
        xs.push(x);
      }
      const ys = [];
      let y = 0;
      for (const f of flags) {
        if (f & 4) { const d = b[p++]; y += f & 32 ? d : -d; } else if (!(f & 32)) { y += b.readInt16BE(p); p += 2; }
        ys.push(y);
      }
      const out = [];
      let s = 0;
      for (const e of endPts) {
        const c = [];
        for (let i = s; i <= e; i++) c.push([xs[i], ys[i], (flags[i] & 1) === 1]);
        out.push(c);
        s = e + 1;
      }
      return out;
    }
    const out = [];
    let more = true;
    while (more) {
      const flags = b.readUInt16BE(p);
      const gi = b.readUInt16BE(p + 2);
      p += 4;
      let dx;
      let dy;
      if (flags & 1) { dx = b.readInt16BE(p); dy = b.readInt16BE(p + 2); p += 4; } else { dx = b.readInt8(p); dy = b.readInt8(p + 1); p += 2; }
      if (!(flags & 2)) throw new Error('point-matched composites are not supported');
      let [a, bb, c, d] = [1, 0, 0, 1];
      const f2 = () => { const v = b.readInt16BE(p) / 16384; p += 2; return v; };
      if (flags & 8) { a = d = f2(); } else if (flags & 0x40) { a = f2(); d = f2(); } else if (flags & 0x80) { a = f2(); bb = f2(); c = f2(); d = f2(); }
      for (const contour of contours(gi, depth + 1)) {
        out.push(contour.map(([x, y, on]) => [Math.round(a * x + c * y + dx), Math.round(bb * x + d * y + dy), on]));
      }
      more = (flags & 0x20) !== 0;
    }
    return out;
  };

  const glyphs = {};
  for (const ch of CHARS) {
    const g = glyphOf(ch.codePointAt(0));
    if (g === 0 && ch !== ' ') throw new Error(`missing glyph for ${ch}`);
    const path = contours(g).map((c) => c.map(([x, y, on]) => `${on ? '' : 'q'}${x},${y}`).join(' ')).join('|');
    glyphs[ch] = [advance(g), path];
  }
  return { unitsPerEm, ascender, descender, glyphs };
}

const regular = parse(REGULAR);
const bold = parse(BOLD);
const body = (f) => `{\n  unitsPerEm: ${f.unitsPerEm},\n  ascender: ${f.ascender},\n  descender: ${f.descender},\n  glyphs: {\n${Object.entries(f.glyphs).map(([ch, [adv, path]]) => `    ${JSON.stringify(ch)}: [${adv}, ${JSON.stringify(path)}],`).join('\n')}\n  },\n}`;
const out = `// GENERATED by scripts/gen-chart-font.mjs – do not edit.
// Glyph outlines (TrueType quadratic contours in font units; "q" marks an off-curve point, "|"
// separates contours) of DejaVu Sans and DejaVu Sans Bold, for the cost chart (export/chart.ts).
//
// Bitstream Vera Fonts Copyright (c) 2003 by Bitstream, Inc. All Rights Reserved. Bitstream Vera is
// a trademark of Bitstream, Inc. DejaVu changes are in the public domain. Permission is hereby
// granted, free of charge, to any person obtaining a copy of the fonts accompanying this license
// ("Fonts") and associated documentation files, to reproduce and distribute the Font Software,
// including without limitation the rights to use, copy, merge, publish, distribute, and/or sell
// copies of the Font Software, subject to the conditions of the Bitstream Vera licence
// (https://dejavu-fonts.github.io/License.html). THE FONT SOFTWARE IS PROVIDED "AS IS", WITHOUT
// WARRANTY OF ANY KIND.

export interface ChartFont {
  unitsPerEm: number;
  ascender: number;
  descender: number;
  /** Character → [advance width, contours]. */
  glyphs: Record<string, [number, string]>;
}

export const REGULAR: ChartFont = ${body(regular)};

export const BOLD: ChartFont = ${body(bold)};
`;
writeFileSync(join(ROOT, 'electron/backend/export/chart-font.ts'), out);
console.log(`chart-font.ts: ${CHARS.length} glyphs × 2, ${out.length} bytes`);
