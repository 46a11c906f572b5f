// Pieces shared by the Umsetzung views: the Ampel badge (symbol and word, never colour alone),
// a small SVG chart of an indicator's Messwerte with title and description, and the default Stichtag.
import { useId, useSyncExternalStore } from 'react';
import { AMPEL_LABELS, AMPEL_SYMBOLS, formatNumber, germanDay, type Ampel, type Measurement } from '../../../../shared/domain/monitoring.ts';
import './monitoring.css';

export function AmpelBadge({ ampel, manual }: { ampel: Ampel; manual?: boolean }) {
  return (
    <span className={`ampel ampel-${ampel}`}>
      <span className="ampel-sym" aria-hidden="true">{AMPEL_SYMBOLS[ampel]}</span>
      {AMPEL_LABELS[ampel]}{manual ? ' (von Hand)' : ''}
    </span>
  );
}

/** Today in the planner's time zone, YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Parses "12", "12,5", "3.000" (German) into a number; null when it is not one. */
export function parseGermanNumber(text: string): number | null {
  const t = text.trim().replace(/\s/gu, '');
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/u.test(t)) return null;
  const v = Number(t.replaceAll('.', '').replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}

function day(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Messwerte over time against Ausgangs- and Zielwert, as an SVG image with a text alternative. */
export function IndicatorChart({ name, values, baseline, target }: { name: string; values: Measurement[]; baseline: number | null; target: number | null }) {
  const id = useId();
  const W = 420; const H = 150; const L = 44; const R = 90; const T = 12; const B = 26;
  const ys = [...values.map((v) => v.value), ...(baseline !== null ? [baseline] : []), ...(target !== null ? [target] : [])];
  const lo = Math.min(0, ...ys);
  const hi = Math.max(1, ...ys) * 1.08;
  const d0 = values.length ? day(values[0].date) : 0;
  const span = Math.max(1, (values.length ? day(values.at(-1)!.date) : 1) - d0);
  const X = (iso: string) => L + (values.length === 1 ? (W - L - R) / 2 : ((day(iso) - d0) / span) * (W - L - R));
  const Y = (v: number) => T + (H - T - B) - ((v - lo) / (hi - lo)) * (H - T - B);
  const desc = values.length === 0 ? 'Noch kein Messwert.'
    : `Messwerte: ${values.map((v) => `${germanDay(v.date)}: ${formatNumber(v.value)}`).join('; ')}.${baseline !== null ? ` Ausgangswert ${formatNumber(baseline)}.` : ''}${target !== null ? ` Zielwert ${formatNumber(target)}.` : ''}`;
  return (
    <svg className="mon-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{`Verlauf: ${name}`}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <line x1={L} x2={W - R} y1={Y(lo)} y2={Y(lo)} stroke="#404040" />
      <text x={L - 6} y={Y(lo) + 4} fontSize="10" textAnchor="end" fill="#404040">{formatNumber(lo)}</text>
      <text x={L - 6} y={Y(hi / 1.08) + 4} fontSize="10" textAnchor="end" fill="#404040">{formatNumber(Math.round((hi / 1.08) * 10) / 10)}</text>
      {baseline !== null ? <g><line x1={L} x2={W - R} y1={Y(baseline)} y2={Y(baseline)} stroke="#5a5a5a" strokeDasharray="6 4" /><text x={W - R + 4} y={Y(baseline) + 4} fontSize="10" fill="#404040">Ausgangswert</text></g> : null}
      {target !== null ? <g><line x1={L} x2={W - R} y1={Y(target)} y2={Y(target)} stroke="#1b6e3a" strokeDasharray="2 3" /><text x={W - R + 4} y={Y(target) + 4} fontSize="10" fill="#1b6e3a">Zielwert</text></g> : null}
      {values.length > 1 ? <polyline fill="none" stroke="#0b4f8a" strokeWidth="2" points={values.map((v) => `${X(v.date)},${Y(v.value)}`).join(' ')} /> : null}
      {values.map((v) => <rect key={v.id} x={X(v.date) - 4} y={Y(v.value) - 4} width="8" height="8" fill="#0b4f8a" />)}
      {values.length ? <text x={L} y={H - 8} fontSize="10" fill="#1a1a1a">{germanDay(values[0].date)}</text> : null}
      {values.length > 1 ? <text x={W - R} y={H - 8} fontSize="10" textAnchor="end" fill="#1a1a1a">{germanDay(values.at(-1)!.date)}</text> : null}
    </svg>
  );
}

// The Stichtag chosen in the Umsetzung views, shared between them for the session (not stored in the plan).
let chosen: string | null = null;
const listeners = new Set<() => void>();

export function useStichtag(): [string, (d: string) => void] {
  const value = useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => chosen ?? today());
  const set = (d: string) => { chosen = d; for (const l of listeners) l(); };
  return [value, set];
}
