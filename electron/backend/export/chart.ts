// The chart of the Sitzungsvorlage: costs per Haushaltsjahr, stacked by Baustelle, as a PNG.
// Accessible by construction: every Baustelle has a fill pattern as well as a colour, a number
// label inside its segment (where it fits) and a legend entry, segments are outlined; all text is
// dark grey on white (contrast far above 4.5:1). The figures themselves are in a table beside the
// chart in the document, and the alt text summarises them.
import { formatCents } from '../../../shared/domain/money.ts';
import { BOLD, REGULAR } from './chart-font.ts';
import { Canvas, contrast, hexRgb, type Pattern, type Rgb } from './raster.ts';

export interface ChartSeries {
  /** Baustelle number 1..7. */
  number: number;
  shortTitle: string;
  /** year → cents */
  byYear: Record<string, number>;
}

export interface ChartImage {
  png: Uint8Array;
  /** Size in the document, in pixels at 96 dpi (the PNG has SCALE times as many). */
  width: number;
  height: number;
  title: string;
  alt: string;
}

const SCALE = 3;
const TEXT: Rgb = hexRgb('#1A1A1A');
const AXIS_TEXT: Rgb = hexRgb('#404040');
const GRID: Rgb = hexRgb('#D0D0D0');
const OUTLINE: Rgb = hexRgb('#262626');
const WHITE: Rgb = [255, 255, 255];

// Okabe–Ito colours (distinguishable with the common colour vision deficiencies), each with its own pattern.
const STYLES: { fill: string; ink: string | null; pattern: string; fn: Pattern | null }[] = [
  { fill: '#0072B2', ink: null, pattern: 'voll', fn: null },
  { fill: '#E69F00', ink: '#3D2A00', pattern: 'Schräglinien', fn: (x, y) => (x + y) % 12 < 3 },
  { fill: '#009E73', ink: '#FFFFFF', pattern: 'waagerechte Linien', fn: (_x, y) => y % 10 < 3 },
  { fill: '#F0E442', ink: '#3A3500', pattern: 'Punkte', fn: (x, y) => x % 10 < 4 && y % 10 < 4 },
  { fill: '#56B4E9', ink: '#0B2E44', pattern: 'Gitter', fn: (x, y) => x % 12 < 2 || y % 12 < 2 },
  { fill: '#D55E00', ink: '#FFFFFF', pattern: 'senkrechte Linien', fn: (x) => x % 10 < 3 },
  { fill: '#CC79A7', ink: '#3B1230', pattern: 'Gegenschräglinien', fn: (x, y) => (x - y + 1200) % 12 < 3 },
];

export function chartStyle(number: number) {
  return STYLES[(number - 1 + STYLES.length) % STYLES.length];
}

function niceStep(raw: number): number {
  if (raw <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

const grouping = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 0 });

/** Unit for axis and totals: thousands or millions of euros. */
function unitFor(maxCents: number): { div: number; label: string } {
  return maxCents >= 1_000_000_000 ? { div: 100_000_000, label: 'Mio. €' } : { div: 100_000, label: 'Tsd. €' };
}

export function costChart(years: readonly number[], series: readonly ChartSeries[], caption: string): ChartImage {
  const shown = series.filter((s) => years.some((y) => (s.byYear[String(y)] ?? 0) > 0));
  const totals = years.map((y) => shown.reduce((a, s) => a + (s.byYear[String(y)] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const unit = unitFor(max);
  const maxUnits = max / unit.div;
  const step = niceStep(maxUnits / 5);
  const top = Math.ceil(maxUnits / step) * step;
  const fmt = (v: number) => grouping.format(unit.div === 100_000 ? Math.round(v) : Math.round(v * 10) / 10);

  // Layout in document pixels (multiplied by SCALE when drawing).
  const W = 620;
  const font = 11;
  const legendCols = 2;
  const legendRows = Math.ceil(shown.length / legendCols);
  const plot = { x: 64, y: 26, w: W - 64 - 12, h: 220 };
  const legendTop = plot.y + plot.h + 34;
  const H = legendTop + legendRows * 22 + 6;
  const c = new Canvas(W * SCALE, H * SCALE);
  const S = (v: number) => v * SCALE;

  // Axis title and grid with tick labels.
  c.text(`in ${unit.label}`, S(plot.x - 8), S(14), REGULAR, S(font), AXIS_TEXT, 'right');
  for (let v = 0; v <= top + 1e-9; v += step) {
    const y = plot.y + plot.h - (v / top) * plot.h;
    c.fillRect(S(plot.x), S(y) - 1, S(plot.w), 2, v === 0 ? OUTLINE : GRID);
    c.text(fmt(v), S(plot.x - 8), S(y + 4), REGULAR, S(font), AXIS_TEXT, 'right');
  }

  const slot = plot.w / Math.max(1, years.length);
  const barW = Math.min(90, slot * 0.62);
  years.forEach((year, i) => {
    const cx = plot.x + slot * (i + 0.5);
    const x = cx - barW / 2;
    let base = plot.y + plot.h;
    for (const s of shown) {
      const v = s.byYear[String(year)] ?? 0;
      if (v <= 0) continue;
      const h = ((v / unit.div) / top) * plot.h;
      const st = chartStyle(s.number);
      const y = base - h;
      c.fillRect(S(x), S(y), S(barW), S(h), hexRgb(st.fill), st.fn && st.ink ? { ink: hexRgb(st.ink), fn: st.fn } : undefined);
      c.strokeRect(S(x), S(y), S(barW), Math.max(2, S(h)), OUTLINE, 2);
      // The Baustelle's number in a white box, where the segment is tall enough.
      if (h >= 15 && barW >= 26) {
        const label = String(s.number);
        const tw = c.measure(label, BOLD, S(font)) / SCALE;
        const bw = tw + 8;
        const bh = 13;
        const by = y + h / 2 - bh / 2;
        c.fillRect(S(cx - bw / 2), S(by), S(bw), S(bh), WHITE);
        c.strokeRect(S(cx - bw / 2), S(by), S(bw), S(bh), OUTLINE, 2);
        c.text(label, S(cx), S(by + 10.5), BOLD, S(font), TEXT, 'center');
      }
      base = y;
    }
    const total = totals[i];
    c.text(total > 0 ? fmt(total / unit.div) : '0', S(cx), S(base - 6), BOLD, S(font), TEXT, 'center');
    c.text(String(year), S(cx), S(plot.y + plot.h + 18), REGULAR, S(font + 1), TEXT, 'center');
  });

  // Legend: pattern swatch, number and short title.
  const colW = W / legendCols;
  shown.forEach((s, i) => {
    const col = Math.floor(i / legendRows);
    const row = i % legendRows;
    const x = 16 + col * colW;
    const y = legendTop + row * 22;
    const st = chartStyle(s.number);
    c.fillRect(S(x), S(y), S(26), S(15), hexRgb(st.fill), st.fn && st.ink ? { ink: hexRgb(st.ink), fn: st.fn } : undefined);
    c.strokeRect(S(x), S(y), S(26), S(15), OUTLINE, 2);
    c.text(`Baustelle ${s.number}: ${s.shortTitle}`, S(x + 34), S(y + 12), REGULAR, S(font), TEXT);
  });

  const perYear = years.map((y, i) => `${y}: ${formatCents(totals[i])}`).join('; ');
  const grand = totals.reduce((a, b) => a + b, 0);
  const largest = [...shown].map((s) => ({ s, v: years.reduce((a, y) => a + (s.byYear[String(y)] ?? 0), 0) })).sort((a, b) => b.v - a.v)[0];
  const alt = shown.length === 0
    ? 'Säulendiagramm ohne Werte: Für die Maßnahmen sind keine Kosten eingeplant.'
    : `Gestapeltes Säulendiagramm der Kosten je Haushaltsjahr, aufgeteilt nach Baustellen des Impulspapiers (${shown.map((s) => `Baustelle ${s.number}`).join(', ')}). `
      + `Summen je Jahr: ${perYear}; insgesamt ${formatCents(grand)}. `
      + `Den größten Anteil hat Baustelle ${largest.s.number} (${largest.s.shortTitle}) mit ${formatCents(largest.v)}. `
      + 'Alle Werte stehen in der Tabelle unter dem Diagramm.';
  return { png: c.png(), width: W, height: H, title: caption, alt };
}

/** The chart's colour pairs, for tests: text on white and pattern ink on fill. */
export const CHART_TEXT_CONTRAST = Math.min(contrast(TEXT, WHITE), contrast(AXIS_TEXT, WHITE));
