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
