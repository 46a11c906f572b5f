// Priorities and money (schema 5): argument schemas and result shapes of the contract methods for
// the Nutzwertanalyse, the Haushaltsrahmen, the Finanzplan, the optimiser and the scenarios.
// Pure: no node, no DOM. Money is integer cents; Nutzwerte travel as exact half-points
// (totalHalves, see nutzwert.ts) plus a German display text.
import { z } from 'zod';
import type { FundingKind, MeasureStatus } from './enums.ts';
import type { Criterion, NutzwertRow, RankChange } from './nutzwert.ts';
import { SCORE_MAX, SCORE_MIN, WEIGHT_TOTAL } from './nutzwert.ts';
import { centsSchema, idSchema, yearSchema } from './schemas.ts';

/** Scenario key of the plan's current settings (weights, frames, decisions). */
export const ARBEITSSTAND = 'arbeitsstand';
export const ARBEITSSTAND_LABEL = 'Arbeitsstand';

export const RATERS = [1, 2] as const;
export type Rater = (typeof RATERS)[number];
export const RATER_LABELS: Record<Rater, string> = { 1: 'Bewertung 1', 2: 'Bewertung 2 (Zweitbewertung)' };

/** Differences of at least this many points between the two raters are flagged. */
export const DEFAULT_DIVERGENCE_THRESHOLD = 3;
/** Weight move (± points) of the sensitivity check. */
export const DEFAULT_SENSITIVITY_DELTA = 10;

// ---------------------------------------------------------------------------------------------
// Argument schemas (German messages)

const int = (label: string) => z.number({ error: `${label} muss eine Zahl sein.` }).int({ error: `${label} muss eine ganze Zahl sein.` });

export const weightSchema = int('Das Gewicht')
  .min(0, { error: `Das Gewicht muss zwischen 0 und ${WEIGHT_TOTAL} Punkten liegen.` })
  .max(WEIGHT_TOTAL, { error: `Das Gewicht muss zwischen 0 und ${WEIGHT_TOTAL} Punkten liegen.` });
export const koThresholdSchema = int('Die KO-Schwelle')
  .min(1, { error: `Die KO-Schwelle muss zwischen 1 und ${SCORE_MAX} liegen.` })
  .max(SCORE_MAX, { error: `Die KO-Schwelle muss zwischen 1 und ${SCORE_MAX} liegen.` });
export const scoreSchema = int('Die Bewertung')
  .min(SCORE_MIN, { error: `Die Bewertung muss eine ganze Zahl von ${SCORE_MIN} bis ${SCORE_MAX} sein.` })
  .max(SCORE_MAX, { error: `Die Bewertung muss eine ganze Zahl von ${SCORE_MIN} bis ${SCORE_MAX} sein.` });
export const raterSchema = z.union([z.literal(1), z.literal(2)], { error: 'Bewertung 1 oder 2 erwartet.' });

const criterionName = z.string({ error: 'Name des Kriteriums: Text erwartet.' }).trim()
  .min(1, { error: 'Bitte einen Namen für das Kriterium angeben.' }).max(200, { error: 'Name des Kriteriums: höchstens 200 Zeichen.' });
const criterionDescription = z.string({ error: 'Beschreibung: Text erwartet.' }).max(5_000, { error: 'Beschreibung des Kriteriums: höchstens 5.000 Zeichen.' });
const koSchema = z.boolean({ error: 'KO-Kriterium: ja oder nein erwartet.' });

/** One criterion: without id a new one (weight defaults to 0), with id an update (omitted fields kept). The sum of the weights is not checked here. */
export const criterionSaveSchema = z.object({
  id: idSchema.optional(),
  name: criterionName.optional(),
  description: criterionDescription.optional(),
  weight: weightSchema.optional(),
  ko: koSchema.optional(),
  koThreshold: koThresholdSchema.nullable().optional(),
}).superRefine((c, ctx) => {
  if (!c.id && c.name === undefined) ctx.addIssue({ code: 'custom', message: 'Bitte einen Namen für das Kriterium angeben.', path: ['name'] });
});

/** The whole set as the planner edits it: order = list order; weights must sum to 100. */
export const criteriaSaveAllSchema = z.object({
  criteria: z.array(z.object({
    id: idSchema.optional(),
    name: criterionName,
    description: criterionDescription.default(''),
    weight: weightSchema,
    ko: koSchema.default(false),
    koThreshold: koThresholdSchema.nullable().optional(),
  }), { error: 'Liste der Kriterien erwartet.' })
    .min(1, { error: 'Es muss mindestens ein Kriterium geben.' }).max(30, { error: 'Höchstens 30 Kriterien.' }),
});

export const criteriaReorderSchema = z.object({
  ids: z.array(idSchema).min(1, { error: 'Bitte die Kriterien in der neuen Reihenfolge angeben.' }).max(30),
});

export const scoreSetSchema = z.object({
  measureId: idSchema,
  criterionId: idSchema,
  rater: raterSchema,
  /** null removes the score (not assessed). */
  score: scoreSchema.nullable(),
});
export type ScoreSet = z.infer<typeof scoreSetSchema>;

export const scoresSetManySchema = z.object({
  scores: z.array(scoreSetSchema).min(1, { error: 'Keine Bewertung übergeben.' }).max(10_000, { error: 'Höchstens 10.000 Bewertungen auf einmal.' }),
});

export const prioritiesGetSchema = z.object({
  sensitivityDelta: int('Die Verschiebung der Gewichte').min(1).max(50).optional(),
  divergenceThreshold: int('Die Schwelle für abweichende Bewertungen').min(1).max(SCORE_MAX).optional(),
});

export const framesSetSchema = z.object({
  frames: z.array(z.object({
    year: yearSchema,
    /** null removes the frame of that year. */
    amountCents: centsSchema.nullable(),
    note: z.string().max(500, { error: 'Anmerkung zum Haushaltsrahmen: höchstens 500 Zeichen.' }).optional(),
  })).min(1, { error: 'Bitte mindestens ein Jahr angeben.' }).max(50),
}).superRefine((v, ctx) => {
  const years = v.frames.map((f) => f.year);
  if (new Set(years).size !== years.length) ctx.addIssue({ code: 'custom', message: 'Jedes Jahr darf nur einmal vorkommen.', path: ['frames'] });
});

const scenarioRef = idSchema.optional();
const timeLimitSchema = z.number({ error: 'Das Zeitlimit muss eine Zahl sein.' })
  .min(1, { error: 'Das Zeitlimit muss zwischen 1 und 300 Sekunden liegen.' }).max(300, { error: 'Das Zeitlimit muss zwischen 1 und 300 Sekunden liegen.' });
const securedOnly = z.boolean({ error: 'Vorsichtige Rechnung: ja oder nein erwartet.' }).optional();

export const optimiserRunSchema = z.object({
  /** Without: the Arbeitsstand. */
  scenarioId: scenarioRef,
  timeLimitSeconds: timeLimitSchema.optional(),
  /** Vorsichtige Rechnung: external money not yet bewilligt counts as Eigenanteil. */
  securedOnly,
});
export const optimiserExplainSchema = z.object({ measureId: idSchema, scenarioId: scenarioRef, securedOnly });
export const optimiserWhatIfSchema = z.object({
  year: yearSchema,
  extraCents: z.number({ error: 'Der Betrag muss eine Zahl sein.' }).int({ error: 'Der Betrag muss in ganzen Cent angegeben sein.' })
    .min(-100_000_000_000_00, { error: 'Der Betrag ist unrealistisch.' }).max(100_000_000_000_00, { error: 'Der Betrag ist unrealistisch hoch (über 100 Mrd. €).' }),
  scenarioId: scenarioRef,
  securedOnly,
});

export const setFixedSchema = z.object({
  measureId: idSchema,
  /** 'in' = fest eingeplant, 'out' = ausgeschlossen, null = the optimiser decides. */
  fixed: z.enum(['in', 'out'], { error: 'Festlegung: „in“, „out“ oder keine erwartet.' }).nullable(),
  reason: z.string({ error: 'Begründung: Text erwartet.' }).max(500, { error: 'Begründung: höchstens 500 Zeichen.' }).optional(),
});

export const scenarioSaveSchema = z.object({
  /** Without id: a new scenario from the current Arbeitsstand. With id: rename/describe; takeCurrent replaces its settings by the Arbeitsstand. */
  id: idSchema.optional(),
  name: z.string({ error: 'Name des Szenarios: Text erwartet.' }).trim().min(1, { error: 'Bitte einen Namen für das Szenario angeben.' })
    .max(200, { error: 'Name des Szenarios: höchstens 200 Zeichen.' }),
  description: z.string().max(2_000, { error: 'Beschreibung des Szenarios: höchstens 2.000 Zeichen.' }).optional(),
  takeCurrent: z.boolean().optional(),
});
/** a, b: scenario ids or "arbeitsstand". */
export const scenarioCompareSchema = z.object({ a: idSchema, b: idSchema, securedOnly });

// ---------------------------------------------------------------------------------------------
// Results

export interface PlanCriterion extends Criterion {
  position: number;
  /** How many scores (both raters) exist for this criterion. */
  scoreCount: number;
}

export interface ScoreEntry {
  measureId: string;
  criterionId: string;
  rater: Rater;
  score: number;
}

export interface ScoreDivergence {
  criterionId: string;
  criterionName: string;
  a: number;
  b: number;
  difference: number;
}

export interface PriorityRow extends NutzwertRow {
  title: string;
  baustelleId: string;
  status: MeasureStatus;
  /** Nutzwert on the 0–10 scale, German ("7,35"). */
  nutzwertText: string;
  fixed: 'in' | 'out' | null;
  fixedReason: string;
  /** Criteria where the two raters differ by at least the threshold. */
  divergences: ScoreDivergence[];
  /** The rank changes when one weight moves by ± the sensitivity delta. */
  fragile: boolean;
  bestRank: number | null;
  worstRank: number | null;
  /** The moves that change this measure's rank: "Gewicht von X +10 → Rang 3". */
  rankMoves: { criterionId: string; criterionName: string; delta: number; to: number | null }[];
}

export interface PrioritiesResult {
  criteria: PlanCriterion[];
  weightSum: number;
  /** validateWeights: empty = valid. While not empty there is no ranking. */
  weightProblems: string[];
  /** At least one score of rater 2 exists. */
  hasSecondRater: boolean;
  /** measureId → criterionId → [rater 1, rater 2]. */
  scores: Record<string, Record<string, [number | null, number | null]>>;
  /** In rank order (KO-excluded last); null while the weights are invalid. */
  ranking: PriorityRow[] | null;
  divergenceThreshold: number;
  sensitivity: {
    delta: number;
    fragileCount: number;
    moves: { criterionId: string; criterionName: string; requestedDelta: number; appliedDelta: number; changes: RankChange[] }[];
  } | null;
  /** Measures with a score for every criterion (at least one rater). */
  completeCount: number;
  measureCount: number;
}

export interface BudgetFrame {
  year: number;
  amountCents: number;
  note: string;
}

export interface FramesResult {
  /** Haushaltsjahr and the years of the mittelfristige Finanzplanung present in the plan (budget lines or frames). */
  years: number[];
  frames: BudgetFrame[];
  /** Eigenanteil (Kreis) of all measures per year, to set the frames against. */
  eigenanteilByYear: Record<string, number>;
}

export interface MoneySplit {
  totalCents: number;
  foerdermittelCents: number;
  drittmittelCents: number;
  eigenmittelDritterCents: number;
  /** Eigenanteil des Kreises. totalCents = the four parts, exactly. */
  eigenanteilCents: number;
}

export interface FinanzplanMeasure {
  measureId: string;
  code: string;
  title: string;
  fixed: 'in' | 'out' | null;
  byYear: Record<string, MoneySplit>;
  total: MoneySplit;
}

export interface FinanzplanBaustelle {
  baustelleId: string;
  number: number;
  shortTitle: string;
  byYear: Record<string, MoneySplit>;
  total: MoneySplit;
  measures: FinanzplanMeasure[];
}

export interface FinanzplanYear {
  year: number;
  split: MoneySplit;
  /** Haushaltsrahmen; null when none is set for the year. */
  frameCents: number | null;
  /** frame − Eigenanteil (negative = not covered); null without frame. */
  leftCents: number | null;
}

export type FinanzplanWarningCode =
  | 'rahmen-ueberschritten' | 'rahmen-fehlt' | 'foerderantrag-offen' | 'foerderantrag-nicht-gestellt' | 'foerderquote-fehlt'
  | 'foerderquote-null' | 'drittmittel-nicht-zugesagt' | 'eigenmittel-dritter-nicht-zugesagt';

export interface FinanzplanWarning {
  code: FinanzplanWarningCode;
  message: string;
  measureId: string | null;
  year: number | null;
}

export interface Finanzplan {
  years: number[];
  baustellen: FinanzplanBaustelle[];
  byFundingKind: { fundingKind: FundingKind; label: string; byYear: Record<string, number>; totalCents: number }[];
  perYear: FinanzplanYear[];
  total: MoneySplit;
  warnings: FinanzplanWarning[];
  lineCount: number;
}

export interface OptimiserShortfall { year: number; neededCents: number; leftCents: number }

export interface OptimiserMeasure {
  measureId: string;
  code: string;
  title: string;
  included: boolean;
  /** Solver's kind (selected, fixed-in, required, fixed-out, ko, dependency-excluded, does-not-fit, displaced, alternative, no-value, not-reached). */
  kind: string;
  /** German short label of the kind ("fest eingeplant", "kein Platz im Rahmen", …). */
  kindLabel: string;
  /** German explanation: why in, or which constraint keeps it out. */
  reason: string;
  rank: number | null;
  nutzwert: NutzwertRow | null;
  nutzwertText: string;
  ownShareByYear: Record<string, number>;
  ownShareTotalCents: number;
  costTotalCents: number;
  fixed: 'in' | 'out' | null;
  fixedReason: string;
  shortfalls: OptimiserShortfall[];
  /** Codes of plan measures that would have to leave to take this one in (when computed). */
  wouldDisplace: string[];
  /** Codes of measures that would come in with it (e.g. its prerequisites). */
  wouldBringIn: string[];
}

export interface OptimiserProblem {
  code: string;
  message: string;
  measureIds: string[];
  codes: string[];
  year: number | null;
}

export type OptimiserStatus = 'optimal' | 'time-limit' | 'infeasible' | 'error';

export interface OptimiserRun {
  source: { scenarioId: string | null; name: string };
  securedOnly: boolean;
  status: OptimiserStatus;
  /** HiGHS proved the selection optimal (within the tolerance); "optimal (bewiesen)" only when exact as well. */
  provenOptimal: boolean;
  exact: boolean;
  /** "optimal (bewiesen)", "beste gefundene Lösung, Lücke ≤ 0,5 %", "keine zulässige Lösung", … */
  statusText: string;
  /** German one-line summary. */
  message: string;
  /** Upper bound of the relative gap in percent, German text; null when exact or unknown. */
  gapText: string | null;
  totalValueHalves: number;
  totalValueText: string;
  selectedCount: number;
  measureCount: number;
  years: number[];
  framesByYear: Record<string, number>;
  usedByYear: Record<string, number>;
  unusedByYear: Record<string, number>;
  /** Included first (by rank), then excluded (by rank). */
  measures: OptimiserMeasure[];
  problems: OptimiserProblem[];
  warnings: string[];
  /** The fixed decisions the run used (measureId → decision), also when there is no plan. */
  fixedDecisions: Record<string, { fixed: 'in' | 'out'; reason: string }>;
  solveSeconds: number;
  explainSeconds: number;
  /** The solve ran in a worker thread (false: in the backend's own thread). */
  inWorker: boolean;
}

export interface WhatIfResult {
  year: number;
  extraCents: number;
  baseFrameCents: number;
  newFrameCents: number;
  comingIn: { measureId: string; code: string; title: string }[];
  goingOut: { measureId: string; code: string; title: string }[];
  /** Change of the Gesamtnutzwert, German with sign ("+7,35"). */
  valueGainText: string;
  /** Eigenanteil used per year after the change, minus before. */
  usedDiffByYear: Record<string, number>;
  message: string;
  /** Both plans proven optimal. */
  proven: boolean;
}

export interface ScenarioSettings {
  /** criterionId → points. */
  weights: Record<string, number>;
  /** year → cents. */
  frames: Record<string, number>;
  /** measureId → decision. */
  fixed: Record<string, { fixed: 'in' | 'out'; reason: string }>;
}

export interface Scenario {
  id: string;
  name: string;
  description: string;
  settings: ScenarioSettings;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface ScenarioOutcome {
  key: string;
  name: string;
  status: OptimiserStatus | 'invalid';
  statusText: string;
  /** Why no plan (problems of the optimiser or invalid weights), German. */
  problems: string[];
  selected: { measureId: string; code: string; title: string }[];
  totalValueHalves: number;
  totalValueText: string;
  framesByYear: Record<string, number>;
  usedByYear: Record<string, number>;
  unusedByYear: Record<string, number>;
  /** Eigenanteil of the selected measures over all years. */
  eigenanteilCents: number;
  /** Total cost (all funding) of the selected measures. */
  costCents: number;
  ranks: Record<string, number | null>;
  /** Nutzwert per measure under this side's weights, German ("7,30"). */
  nutzwerte: Record<string, string>;
}

export interface ScenarioComparison {
  a: ScenarioOutcome;
  b: ScenarioOutcome;
  years: number[];
  onlyInA: { measureId: string; code: string; title: string }[];
  onlyInB: { measureId: string; code: string; title: string }[];
  inBoth: { measureId: string; code: string; title: string }[];
  /** b − a, German with sign. */
  valueDiffText: string;
  eigenanteilDiffCents: number;
  costDiffCents: number;
  weightDiffs: { criterionId: string; name: string; a: number | null; b: number | null }[];
  frameDiffs: { year: number; a: number | null; b: number | null }[];
  fixedDiffs: { measureId: string; code: string; a: 'in' | 'out' | null; b: 'in' | 'out' | null }[];
  rankChanges: { measureId: string; code: string; a: number | null; b: number | null }[];
}
