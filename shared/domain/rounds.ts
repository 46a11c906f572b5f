// Beteiligungsrunde: many raters, by actor group, score the measures on the plan's criteria; the
// workbench aggregates (median, spread, by group), ranks where the groups disagree most (the
// Verhandlungsagenda), and can feed one chosen aggregate into the Nutzwertanalyse.
//
// Documented choices
//  - Median of an even count: the mean of the two middle values (may end in .5).
//  - Quartiles: linear interpolation between order statistics (as Excel's QUARTIL.INKL and R's
//    default), so a planner can check them in a spreadsheet. IQR = Q3 − Q1.
//  - "Median der Gruppenmediane": the median over the groups that have at least one rating, so a
//    group with many members weighs as much as a group with one.
//  - Agenda: measure × criterion with ratings from at least two groups, ranked by the difference
//    between the highest and the lowest group median (ties: larger overall IQR first, then code).
//  - Into the Nutzwertanalyse: scores there are whole numbers 0–10, so the chosen aggregate is
//    rounded half up (6.5 → 7) and shown rounded before it is applied.
import { z } from 'zod';
import { importFileSchema } from './exchange.ts';
import { idSchema } from './schemas.ts';
import { SCORE_MAX, SCORE_MIN } from './nutzwert.ts';

export const RATER_GROUPS = ['verwaltung', 'kreistag', 'beirat', 'gemeinden', 'zivilgesellschaft'] as const;
export type RaterGroup = (typeof RATER_GROUPS)[number];
export const RATER_GROUP_LABELS: Record<RaterGroup, string> = {
  verwaltung: 'Verwaltung',
  kreistag: 'Kreistag',
  beirat: 'Beirat für Migration und Integration',
  gemeinden: 'Gemeinden',
  zivilgesellschaft: 'Zivilgesellschaft',
};

export const ROUND_STATUSES = ['offen', 'abgeschlossen'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = { offen: 'offen', abgeschlossen: 'abgeschlossen' };

// ---- contract schemas

const roundName = z.string({ error: 'Name der Runde: Text erwartet.' }).trim()
  .min(1, { error: 'Bitte einen Namen für die Bewertungsrunde angeben.' }).max(200, { error: 'Name der Runde: höchstens 200 Zeichen.' });
const raterName = z.string({ error: 'Name: Text erwartet.' }).trim()
  .min(1, { error: 'Bitte einen Namen für die bewertende Person oder Stelle angeben.' }).max(200, { error: 'Name: höchstens 200 Zeichen.' });
export const raterGroupSchema = z.enum(RATER_GROUPS, { error: 'Bitte eine Gruppe wählen (Verwaltung, Kreistag, Beirat für Migration und Integration, Gemeinden oder Zivilgesellschaft).' });

export const roundCreateSchema = z.object({ name: roundName });
export const roundUpdateSchema = z.object({ id: idSchema, name: roundName.optional(), status: z.enum(ROUND_STATUSES, { error: 'Status „offen“ oder „abgeschlossen“ erwartet.' }).optional() });
export const raterAddSchema = z.object({ roundId: idSchema, name: raterName, group: raterGroupSchema });
export const sheetFileSchema = importFileSchema.refine((f) => /\.xlsx$/iu.test(f.fileName), { error: 'Bitte den ausgefüllten Bewertungsbogen als Excel-Datei (.xlsx) wählen.' });
export const AGGREGATE_MODES = ['alle', 'gruppen', 'gruppe'] as const;
export type AggregateMode = (typeof AGGREGATE_MODES)[number];
export const AGGREGATE_MODE_LABELS: Record<AggregateMode, string> = {
  alle: 'Median aller Bewertungen',
  gruppen: 'Median der Gruppenmediane',
  gruppe: 'Median einer Gruppe',
};
export const roundApplySchema = z.object({
  id: idSchema,
  mode: z.enum(AGGREGATE_MODES, { error: 'Bitte wählen, welcher Wert übernommen wird.' }),
  group: raterGroupSchema.optional(),
}).refine((a) => a.mode !== 'gruppe' || a.group !== undefined, { error: 'Bitte die Gruppe wählen, deren Median übernommen wird.', path: ['group'] });

// ---- data

export interface RoundCriterion { id: string; name: string; description: string }
export interface RoundMeasure { id: string; code: string; title: string; ziel: string }

export interface RoundSummary {
  id: string;
  name: string;
  status: RoundStatus;
  createdAt: string;
  createdBy: string;
  raterCount: number;
  returnedCount: number;
}

export interface RaterInfo {
  id: string;
  roundId: string;
  name: string;
  group: RaterGroup;
  groupLabel: string;
  /** Last import of this rater's sheet; null = not returned yet. */
  returned: { at: string; by: string; fileName: string; scoreCount: number } | null;
}

export interface RoundDetail extends RoundSummary {
  criteria: RoundCriterion[];
  measures: RoundMeasure[];
  raters: RaterInfo[];
}

/** One rating as stored. */
export interface RoundScore { raterId: string; measureId: string; criterionId: string; score: number }

/** What the check of a returned sheet found; nothing is written by the check. */
export interface SheetCheck {
  ok: boolean;
  /** German messages naming sheet, cell or row. */
  errors: string[];
  roundId: string | null;
  roundName: string | null;
  raterId: string | null;
  raterName: string | null;
  groupLabel: string | null;
  /** Scores in the sheet, and cells left empty. */
  scoreCount: number;
  emptyCount: number;
  /** The rater's sheet was imported before: the import replaces those scores. */
  replaces: boolean;
}

export interface SheetImportResult { raterId: string; raterName: string; scoreCount: number; replaced: boolean }

export interface Stats {
  n: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
  iqr: number | null;
  min: number | null;
  max: number | null;
}

export interface AggregateCell {
  measureId: string;
  code: string;
  title: string;
  criterionId: string;
  criterionName: string;
  all: Stats;
  byGroup: Partial<Record<RaterGroup, Stats>>;
  /** Median over the group medians (groups with ratings). */
  groupMedian: number | null;
  /** Highest minus lowest group median; null with fewer than two groups. */
  groupSpread: number | null;
  /** The groups with the highest and the lowest median (for the agenda's wording). */
  highGroup: RaterGroup | null;
  lowGroup: RaterGroup | null;
}

export interface RoundAggregate {
  roundId: string;
  groups: RaterGroup[];
  cells: AggregateCell[];
  /** Cells with ratings from ≥ 2 groups, largest group spread first. */
  agenda: AggregateCell[];
  ratingCount: number;
}

export interface RoundApplyResult { changed: number; skipped: number }

// ---- aggregation (pure)

/** Median; null for no values. Even counts: the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Quantile p ∈ [0,1] by linear interpolation (Excel QUARTIL.INKL); null for no values. */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = (v.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

export function stats(values: readonly number[]): Stats {
  if (values.length === 0) return { n: 0, median: null, q1: null, q3: null, iqr: null, min: null, max: null };
  const q1 = quantile(values, 0.25)!;
  const q3 = quantile(values, 0.75)!;
  return { n: values.length, median: median(values), q1, q3, iqr: q3 - q1, min: Math.min(...values), max: Math.max(...values) };
}

export interface AggregateInput {
  roundId: string;
  criteria: RoundCriterion[];
  measures: RoundMeasure[];
  raters: { id: string; group: RaterGroup }[];
  scores: RoundScore[];
}

export function aggregateRound(input: AggregateInput): RoundAggregate {
  const groupOf = new Map(input.raters.map((r) => [r.id, r.group]));
  const byCell = new Map<string, { all: number[]; groups: Map<RaterGroup, number[]> }>();
  let ratingCount = 0;
  for (const s of input.scores) {
    const group = groupOf.get(s.raterId);
    if (!group) continue;
    const key = `${s.measureId}\u0000${s.criterionId}`;
    let cell = byCell.get(key);
    if (!cell) byCell.set(key, (cell = { all: [], groups: new Map() }));
    cell.all.push(s.score);
    const list = cell.groups.get(group);
    if (list) list.push(s.score);
    else cell.groups.set(group, [s.score]);
    ratingCount++;
  }
  const present = new Set(input.raters.map((r) => r.group));
  const groups = RATER_GROUPS.filter((g) => present.has(g));
  const cells: AggregateCell[] = [];
  for (const m of input.measures) {
    for (const c of input.criteria) {
      const raw = byCell.get(`${m.id}\u0000${c.id}`);
      const byGroup: Partial<Record<RaterGroup, Stats>> = {};
      const medians: { group: RaterGroup; median: number }[] = [];
      for (const g of groups) {
        const list = raw?.groups.get(g);
        if (!list) continue;
        const st = stats(list);
        byGroup[g] = st;
        medians.push({ group: g, median: st.median! });
      }
      let high: (typeof medians)[number] | null = null;
      let low: (typeof medians)[number] | null = null;
      for (const x of medians) {
        if (!high || x.median > high.median) high = x;
        if (!low || x.median < low.median) low = x;
      }
      cells.push({
        measureId: m.id, code: m.code, title: m.title, criterionId: c.id, criterionName: c.name,
        all: stats(raw?.all ?? []), byGroup,
        groupMedian: median(medians.map((x) => x.median)),
        groupSpread: medians.length >= 2 ? high!.median - low!.median : null,
        highGroup: medians.length >= 2 ? high!.group : null,
        lowGroup: medians.length >= 2 ? low!.group : null,
      });
    }
  }
  const order = new Map(cells.map((c, i) => [c, i]));
  const agenda = cells.filter((c) => c.groupSpread !== null && c.groupSpread > 0)
    .sort((a, b) => (b.groupSpread! - a.groupSpread!) || ((b.all.iqr ?? 0) - (a.all.iqr ?? 0)) || (order.get(a)! - order.get(b)!));
  return { roundId: input.roundId, groups, cells, agenda, ratingCount };
}

/** Rounds half up to a whole score (6.5 → 7); scores are whole numbers in the Nutzwertanalyse. */
export function toWholeScore(x: number): number {
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.floor(x + 0.5)));
}

/** The aggregate a mode picks for one cell; null when that aggregate has no ratings. */
export function chosenValue(cell: AggregateCell, mode: AggregateMode, group?: RaterGroup): number | null {
  if (mode === 'alle') return cell.all.median;
  if (mode === 'gruppen') return cell.groupMedian;
  return group ? cell.byGroup[group]?.median ?? null : null;
}

/** Format like "6,5" (German decimals), "–" for none. */
export function formatScore(x: number | null): string {
  if (x === null) return '–';
  return (Math.round(x * 100) / 100).toString().replace('.', ',');
}
