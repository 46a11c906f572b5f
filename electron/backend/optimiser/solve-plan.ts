// The plan that fits: choose the measures with the highest total Nutzwert whose own shares fit
// into every year's budget frame, respecting dependencies and fixed decisions. Solved as a
// binary MILP with HiGHS; every selection is re-checked in exact integer cents before it is
// returned, and "optimal" is only reported when HiGHS proved it.
//
//   maximise   Σ value_i · x_i
//   subject to Σ ownShare_i,y · x_i ≤ frame_y      for every year y in frames
//              x_a ≤ x_b                            when a depends on b
//              x_i = 1 (fixed in and what it needs), x_i = 0 (fixed out, KO and what needs them)
//              x_i ∈ {0, 1}
//
// Forced and excluded measures are settled before the solver sees the model (see plan-graph.ts);
// HiGHS only gets the free measures, with each frame reduced by the forced measures' shares.
//
// Numerics (measured, see tests/unit/optimiser.test.ts and the report): HiGHS works in floating
// point with tolerances. With frames that are tight to the cent and amounts ≥ 10^8 cents, its
// defaults let plans through that overspend by 1 cent (integrality tolerance 1e-6 × 10^8 cents),
// and its presolve occasionally declared a feasible plan infeasible. Hence: presolve off, integrality
// and feasibility tolerances 1e-10, and each frame row divided exactly by the gcd of its amounts
// (whole-euro amounts shrink 100-fold). Scaling rows to euros does not help (tolerances are
// relative). With that, random cent-tight plans up to 10^10 cents per measure and year matched
// brute force exactly. Every selection is verified in exact integer cents; should a plan still
// overspend (amounts above ~1 Mrd. €), the frame is tightened and solved again, and the plan is then
// only reported optimal if the bound of the untightened model confirms it.
import type { Highs, Model, ModelData } from 'highs';
import { formatCents } from '../../../shared/domain/money.ts';
import { compareCodes } from '../../../shared/domain/nutzwert.ts';
import { AppError } from '../errors.ts';
import { discardHighs, loadHighs } from './highs-runtime.ts';
import { codesOf, freeClosure, preparePlan, type PreparedPlan } from './plan-graph.ts';
import type {
  Explanation, FrameGrowthResult, PlanInput, PlanProblem, PlanResult, PlanStatus, Shortfall, SolveOptions,
} from './types.ts';

export const DEFAULT_TIME_LIMIT_SECONDS = 30;
export const DEFAULT_RELATIVE_GAP = 1e-4;
export const DEFAULT_EXPLAIN_RESOLVES = 10;
export const DEFAULT_EXPLAIN_TIME_LIMIT_SECONDS = 0.5;

const valueFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const fmtValue = (v: number) => valueFormat.format(v);
const fmtSeconds = (t: number) => `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 }).format(t)} s`;
const fmtGap = (g: number) => `${new Intl.NumberFormat('de-DE', { maximumSignificantDigits: 3 }).format(g * 100)} %`;

const INFEASIBLE_CODES = new Set(['fixed-in-ko', 'fixed-in-depends-on-excluded', 'fixed-over-frame']);

// ---------------------------------------------------------------------------------------------
// The reduced model: free measures only.

interface Reduced {
  cols: number[];
  colOf: Map<number, number>;
  data: ModelData;
  /** Σ value of the forced measures (constant part of the objective). */
  forcedValue: number;
  /** Frame rows: frame year index, model row, divisor (gcd of the row) and current upper bound. */
  frameRows: { y: number; row: number; divisor: number; upper: number; magnitude: number }[];
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** HiGHS options for every solve; see the numerics note at the top of this file. */
const BASE_OPTIONS = {
  output_flag: false,
  random_seed: 0,
  presolve: 'off',
  mip_feasibility_tolerance: 1e-10,
  primal_feasibility_tolerance: 1e-10,
  // Plan values are integers: a gap below 1 proves the incumbent optimal exactly.
  mip_abs_gap: 0.99,
} as const;

function buildModel(highs: Highs, p: PreparedPlan): Reduced {
  const cols: number[] = [];
  for (let i = 0; i < p.n; i++) if (!p.excluded[i] && !p.forced[i]) cols.push(i);
  const colOf = new Map(cols.map((i, k) => [i, k]));
  let forcedValue = 0;
  for (let i = 0; i < p.n; i++) if (p.forced[i]) forcedValue += p.measures[i].value;

  const colLower: number[] = [];
  const colUpper: number[] = [];
  for (const i of cols) {
    colLower.push(0);
    // A measure whose own share alone exceeds what is left in some year can never be in.
    colUpper.push(p.cost[i].some((c, y) => c > p.leftAfterForced[y]) ? 0 : 1);
  }
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const frameRows: Reduced['frameRows'] = [];
  p.frameYears.forEach((_, y) => {
    const entries: [number, number][] = [];
    let g = 0;
    cols.forEach((i, k) => {
      const c = p.cost[i][y];
      if (c > 0 && colUpper[k] > 0) { entries.push([k, c]); g = gcd(g, c); }
    });
    if (entries.length === 0) return;
    // Exact reduction: Σ c·x ≤ L  ⇔  Σ (c/g)·x ≤ ⌊L/g⌋ for integer x (amounts in whole euros → ÷100).
    for (const [k, c] of entries) { indices.push(k); values.push(c / g); }
    starts.push(indices.length);
    const upper = Math.floor(p.leftAfterForced[y] / g);
    const magnitude = Math.max(upper, ...entries.map(([, c]) => c / g));
    frameRows.push({ y, row: rowUpper.length, divisor: g, upper, magnitude });
    rowLower.push(-highs.infinity);
    rowUpper.push(upper);
  });
  cols.forEach((a, k) => {
    for (const b of p.pre[a]) {
      const kb = colOf.get(b);
      if (kb === undefined) continue; // b forced: always satisfied (b excluded would exclude a)
      indices.push(k, kb);
      values.push(1, -1);
      starts.push(indices.length);
      rowLower.push(-highs.infinity);
      rowUpper.push(0);
    }
  });
  const numRows = rowUpper.length;
  const data: ModelData = {
    numCols: cols.length,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    offset: 0,
    colCost: cols.map((i) => p.measures[i].value),
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows, numCols: cols.length, starts, indices, values },
    integrality: cols.map(() => highs.constants.variableType.integer),
  };
  return { cols, colOf, data, forcedValue, frameRows };
}

interface RunOutcome {
  kind: 'optimal' | 'limit' | 'infeasible' | 'error';
  /** Selected measure indices (forced + chosen free), when a solution exists. */
  selection: Set<number> | null;
  /** Upper bound on the free part's objective from HiGHS (may be ±Infinity/NaN). */
  dualBound: number;
  highsStatus: number;
  detail: string;
}

function runModel(highs: Highs, model: Model, p: PreparedPlan, r: Reduced, timeLimit: number, gap: number): RunOutcome {
  const MS = highs.constants.modelStatus;
  model.options.set({ time_limit: timeLimit, mip_rel_gap: gap });
  model.zeroAllClocks(); // HiGHS' time limit is cumulative per model
  model.run();
  const status = model.getModelStatus();
  const primal = Number(model.info.get('primal_solution_status'));
  const dualBound = Number(model.info.get('mip_dual_bound'));
  let selection: Set<number> | null = null;
  if (primal === highs.constants.solutionStatus.feasible) {
    const x = model.getSolution().colValue;
    selection = new Set<number>();
    for (let i = 0; i < p.n; i++) if (p.forced[i]) selection.add(i);
    r.cols.forEach((i, k) => { if (x[k] > 0.5) selection?.add(i); });
  }
  const limits: number[] = [MS.timeLimit, MS.iterationLimit, MS.interrupted, MS.solutionLimit, MS.objectiveBound, MS.objectiveTarget, MS.unknown];
  let kind: RunOutcome['kind'];
  if (status === MS.optimal) kind = 'optimal';
  else if (status === MS.infeasible) kind = 'infeasible';
  else if (limits.includes(status)) kind = 'limit';
  else kind = 'error';
  return { kind, selection, dualBound, highsStatus: status, detail: `HiGHS-Modellstatus ${status}` };
}

/** Exact integer check of a selection; returns German violations (empty = feasible). */
export function verifySelection(p: PreparedPlan, sel: ReadonlySet<number>): string[] {
  const out: string[] = [];
  p.frameYears.forEach((year, y) => {
    let used = 0;
    for (const i of sel) used += p.cost[i][y];
    if (!Number.isSafeInteger(used)) out.push(`Im Jahr ${year} übersteigt die Summe den darstellbaren Bereich.`);
    else if (used > p.frameCents[y]) out.push(`Im Jahr ${year} wird der Rahmen um ${formatCents(used - p.frameCents[y])} überschritten.`);
  });
  for (const i of sel) {
    if (p.excluded[i]) out.push(`${p.measures[i].code} ist ausgeschlossen, aber ausgewählt.`);
    for (const j of p.pre[i]) if (!sel.has(j)) out.push(`${p.measures[i].code} ist ausgewählt, ihre Voraussetzung ${p.measures[j].code} aber nicht.`);
  }
  for (let i = 0; i < p.n; i++) if (p.forced[i] && !sel.has(i)) out.push(`${p.measures[i].code} ist fest eingeplant, aber nicht ausgewählt.`);
  return out;
}

/** Frame year index → cents by which the selection overspends that year's frame. */
function overspend(p: PreparedPlan, sel: ReadonlySet<number>): Map<number, number> {
  const out = new Map<number, number>();
  p.frameYears.forEach((_, y) => {
    let used = 0;
    for (const i of sel) used += p.cost[i][y];
    if (used > p.frameCents[y]) out.set(y, used - p.frameCents[y]);
  });
  return out;
}

function valueOf(p: PreparedPlan, sel: Iterable<number>): number {
  let v = 0;
  for (const i of sel) v += p.measures[i].value;
  return v;
}

/** Integer upper bound from HiGHS' dual bound (objective values are integers). */
function integerBound(forcedValue: number, dualBound: number): number | null {
  if (!Number.isFinite(dualBound)) return null;
  return forcedValue + Math.floor(dualBound + 1e-6 + 1e-9 * Math.abs(dualBound));
}

function gapOf(total: number, bound: number | null): number | null {
  if (bound === null) return null;
  if (bound <= total) return 0;
  return total > 0 ? (bound - total) / total : null;
}

// ---------------------------------------------------------------------------------------------
// Results

function byCodeIds(p: PreparedPlan, set: Iterable<number>): string[] {
  return [...set].sort((a, b) => compareCodes(p.measures[a].code, p.measures[b].code) || (p.measures[a].id < p.measures[b].id ? -1 : 1)).map((i) => p.measures[i].id);
}

function usage(p: PreparedPlan, sel: ReadonlySet<number>): { used: Record<number, number>; unused: Record<number, number>; usedF: number[] } {
  const used: Record<number, number> = {};
  const unused: Record<number, number> = {};
  const usedF = p.frameYears.map(() => 0);
  for (const i of sel) {
    p.cost[i].forEach((c, y) => { usedF[y] += c; });
    for (const [year, c] of p.unframedCost[i]) used[year] = (used[year] ?? 0) + c;
  }
  p.frameYears.forEach((year, y) => { used[year] = usedF[y]; unused[year] = p.frameCents[y] - usedF[y]; });
  return { used, unused, usedF };
}

function emptyResult(status: PlanStatus, problems: PlanProblem[], warnings: string[], message: string, seconds: number): PlanResult {
  return {
    status, provenOptimal: false, exact: false, selected: [], totalValue: 0, bestBound: null, mipGap: null,
    usedByYear: {}, unusedByYear: {}, explanations: [], problems, warnings, message, solveSeconds: seconds, explainSeconds: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Explanations

interface ExplainContext {
  p: PreparedPlan;
  sel: ReadonlySet<number>;
  usedF: number[];
  totalValue: number;
  bestBound: number | null;
  proven: boolean;
}

function shortfallText(p: PreparedPlan, s: Shortfall[], withPre: number[]): string {
  const first = s[0];
  const pre = withPre.length > 0 ? ` (einschließlich der Voraussetzung${withPre.length > 1 ? 'en' : ''} ${codesOf(p.measures, withPre)})` : '';
  const more = s.length > 1 ? ` Ebenso in ${s.slice(1).map((x) => x.year).join(', ')}.` : '';
  return `Im Jahr ${first.year} werden${pre} ${formatCents(first.neededCents)} benötigt, frei sind nur ${formatCents(Math.max(0, first.leftCents))}.${more}`;
}

function mustLeave(p: PreparedPlan, ids: number[]): string {
  if (ids.length === 0) return '';
  return ids.length === 1 ? ` Dafür müsste ${codesOf(p.measures, ids)} weichen.` : ` Dafür müssten ${codesOf(p.measures, ids)} weichen.`;
}

function explainOne(ctx: ExplainContext, i: number): Explanation {
  const { p, sel } = ctx;
  const m = p.measures[i];
  const base = { measureId: m.id, code: m.code, shortfalls: [] as Shortfall[], relatedIds: [] as string[] };
  if (sel.has(i)) {
    if (m.fixed === 'in') return { ...base, included: true, kind: 'fixed-in', message: 'Von Hand fest eingeplant.' };
    if (p.forced[i]) {
      return {
        ...base, included: true, kind: 'required', relatedIds: p.requiredBy[i].map((f) => p.measures[f].id),
        message: `Wird als Voraussetzung für die fest eingeplante Maßnahme ${codesOf(p.measures, p.requiredBy[i])} benötigt.`,
      };
    }
    return { ...base, included: true, kind: 'selected', message: `Im Plan (Nutzwert ${fmtValue(m.value)}).` };
  }
  if (p.rootExcluded[i] === 'fixed-out') return { ...base, included: false, kind: 'fixed-out', message: 'Von Hand ausgeschlossen.' };
  if (p.rootExcluded[i] === 'ko') {
    return { ...base, included: false, kind: 'ko', message: `Erfüllt ein KO-Kriterium nicht${m.koReason ? ` (${m.koReason})` : ''}.` };
  }
  if (p.excluded[i]) {
    // Shortest chain of prerequisites to a measure that is fixed out or KO.
    const parent = new Map<number, number>([[i, -1]]);
    const queue = [i];
    let root = -1;
    for (let q = 0; q < queue.length && root < 0; q++) {
      for (const v of p.pre[queue[q]]) {
        if (!p.excluded[v] || parent.has(v)) continue;
        parent.set(v, queue[q]);
        if (p.rootExcluded[v]) { root = v; break; }
        queue.push(v);
      }
    }
    const chain: number[] = [];
    for (let u = parent.get(root) ?? -1; u !== i && u !== -1; u = parent.get(u) as number) chain.unshift(u);
    const via = chain.length > 0 ? ` (über ${chain.map((u) => p.measures[u].code).join(' → ')})` : '';
    const why = p.rootExcluded[root] === 'fixed-out' ? 'von Hand ausgeschlossen ist' : 'ein KO-Kriterium nicht erfüllt';
    return {
      ...base, included: false, kind: 'dependency-excluded', relatedIds: p.blockedBy[i].map((b) => p.measures[b].id),
      message: `Setzt${via} die Maßnahme ${p.measures[root].code} voraus, die ${why}.`,
    };
  }
  const closure = freeClosure(p, i);
  const prereqs = closure.filter((k) => k !== i);
  // Does it fit at all (with its prerequisites, next to the fixed measures)?
  const alone: Shortfall[] = [];
  p.frameYears.forEach((year, y) => {
    let need = 0;
    for (const k of closure) need += p.cost[k][y];
    if (need > p.leftAfterForced[y]) alone.push({ year, neededCents: need, leftCents: p.leftAfterForced[y] });
  });
  if (alone.length > 0) {
    const fixedNote = p.forced.some(Boolean) ? ' (nach Abzug der fest eingeplanten Maßnahmen)' : '';
    return {
      ...base, included: false, kind: 'does-not-fit', shortfalls: alone,
      message: `Passt auch für sich allein nicht in den Rahmen${fixedNote}. ${shortfallText(p, alone, prereqs)}`,
    };
  }
  // Would it fit on top of the plan?
  const add = closure.filter((k) => !sel.has(k));
  const addPre = add.filter((k) => k !== i);
  const onTop: Shortfall[] = [];
  p.frameYears.forEach((year, y) => {
    let need = 0;
    for (const k of add) need += p.cost[k][y];
    const left = p.frameCents[y] - ctx.usedF[y];
    if (need > left) onTop.push({ year, neededCents: need, leftCents: left });
  });
  if (onTop.length === 0) {
    if (valueOf(p, add) === 0) {
      return { ...base, included: false, kind: 'no-value', message: 'Würde noch in den Rahmen passen, erhöht den Gesamtnutzwert aber nicht (Nutzwert 0).' };
    }
    return {
      ...base, included: false, kind: 'not-reached',
      message: ctx.proven
        ? 'Würde noch in den Rahmen passen; die Berechnung endete innerhalb der zulässigen Toleranz, bevor sie aufgenommen wurde.'
        : 'Würde noch in den Rahmen passen; die Berechnung wurde vor dem Nachweis des besten Plans beendet (Zeitlimit).',
    };
  }
  return {
    ...base, included: false, kind: 'displaced', shortfalls: onTop,
    message: `Passt für sich genommen in den Rahmen, im Plan ist dafür aber kein Platz mehr. ${shortfallText(p, onTop, addPre)} Für ihre Aufnahme müssten andere Maßnahmen weichen.`,
  };
}

/** Re-solves with measure i forced in and turns the difference into the explanation. */
function quantify(
  highs: Highs, model: Model, ctx: ExplainContext, r: Reduced, e: Explanation, i: number, timeLimit: number, gap: number,
): Explanation {
  const { p } = ctx;
  const k = r.colOf.get(i);
  if (k === undefined) return e;
  const lower = r.data.colLower[k];
  const upper = r.data.colUpper[k];
  model.changeColBounds(k, 1, 1);
  let out: RunOutcome;
  try {
    out = runModel(highs, model, p, r, timeLimit, gap);
  } finally {
    model.changeColBounds(k, lower, upper);
  }
  if (!out.selection || verifySelection(p, out.selection).length > 0) return e;
  const withValue = valueOf(p, out.selection);
  let forcedBound = integerBound(r.forcedValue, out.dualBound);
  if (forcedBound !== null && forcedBound < withValue) forcedBound = withValue;
  // True loss L = B − F with B ∈ [totalValue, bestBound] (plan) and F ∈ [withValue, forcedBound] (forced in).
  const lossMin = forcedBound === null ? 0 : Math.max(0, ctx.totalValue - forcedBound);
  const lossMax = ctx.bestBound === null ? null : Math.max(0, ctx.bestBound - withValue);
  const exact = lossMax !== null && lossMin === lossMax;
  const estimate = ctx.totalValue - withValue;
  const wouldDisplace = byCodeIds(p, [...ctx.sel].filter((j) => !out.selection?.has(j)));
  const wouldBringIn = byCodeIds(p, [...out.selection].filter((j) => j !== i && !ctx.sel.has(j)));
  const leave = mustLeave(p, wouldDisplace.map((id) => p.index.get(id) as number));
  const head = e.message.replace(/ Für ihre Aufnahme müssten andere Maßnahmen weichen\.$/u, '');
  const extra = {
    valueLoss: Math.max(0, estimate), valueLossMin: lossMin, valueLossExact: exact, wouldDisplace, wouldBringIn,
    ...(lossMax === null ? {} : { valueLossMax: lossMax }),
  };
  if (estimate > 0) {
    const how = exact
      ? `um ${fmtValue(estimate)} geringer (${fmtValue(withValue)} statt ${fmtValue(ctx.totalValue)})`
      : `um etwa ${fmtValue(estimate)} geringer (${lossMax === null ? `mindestens ${fmtValue(lossMin)}` : `zwischen ${fmtValue(lossMin)} und ${fmtValue(lossMax)}`})`;
    return { ...e, ...extra, kind: 'displaced', message: `${head} Mit ihr wäre der beste erreichbare Gesamtnutzwert ${how}.${leave}` };
  }
  if (estimate === 0) {
    const how = exact
      ? `Ein gleichwertiger Plan mit ihr ist möglich (gleicher Gesamtnutzwert ${fmtValue(withValue)}).`
      : `Ein Plan mit ihr erreicht denselben Gesamtnutzwert (${fmtValue(withValue)}); ob der beste Plan ohne sie besser ist, ist nur bis auf ${lossMax === null ? 'eine unbekannte Differenz' : fmtValue(lossMax)} geklärt.`;
    return { ...e, ...extra, kind: 'alternative', message: `${head} ${how}${leave}` };
  }
  return {
    ...e, ...extra, kind: 'not-reached', valueLoss: estimate,
    message: `${head} Mit ihr wäre sogar ein um ${fmtValue(-estimate)} höherer Gesamtnutzwert erreichbar; die Berechnung endete innerhalb der Toleranz bzw. des Zeitlimits.${leave}`,
  };
}

// ---------------------------------------------------------------------------------------------
// solvePlan

/**
 * Computes the plan with the highest total value that fits all frames. Never throws for bad
 * plan data: problems come back as status 'error' (invalid data, cycles) or 'infeasible'
 * (fixed measures that cannot all be in) with German messages naming the measures.
 */
export async function solvePlan(input: PlanInput, options: SolveOptions = {}): Promise<PlanResult> {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  const timeLimit = input?.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const gap = input?.relativeGap ?? DEFAULT_RELATIVE_GAP;
  if (!(timeLimit > 0) || !(gap >= 0) || gap > 1) {
    return emptyResult('error', [{ code: 'invalid-input', message: 'Zeitlimit (über 0 s) oder Toleranz (0 bis 1) ist ungültig.', measureIds: [] }], [], 'Die Einstellungen der Berechnung sind ungültig.', 0);
  }
  const p = preparePlan(input);
  if (p.problems.length > 0) {
    const infeasible = p.problems.every((x) => INFEASIBLE_CODES.has(x.code));
    const head = infeasible ? 'Kein Plan möglich, weil die Festlegungen nicht zusammenpassen' : 'Der Plan kann nicht berechnet werden';
    return emptyResult(infeasible ? 'infeasible' : 'error', p.problems, p.warnings, `${head}: ${p.problems[0].message}${p.problems.length > 1 ? ` (und ${p.problems.length - 1} weitere Hinweise)` : ''}`, seconds());
  }

  let highs: Highs;
  try {
    highs = await loadHighs();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return emptyResult('error', [{ code: 'solver-error', message: msg, measureIds: [] }], p.warnings, msg, seconds());
  }

  const r = buildModel(highs, p);
  let model: Model | null = null;
  try {
    let outcome: RunOutcome;
    let firstBound = 0;
    let tightened = false;
    if (r.cols.length === 0) {
      outcome = { kind: 'optimal', selection: new Set(p.forced.flatMap((f, i) => (f ? [i] : []))), dualBound: 0, highsStatus: -1, detail: '' };
    } else {
      model = highs.createModel(r.data);
      model.options.set({ ...BASE_OPTIONS, ...(options.highsOptions ?? {}) });
      outcome = runModel(highs, model, p, r, timeLimit, gap);
      firstBound = outcome.dualBound;
      // Beyond the solver's precision (very large amounts), a plan may overspend a frame by a few
      // cents within HiGHS' tolerances. Then tighten exactly that frame by the overspend and solve
      // again (at most 3 times); the bound of the first, untightened solve stays the upper bound.
      for (let attempt = 0; attempt < 3 && outcome.selection; attempt++) {
        const over = overspend(p, outcome.selection);
        if (over.size === 0) break;
        for (const fr of r.frameRows) {
          const v = over.get(fr.y);
          if (v === undefined) continue;
          // overspend plus a margin in the order of the solver's tolerance, doubled per attempt
          fr.upper -= Math.ceil(v / fr.divisor) + Math.ceil(fr.magnitude * 1e-9 * 2 ** attempt);
          model.changeRowBounds(fr.row, -highs.infinity, fr.upper);
          tightened = true;
        }
        outcome = runModel(highs, model, p, r, Math.max(0.1, timeLimit - seconds()), gap);
      }
    }
    const solveSeconds = seconds();
    if (outcome.kind === 'infeasible') {
      // The pre-checks proved that the forced measures alone fit, so this is a numerical failure.
      return emptyResult('error', [{ code: 'solver-error', message: 'Der Optimierer meldet, dass kein zulässiger Plan existiert, obwohl die Vorprüfung einen gefunden hat (numerisches Problem, z. B. durch sehr große Beträge).', measureIds: [] }], p.warnings, 'Die Berechnung ist an der Rechengenauigkeit gescheitert.', solveSeconds);
    }
    let selection = outcome.selection;
    const violations = selection ? verifySelection(p, selection) : [];
    if (selection && violations.length > 0) {
      return emptyResult('error', [{ code: 'verification-failed', message: `Die Lösung des Optimierers hält die Vorgaben nicht exakt ein: ${violations.join(' ')}`, measureIds: [] }], p.warnings, 'Die Berechnung lieferte keinen exakt zulässigen Plan.', solveSeconds);
    }
    let fallback = false;
    if (!selection) {
      if (outcome.kind !== 'limit') {
        return emptyResult('error', [{ code: 'solver-error', message: `Der Optimierer ist ohne Ergebnis beendet worden (${outcome.detail}).`, measureIds: [] }], p.warnings, 'Die Berechnung ist fehlgeschlagen.', solveSeconds);
      }
      // No plan found within the time limit: the forced measures alone are feasible (pre-checked).
      selection = new Set(p.forced.flatMap((f, i) => (f ? [i] : [])));
      fallback = true;
    }
    const totalValue = valueOf(p, selection);
    let bestBound = r.cols.length === 0 ? totalValue : integerBound(r.forcedValue, tightened ? firstBound : outcome.dualBound);
    if (bestBound !== null && bestBound < totalValue) bestBound = totalValue; // float noise: a plan's value is a valid lower bound
    const mipGap = gapOf(totalValue, bestBound);
    const exact = bestBound !== null && bestBound === totalValue;
    const gapOk = exact || (mipGap !== null && mipGap <= gap + 1e-12);
    let status: PlanStatus;
    let provenOptimal = false;
    let message: string;
    const k = selection.size;
    if (outcome.kind === 'optimal' && gapOk) {
      status = 'optimal';
      provenOptimal = true;
      message = exact
        ? `Bester Plan berechnet und bewiesen: ${k} von ${p.n} Maßnahmen, Gesamtnutzwert ${fmtValue(totalValue)}.`
        : `Plan mit ${k} von ${p.n} Maßnahmen, Gesamtnutzwert ${fmtValue(totalValue)}; bewiesen höchstens ${fmtGap(mipGap ?? 0)} unter dem bestmöglichen Wert.`;
    } else if (outcome.kind === 'optimal') {
      // A feasible plan whose optimality the bound does not confirm (only after tightening).
      status = 'error';
      message = `Der Plan (${k} von ${p.n} Maßnahmen, Gesamtnutzwert ${fmtValue(totalValue)}) hält alle Rahmen exakt ein, ist wegen der Rechengenauigkeit aber nicht als bester bewiesen (Abstand zur Schranke ${mipGap === null ? 'unbekannt' : fmtGap(mipGap)}).`;
    } else {
      status = 'time-limit';
      message = fallback
        ? `Zeitlimit von ${fmtSeconds(timeLimit)} erreicht, ohne einen Plan zu finden; angezeigt werden nur die fest eingeplanten Maßnahmen.`
        : `Zeitlimit von ${fmtSeconds(timeLimit)} erreicht: Plan mit ${k} von ${p.n} Maßnahmen, Gesamtnutzwert ${fmtValue(totalValue)}${bestBound === null ? '' : `; bestenfalls erreichbar wären ${fmtValue(bestBound)} (Abstand ${mipGap === null ? 'unbekannt' : fmtGap(mipGap)})`}. Nicht als bester Plan bewiesen.`;
    }
    const { used, unused, usedF } = usage(p, selection);

    // Explanations: cheap ones for all, re-solves for the most valuable displaced measures.
    const ctx: ExplainContext = { p, sel: selection, usedF, totalValue, bestBound, proven: provenOptimal };
    const order = [...p.measures.keys()].sort((a, b) => compareCodes(p.measures[a].code, p.measures[b].code) || (p.measures[a].id < p.measures[b].id ? -1 : 1));
    const explanations = order.map((i) => explainOne(ctx, i));
    const t1 = performance.now();
    if (model && !fallback) {
      const pos = new Map(order.map((i, j) => [i, j]));
      const wanted = new Set((options.explainIds ?? []).map((id) => p.index.get(id)).filter((i): i is number => i !== undefined));
      const budget = Math.max(0, options.explainResolves ?? DEFAULT_EXPLAIN_RESOLVES);
      const candidates = order.filter((i) => explanations[pos.get(i) as number].kind === 'displaced' || wanted.has(i))
        .sort((a, b) => Number(wanted.has(b)) - Number(wanted.has(a)) || p.measures[b].value - p.measures[a].value || (pos.get(a) as number) - (pos.get(b) as number));
      const explainLimit = Math.min(options.explainTimeLimitSeconds ?? DEFAULT_EXPLAIN_TIME_LIMIT_SECONDS, timeLimit);
      let done = 0;
      for (const i of candidates) {
        const j = pos.get(i) as number;
        if (explanations[j].kind !== 'displaced') continue;
        if (!wanted.has(i) && done >= budget) continue;
        explanations[j] = quantify(highs, model, ctx, r, explanations[j], i, explainLimit, gap);
        if (!wanted.has(i)) done++;
      }
    }
    return {
      status, provenOptimal, exact, selected: byCodeIds(p, selection), totalValue, bestBound, mipGap,
      usedByYear: used, unusedByYear: unused, explanations, problems: [], warnings: p.warnings, message,
      solveSeconds, explainSeconds: (performance.now() - t1) / 1000,
    };
  } catch (e) {
    discardHighs(); // a WebAssembly trap may leave the runtime unusable: load afresh next time
    const detail = e instanceof Error ? e.message : String(e);
    return emptyResult('error', [{ code: 'solver-error', message: `Der Optimierer ist mit einem Fehler abgebrochen: ${detail}`, measureIds: [] }], p.warnings, 'Die Berechnung ist fehlgeschlagen.', seconds());
  } finally {
    model?.dispose();
  }
}

/**
 * Full explanation for one measure, including the re-solve with it forced in (value loss and
 * which measures would have to leave); meant for a "Warum nicht?" button. The re-solve gets
 * 2 s unless explainTimeLimitSeconds says otherwise. Throws AppError for an unknown id.
 */
export async function explainExclusion(input: PlanInput, measureId: string, options: Omit<SolveOptions, 'explainIds' | 'explainResolves'> = {}): Promise<Explanation> {
  const known = Array.isArray(input?.measures) && input.measures.some((m) => m.id === measureId);
  if (!known) throw new AppError('not-found', 'Die Maßnahme wurde im Plan nicht gefunden.');
  const result = await solvePlan(input, { explainTimeLimitSeconds: 2, ...options, explainResolves: 0, explainIds: [measureId] });
  const e = result.explanations.find((x) => x.measureId === measureId);
  if (!e) throw new AppError('invalid', result.message);
  return e;
}

/**
 * What if the frame of `year` grew by `extraCents`: which measures come in next (and which
 * leave for a better combination). Both plans are solved in full.
 */
export async function whatIfFrameGrows(input: PlanInput, year: number, extraCents: number, options: SolveOptions = {}): Promise<FrameGrowthResult> {
  const frames = input?.frames ?? {};
  if (!Object.hasOwn(frames, year)) throw new AppError('invalid', `Für ${year} ist kein Haushaltsrahmen gesetzt.`);
  if (!Number.isSafeInteger(extraCents)) throw new AppError('invalid', 'Der zusätzliche Betrag muss in ganzen Cent angegeben sein.');
  const grownFrame = frames[year] + extraCents;
  if (!Number.isSafeInteger(grownFrame) || grownFrame < 0) throw new AppError('invalid', 'Der Haushaltsrahmen darf nicht negativ werden.');
  const opts: SolveOptions = { explainResolves: 0, ...options };
  const base = await solvePlan(input, opts);
  const grown = await solvePlan({ ...input, frames: { ...frames, [year]: grownFrame } }, opts);
  const inBase = new Set(base.selected);
  const inGrown = new Set(grown.selected);
  const comingIn = grown.selected.filter((id) => !inBase.has(id));
  const goingOut = base.selected.filter((id) => !inGrown.has(id));
  const codeOf = new Map(input.measures.map((m) => [m.id, m.code]));
  const codes = (ids: string[]) => ids.map((id) => codeOf.get(id) ?? id).join(', ');
  const valueGain = grown.totalValue - base.totalValue;
  const change = extraCents >= 0 ? `${formatCents(extraCents)} mehr` : `${formatCents(-extraCents)} weniger`;
  let message: string;
  if (base.status === 'error' || base.status === 'infeasible' || grown.status === 'error' || grown.status === 'infeasible') {
    message = base.status === 'error' || base.status === 'infeasible' ? base.message : grown.message;
  } else if (comingIn.length === 0 && goingOut.length === 0) {
    message = `Mit ${change} im Jahr ${year} ändert sich der Plan nicht.`;
  } else {
    message = `Mit ${change} im Jahr ${year} ${comingIn.length > 0 ? `kämen ${codes(comingIn)} hinzu` : 'käme keine Maßnahme hinzu'}${goingOut.length > 0 ? `; dafür fielen ${codes(goingOut)} heraus` : ''} (Gesamtnutzwert ${valueGain >= 0 ? '+' : '−'}${fmtValue(Math.abs(valueGain))}).`;
  }
  if (!(base.provenOptimal && grown.provenOptimal) && base.status !== 'error' && grown.status !== 'error') {
    message += ' Hinweis: Mindestens eine der beiden Berechnungen ist nicht als bester Plan bewiesen.';
  }
  return { year, extraCents, base, grown, comingIn, goingOut, valueGain, message };
}
