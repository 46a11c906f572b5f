import type { Quarter } from './enums.ts';

export interface Period { startYear: number | null; startQuarter: Quarter | null; endYear: number | null; endQuarter: Quarter | null }

/** Index of a quarter on a single axis, for comparing and sorting. */
export function quarterIndex(year: number, quarter: number): number {
  return year * 4 + (quarter - 1);
}

export function formatPeriod(p: Period): string {
  const part = (y: number | null, q: number | null) => (y == null ? '' : q == null ? String(y) : `Q${q}/${y}`);
  const a = part(p.startYear, p.startQuarter);
  const b = part(p.endYear, p.endQuarter);
  if (!a && !b) return 'offen';
  if (a && !b) return `ab ${a}`;
  if (!a && b) return `bis ${b}`;
  return a === b ? a : `${a} – ${b}`;
}

/** Years a period touches (inclusive); empty when open. */
export function periodYears(p: Period): number[] {
  if (p.startYear == null || p.endYear == null) return [];
  const out: number[] = [];
  for (let y = p.startYear; y <= p.endYear; y++) out.push(y);
  return out;
}

/**
 * Laufzeit class of a measure, after the usual Maßnahmenblatt convention of German municipal
 * concepts (e.g. the Kommunalrichtlinie's template: kurzfristig 0–3, mittelfristig 4–7,
 * langfristig mehr als 7 Jahre). Counted in whole quarters from start to end, both inclusive;
 * a missing start quarter counts from Q1, a missing end quarter up to Q4 (as the period check does).
 *   kurz:   up to 3 years   (≤ 12 quarters)
 *   mittel: up to 7 years   (13 … 28 quarters)
 *   lang:   more than 7 years (> 28 quarters)
 * null while start or end year is open.
 */
export const LAUFZEITEN = ['kurz', 'mittel', 'lang'] as const;
export type Laufzeit = (typeof LAUFZEITEN)[number];
export const LAUFZEIT_LABELS: Record<Laufzeit, string> = {
  kurz: 'kurzfristig (bis 3 Jahre)',
  mittel: 'mittelfristig (über 3 bis 7 Jahre)',
  lang: 'langfristig (über 7 Jahre)',
};
export const LAUFZEIT_MAX_QUARTERS: Record<Exclude<Laufzeit, 'lang'>, number> = { kurz: 12, mittel: 28 };

/** Length of a period in quarters (both ends inclusive); null while open. */
export function periodQuarters(p: Period): number | null {
  if (p.startYear == null || p.endYear == null) return null;
  return quarterIndex(p.endYear, p.endQuarter ?? 4) - quarterIndex(p.startYear, p.startQuarter ?? 1) + 1;
}

export function laufzeitOf(p: Period): Laufzeit | null {
  const n = periodQuarters(p);
  if (n == null || n < 1) return null;
  if (n <= LAUFZEIT_MAX_QUARTERS.kurz) return 'kurz';
  if (n <= LAUFZEIT_MAX_QUARTERS.mittel) return 'mittel';
  return 'lang';
}
