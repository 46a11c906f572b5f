// Types of the plan optimiser: which measures fit into the multi-year budget frames with the
// highest total Nutzwert. Money is integer cents; values are non-negative integers.

export interface PlanMeasure {
  id: string;
  code: string;
  title: string;
  /** Nutzwert (e.g. NutzwertRow.totalHalves): non-negative integer. */
  value: number;
  /** The Kreis's own share (Eigenanteil) per year in cents: year → cents (non-negative integers). */
  ownShareByYear: Record<number, number>;
  /** Fixed by hand: 'in' = must be in the plan, 'out' = must stay out. */
  fixed?: 'in' | 'out';
  /** Ids of measures this one needs (x_this ≤ x_other). */
  dependsOn: string[];
  /** Excluded by a KO criterion of the Nutzwertanalyse (the caller decides). */
  ko?: boolean;
  /** German text naming the failed KO criteria, shown in the explanation. */
  koReason?: string;
}

export interface PlanInput {
  measures: PlanMeasure[];
  /** year → cents available for the Kreis's own shares in that year. */
  frames: Record<number, number>;
  /** Wall-clock limit for the main solve; default 30 s. */
  timeLimitSeconds?: number;
  /** Relative MIP gap at which HiGHS may stop and call the plan optimal; default 1e-4 (0,01 %). */
  relativeGap?: number;
}

export interface SolveOptions {
  /**
   * How many excluded measures get a full "what if it were forced in" re-solve to quantify the
   * value loss (highest Nutzwert first). Default 10; 0 = only the cheap explanations. For the
   * rest, call explainExclusion() on demand.
   */
  explainResolves?: number;
  /** Measures that must get a re-solve regardless of explainResolves. */
  explainIds?: string[];
  /** Time limit per explanation re-solve; default min(0.5 s, timeLimitSeconds). */
  explainTimeLimitSeconds?: number;
  /** Advanced: extra HiGHS options (snake_case) for the solves, e.g. for experiments. */
  highsOptions?: Record<string, string | number | boolean>;
}

export type PlanStatus = 'optimal' | 'time-limit' | 'infeasible' | 'error';

export type PlanProblemCode =
  | 'invalid-input' | 'duplicate-id' | 'unknown-dependency' | 'cycle'
  | 'fixed-in-ko' | 'fixed-in-depends-on-excluded' | 'fixed-over-frame'
  | 'solver-error' | 'verification-failed';

/** A reason why no plan can be computed, with a German message naming the measures. */
export interface PlanProblem {
  code: PlanProblemCode;
  message: string;
  measureIds: string[];
  year?: number;
  /** fixed-over-frame: by how many cents the fixed measures exceed the frame. */
  overCents?: number;
}

export interface Shortfall {
  year: number;
  /** What the measure (with its prerequisites not yet in the plan) needs in that year. */
  neededCents: number;
  /** What is left in that year (after the selected plan, or after the fixed measures for does-not-fit). */
  leftCents: number;
}

export type ExclusionKind =
  /** fixed out by hand */
  | 'fixed-out'
  /** fails a KO criterion */
  | 'ko'
  /** needs a measure that is fixed out or KO (directly or via other prerequisites) */
  | 'dependency-excluded'
  /** does not fit even on its own (with its prerequisites and the fixed measures) */
  | 'does-not-fit'
  /** fits on its own, but taking it in lowers the best reachable total value */
  | 'displaced'
  /** fits on its own and an equally good plan with it exists (a tie) */
  | 'alternative'
  /** would fit into the remaining budget but adds no value */
  | 'no-value'
  /** would fit and add value: the solve stopped early or within the gap tolerance */
  | 'not-reached';

export type InclusionKind = 'fixed-in' | 'required' | 'selected';

export interface Explanation {
  measureId: string;
  code: string;
  included: boolean;
  kind: ExclusionKind | InclusionKind;
  /** German, one or two sentences, naming measures by code and money in €. */
  message: string;
  shortfalls: Shortfall[];
  /** dependency-excluded: the excluded prerequisite(s) it directly needs; required: the fixed-in measures needing it. */
  relatedIds: string[];
  /**
   * displaced/alternative (after a forced-in re-solve): the plan's value minus the best value
   * found with this measure forced in. not-reached: negative, a better plan with it was found.
   */
  valueLoss?: number;
  /** Proven lower bound of the true loss (from the forced-in solve's upper bound). */
  valueLossMin?: number;
  /** Proven upper bound of the true loss (from the plan's upper bound); absent when unknown. */
  valueLossMax?: number;
  /** valueLossMin === valueLossMax: the loss is known exactly. */
  valueLossExact?: boolean;
  /** displaced/alternative: measures of the plan that would drop out if this one were forced in. */
  wouldDisplace?: string[];
  /** displaced/alternative: measures that would come in together with it (e.g. its prerequisites). */
  wouldBringIn?: string[];
}

export interface PlanResult {
  status: PlanStatus;
  /** HiGHS proved the plan optimal within relativeGap (never set for time-limit or error). */
  provenOptimal: boolean;
  /** The plan's value equals the proven upper bound: optimal exactly, not just within the gap. */
  exact: boolean;
  /** Selected measure ids, ordered by code. */
  selected: string[];
  /** Σ value of the selected measures (exact integer). */
  totalValue: number;
  /** Upper bound on any feasible plan's value (integer), null when unknown. */
  bestBound: number | null;
  /** (bestBound − totalValue) / totalValue; 0 when exact; null when unknown (no plan or value 0 with positive bound). */
  mipGap: number | null;
  /** year → cents used by the selected measures (all years in which they cost anything, plus all frame years). */
  usedByYear: Record<number, number>;
  /** year → frame − used, for every year in frames. */
  unusedByYear: Record<number, number>;
  /** One per measure, ordered by code. */
  explanations: Explanation[];
  /** Why no plan could be computed (status infeasible/error); empty otherwise. */
  problems: PlanProblem[];
  /** German notes that do not prevent a plan (e.g. costs in years without a frame). */
  warnings: string[];
  /** German one-line summary for the UI. */
  message: string;
  /** Wall-clock seconds of the main solve (without explanation re-solves). */
  solveSeconds: number;
  /** Seconds spent in explanation re-solves. */
  explainSeconds: number;
}

export interface FrameGrowthResult {
  year: number;
  extraCents: number;
  base: PlanResult;
  grown: PlanResult;
  /** Measures in the grown plan that are not in the base plan (ordered by code). */
  comingIn: string[];
  /** Measures of the base plan that leave when the frame grows (a better combination replaces them). */
  goingOut: string[];
  valueGain: number;
  message: string;
}
