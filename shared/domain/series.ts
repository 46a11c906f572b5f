// Multi-year budget series ("jährlich 40.000 € Personal 2026–2029, +2 % p. a."): one entry the
// planner edits once, stored with the per-year budget lines it generates (budget_lines.series_id).
//
// Why generated lines: every reader of money — totals, Finanzplan, Haushaltsrahmen, optimiser,
// DOCX, XLSX, checks — already reads budget_lines; a series therefore flows through all of them
// exactly like hand-made lines, and no reader can forget to expand it. The amounts come from this
// one function only (the series writer uses it, `werkbank check` compares the stored lines with it).
//
// Rounding, exactly: the amount of year y is base × (1 + g)^(y − first), computed in exact integer
// arithmetic (BigInt, growth in basis points) and rounded half up to whole cents once per year,
// always from the base (never from the rounded previous year), so no rounding error accumulates.
// The series total is the sum of the rounded years — the figure shown is that sum.
import { z } from 'zod';
import { BUDGET_STATES, COST_KINDS, FUNDING_KINDS, MAX_YEAR, MIN_YEAR, type BudgetState, type CostKind, type FundingKind } from './enums.ts';
import { centsSchema, idSchema, yearSchema } from './schemas.ts';

/** Longest series: 30 years (a Finanzplan rarely looks further than 5). */
export const SERIES_MAX_YEARS = 30;
/** Growth per year in basis points: −50 % … +100 %. */
export const SERIES_GROWTH_MIN_BP = -5_000;
export const SERIES_GROWTH_MAX_BP = 10_000;

export interface SeriesParams {
  firstYear: number;
  lastYear: number;
  /** Amount of the first year in cents. */
  baseCents: number;
  /** Growth per year in basis points (200 = +2 % p. a.; 0 = the same every year). */
  growthBp: number;
}

export interface BudgetSeries extends SeriesParams {
  id: string;
  measureId: string;
  costKind: CostKind;
  fundingKind: FundingKind;
  produkt: string;
  kostenstelle: string;
  programme: string;
  foerderquoteBp: number | null;
  state: BudgetState;
  note: string;
}

export interface SeriesYear { year: number; amountCents: number }

const TEN_THOUSAND = 10_000n;

/** The amount of every year of the series (see the file comment for the rounding rule). */
export function expandSeries(p: SeriesParams): SeriesYear[] {
  if (!Number.isInteger(p.firstYear) || !Number.isInteger(p.lastYear) || p.lastYear < p.firstYear) return [];
  const base = BigInt(p.baseCents);
  const factor = TEN_THOUSAND + BigInt(p.growthBp);
  const out: SeriesYear[] = [];
  let num = 1n; // factor^k
  let den = 1n; // 10000^k
  for (let year = p.firstYear; year <= p.lastYear; year += 1) {
    // round half up of base × num / den, all non-negative (factor > 0 by the schema)
    const scaled = base * num;
    const cents = (scaled * 2n + den) / (den * 2n);
    out.push({ year, amountCents: Number(cents) });
    num *= factor;
    den *= TEN_THOUSAND;
  }
  return out;
}

/** Sum of the rounded years: the series total shown to the planner. */
export function seriesTotal(p: SeriesParams): number {
  return expandSeries(p).reduce((s, y) => s + y.amountCents, 0);
}

/** "+2 % p. a." / "−1,5 % p. a." / "gleichbleibend". */
export function growthLabel(bp: number): string {
  if (bp === 0) return 'gleichbleibend';
  const pct = (Math.abs(bp) / 100).toLocaleString('de-DE', { maximumFractionDigits: 2 });
  return `${bp > 0 ? '+' : '−'}${pct} % p. a.`;
}

export const seriesSaveSchema = z.object({
  /** Without id: a new series; with id: the series is replaced (its lines regenerated). */
  id: idSchema.optional(),
  measureId: idSchema,
  firstYear: yearSchema,
  lastYear: yearSchema,
  baseCents: centsSchema,
  growthBp: z.number({ error: 'Die Steigerung muss eine Zahl sein.' }).int({ error: 'Die Steigerung bitte in ganzen Hundertstel-Prozent angeben.' })
    .min(SERIES_GROWTH_MIN_BP, { error: 'Die jährliche Steigerung muss zwischen −50 % und +100 % liegen.' })
    .max(SERIES_GROWTH_MAX_BP, { error: 'Die jährliche Steigerung muss zwischen −50 % und +100 % liegen.' }),
  costKind: z.enum(COST_KINDS, { error: 'Unbekannte Kostenart.' }).optional(),
  fundingKind: z.enum(FUNDING_KINDS, { error: 'Unbekannte Finanzierungsart.' }).optional(),
  produkt: z.string().max(50, { error: 'Produkt: höchstens 50 Zeichen.' }).optional(),
  kostenstelle: z.string().max(50, { error: 'Kostenstelle: höchstens 50 Zeichen.' }).optional(),
  programme: z.string().max(200, { error: 'Förderprogramm: höchstens 200 Zeichen.' }).optional(),
  foerderquoteBp: z.number().int().min(0, { error: 'Die Förderquote muss zwischen 0 und 100 % liegen.' }).max(10_000, { error: 'Die Förderquote muss zwischen 0 und 100 % liegen.' }).nullable().optional(),
  state: z.enum(BUDGET_STATES, { error: 'Unbekannter Stand der Finanzierung.' }).optional(),
  note: z.string().max(2_000, { error: 'Anmerkung: höchstens 2.000 Zeichen.' }).optional(),
}).superRefine((s, ctx) => {
  if (s.lastYear < s.firstYear) ctx.addIssue({ code: 'custom', message: 'Das letzte Jahr der Reihe liegt vor dem ersten.', path: ['lastYear'] });
  else if (s.lastYear - s.firstYear + 1 > SERIES_MAX_YEARS) ctx.addIssue({ code: 'custom', message: `Eine Reihe umfasst höchstens ${SERIES_MAX_YEARS} Jahre.`, path: ['lastYear'] });
  if (s.firstYear < MIN_YEAR || s.lastYear > MAX_YEAR) ctx.addIssue({ code: 'custom', message: `Die Jahre müssen zwischen ${MIN_YEAR} und ${MAX_YEAR} liegen.`, path: ['firstYear'] });
});
export type SeriesSave = z.infer<typeof seriesSaveSchema>;
