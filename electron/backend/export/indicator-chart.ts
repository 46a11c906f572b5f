// A small line chart per Erfolgsindikator for the Sachstandsbericht: Messwerte over time (squares
// joined by a line), Ausgangswert (dashed) and Zielwert (dotted) as labelled horizontal lines. Not
// told by colour: each line is labelled in words, and the alt text lists every value.
import { formatNumber, germanDay } from '../../../shared/domain/monitoring.ts';
import { BOLD, REGULAR } from './chart-font.ts';
import { Canvas, hexRgb, type Rgb } from './raster.ts';
import type { ChartImage } from './chart.ts';

const SCALE = 3;
const TEXT: Rgb = hexRgb('#1A1A1A');
const AXIS: Rgb = hexRgb('#404040');
const GRID: Rgb = hexRgb('#D0D0D0');
const LINE: Rgb = hexRgb('#0B4F8A');
const BASE: Rgb = hexRgb('#5A5A5A');
const GOAL: Rgb = hexRgb('#1B6E3A');

export interface IndicatorSeries {
  name: string;
  unitHint: string;
  baseline: number | null;
  target: number | null;
  targetYear: number | null;
  values: { date: string; value: number }[];
}

function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function indicatorChart(s: IndicatorSeries, caption: string): ChartImage {
  const W = 520;
  const H = 200;
  const plot = { x: 58, y: 18, w: W - 58 - 110, h: H - 18 - 34 };
  const c = new Canvas(W * SCALE, H * SCALE);
  const S = (v: number) => v * SCALE;
  const vals = s.values;
  const ys = [...vals.map((v) => v.value), ...(s.baseline !== null ? [s.baseline] : []), ...(s.target !== null ? [s.target] : [])];
  let lo = Math.min(0, ...ys);
  let hi = Math.max(1, ...ys);
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const stepV = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((x) => x >= raw)!;
  hi = Math.ceil((hi * 1.04) / stepV) * stepV;
  lo = Math.floor(lo / stepV) * stepV;
  const ticks = Math.round((hi - lo) / stepV);
  const d0 = vals.length ? dayOf(vals[0].date) : 0;
  const d1 = vals.length ? dayOf(vals.at(-1)!.date) : 1;
  const span = Math.max(1, d1 - d0);
  const X = (iso: string) => plot.x + (vals.length === 1 ? plot.w / 2 : ((dayOf(iso) - d0) / span) * plot.w);
  const Y = (v: number) => plot.y + plot.h - ((v - lo) / (hi - lo)) * plot.h;

  for (let i = 0; i <= ticks; i++) {
    const v = lo + stepV * i;
    const y = Y(v);
    c.fillRect(S(plot.x), S(y) - 1, S(plot.w), 2, i === 0 ? AXIS : GRID);
    c.text(formatNumber(Math.round(v * 100) / 100), S(plot.x - 6), S(y + 4), REGULAR, S(10), AXIS, 'right');
  }
  const hline = (v: number, col: Rgb, dash: number, label: string) => {
    const y = Y(v);
    for (let x = plot.x; x < plot.x + plot.w; x += dash * 2) c.fillRect(S(x), S(y) - 2, S(Math.min(dash, plot.x + plot.w - x)), 4, col);
    c.text(label, S(plot.x + plot.w + 6), S(y + 4), BOLD, S(10), col);
  };
  if (s.baseline !== null) hline(s.baseline, BASE, 6, 'Ausgangswert');
  if (s.target !== null) hline(s.target, GOAL, 2, `Ziel${s.targetYear ? ` ${s.targetYear}` : ''}`);
  // Line between consecutive points, drawn as small squares along the segment.
  for (let i = 1; i < vals.length; i++) {
    const ax = X(vals[i - 1].date); const ay = Y(vals[i - 1].value);
    const bx = X(vals[i].date); const by = Y(vals[i].value);
    const steps = Math.ceil(Math.hypot(bx - ax, by - ay) * SCALE);
    for (let k = 0; k <= steps; k++) {
      const t = k / Math.max(1, steps);
      c.fillRect(S(ax + (bx - ax) * t) - 3, S(ay + (by - ay) * t) - 3, 6, 6, LINE);
    }
  }
  for (const v of vals) {
    c.fillRect(S(X(v.date) - 4), S(Y(v.value) - 4), S(8), S(8), LINE);
    c.strokeRect(S(X(v.date) - 4), S(Y(v.value) - 4), S(8), S(8), TEXT, 2);
  }
  if (vals.length) {
    c.text(germanDay(vals[0].date), S(plot.x), S(plot.y + plot.h + 18), REGULAR, S(10), TEXT, vals.length === 1 ? 'left' : 'left');
    if (vals.length > 1) c.text(germanDay(vals.at(-1)!.date), S(plot.x + plot.w), S(plot.y + plot.h + 18), REGULAR, S(10), TEXT, 'right');
    const last = vals.at(-1)!;
    c.text(formatNumber(last.value), S(X(last.date)), S(Y(last.value) - 8), BOLD, S(11), TEXT, 'center');
  }
  const alt = vals.length === 0
    ? `Liniendiagramm zum Indikator „${s.name}“ ohne Messwerte.`
    : `Liniendiagramm zum Indikator „${s.name}“: Messwerte ${vals.map((v) => `${germanDay(v.date)}: ${formatNumber(v.value)}`).join('; ')}`
      + `${s.baseline !== null ? `; Ausgangswert ${formatNumber(s.baseline)}` : ''}${s.target !== null ? `; Zielwert ${formatNumber(s.target)}${s.targetYear ? ` bis ${s.targetYear}` : ''}` : ''}. Die Werte stehen auch in der Tabelle.`;
  return { png: c.png(), width: W, height: H, title: caption, alt };
}
