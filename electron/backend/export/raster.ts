// A very small raster canvas for document charts: RGB pixels, rectangles, fill patterns, anti-aliased
// text from the embedded glyph outlines (chart-font.ts), and a PNG encoder on node:zlib. No browser,
// no native module, no system font: the same input gives the same bytes on every machine.
import { crc32, deflateSync } from 'node:zlib';
import type { ChartFont } from './chart-font.ts';

export type Rgb = readonly [number, number, number];

export function hexRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG relative luminance and contrast ratio, to check colour pairs. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** Decides per pixel whether a pattern's ink is set (x, y relative to the page, so patterns line up). */
export type Pattern = (x: number, y: number) => boolean;

interface Segment { x0: number; y0: number; x1: number; y1: number }

const glyphCache = new WeakMap<ChartFont, Map<string, { advance: number; contours: [number, number, boolean][][] }>>();

function glyph(font: ChartFont, ch: string) {
  let cache = glyphCache.get(font);
  if (!cache) glyphCache.set(font, (cache = new Map()));
  let g = cache.get(ch);
  if (!g) {
    const entry = font.glyphs[ch] ?? font.glyphs['?'];
    const contours = entry[1] === '' ? [] : entry[1].split('|').map((c) => c.split(' ').map((pt): [number, number, boolean] => {
      const on = !pt.startsWith('q');
      const [x, y] = (on ? pt : pt.slice(1)).split(',').map(Number);
      return [x, y, on];
    }));
    g = { advance: entry[0], contours };
    cache.set(ch, g);
  }
  return g;
}

export class Canvas {
  readonly width: number;
  readonly height: number;
  private readonly px: Uint8Array;

  constructor(width: number, height: number, background: Rgb = [255, 255, 255]) {
    this.width = width;
    this.height = height;
    this.px = new Uint8Array(width * height * 3);
    if (background[0] === background[1] && background[1] === background[2]) this.px.fill(background[0]);
    else for (let i = 0; i < width * height; i++) this.px.set(background, i * 3);
  }

  private blend(x: number, y: number, c: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
    const i = (y * this.width + x) * 3;
    if (alpha >= 1) { this.px[i] = c[0]; this.px[i + 1] = c[1]; this.px[i + 2] = c[2]; return; }
    for (let k = 0; k < 3; k++) this.px[i + k] = Math.round(this.px[i + k] * (1 - alpha) + c[k] * alpha);
  }

  /** Fills whole pixels [x, x+w) × [y, y+h); with a pattern, only its ink pixels get `ink`. */
  fillRect(x: number, y: number, w: number, h: number, c: Rgb, pattern?: { ink: Rgb; fn: Pattern }): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    const px = this.px;
    for (let yy = y0; yy < y1; yy++) {
      let i = (yy * this.width + x0) * 3;
      for (let xx = x0; xx < x1; xx++, i += 3) {
        const col = pattern && pattern.fn(xx, yy) ? pattern.ink : c;
        px[i] = col[0]; px[i + 1] = col[1]; px[i + 2] = col[2];
      }
    }
  }

  /** A rectangle outline `t` pixels thick, inside the given box. */
  strokeRect(x: number, y: number, w: number, h: number, c: Rgb, t = 1): void {
    this.fillRect(x, y, w, t, c);
    this.fillRect(x, y + h - t, w, t, c);
    this.fillRect(x, y, t, h, c);
    this.fillRect(x + w - t, y, t, h, c);
  }

  /** Advance width of a text in pixels. */
  measure(text: string, font: ChartFont, size: number): number {
    let w = 0;
    for (const ch of text) w += glyph(font, ch).advance;
    return (w * size) / font.unitsPerEm;
  }

  /**
   * Draws text with its baseline at y; align moves the anchor (left/centre/right of the text).
   * Glyph outlines are filled with exact area coverage (anti-aliased), non-zero winding.
   */
  text(s: string, x: number, y: number, font: ChartFont, size: number, c: Rgb, align: 'left' | 'center' | 'right' = 'left'): void {
    const scale = size / font.unitsPerEm;
    const width = this.measure(s, font, size);
    let pen = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
    const segs: Segment[] = [];
    for (const ch of s) {
      const g = glyph(font, ch);
      for (const contour of g.contours) flatten(contour, pen, y, scale, segs);
      pen += g.advance * scale;
    }
    if (segs.length === 0) return;
    let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
    for (const sg of segs) {
      minX = Math.min(minX, sg.x0, sg.x1); maxX = Math.max(maxX, sg.x0, sg.x1);
      minY = Math.min(minY, sg.y0, sg.y1); maxY = Math.max(maxY, sg.y0, sg.y1);
    }
    const ox = Math.floor(minX) - 1;
    const oy = Math.floor(minY) - 1;
    const w = Math.ceil(maxX) - ox + 3;
    const h = Math.ceil(maxY) - oy + 2;
    const acc = new Float32Array(w * h + 2);
    for (const sg of segs) drawLine(acc, w, h, sg.x0 - ox, sg.y0 - oy, sg.x1 - ox, sg.y1 - oy);
    for (let yy = 0; yy < h; yy++) {
      let sum = 0;
      for (let xx = 0; xx < w; xx++) {
        sum += acc[yy * w + xx];
        const a = Math.min(1, Math.abs(sum));
        if (a > 0.002) this.blend(ox + xx, oy + yy, c, a);
      }
    }
  }

  /** The image as PNG (8-bit RGB, no interlace). */
  png(): Uint8Array {
    const rowLen = this.width * 3 + 1;
    const raw = new Uint8Array(rowLen * this.height);
    // Filter "Sub" on every row: flat areas become runs of zeros, which deflate well and fast.
    const px = this.px;
    const stride = this.width * 3;
    for (let y = 0; y < this.height; y++) {
      const o = y * rowLen;
      const src = y * stride;
      raw[o] = 1;
      for (let i = 0; i < 3; i++) raw[o + 1 + i] = px[src + i];
      for (let i = 3; i < stride; i++) raw[o + 1 + i] = (px[src + i] - px[src + i - 3]) & 255;
    }
    const ihdr = new Uint8Array(13);
    const v = new DataView(ihdr.buffer);
    v.setUint32(0, this.width);
    v.setUint32(4, this.height);
    ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, adaptive filter, no interlace
    const pHYs = new Uint8Array(9);
    const pv = new DataView(pHYs.buffer);
    pv.setUint32(0, 11811); // 300 dpi in pixels per metre
    pv.setUint32(4, 11811);
    pHYs[8] = 1;
    const chunks = [
      chunk('IHDR', ihdr), chunk('pHYs', pHYs), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0)),
    ];
    const sig = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
    const out = new Uint8Array(sig.length + chunks.reduce((a, b) => a + b.length, 0));
    out.set(sig, 0);
    let p = sig.length;
    for (const c of chunks) { out.set(c, p); p += c.length; }
    return out;
  }
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  const typeBytes = new TextEncoder().encode(type);
  out.set(typeBytes, 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)) >>> 0);
  return out;
}

/** TrueType contour (quadratic, implied on-curve midpoints) → line segments in pixel space (y down). */
function flatten(contour: [number, number, boolean][], ox: number, oy: number, scale: number, out: Segment[]): void {
  const n = contour.length;
  if (n < 2) return;
  const P = (i: number): [number, number, boolean] => contour[((i % n) + n) % n];
  const tx = (x: number) => ox + x * scale;
  const ty = (y: number) => oy - y * scale;
  // Start at an on-curve point (or the midpoint of the first two off-curve points).
  let startIdx = contour.findIndex((p) => p[2]);
  let start: [number, number];
  if (startIdx < 0) { const a = P(0); const b = P(1); start = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]; startIdx = 0; } else start = [P(startIdx)[0], P(startIdx)[1]];
  let cur = start;
  let ctrl: [number, number] | null = null;
  const lineTo = (p: [number, number]) => { out.push({ x0: tx(cur[0]), y0: ty(cur[1]), x1: tx(p[0]), y1: ty(p[1]) }); cur = p; };
  const quadTo = (c: [number, number], p: [number, number]) => {
    const steps = Math.max(2, Math.min(16, Math.ceil(Math.hypot(p[0] - cur[0], p[1] - cur[1]) * scale / 3)));
    const s = cur;
    for (let k = 1; k <= steps; k++) {
      const t = k / steps;
      const u = 1 - t;
      lineTo([u * u * s[0] + 2 * u * t * c[0] + t * t * p[0], u * u * s[1] + 2 * u * t * c[1] + t * t * p[1]]);
    }
  };
  for (let k = 1; k <= n; k++) {
    const p = P(startIdx + k);
    const pt: [number, number] = [p[0], p[1]];
    if (p[2]) {
      if (ctrl) { quadTo(ctrl, pt); ctrl = null; } else lineTo(pt);
    } else if (ctrl) {
      const mid: [number, number] = [(ctrl[0] + pt[0]) / 2, (ctrl[1] + pt[1]) / 2];
      quadTo(ctrl, mid);
      ctrl = pt;
    } else ctrl = pt;
  }
  if (ctrl) quadTo(ctrl, start);
  else if (cur[0] !== start[0] || cur[1] !== start[1]) lineTo(start);
}

/** Signed-area accumulation of one line (after font-rs): summing a row gives each pixel's coverage. */
function drawLine(acc: Float32Array, w: number, h: number, ax: number, ay: number, bx: number, by: number): void {
  if (Math.abs(ay - by) < 1e-9) return;
  let dir = 1;
  let x0p = ax; let y0p = ay; let x1p = bx; let y1p = by;
  if (ay > by) { dir = -1; [x0p, y0p, x1p, y1p] = [bx, by, ax, ay]; }
  const dxdy = (x1p - x0p) / (y1p - y0p);
  let x = x0p;
  const yStart = Math.max(0, Math.floor(y0p));
  if (y0p < 0) x -= y0p * dxdy;
  const yEnd = Math.min(h, Math.ceil(y1p));
  for (let y = yStart; y < yEnd; y++) {
    const line = y * w;
    const dy = Math.min(y + 1, y1p) - Math.max(y, y0p);
    const xnext = x + dxdy * dy;
    const d = dy * dir;
    const [xa, xb] = x < xnext ? [x, xnext] : [xnext, x];
    const xaf = Math.floor(xa);
    const xai = xaf;
    const xbc = Math.ceil(xb);
    const xbi = xbc;
    if (xai < 0) { x = xnext; continue; }
    if (xbi <= xai + 1) {
      const xmf = 0.5 * (x + xnext) - xaf;
      acc[line + xai] += d - d * xmf;
      acc[line + xai + 1] += d * xmf;
    } else {
      const s = 1 / (xb - xa);
      const x0f = xa - xaf;
      const a0 = 0.5 * s * (1 - x0f) * (1 - x0f);
      const x1f = xb - xbc + 1;
      const am = 0.5 * s * x1f * x1f;
      acc[line + xai] += d * a0;
      if (xbi === xai + 2) {
        acc[line + xai + 1] += d * (1 - a0 - am);
      } else {
        const a1 = s * (1.5 - x0f);
        acc[line + xai + 1] += d * (a1 - a0);
        for (let xi = xai + 2; xi < xbi - 1; xi++) acc[line + xi] += d * s;
        const a2 = a1 + (xbi - xai - 3) * s;
        acc[line + xbi - 1] += d * (1 - a2 - am);
      }
      acc[line + xbi] += d * am;
    }
    x = xnext;
  }
}
