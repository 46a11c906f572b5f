// Planungszeitraum of a plan: first and last year (schema 6). Finanzplan, Haushaltsrahmen, the
// timeline and the checks show these years; budget lines outside are flagged.
import { z } from 'zod';
import { yearSchema } from './schemas.ts';

/** Longest Planungszeitraum (years). */
export const PERIOD_MAX_YEARS = 30;

export interface PlanPeriod { firstYear: number; lastYear: number }

export const planPeriodArgs = {
  /** null clears the Planungszeitraum; both years are set (or cleared) together. */
  periodFirstYear: yearSchema.nullable().optional(),
  periodLastYear: yearSchema.nullable().optional(),
};

export function checkPlanPeriod(v: { periodFirstYear?: number | null; periodLastYear?: number | null }, ctx: z.RefinementCtx): void {
  if (v.periodFirstYear === undefined && v.periodLastYear === undefined) return;
  if ((v.periodFirstYear ?? null) === null && (v.periodLastYear ?? null) === null) return;
  if (v.periodFirstYear == null || v.periodLastYear == null) {
    ctx.addIssue({ code: 'custom', message: 'Bitte erstes und letztes Jahr des Planungszeitraums angeben (oder beide leer lassen).', path: ['periodFirstYear'] });
    return;
  }
  if (v.periodLastYear < v.periodFirstYear) ctx.addIssue({ code: 'custom', message: 'Das letzte Jahr des Planungszeitraums liegt vor dem ersten.', path: ['periodLastYear'] });
  else if (v.periodLastYear - v.periodFirstYear + 1 > PERIOD_MAX_YEARS) ctx.addIssue({ code: 'custom', message: `Der Planungszeitraum umfasst höchstens ${PERIOD_MAX_YEARS} Jahre.`, path: ['periodLastYear'] });
}

/** The period from the two optional years of PlanInfo; null when not set. */
export function periodOf(info: { periodFirstYear?: number | null; periodLastYear?: number | null } | null | undefined): PlanPeriod | null {
  if (!info || info.periodFirstYear == null || info.periodLastYear == null) return null;
  return { firstYear: info.periodFirstYear, lastYear: info.periodLastYear };
}

export function inPeriod(p: PlanPeriod | null, year: number): boolean {
  return p === null || (year >= p.firstYear && year <= p.lastYear);
}

/** "außerhalb des Planungszeitraums 2026–2030" */
export function outsideText(p: PlanPeriod): string {
  return `außerhalb des Planungszeitraums ${p.firstYear}–${p.lastYear}`;
}

/** Every year of the period. */
export function periodYears(p: PlanPeriod): number[] {
  return Array.from({ length: p.lastYear - p.firstYear + 1 }, (_, i) => p.firstYear + i);
}
