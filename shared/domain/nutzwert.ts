// Nutzwertanalyse: weighted scoring of measures (Maßnahmen) against criteria, the way German
// public administrations prioritise. Pure and exact: every figure that decides a rank is an
// integer, so ranks never depend on floating point.
//
// Units
//  - A score is an integer 0..10 per measure and criterion (one rater), or the mean of two
//    raters. Means are kept exact as *half-points* ("Halbpunkte", integer 0..20).
//  - Weights are integer points summing to 100.
//  - totalHalves = Σ weight × scoreHalves (integer 0..2000). The Nutzwert in "points × weight"
//    is total = totalHalves / 2 (0..1000, a multiple of 0.5, exactly representable), the
//    display value on the 0..10 scale is total / 100 (display only, never compared).
//
// Missing scores (documented choice)
//  - A missing score counts as 0 in the total (conservative: what has not been assessed
//    earns nothing, so an incompletely scored measure cannot overtake a fully scored one by
//    omission). The measure is still ranked, marked `complete: false` and lists what is
//    missing; `maxTotalHalves` shows what it could reach if every missing score were 10.
//  - A missing score on a KO criterion does NOT exclude the measure (excluding is a decision,
//    not a default); it is listed in `koUnassessed` so the UI can show "KO-Prüfung offen".
//  - With two raters, a criterion scored by only one of them uses that rater's score.
//
// KO criteria: a (combined) score below koThreshold (default 1, i.e. 0 = "nicht erfüllt")
// excludes the measure. Excluded measures keep their Nutzwert for information but get
// rank null and are listed after all ranked measures.

export const SCORE_MIN = 0;
export const SCORE_MAX = 10;
export const WEIGHT_TOTAL = 100;
export const DEFAULT_KO_THRESHOLD = 1;

export interface Criterion {
  id: string;
  name: string;
  description: string;
  /** Integer points; the weights of all criteria sum to 100. */
  weight: number;
  /** KO criterion: a score below koThreshold excludes the measure. */
  ko: boolean;
  /** Integer 1..10; default DEFAULT_KO_THRESHOLD. Only used when ko is true. */
  koThreshold?: number;
}

/** criterionId → score 0..10 (integer); null/undefined/absent = not scored. */
export type CriterionScores = Readonly<Record<string, number | null | undefined>>;
/** measureId → criterionId → score. */
export type ScoreSheet = Readonly<Record<string, CriterionScores>>;

export interface MeasureScores {
  measureId: string;
  /** The measure's number (e.g. "M-2.03"); ties in the Nutzwert are ordered by it. */
  code: string;
  /** First (or only) rater. */
  scores: CriterionScores;
  /** Optional second rater; the combined score is the exact mean. */
  secondScores?: CriterionScores;
}

export interface Teilnutzen {
  criterionId: string;
  criterionName: string;
  weight: number;
  /** Combined score 0..10 (may end in .5 with two raters); null when missing. */
  score: number | null;
  /** Combined score in half-points 0..20; null when missing. */
  scoreHalves: number | null;
  /** How many raters scored this criterion (0 = missing). */
  raters: 0 | 1 | 2;
  /** weight × scoreHalves (0 when missing). */
  valueHalves: number;
  /** weight × score in "points × weight" (= valueHalves / 2). */
  value: number;
  missing: boolean;
  /** The score is below this KO criterion's threshold. */
  koFailed: boolean;
}

export interface KoFailure {
  criterionId: string;
  criterionName: string;
  score: number;
  threshold: number;
}

export interface NutzwertRow {
  measureId: string;
  code: string;
  /** Σ weight × scoreHalves: the exact integer that decides the rank. */
  totalHalves: number;
  /** Nutzwert in "points × weight" (0..1000) = totalHalves / 2. */
  total: number;
  /** Nutzwert on the 0..10 scale (total / 100), for display only. */
  display: number;
  /** totalHalves if every missing score were 10 (= totalHalves when complete). */
  maxTotalHalves: number;
  teilnutzen: Teilnutzen[];
  /** Excluded by at least one KO criterion. */
  ko: boolean;
  koFailures: KoFailure[];
  /** KO criteria that have no score yet (the measure is not excluded for that). */
  koUnassessed: string[];
  /** 1 = best; equal Nutzwerte share a rank (1, 2, 2, 4); null when KO-excluded. */
  rank: number | null;
  complete: boolean;
  /** Criteria without a score, in criteria order. */
  missing: { criterionId: string; criterionName: string }[];
}

/** German error for invalid scoring input. */
export class ScoringError extends Error {
  readonly code = 'invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ScoringError';
  }
}

// ---------------------------------------------------------------------------------------------
// Deterministic ordering of measure codes ("M-2" before "M-10").

/** Natural, locale-independent order of codes: digit runs compare as numbers. */
export function compareCodes(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/gu) ?? [];
  const tb = b.match(/\d+|\D+/gu) ?? [];
  const n = Math.min(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const x = ta[i];
    const y = tb[i];
    const dx = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const dy = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    if (dx && dy) {
      const sx = x.replace(/^0+(?=\d)/u, '');
      const sy = y.replace(/^0+(?=\d)/u, '');
      if (sx.length !== sy.length) return sx.length - sy.length;
      if (sx !== sy) return sx < sy ? -1 : 1;
    } else {
      const lx = x.toLowerCase();
      const ly = y.toLowerCase();
      if (lx !== ly) return lx < ly ? -1 : 1;
    }
  }
  if (ta.length !== tb.length) return ta.length - tb.length;
  // Equal up to case and leading zeros: fall back to plain code-unit order.
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Criteria

function koThresholdOf(c: Criterion): number {
  return c.koThreshold ?? DEFAULT_KO_THRESHOLD;
}

/** Checks a criteria set; returns German messages (empty = valid). */
export function validateWeights(criteria: readonly Criterion[]): string[] {
  const msgs: string[] = [];
  if (criteria.length === 0) return ['Es ist noch kein Kriterium angelegt.'];
  const label = (c: Criterion) => (c.name?.trim() ? `Kriterium „${c.name.trim()}“` : 'Ein Kriterium ohne Namen');
  const ids = new Set<string>();
  const names = new Map<string, string>();
  let sum = 0;
  let sumValid = true;
  for (const c of criteria) {
    if (typeof c.id !== 'string' || c.id === '') msgs.push(`${label(c)} hat keine Kennung.`);
    else if (ids.has(c.id)) msgs.push(`Die Kennung „${c.id}“ ist mehrfach vergeben.`);
    else ids.add(c.id);
    const name = typeof c.name === 'string' ? c.name.trim() : '';
    if (name === '') msgs.push('Ein Kriterium hat keinen Namen.');
    else {
      const key = name.toLocaleLowerCase('de-DE');
      if (names.has(key)) {
        if (names.get(key) !== '') msgs.push(`Der Name „${name}“ ist mehrfach vergeben.`);
        names.set(key, '');
      } else names.set(key, name);
    }
    if (typeof c.weight !== 'number' || !Number.isInteger(c.weight)) {
      msgs.push(`${label(c)}: Das Gewicht muss eine ganze Zahl sein.`);
      sumValid = false;
    } else if (c.weight < 0) {
      msgs.push(`${label(c)}: Das Gewicht darf nicht negativ sein.`);
      sumValid = false;
    } else if (c.weight > WEIGHT_TOTAL) {
      msgs.push(`${label(c)}: Das Gewicht darf höchstens ${WEIGHT_TOTAL} Punkte betragen.`);
      sum += c.weight;
    } else sum += c.weight;
    if (c.ko) {
      const t = koThresholdOf(c);
      if (!Number.isInteger(t) || t < 1 || t > SCORE_MAX) {
        msgs.push(`${label(c)}: Die KO-Schwelle muss eine ganze Zahl von 1 bis ${SCORE_MAX} sein.`);
      }
    }
  }
  if (sumValid && sum !== WEIGHT_TOTAL) msgs.push(`Die Gewichte ergeben zusammen ${sum} statt ${WEIGHT_TOTAL} Punkte.`);
  return msgs;
}

function assertCriteria(criteria: readonly Criterion[]): void {
  const msgs = validateWeights(criteria);
  if (msgs.length > 0) throw new ScoringError(`Die Kriterien sind nicht gültig: ${msgs.join(' ')}`);
}

// ---------------------------------------------------------------------------------------------
// Scores → exact half-point matrix

interface Prepared {
  criteria: readonly Criterion[];
  measures: { measureId: string; code: string }[];
  /** [measure][criterion] half-points, or -1 when missing. */
  halves: number[][];
  raters: (0 | 1 | 2)[][];
}

function checkScore(v: unknown, measure: MeasureScores, c: Criterion): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX) {
    throw new ScoringError(
      `Maßnahme ${measure.code}, Kriterium „${c.name}“: Die Bewertung muss eine ganze Zahl von ${SCORE_MIN} bis ${SCORE_MAX} sein (ist ${String(v)}).`,
    );
  }
  return v;
}

function prepare(criteria: readonly Criterion[], measures: readonly MeasureScores[]): Prepared {
  assertCriteria(criteria);
  const seen = new Set<string>();
  const halves: number[][] = [];
  const raters: (0 | 1 | 2)[][] = [];
  for (const m of measures) {
    if (seen.has(m.measureId)) throw new ScoringError(`Die Maßnahme ${m.code} ist mehrfach in der Bewertung enthalten.`);
    seen.add(m.measureId);
    const rowH: number[] = [];
    const rowR: (0 | 1 | 2)[] = [];
    for (const c of criteria) {
      // Scores for criteria that are not in `criteria` (e.g. deleted ones) are ignored.
      const a = checkScore(Object.hasOwn(m.scores, c.id) ? m.scores[c.id] : undefined, m, c);
      const b = m.secondScores ? checkScore(Object.hasOwn(m.secondScores, c.id) ? m.secondScores[c.id] : undefined, m, c) : null;
      if (a !== null && b !== null) { rowH.push(a + b); rowR.push(2); } // mean in half-points: (a+b)/2 × 2
      else if (a !== null) { rowH.push(2 * a); rowR.push(1); }
      else if (b !== null) { rowH.push(2 * b); rowR.push(1); }
      else { rowH.push(-1); rowR.push(0); }
    }
    halves.push(rowH);
    raters.push(rowR);
  }
  return { criteria, measures: measures.map((m) => ({ measureId: m.measureId, code: m.code })), halves, raters };
}

function totalsFor(p: Prepared, weights: readonly number[]): number[] {
  return p.halves.map((row) => {
    let t = 0;
    for (let j = 0; j < row.length; j++) if (row[j] > 0) t += weights[j] * row[j];
    return t;
  });
}

function koFlags(p: Prepared): boolean[] {
  return p.halves.map((row) => p.criteria.some((c, j) => c.ko && row[j] >= 0 && row[j] < 2 * koThresholdOf(c)));
}

/** Display order: ranked measures by Nutzwert desc, then code, then id; KO-excluded ones after. */
function orderIndices(p: Prepared, totals: readonly number[], ko: readonly boolean[]): number[] {
  const idx = p.measures.map((_, i) => i);
  idx.sort((i, j) => {
    if (ko[i] !== ko[j]) return ko[i] ? 1 : -1;
    if (totals[i] !== totals[j]) return totals[j] - totals[i];
    const c = compareCodes(p.measures[i].code, p.measures[j].code);
    if (c !== 0) return c;
    return p.measures[i].measureId < p.measures[j].measureId ? -1 : p.measures[i].measureId > p.measures[j].measureId ? 1 : 0;
  });
  return idx;
}

/** Competition ranks (1, 2, 2, 4) by exact totals; null for KO-excluded measures. */
function ranksFor(p: Prepared, totals: readonly number[], ko: readonly boolean[]): (number | null)[] {
  const order = orderIndices(p, totals, ko);
  const ranks: (number | null)[] = new Array<number | null>(p.measures.length).fill(null);
  let pos = 0;
  for (const i of order) {
    pos++;
    if (ko[i]) continue;
    const prev = pos >= 2 ? order[pos - 2] : -1;
    ranks[i] = prev >= 0 && !ko[prev] && totals[prev] === totals[i] ? ranks[prev] : pos;
  }
  return ranks;
}

// ---------------------------------------------------------------------------------------------
// Nutzwerte

/**
 * Computes the Nutzwert of every measure with its Teilnutzen, KO result, completeness and rank.
 * Rows come back in rank order (KO-excluded measures last). Throws ScoringError (German) when
 * the criteria are invalid (see validateWeights) or a score is not an integer 0..10.
 */
export function computeNutzwerte(criteria: readonly Criterion[], measures: readonly MeasureScores[]): NutzwertRow[] {
  const p = prepare(criteria, measures);
  const weights = criteria.map((c) => c.weight);
  const totals = totalsFor(p, weights);
  const ko = koFlags(p);
  const ranks = ranksFor(p, totals, ko);
  return orderIndices(p, totals, ko).map((i) => {
    const row = p.halves[i];
    const teilnutzen: Teilnutzen[] = criteria.map((c, j) => {
      const h = row[j];
      const missing = h < 0;
      const valueHalves = missing ? 0 : c.weight * h;
      return {
        criterionId: c.id,
        criterionName: c.name,
        weight: c.weight,
        score: missing ? null : h / 2,
        scoreHalves: missing ? null : h,
        raters: p.raters[i][j],
        valueHalves,
        value: valueHalves / 2,
        missing,
        koFailed: c.ko && !missing && h < 2 * koThresholdOf(c),
      };
    });
    const missing = teilnutzen.filter((t) => t.missing).map((t) => ({ criterionId: t.criterionId, criterionName: t.criterionName }));
    let maxTotalHalves = totals[i];
    for (let j = 0; j < criteria.length; j++) if (row[j] < 0) maxTotalHalves += criteria[j].weight * 2 * SCORE_MAX;
    return {
      measureId: p.measures[i].measureId,
      code: p.measures[i].code,
      totalHalves: totals[i],
      total: totals[i] / 2,
      display: totals[i] / 200,
      maxTotalHalves,
      teilnutzen,
      ko: ko[i],
      koFailures: criteria.flatMap((c, j) =>
        teilnutzen[j].koFailed ? [{ criterionId: c.id, criterionName: c.name, score: row[j] / 2, threshold: koThresholdOf(c) }] : []),
      koUnassessed: criteria.filter((c, j) => c.ko && row[j] < 0).map((c) => c.id),
      rank: ranks[i],
      complete: missing.length === 0,
      missing,
    };
  });
}

/** Builds MeasureScores from one or two score sheets (measureId → criterionId → score). */
export function toMeasureScores(
  measures: readonly { id: string; code: string }[], sheetA: ScoreSheet, sheetB?: ScoreSheet,
): MeasureScores[] {
  return measures.map((m) => ({
    measureId: m.id,
    code: m.code,
    scores: Object.hasOwn(sheetA, m.id) ? sheetA[m.id] : {},
    ...(sheetB ? { secondScores: Object.hasOwn(sheetB, m.id) ? sheetB[m.id] : {} } : {}),
  }));
}

/** German display of a Nutzwert on the 0..10 scale from totalHalves, e.g. 1470 → "7,35". */
export function formatNutzwert(totalHalves: number): string {
  if (!Number.isSafeInteger(totalHalves) || totalHalves < 0) throw new RangeError(`not a Nutzwert: ${totalHalves}`);
  // totalHalves / 200 with two decimals, rounded half up in integers (no float formatting).
  const hundredths = Math.floor((totalHalves + 1) / 2); // totalHalves/2 = hundredths of the 0..10 scale
  return `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Two raters

export interface RaterDivergence {
  measureId: string;
  criterionId: string;
  a: number;
  b: number;
  /** |a − b| */
  difference: number;
}

/**
 * Lists every measure × criterion where both raters scored and |a − b| ≥ threshold, largest
 * difference first (then by measure id and criterion id). Invalid scores throw ScoringError.
 */
export function compareRaters(scoresA: ScoreSheet, scoresB: ScoreSheet, threshold = 3): RaterDivergence[] {
  if (!Number.isFinite(threshold) || threshold < 0) throw new ScoringError('Die Schwelle für abweichende Bewertungen muss eine Zahl ab 0 sein.');
  const out: RaterDivergence[] = [];
  const check = (v: unknown, m: string, c: string): v is number => {
    if (v === null || v === undefined) return false;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX) {
      throw new ScoringError(`Bewertung für Maßnahme „${m}“, Kriterium „${c}“: ganze Zahl von ${SCORE_MIN} bis ${SCORE_MAX} erwartet (ist ${String(v)}).`);
    }
    return true;
  };
  for (const m of Object.keys(scoresA)) {
    if (!Object.hasOwn(scoresB, m)) continue;
    const ra = scoresA[m];
    const rb = scoresB[m];
    for (const c of Object.keys(ra)) {
      const a = ra[c];
      const b = Object.hasOwn(rb, c) ? rb[c] : undefined;
      if (!check(a, m, c) || !check(b, m, c)) continue;
      const d = Math.abs(a - b);
      if (d >= threshold) out.push({ measureId: m, criterionId: c, a, b, difference: d });
    }
  }
  out.sort((x, y) => y.difference - x.difference
    || (x.measureId < y.measureId ? -1 : x.measureId > y.measureId ? 1 : 0)
    || (x.criterionId < y.criterionId ? -1 : x.criterionId > y.criterionId ? 1 : 0));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sensitivity of the ranking to the weights

/**
 * Moves the weight of criterion `index` by `delta` (clamped to 0..100) and rescales all
 * others proportionally to their current weights so that the sum stays exactly 100, rounding
 * with the largest-remainder method in integers (ties: larger original weight first, then
 * criteria order). When all other weights are 0, the freed points are shared equally.
 * Returns null when the move changes nothing (already at 0 or 100, or a single criterion).
 */
export function shiftWeights(weights: readonly number[], index: number, delta: number): number[] | null {
  if (weights.length < 2) return null;
  const old = weights[index];
  const moved = Math.min(WEIGHT_TOTAL, Math.max(0, old + delta));
  if (moved === old) return null;
  const rest = WEIGHT_TOTAL - moved;
  const others = weights.map((_, i) => i).filter((i) => i !== index);
  const oldRest = others.reduce((s, i) => s + weights[i], 0);
  const out = weights.slice();
  out[index] = moved;
  if (oldRest === 0) {
    const share = Math.floor(rest / others.length);
    let left = rest - share * others.length;
    for (const i of others) { out[i] = share + (left > 0 ? 1 : 0); if (left > 0) left--; }
    return out;
  }
  let assigned = 0;
  const rems: { i: number; rem: number }[] = [];
  for (const i of others) {
    const num = weights[i] * rest; // ≤ 100 × 100: exact
    out[i] = Math.floor(num / oldRest);
    assigned += out[i];
    rems.push({ i, rem: num % oldRest });
  }
  rems.sort((x, y) => y.rem - x.rem || weights[y.i] - weights[x.i] || x.i - y.i);
  for (let k = 0; k < rest - assigned; k++) out[rems[k].i]++;
  return out;
}

export interface RankChange {
  measureId: string;
  code: string;
  from: number | null;
  to: number | null;
}

export interface SensitivityMove {
  criterionId: string;
  criterionName: string;
  /** +delta or −delta as requested. */
  requestedDelta: number;
  /** What was actually applied after clamping to 0..100 (0 = move not possible). */
  appliedDelta: number;
  /** The rescaled weights (criterionId → points, summing to 100); empty when not applied. */
  weights: Record<string, number>;
  changes: RankChange[];
}

export interface MeasureSensitivity {
  measureId: string;
  code: string;
  baseRank: number | null;
  fragile: boolean;
  /** Best and worst rank seen over all moves (including the base). */
  bestRank: number | null;
  worstRank: number | null;
  moves: { criterionId: string; requestedDelta: number; to: number | null }[];
}

export interface SensitivityResult {
  delta: number;
  moves: SensitivityMove[];
  /** Measure ids whose rank changes under at least one move, in base rank order. */
  fragile: string[];
  measures: MeasureSensitivity[];
}

/**
 * For each criterion, moves its weight by +delta and −delta (see shiftWeights), recomputes the
 * ranks and reports which measures change rank under which move. A measure whose rank changes
 * in any move is "fragile". KO exclusion does not depend on weights, so KO measures never move.
 */
export function sensitivity(criteria: readonly Criterion[], measures: readonly MeasureScores[], delta = 10): SensitivityResult {
  if (!Number.isInteger(delta) || delta <= 0 || delta > WEIGHT_TOTAL) {
    throw new ScoringError(`Die Verschiebung der Gewichte muss eine ganze Zahl von 1 bis ${WEIGHT_TOTAL} sein.`);
  }
  const p = prepare(criteria, measures);
  const weights = criteria.map((c) => c.weight);
  const ko = koFlags(p);
  const base = ranksFor(p, totalsFor(p, weights), ko);
  const order = orderIndices(p, totalsFor(p, weights), ko);
  const perMeasure = p.measures.map((m, i) => ({
    measureId: m.measureId, code: m.code, baseRank: base[i], fragile: false,
    bestRank: base[i], worstRank: base[i], moves: [] as MeasureSensitivity['moves'],
  }));
  const moves: SensitivityMove[] = [];
  criteria.forEach((c, ci) => {
    for (const requestedDelta of [delta, -delta]) {
      const w = shiftWeights(weights, ci, requestedDelta);
      if (!w) {
        moves.push({ criterionId: c.id, criterionName: c.name, requestedDelta, appliedDelta: 0, weights: {}, changes: [] });
        continue;
      }
      const ranks = ranksFor(p, totalsFor(p, w), ko);
      const changes: RankChange[] = [];
      for (const i of order) {
        if (ranks[i] === base[i]) continue;
        changes.push({ measureId: p.measures[i].measureId, code: p.measures[i].code, from: base[i], to: ranks[i] });
        const pm = perMeasure[i];
        pm.fragile = true;
        pm.moves.push({ criterionId: c.id, requestedDelta, to: ranks[i] });
        const r = ranks[i];
        if (r !== null) {
          if (pm.bestRank === null || r < pm.bestRank) pm.bestRank = r;
          if (pm.worstRank === null || r > pm.worstRank) pm.worstRank = r;
        }
      }
      moves.push({
        criterionId: c.id, criterionName: c.name, requestedDelta, appliedDelta: w[ci] - weights[ci],
        weights: Object.fromEntries(criteria.map((cc, j) => [cc.id, w[j]])), changes,
      });
    }
  });
  const ordered = order.map((i) => perMeasure[i]);
  return { delta, moves, fragile: ordered.filter((m) => m.fragile).map((m) => m.measureId), measures: ordered };
}

// ---------------------------------------------------------------------------------------------
// Default criteria, drawn from the Impulspapier "Das „gemeinsame Wir“ in ländlichen Räumen".

/** Suggested starting set (weights sum to 100, no KO criterion). A Kreis adapts it. */
export const DEFAULT_CRITERIA: readonly Criterion[] = Object.freeze([
  {
    id: 'wirkung-teilhabe-zusammenhalt',
    name: 'Wirkung auf Teilhabe und Zusammenhalt',
    description:
      'Wie stark verbessert die Maßnahme gleiche Teilhabemöglichkeiten (z. B. Zugang zu Wohnraum, Arbeit, Sprache, Mobilität) und stärkt das „gemeinsame Wir“ vor Ort? 0 = keine erkennbare Wirkung, 10 = große, nachvollziehbar begründete Wirkung.',
    weight: 30,
    ko: false,
  },
  {
    id: 'dringlichkeit',
    name: 'Dringlichkeit',
    description:
      'Wie dringend ist der Handlungsbedarf? Entstehen ohne die Maßnahme Nachteile, die später nur schwer aufzuholen sind (z. B. wegfallende Angebote, verpasste Fristen)? 0 = kann ohne Nachteil warten, 10 = sofortiger Handlungsbedarf.',
    weight: 15,
    ko: false,
  },
  {
    id: 'reichweite-nach-bedarf',
    name: 'Reichweite nach Bedarf (nicht nach Zielgruppe)',
    description:
      'Erreicht die Maßnahme möglichst alle Menschen, die den entsprechenden Bedarf haben – unabhängig von Herkunft oder Zugehörigkeit zu einer Zielgruppe? Das Impulspapier empfiehlt, Maßnahmen inklusiv zu planen, so dass sie möglichst allen Personen mit den entsprechenden Bedarfen zugutekommen. 0 = erreicht nur wenige Betroffene, 10 = erreicht den Bedarf weitgehend.',
    weight: 15,
    ko: false,
  },
  {
    id: 'umsetzbarkeit-vor-ort',
    name: 'Umsetzbarkeit vor Ort',
    description:
      'Sind Zuständigkeit, Partner:innen, Personal, Räume und Erreichbarkeit vor Ort gegeben, um die Maßnahme im geplanten Zeitraum umzusetzen? 0 = derzeit nicht umsetzbar, 10 = kann sofort beginnen.',
    weight: 15,
    ko: false,
  },
  {
    id: 'beteiligung-betroffene',
    name: 'Beteiligung der Betroffenen',
    description:
      'Werden die Menschen, die von der Maßnahme betroffen sind, im Vorfeld und bei der Umsetzung einbezogen – auch Zugewanderte ohne kommunales Wahlrecht, Migrant:innenorganisationen und Beiräte? 0 = keine Beteiligung, 10 = Mitgestaltung von Anfang an.',
    weight: 10,
    ko: false,
  },
  {
    id: 'kosten-wirkungs-verhaeltnis',
    name: 'Kosten-Wirkungs-Verhältnis',
    description:
      'Steht die erwartete Wirkung in einem guten Verhältnis zu den Kosten für den Kreis über die gesamte Laufzeit, einschließlich Folgekosten? 0 = sehr ungünstig, 10 = sehr günstig.',
    weight: 15,
    ko: false,
  },
].map((c) => Object.freeze(c)));
