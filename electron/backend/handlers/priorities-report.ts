// What the priorities handlers return, assembled from the plan: the Nutzwertanalyse with
// divergences and sensitivity, the optimiser's input and its answer in German, the Finanzplan, and
// scenario outcomes. The arithmetic lives in shared/domain (nutzwert.ts, finance.ts) and the
// optimiser; this module only reads the plan and words the results.
import { planPeriodOf } from '../rules/plan-info.ts';
import { FUNDING_KIND_LABELS, FUNDING_KINDS } from '../../../shared/domain/enums.ts';
import { ownShareByMeasureYear, summariseBudget, type BudgetLineInput, type FinanceFigures } from '../../../shared/domain/finance.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import {
  compareRaters, computeNutzwerte, formatNutzwert, sensitivity, toMeasureScores, validateWeights, type Criterion, type NutzwertRow,
} from '../../../shared/domain/nutzwert.ts';
import {
  ARBEITSSTAND, ARBEITSSTAND_LABEL, type Finanzplan, type FinanzplanWarning, type FramesResult, type MoneySplit, type OptimiserMeasure,
  type OptimiserRun, type PlanCriterion, type PrioritiesResult, type PriorityRow, type ScenarioOutcome, type ScenarioSettings, type ScoreEntry,
  type WhatIfResult,
} from '../../../shared/domain/priorities.ts';
import type { Db } from '../db/open.ts';
import { invalid, notFound } from '../errors.ts';
import type { Explanation, FrameGrowthResult, PlanInput, PlanMeasure, PlanResult } from '../optimiser/index.ts';
import { listBudgetLines } from '../repos/budget.ts';
import {
  currentSettings, getScenario, listBaustellen, listCriterionRecords, listDecisions, listFrames, listMeasureBasics, listScores,
  toDomainCriterion, type CriterionRecord, type MeasureBasics,
} from '../repos/priorities.ts';
import { listDependencies } from '../repos/sheet.ts';

// ---------------------------------------------------------------------------------------------
// Nutzwertanalyse

export interface PriorityData {
  measures: MeasureBasics[];
  criteria: CriterionRecord[];
  scores: ScoreEntry[];
}

export function loadPriorityData(db: Db): PriorityData {
  return { measures: listMeasureBasics(db), criteria: listCriterionRecords(db), scores: listScores(db) };
}

type Sheet = Record<string, Record<string, number>>;

function sheetsOf(scores: readonly ScoreEntry[]): { a: Sheet; b: Sheet; hasSecond: boolean } {
  const a: Sheet = {};
  const b: Sheet = {};
  for (const s of scores) ((s.rater === 1 ? a : b)[s.measureId] ??= {})[s.criterionId] = s.score;
  return { a, b, hasSecond: Object.keys(b).length > 0 };
}

/** The criteria with the weights of a scenario (criteria it does not know get 0 points). */
export function criteriaWith(criteria: readonly CriterionRecord[], weights?: Readonly<Record<string, number>>): Criterion[] {
  return criteria.map((c) => ({ ...toDomainCriterion(c), weight: weights ? (Object.hasOwn(weights, c.id) ? weights[c.id] : 0) : c.weight }));
}

export interface Nutzwerte {
  criteria: Criterion[];
  problems: string[];
  /** In rank order; null while the weights are invalid. */
  rows: NutzwertRow[] | null;
}

export function nutzwerteFor(data: PriorityData, weights?: Readonly<Record<string, number>>): Nutzwerte {
  const criteria = criteriaWith(data.criteria, weights);
  const problems = validateWeights(criteria);
  if (problems.length > 0) return { criteria, problems, rows: null };
  const { a, b, hasSecond } = sheetsOf(data.scores);
  return { criteria, problems, rows: computeNutzwerte(criteria, toMeasureScores(data.measures, a, hasSecond ? b : undefined)) };
}

export function buildPriorities(
  data: PriorityData, planCriteria: PlanCriterion[], decisions: Map<string, { fixed: 'in' | 'out'; reason: string }>,
  opts: { delta: number; threshold: number },
): PrioritiesResult {
  const { criteria, problems, rows } = nutzwerteFor(data);
  const { a, b, hasSecond } = sheetsOf(data.scores);
  const scores: PrioritiesResult['scores'] = {};
  for (const s of data.scores) {
    const cell = ((scores[s.measureId] ??= {})[s.criterionId] ??= [null, null]);
    cell[s.rater - 1] = s.score;
  }
  const measureCount = data.measures.length;
  const known = new Set(criteria.map((c) => c.id));
  const completeCount = data.measures.filter((m) => criteria.length > 0 && criteria.every((c) => scores[m.id]?.[c.id]?.some((v) => v !== null))).length;
  const base = {
    criteria: planCriteria, weightSum: criteria.reduce((s, c) => s + c.weight, 0), weightProblems: problems, hasSecondRater: hasSecond,
    scores, divergenceThreshold: opts.threshold, completeCount, measureCount,
  };
  if (!rows) return { ...base, ranking: null, sensitivity: null };

  const names = new Map(criteria.map((c) => [c.id, c.name]));
  const divergent = new Map<string, PriorityRow['divergences']>();
  for (const d of compareRaters(a, b, opts.threshold)) {
    if (!known.has(d.criterionId)) continue;
    const list = divergent.get(d.measureId) ?? [];
    list.push({ criterionId: d.criterionId, criterionName: names.get(d.criterionId) ?? '', a: d.a, b: d.b, difference: d.difference });
    divergent.set(d.measureId, list);
  }
  const sens = sensitivity(criteria, toMeasureScores(data.measures, a, hasSecond ? b : undefined), opts.delta);
  const perMeasure = new Map(sens.measures.map((m) => [m.measureId, m]));
  const info = new Map(data.measures.map((m) => [m.id, m]));
  const ranking: PriorityRow[] = rows.map((r) => {
    const m = info.get(r.measureId)!;
    const s = perMeasure.get(r.measureId);
    const d = decisions.get(r.measureId);
    return {
      ...r, title: m.title, baustelleId: m.baustelleId, status: m.status, nutzwertText: formatNutzwert(r.totalHalves),
      fixed: d?.fixed ?? null, fixedReason: d?.reason ?? '', divergences: divergent.get(r.measureId) ?? [],
      fragile: s?.fragile ?? false, bestRank: s?.bestRank ?? r.rank, worstRank: s?.worstRank ?? r.rank,
      rankMoves: (s?.moves ?? []).map((mv) => ({ criterionId: mv.criterionId, criterionName: names.get(mv.criterionId) ?? '', delta: mv.requestedDelta, to: mv.to })),
    };
  });
  return {
    ...base, ranking,
    sensitivity: {
      delta: sens.delta, fragileCount: sens.fragile.length,
      moves: sens.moves.map((mv) => ({ criterionId: mv.criterionId, criterionName: mv.criterionName, requestedDelta: mv.requestedDelta, appliedDelta: mv.appliedDelta, changes: mv.changes })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Settings: the Arbeitsstand or a scenario

export interface ResolvedSettings {
  key: string;
  name: string;
  scenarioId: string | null;
  settings: ScenarioSettings;
}

export function resolveSettings(db: Db, scenarioId: string | undefined): ResolvedSettings {
  if (!scenarioId || scenarioId === ARBEITSSTAND) return { key: ARBEITSSTAND, name: ARBEITSSTAND_LABEL, scenarioId: null, settings: currentSettings(db) };
  const sc = getScenario(db, scenarioId);
  if (!sc) throw notFound('Das Szenario');
  return { key: sc.id, name: sc.name, scenarioId: sc.id, settings: sc.settings };
}

// ---------------------------------------------------------------------------------------------
// The optimiser's input

export interface PlanContext {
  resolved: ResolvedSettings;
  securedOnly: boolean;
  measures: MeasureBasics[];
  byId: Map<string, MeasureBasics>;
  rows: Map<string, NutzwertRow>;
  input: PlanInput;
  costTotal: Map<string, number>;
  lines: BudgetLineInput[];
}

function lineInputs(db: Db): BudgetLineInput[] {
  return listBudgetLines(db).map((l) => ({
    measureId: l.measureId, year: l.year, amountCents: l.amountCents, costKind: l.costKind, fundingKind: l.fundingKind,
    foerderquoteBp: l.foerderquoteBp, state: l.state,
  }));
}

/**
 * Everything the optimiser needs for one set of settings: the Nutzwert of each measure (exact
 * half-points) under those weights, its Eigenanteil per year, dependencies and fixed decisions.
 * Throws a German error while the weights do not add up to 100.
 */
export function planContext(db: Db, resolved: ResolvedSettings, opts: { securedOnly: boolean; timeLimitSeconds?: number }): PlanContext {
  const data = loadPriorityData(db);
  const nw = nutzwerteFor(data, resolved.settings.weights);
  if (!nw.rows) {
    const where = resolved.scenarioId ? `Das Szenario „${resolved.name}“ passt nicht zu den Kriterien` : 'Die Gewichte der Kriterien sind nicht gültig';
    throw invalid(`${where}: ${nw.problems.join(' ')} Bitte die Gewichte unter „Prioritäten“ auf zusammen 100 Punkte bringen.`);
  }
  const rows = new Map(nw.rows.map((r) => [r.measureId, r]));
  const lines = lineInputs(db);
  const own = ownShareByMeasureYear(lines, { securedOnly: opts.securedOnly });
  const costTotal = new Map<string, number>();
  for (const l of lines) costTotal.set(l.measureId, (costTotal.get(l.measureId) ?? 0) + l.amountCents);
  const deps = new Map<string, string[]>();
  for (const d of listDependencies(db)) deps.set(d.measureId, [...(deps.get(d.measureId) ?? []), d.dependsOnId]);
  const measures = data.measures;
  const planMeasures: PlanMeasure[] = measures.map((m) => {
    const r = rows.get(m.id)!;
    const fixed = resolved.settings.fixed[m.id]?.fixed;
    return {
      id: m.id, code: m.code, title: m.title, value: r.totalHalves, ownShareByYear: own[m.id] ?? {}, dependsOn: deps.get(m.id) ?? [],
      ...(fixed ? { fixed } : {}),
      ...(r.ko ? { ko: true, koReason: r.koFailures.map((k) => `„${k.criterionName}“ mit ${fmtScore(k.score)} unter der Schwelle ${k.threshold}`).join('; ') } : {}),
    };
  });
  const frames: Record<number, number> = {};
  for (const [y, c] of Object.entries(resolved.settings.frames)) frames[Number(y)] = c;
  return {
    resolved, securedOnly: opts.securedOnly, measures, byId: new Map(measures.map((m) => [m.id, m])), rows, costTotal, lines,
    input: { measures: planMeasures, frames, ...(opts.timeLimitSeconds ? { timeLimitSeconds: opts.timeLimitSeconds } : {}) },
  };
}

const fmtScore = (v: number) => String(v).replace('.', ',');

// ---------------------------------------------------------------------------------------------
// The optimiser's answer in German

const KIND_LABELS: Record<string, string> = {
  'fixed-in': 'fest eingeplant',
  required: 'als Voraussetzung nötig',
  selected: 'ausgewählt',
  'fixed-out': 'von Hand ausgeschlossen',
  ko: 'KO-Kriterium nicht erfüllt',
  'dependency-excluded': 'Voraussetzung fehlt',
  'does-not-fit': 'passt nicht in den Rahmen',
  displaced: 'kein Platz mehr im Rahmen',
  alternative: 'gleichwertige Alternative',
  'no-value': 'ohne Nutzwert',
  'not-reached': 'nicht erreicht (Rechenzeit)',
};

/** The gap as an upper bound in percent, rounded up to two decimals ("0,02"). */
export function gapPercentText(gap: number): string {
  const hundredths = Math.max(1, Math.ceil(gap * 10_000 - 1e-9));
  return new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(hundredths / 100);
}

/** "optimal (bewiesen)" only when HiGHS proved it and the bound meets the value exactly. */
export function statusTextOf(r: PlanResult): { statusText: string; gapText: string | null } {
  const hasPlan = r.explanations.length > 0;
  if (r.status === 'optimal' && r.provenOptimal && r.exact) return { statusText: 'optimal (bewiesen)', gapText: null };
  if (r.status === 'infeasible') return { statusText: 'keine zulässige Lösung', gapText: null };
  if (r.status === 'error' && !hasPlan) return { statusText: 'Berechnung nicht möglich', gapText: null };
  if (r.mipGap === null) return { statusText: 'beste gefundene Lösung, Lücke unbekannt', gapText: null };
  const gapText = gapPercentText(r.mipGap);
  return { statusText: `beste gefundene Lösung, Lücke ≤ ${gapText} %`, gapText };
}

const codesText = (codes: string[]) => codes.join(', ');

function reasonOf(ctx: PlanContext, e: Explanation, total: number, codeOf: (id: string) => string): string {
  const fixed = ctx.resolved.settings.fixed[e.measureId];
  const row = ctx.rows.get(e.measureId);
  const why = fixed?.reason?.trim() ? `: ${fixed.reason.trim().replace(/\.$/u, '')}` : '';
  const unscored = row !== undefined && !row.complete && row.totalHalves === 0;
  switch (e.kind) {
    case 'selected': {
      const own = Object.values(ctx.input.measures.find((x) => x.id === e.measureId)?.ownShareByYear ?? {}).reduce((a, b) => a + b, 0);
      const head = `Im Plan: Rang ${row?.rank ?? '–'}, Nutzwert ${row ? formatNutzwert(row.totalHalves) : '–'}`;
      return own === 0
        ? `${head}; sie kostet den Kreis keinen Eigenanteil (Fremd- oder Drittmittel).`
        : `${head}; passt zusammen mit den übrigen ausgewählten Maßnahmen in jeden Jahresrahmen.`;
    }
    case 'fixed-in': return `Fest eingeplant${why || ' (von Hand)'}.`;
    case 'fixed-out': return `Von Hand ausgeschlossen${why}.`;
    case 'no-value':
      if (unscored) return 'Noch nicht bewertet (Nutzwert 0): ohne Bewertung wird sie nicht eingeplant. Bitte unter „Prioritäten“ bewerten.';
      break;
    default: break;
  }
  const hint = unscored ? ' Sie ist noch nicht bewertet (Nutzwert 0); bitte unter „Prioritäten“ bewerten.' : '';
  if (e.valueLoss === undefined) return `${e.message}${hint}`;
  // Quantified by a re-solve: word the value difference on the 0–10 scale of the Nutzwert.
  const parts: string[] = [];
  if (e.shortfalls.length > 0) {
    parts.push(`Im Rahmen ist kein Platz mehr: ${e.shortfalls.map((s) => `${s.year} fehlen ${formatCents(s.neededCents - Math.max(0, s.leftCents))} (benötigt ${formatCents(s.neededCents)}, frei ${formatCents(Math.max(0, s.leftCents))})`).join('; ')}.`);
  }
  const loss = e.valueLoss;
  if (loss > 0) {
    const approx = e.valueLossExact ? '' : 'etwa ';
    parts.push(`Mit ihr sänke der erreichbare Gesamtnutzwert um ${approx}${formatNutzwert(loss)} (von ${formatNutzwert(total)} auf ${formatNutzwert(Math.max(0, total - loss))}).`);
  } else if (loss === 0) {
    parts.push('Ein gleichwertiger Plan mit ihr ist möglich (gleicher Gesamtnutzwert).');
  } else {
    parts.push(`Mit ihr wäre ein um ${formatNutzwert(-loss)} höherer Gesamtnutzwert erreichbar; die Berechnung endete vorher (Zeitlimit oder Toleranz).`);
  }
  const out = (e.wouldDisplace ?? []).map(codeOf);
  if (out.length > 0) parts.push(`Dafür ${out.length === 1 ? 'müsste' : 'müssten'} ${codesText(out)} weichen.`);
  const extra = (e.wouldBringIn ?? []).map(codeOf);
  if (extra.length > 0) parts.push(`Mit ihr ${extra.length === 1 ? 'käme' : 'kämen'} auch ${codesText(extra)} in den Plan.`);
  return parts.join(' ') + hint;
}

export function toOptimiserMeasure(ctx: PlanContext, e: Explanation, total: number): OptimiserMeasure {
  const m = ctx.byId.get(e.measureId)!;
  const row = ctx.rows.get(e.measureId) ?? null;
  const own = ctx.input.measures.find((x) => x.id === e.measureId)?.ownShareByYear ?? {};
  const fixed = ctx.resolved.settings.fixed[e.measureId];
  const codeOf = (id: string) => ctx.byId.get(id)?.code ?? id;
  return {
    measureId: m.id, code: m.code, title: m.title, included: e.included, kind: e.kind, kindLabel: KIND_LABELS[e.kind] ?? e.kind,
    reason: reasonOf(ctx, e, total, codeOf), rank: row?.rank ?? null, nutzwert: row, nutzwertText: row ? formatNutzwert(row.totalHalves) : '–',
    ownShareByYear: Object.fromEntries(Object.entries(own).map(([y, c]) => [String(y), c])),
    ownShareTotalCents: Object.values(own).reduce((s, c) => s + c, 0), costTotalCents: ctx.costTotal.get(m.id) ?? 0,
    fixed: fixed?.fixed ?? null, fixedReason: fixed?.reason ?? '', shortfalls: e.shortfalls.map((s) => ({ ...s })),
    wouldDisplace: (e.wouldDisplace ?? []).map(codeOf), wouldBringIn: (e.wouldBringIn ?? []).map(codeOf),
  };
}

const byRank = (a: { rank: number | null; code: string }, b: { rank: number | null; code: string }) =>
  (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code, 'de-DE', { numeric: true });

const strKeys = (r: Record<number, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [String(k), v]));

export function toOptimiserRun(ctx: PlanContext, r: PlanResult, inWorker: boolean): OptimiserRun {
  const { statusText, gapText } = statusTextOf(r);
  const measures = r.explanations.map((e) => toOptimiserMeasure(ctx, e, r.totalValue));
  measures.sort((a, b) => Number(b.included) - Number(a.included) || byRank(a, b));
  const years = Object.keys(ctx.input.frames).map(Number).sort((a, b) => a - b);
  const codeOf = (id: string) => ctx.byId.get(id)?.code ?? id;
  const hasPlan = r.explanations.length > 0;
  const n = ctx.measures.length;
  const k = r.selected.length;
  let message: string;
  if (!hasPlan) message = r.message;
  else {
    const head = r.status === 'optimal' && r.provenOptimal && r.exact ? 'Bester Plan berechnet und bewiesen' : 'Plan berechnet';
    message = `${head}: ${k} von ${n} Maßnahmen, Gesamtnutzwert ${formatNutzwert(r.totalValue)}.`;
    if (r.status === 'time-limit') message += ' Das Zeitlimit wurde erreicht; der Plan ist nicht als bester bewiesen.';
    else if (r.status === 'error') message += ` ${r.message}`;
  }
  return {
    source: { scenarioId: ctx.resolved.scenarioId, name: ctx.resolved.name }, securedOnly: ctx.securedOnly,
    status: r.status, provenOptimal: r.provenOptimal, exact: r.exact, statusText, message, gapText,
    totalValueHalves: r.totalValue, totalValueText: formatNutzwert(r.totalValue), selectedCount: k, measureCount: n, years,
    framesByYear: strKeys(ctx.input.frames), usedByYear: strKeys(r.usedByYear), unusedByYear: strKeys(r.unusedByYear), measures,
    problems: r.problems.map((p) => ({ code: p.code, message: p.message, measureIds: p.measureIds, codes: p.measureIds.map(codeOf), year: p.year ?? null })),
    warnings: r.warnings, fixedDecisions: { ...ctx.resolved.settings.fixed }, solveSeconds: r.solveSeconds, explainSeconds: r.explainSeconds, inWorker,
  };
}

export function toWhatIf(ctx: PlanContext, g: FrameGrowthResult): WhatIfResult {
  const ref = (id: string) => { const m = ctx.byId.get(id); return { measureId: id, code: m?.code ?? id, title: m?.title ?? '' }; };
  const comingIn = g.comingIn.map(ref);
  const goingOut = g.goingOut.map(ref);
  const baseFrame = ctx.input.frames[g.year];
  const change = g.extraCents >= 0 ? `${formatCents(g.extraCents)} mehr` : `${formatCents(-g.extraCents)} weniger`;
  const gain = g.valueGain;
  const gainText = `${gain >= 0 ? '+' : '−'}${formatNutzwert(Math.abs(gain))}`;
  const failed = [g.base, g.grown].find((r) => r.status === 'infeasible' || (r.status === 'error' && r.explanations.length === 0));
  let message: string;
  if (failed) message = failed.message;
  else if (comingIn.length === 0 && goingOut.length === 0) message = `Mit ${change} im Jahr ${g.year} ändert sich der Plan nicht.`;
  else {
    message = `Mit ${change} im Jahr ${g.year} ${comingIn.length === 0 ? 'käme keine Maßnahme hinzu' : `${comingIn.length === 1 ? 'käme' : 'kämen'} ${codesText(comingIn.map((m) => m.code))} hinzu`}`
      + `${goingOut.length > 0 ? `; dafür ${goingOut.length === 1 ? 'fiele' : 'fielen'} ${codesText(goingOut.map((m) => m.code))} heraus` : ''} (Gesamtnutzwert ${gainText}).`;
  }
  const proven = g.base.provenOptimal && g.grown.provenOptimal && g.base.exact && g.grown.exact;
  if (!proven && !failed) message += ' Hinweis: Mindestens eine der beiden Berechnungen ist nicht als bester Plan bewiesen.';
  const usedDiffByYear: Record<string, number> = {};
  for (const y of new Set([...Object.keys(g.base.usedByYear), ...Object.keys(g.grown.usedByYear)])) {
    usedDiffByYear[y] = (g.grown.usedByYear[Number(y)] ?? 0) - (g.base.usedByYear[Number(y)] ?? 0);
  }
  return {
    year: g.year, extraCents: g.extraCents, baseFrameCents: baseFrame, newFrameCents: baseFrame + g.extraCents,
    comingIn, goingOut, valueGainText: gainText, usedDiffByYear, message, proven,
  };
}

export function toOutcome(ctx: PlanContext | null, resolved: ResolvedSettings, r: PlanResult | null, problem: string | null): ScenarioOutcome {
  const framesByYear = Object.fromEntries(Object.entries(resolved.settings.frames).map(([y, c]) => [String(y), c]));
  if (!ctx || !r) {
    return {
      key: resolved.key, name: resolved.name, status: 'invalid', statusText: 'Berechnung nicht möglich', problems: problem ? [problem] : [],
      selected: [], totalValueHalves: 0, totalValueText: formatNutzwert(0), framesByYear, usedByYear: {}, unusedByYear: {},
      eigenanteilCents: 0, costCents: 0, ranks: {}, nutzwerte: {},
    };
  }
  const { statusText } = statusTextOf(r);
  const selected = r.selected.map((id) => { const m = ctx.byId.get(id)!; return { measureId: id, code: m.code, title: m.title }; });
  let eigen = 0;
  let cost = 0;
  for (const id of r.selected) {
    for (const c of Object.values(ctx.input.measures.find((m) => m.id === id)?.ownShareByYear ?? {})) eigen += c;
    cost += ctx.costTotal.get(id) ?? 0;
  }
  return {
    key: resolved.key, name: resolved.name, status: r.status, statusText, problems: r.problems.map((p) => p.message), selected,
    totalValueHalves: r.totalValue, totalValueText: formatNutzwert(r.totalValue), framesByYear,
    usedByYear: strKeys(r.usedByYear), unusedByYear: strKeys(r.unusedByYear), eigenanteilCents: eigen, costCents: cost,
    ranks: Object.fromEntries([...ctx.rows.values()].map((row) => [row.measureId, row.rank])),
    nutzwerte: Object.fromEntries([...ctx.rows.values()].map((row) => [row.measureId, formatNutzwert(row.totalHalves)])),
  };
}

// ---------------------------------------------------------------------------------------------
// Haushaltsrahmen and Finanzplan

/**
 * Haushaltsjahr and the mittelfristige Finanzplanung: every year of the Planungszeitraum (schema 6)
 * and every year from the first to the last with money or a frame, so nothing with money is hidden.
 */
export function planYears(db: Db, now: string): number[] {
  const period = planPeriodOf(db);
  const years = new Set<number>([...listBudgetLines(db).map((l) => l.year), ...listFrames(db).map((f) => f.year),
    ...(period.periodFirstYear !== null && period.periodLastYear !== null ? [period.periodFirstYear, period.periodLastYear] : [])]);
  if (years.size === 0) {
    const y = Number(now.slice(0, 4)) || new Date().getFullYear();
    return [y, y + 1, y + 2, y + 3];
  }
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

export function framesResult(db: Db, now: string): FramesResult {
  const own = ownShareByMeasureYear(lineInputs(db));
  const eigenanteilByYear: Record<string, number> = {};
  for (const perYear of Object.values(own)) for (const [y, c] of Object.entries(perYear)) eigenanteilByYear[y] = (eigenanteilByYear[y] ?? 0) + c;
  return { years: planYears(db, now), frames: listFrames(db), eigenanteilByYear };
}

function split(f: FinanceFigures | undefined): MoneySplit {
  return {
    totalCents: f?.totalCents ?? 0, foerdermittelCents: f?.foerdermittelCents ?? 0, drittmittelCents: f?.drittmittelCents ?? 0,
    eigenmittelDritterCents: f?.eigenmittelDritterCents ?? 0, eigenanteilCents: f?.eigenanteilCents ?? 0,
  };
}

const byYearOf = (rec: Record<number, FinanceFigures> | undefined, years: number[]) =>
  Object.fromEntries(years.filter((y) => rec?.[y]).map((y) => [String(y), split(rec![y])]));

export function buildFinanzplan(db: Db, now: string): Finanzplan {
  const measures = listMeasureBasics(db);
  const byId = new Map(measures.map((m) => [m.id, m]));
  const lines = lineInputs(db);
  const sum = summariseBudget(lines, { groupKey: (l) => byId.get(l.measureId)?.baustelleId ?? '', measureLabel: (id) => byId.get(id)?.code ?? id });
  const years = planYears(db, now);
  const frames = new Map(listFrames(db).map((f) => [f.year, f.amountCents]));
  const decisions = new Map(listDecisions(db).map((d) => [d.measureId, d.fixed]));
  const baustellen = listBaustellen(db).filter((b) => sum.byGroup[b.id]).map((b) => ({
    baustelleId: b.id, number: b.number, shortTitle: b.shortTitle, byYear: byYearOf(sum.byGroupYear[b.id], years), total: split(sum.byGroup[b.id]),
    measures: measures.filter((m) => m.baustelleId === b.id && sum.byMeasure[m.id]).map((m) => ({
      measureId: m.id, code: m.code, title: m.title, fixed: decisions.get(m.id) ?? null,
      byYear: byYearOf(sum.byMeasureYear[m.id], years), total: split(sum.byMeasure[m.id]),
    })),
  }));
  const byFundingKind = FUNDING_KINDS.map((k) => ({
    fundingKind: k, label: FUNDING_KIND_LABELS[k],
    byYear: Object.fromEntries(years.map((y) => [String(y), sum.byYear[y]?.byFundingKind[k] ?? 0])), totalCents: sum.total.byFundingKind[k],
  }));
  const warnings: FinanzplanWarning[] = [];
  const perYear = years.map((year) => {
    const s = split(sum.byYear[year]);
    const frame = frames.get(year) ?? null;
    const left = frame === null ? null : frame - s.eigenanteilCents;
    if (left !== null && left < 0) {
      warnings.push({
        code: 'rahmen-ueberschritten', measureId: null, year,
        message: `${year}: Der Eigenanteil aller Maßnahmen (${formatCents(s.eigenanteilCents)}) übersteigt den Haushaltsrahmen (${formatCents(frame!)}) um ${formatCents(-left)}. Nicht alle Maßnahmen sind finanzierbar – die Optimierung zeigt, welche in den Rahmen passen.`,
      });
    } else if (frame === null && s.eigenanteilCents > 0) {
      warnings.push({ code: 'rahmen-fehlt', measureId: null, year, message: `${year}: Es ist kein Haushaltsrahmen gesetzt; der Eigenanteil von ${formatCents(s.eigenanteilCents)} ist nicht gegen einen Rahmen geprüft.` });
    }
    return { year, split: s, frameCents: frame, leftCents: left };
  });
  const codeOf = (id: string) => byId.get(id)?.code ?? '';
  const lineWarnings = [...sum.warnings].sort((a, b) => a.year - b.year || codeOf(a.measureId).localeCompare(codeOf(b.measureId), 'de-DE', { numeric: true }));
  for (const w of lineWarnings) warnings.push({ code: w.code, message: w.message, measureId: w.measureId, year: w.year });
  return { years, baustellen, byFundingKind, perYear, total: split(sum.total), warnings, lineCount: lines.length };
}
