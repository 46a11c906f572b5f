// Umsetzung and Monitoring: the Ampel rules (pure, unit-tested at their edges), indicator
// progress, Mittelabfluss, and the contract's schemas and result types for Ist, Messwerte,
// Meilensteine, Ampel override, Steuerungsgruppe view, Sachstandsbericht and Fortschreibung.
//
// The Ampel of a measure at a Stichtag (all dates are calendar days, YYYY-MM-DD; a step due in
// Q2/2026 is due at the end of 30.06.2026, so on that very day it is not yet late):
//   abgeschlossen    status abgeschlossen
//   zurückgestellt   status zurückgestellt
//   nicht begonnen   before the Beschluss (Idee … beschlussreif), or beschlossen with a start after the Stichtag
//   verzögert        an Umsetzungsschritt is overdue, or the Laufzeit has ended without the measure being abgeschlossen
//   gefährdet        Mittelabfluss below 50 % of the Soll expected by the Stichtag (Soll of the past years in
//                    full, of the Stichtag's year by completed quarters), or Ist above the Soll of those years,
//                    or an indicator lags ≥ 25 points behind the straight line from the start to its target
//                    (checked once a quarter of the way is behind), or the target year has passed unmet
//   im Plan          otherwise
// No budget (zero Soll) means the money rule does not apply; an indicator without a numeric target
// or without a Messwert is reported as a note and never changes the Ampel.
// A manual override replaces the derived Ampel and always carries a reason.
import { z } from 'zod';
import type { MeasureStatus, Quarter } from './enums.ts';
import { idSchema, yearSchema, centsSchema } from './schemas.ts';
import { isoDateSchema } from './vorlage.ts';

export const AMPELN = ['im-plan', 'gefaehrdet', 'verzoegert', 'abgeschlossen', 'nicht-begonnen', 'zurueckgestellt'] as const;
export type Ampel = (typeof AMPELN)[number];
export const AMPEL_LABELS: Record<Ampel, string> = {
  'im-plan': 'im Plan',
  gefaehrdet: 'gefährdet',
  verzoegert: 'verzögert',
  abgeschlossen: 'abgeschlossen',
  'nicht-begonnen': 'noch nicht begonnen',
  zurueckgestellt: 'zurückgestellt',
};
/** A shape per Ampel, so the state never rests on colour alone (UI and documents show symbol and text). */
export const AMPEL_SYMBOLS: Record<Ampel, string> = {
  'im-plan': '●',
  gefaehrdet: '▲',
  verzoegert: '■',
  abgeschlossen: '◆',
  'nicht-begonnen': '○',
  zurueckgestellt: '◇',
};
/** Colours (text contrast ≥ 4.5:1 on white) for UI badges and document cells. */
export const AMPEL_COLORS: Record<Ampel, string> = {
  'im-plan': '1B6E3A',
  gefaehrdet: '8A5300',
  verzoegert: 'B00020',
  abgeschlossen: '1F3864',
  'nicht-begonnen': '4A4A4A',
  zurueckgestellt: '4A4A4A',
};
/** Order for sorting and counting: most urgent first. */
export const AMPEL_ORDER: readonly Ampel[] = ['verzoegert', 'gefaehrdet', 'im-plan', 'nicht-begonnen', 'zurueckgestellt', 'abgeschlossen'];

export function ampelText(a: Ampel): string {
  return `${AMPEL_SYMBOLS[a]} ${AMPEL_LABELS[a]}`;
}

export const MIN_ABFLUSS_PERCENT = 50;
export const INDICATOR_LAG_POINTS = 25;

export const ACTUAL_KINDS = ['ist', 'abruf'] as const;
export type ActualKind = (typeof ACTUAL_KINDS)[number];
export const ACTUAL_KIND_LABELS: Record<ActualKind, string> = { ist: 'Ist (ausgegeben)', abruf: 'Fördermittel abgerufen' };

// ---------------------------------------------------------------------------------------------
// Dates

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Last day of a quarter (or of the year without one), YYYY-MM-DD. */
export function quarterEnd(year: number, quarter: number | null): string {
  const q = quarter ?? 4;
  return `${year}-${pad(q * 3)}-${q === 1 || q === 4 ? 31 : 30}`;
}

/** First day of a quarter (or of the year without one). */
export function quarterStart(year: number, quarter: number | null): string {
  return `${year}-${pad(((quarter ?? 1) - 1) * 3 + 1)}-01`;
}

const days = new Map<string, number>();

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, no time of day). Remembered: a plan has few distinct dates. */
export function dayNumber(iso: string): number {
  let n = days.get(iso);
  if (n === undefined) {
    n = Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
    if (days.size < 100_000) days.set(iso, n);
  }
  return n;
}

/** Quarters of `year` completed by the end of the Stichtag (0–4). */
export function completedQuarters(year: number, stichtag: string): number {
  const sy = Number(stichtag.slice(0, 4));
  if (year < sy) return 4;
  if (year > sy) return 0;
  let n = 0;
  for (let q = 1; q <= 4; q++) if (quarterEnd(year, q) <= stichtag) n = q;
  return n;
}

export function formatDue(year: number | null, quarter: number | null): string {
  if (year == null) return 'ohne Termin';
  return quarter == null ? String(year) : `Q${quarter}/${year}`;
}

export function germanDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

// ---------------------------------------------------------------------------------------------
// Rules

export interface AmpelMilestone { id: string; title: string; dueYear: number | null; dueQuarter: number | null; done: boolean; doneOn: string | null }

/** Overdue at the Stichtag: not done and due before it (on the due date itself still in time). */
export function isOverdue(m: AmpelMilestone, stichtag: string): boolean {
  return !m.done && m.dueYear != null && quarterEnd(m.dueYear, m.dueQuarter) < stichtag;
}

/** Done after its due date. */
export function doneLate(m: AmpelMilestone): boolean {
  return m.done && m.doneOn != null && m.dueYear != null && m.doneOn > quarterEnd(m.dueYear, m.dueQuarter);
}

/**
 * Soll expected to have flowed by the Stichtag: past years in full, the Stichtag's year by completed
 * quarters (integer cents, rounded down). Years after the Stichtag count nothing.
 */
export function expectedSollCents(sollByYear: Record<string, number>, stichtag: string): number {
  let total = 0;
  for (const [y, cents] of Object.entries(sollByYear)) {
    const q = completedQuarters(Number(y), stichtag);
    total += q === 4 ? cents : Math.floor((cents * q) / 4);
  }
  return total;
}

/** Soll of every year up to and including the Stichtag's year. */
export function sollToYear(sollByYear: Record<string, number>, year: number): number {
  let total = 0;
  for (const [y, cents] of Object.entries(sollByYear)) if (Number(y) <= year) total += cents;
  return total;
}

/** Ist of every year up to and including the Stichtag's year. */
export function istToYear(istByYear: Record<string, number>, year: number): number {
  return sollToYear(istByYear, year);
}

/** The first number in an indicator's text: "12 %" → 12, "3.000" → 3000, "0 von 14" → 0, "12,5" → 12.5; null for "liegt vor", "–". */
export function parseIndicatorNumber(s: string): number | null {
  const m = /-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?/u.exec(s.replaceAll('\u2212', '-'));
  if (!m) return null;
  const v = Number(m[0].replaceAll('.', '').replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}

export interface AmpelIndicator {
  id: string; name: string; baseline: string; target: string; targetYear: number | null;
  values: { date: string; value: number }[];
}

export interface IndicatorProgress {
  indicatorId: string;
  name: string;
  baselineValue: number | null;
  targetValue: number | null;
  latest: { date: string; value: number } | null;
  /** Share of the way from baseline to target, in whole percent (may exceed 100 or be negative); null when not computable. */
  progressPercent: number | null;
  /** Share of the way expected by the Stichtag on a straight line from the measure's start to the end of the target year. */
  expectedPercent: number | null;
  /** German, e.g. „42 % des Wegs zum Ziel (erwartet 50 %)“ or „noch kein Messwert“. */
  text: string;
}

export function indicatorProgress(i: AmpelIndicator, start: string | null, stichtag: string): IndicatorProgress {
  const baselineValue = parseIndicatorNumber(i.baseline);
  const targetValue = parseIndicatorNumber(i.target);
  const upTo = i.values.filter((v) => v.date <= stichtag).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = upTo.at(-1) ?? null;
  let progressPercent: number | null = null;
  if (latest && baselineValue !== null && targetValue !== null && targetValue !== baselineValue) {
    progressPercent = Math.round(((latest.value - baselineValue) / (targetValue - baselineValue)) * 100);
  }
  let expectedPercent: number | null = null;
  if (start && i.targetYear != null) {
    const a = dayNumber(start);
    const b = dayNumber(quarterEnd(i.targetYear, 4));
    const t = dayNumber(stichtag);
    expectedPercent = b <= a ? 100 : Math.max(0, Math.min(100, Math.round(((t - a) / (b - a)) * 100)));
  }
  const text = !latest ? 'noch kein Messwert'
    : progressPercent === null ? `letzter Wert ${formatNumber(latest.value)} (${germanDay(latest.date)}); Fortschritt nicht berechenbar (Ausgangs- oder Zielwert ohne Zahl)`
    : `${progressPercent} % des Wegs zum Ziel${expectedPercent === null ? '' : ` (erwartet ${expectedPercent} %)`}`;
  return { indicatorId: i.id, name: i.name, baselineValue, targetValue, latest, progressPercent, expectedPercent, text };
}

export function formatNumber(v: number): string {
  return new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(v);
}

export interface AmpelOverride { ampel: Ampel; reason: string; setAt: string; setBy: string }

export interface AmpelInput {
  stichtag: string;
  measure: { status: MeasureStatus; startYear: number | null; startQuarter: Quarter | number | null; endYear: number | null; endQuarter: Quarter | number | null };
  milestones: readonly AmpelMilestone[];
  /** Planned cents per year (all budget lines of the measure). */
  sollByYear: Record<string, number>;
  /** Ist (spent) cents per year. */
  istByYear: Record<string, number>;
  indicators: readonly AmpelIndicator[];
  override?: AmpelOverride | null;
}

export interface AmpelReason {
  rule: 'status' | 'beginn' | 'meilenstein' | 'laufzeit' | 'mittelabfluss' | 'indikator' | 'hinweis';
  /** The Ampel this reason leads to; null for a note that changes nothing. */
  effect: Ampel | null;
  text: string;
}

export interface AmpelResult {
  derived: Ampel;
  /** The override's Ampel when there is one, else the derived. */
  effective: Ampel;
  override: AmpelOverride | null;
  reasons: AmpelReason[];
  indicators: IndicatorProgress[];
  expectedCents: number;
  istCents: number;
  /** Ist against expected Soll, whole percent; null without expected Soll. */
  abflussPercent: number | null;
}

const ACTIVE: readonly MeasureStatus[] = ['beschlossen', 'in-umsetzung'];

export function deriveAmpel(input: AmpelInput): AmpelResult {
  const { stichtag, measure: m } = input;
  const year = Number(stichtag.slice(0, 4));
  const reasons: AmpelReason[] = [];
  const start = m.startYear != null ? quarterStart(m.startYear, m.startQuarter) : null;
  const indicators = input.indicators.map((i) => indicatorProgress(i, start, stichtag));
  const expectedCents = expectedSollCents(input.sollByYear, stichtag);
  const istCents = istToYear(input.istByYear, year);
  const abflussPercent = expectedCents > 0 ? Math.floor((istCents * 100) / expectedCents) : null;
  const done = (derived: Ampel): AmpelResult => ({
    derived, effective: input.override?.ampel ?? derived, override: input.override ?? null, reasons, indicators, expectedCents, istCents, abflussPercent,
  });

  if (m.status === 'abgeschlossen') { reasons.push({ rule: 'status', effect: 'abgeschlossen', text: 'Die Maßnahme ist abgeschlossen.' }); return done('abgeschlossen'); }
  if (m.status === 'zurueckgestellt') { reasons.push({ rule: 'status', effect: 'zurueckgestellt', text: 'Die Maßnahme ist zurückgestellt.' }); return done('zurueckgestellt'); }
  if (!ACTIVE.includes(m.status)) { reasons.push({ rule: 'status', effect: 'nicht-begonnen', text: 'Die Maßnahme ist noch nicht beschlossen.' }); return done('nicht-begonnen'); }

  const overdue = input.milestones.filter((x) => isOverdue(x, stichtag));
  for (const x of overdue) {
    reasons.push({ rule: 'meilenstein', effect: 'verzoegert', text: `Umsetzungsschritt „${x.title}“ war fällig ${formatDue(x.dueYear, x.dueQuarter)} und ist nicht erledigt.` });
  }
  for (const x of input.milestones.filter(doneLate)) {
    reasons.push({ rule: 'hinweis', effect: null, text: `Umsetzungsschritt „${x.title}“ wurde verspätet erledigt (fällig ${formatDue(x.dueYear, x.dueQuarter)}, erledigt ${germanDay(x.doneOn!)}).` });
  }
  if (m.endYear != null && quarterEnd(m.endYear, m.endQuarter) < stichtag) {
    reasons.push({ rule: 'laufzeit', effect: 'verzoegert', text: `Die Laufzeit endete ${formatDue(m.endYear, m.endQuarter)}; die Maßnahme ist nicht abgeschlossen.` });
  }
  const notStarted = m.status === 'beschlossen' && start !== null && start > stichtag;
  if (notStarted && overdue.length === 0) {
    reasons.push({ rule: 'beginn', effect: 'nicht-begonnen', text: `Beginn laut Plan ${formatDue(m.startYear, m.startQuarter)}.` });
    return done('nicht-begonnen');
  }

  const sollSoFar = sollToYear(input.sollByYear, year);
  if (expectedCents > 0 && istCents * 100 < expectedCents * MIN_ABFLUSS_PERCENT) {
    reasons.push({ rule: 'mittelabfluss', effect: 'gefaehrdet', text: `Mittelabfluss ${abflussPercent} % des bis zum Stichtag erwarteten Solls (unter ${MIN_ABFLUSS_PERCENT} %).` });
  }
  if (istCents > sollSoFar) {
    reasons.push({ rule: 'mittelabfluss', effect: 'gefaehrdet', text: 'Das Ist übersteigt das Soll der Jahre bis zum Stichtag.' });
  }
  for (const p of indicators) {
    const i = input.indicators.find((x) => x.id === p.indicatorId)!;
    if (p.targetValue === null) { reasons.push({ rule: 'hinweis', effect: null, text: `Indikator „${p.name}“: Zielwert ohne Zahl, Fortschritt nicht messbar.` }); continue; }
    if (!p.latest) { reasons.push({ rule: 'hinweis', effect: null, text: `Indikator „${p.name}“: noch kein Messwert.` }); continue; }
    if (p.progressPercent === null) continue;
    if (i.targetYear != null && quarterEnd(i.targetYear, 4) < stichtag && p.progressPercent < 100) {
      reasons.push({ rule: 'indikator', effect: 'gefaehrdet', text: `Indikator „${p.name}“: Zieljahr ${i.targetYear} vorbei, Ziel zu ${p.progressPercent} % erreicht.` });
    } else if (p.expectedPercent !== null && p.expectedPercent >= INDICATOR_LAG_POINTS && p.progressPercent <= p.expectedPercent - INDICATOR_LAG_POINTS) {
      reasons.push({ rule: 'indikator', effect: 'gefaehrdet', text: `Indikator „${p.name}“: ${p.progressPercent} % des Wegs zum Ziel, erwartet ${p.expectedPercent} %.` });
    }
  }
  const effects = new Set(reasons.map((r) => r.effect));
  return done(effects.has('verzoegert') ? 'verzoegert' : effects.has('gefaehrdet') ? 'gefaehrdet' : 'im-plan');
}

// ---------------------------------------------------------------------------------------------
// Contract: schemas

const dateRequired = (label: string) => isoDateSchema.refine((d) => d !== '', { error: `Bitte ${label} angeben.` });
const quarterSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'Das Quartal muss 1 bis 4 sein.' });
const shortText = (max: number, label: string) => z.string({ error: `${label}: Text erwartet.` }).max(max, { error: `${label}: höchstens ${max} Zeichen.` });

export const stichtagArgsSchema = z.object({ stichtag: dateRequired('den Stichtag').optional() }).strict();

export const actualSaveSchema = z.object({
  id: idSchema.optional(),
  budgetLineId: idSchema,
  kind: z.enum(ACTUAL_KINDS, { error: 'Art: „ist“ oder „abruf“ erwartet.' }),
  year: yearSchema,
  quarter: quarterSchema.nullable().default(null),
  amountCents: centsSchema,
  source: shortText(300, 'Quelle').default(''),
  note: shortText(2000, 'Notiz').default(''),
}).strict();
export type ActualSave = z.output<typeof actualSaveSchema>;

export const measurementSaveSchema = z.object({
  id: idSchema.optional(),
  indicatorId: idSchema,
  date: dateRequired('das Datum des Messwerts'),
  value: z.number({ error: 'Der Messwert muss eine Zahl sein.' }).finite({ error: 'Der Messwert muss eine Zahl sein.' })
    .min(-1e12, { error: 'Der Messwert ist zu groß.' }).max(1e12, { error: 'Der Messwert ist zu groß.' }),
  source: shortText(300, 'Quelle').default(''),
  note: shortText(2000, 'Notiz').default(''),
}).strict();

export const milestoneDoneSchema = z.object({
  id: idSchema,
  done: z.boolean({ error: 'Erledigt: ja oder nein erwartet.' }),
  /** Date done (default: today); ignored when reopening. */
  doneOn: dateRequired('das Datum der Erledigung').optional(),
  note: shortText(2000, 'Notiz').default(''),
}).strict();

export const ampelOverrideSchema = z.object({
  measureId: idSchema,
  /** null removes the override (the derived Ampel applies again). */
  ampel: z.enum(AMPELN, { error: 'Unbekannte Ampel.' }).nullable(),
  reason: shortText(2000, 'Begründung').default(''),
}).strict().superRefine((o, ctx) => {
  if (o.ampel !== null && o.reason.trim() === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Bitte begründen, warum die Ampel von Hand gesetzt wird.' });
});

export const berichtExportSchema = z.object({
  stichtag: dateRequired('den Stichtag').optional(),
  anonymise: z.boolean().optional(),
  /** Compare with this festgeschriebene Bericht instead of the latest one. */
  sinceBerichtId: idSchema.optional(),
  gremium: shortText(200, 'Gremium').optional(),
}).strict();
export type BerichtExportOptions = z.output<typeof berichtExportSchema>;

export const berichtFestschreibenSchema = z.object({
  stichtag: dateRequired('den Stichtag'),
  name: z.string({ error: 'Name: Text erwartet.' }).trim().min(1, { error: 'Bitte einen Namen angeben (z. B. „Sachstandsbericht 2026“).' }).max(200),
  gremium: shortText(200, 'Gremium').default(''),
}).strict();

export const fortschreibungPreviewSchema = z.object({}).strict();
export const fortschreibungSchema = z.object({
  path: z.string({ error: 'Bitte einen Dateinamen angeben.' }).min(1, { error: 'Bitte einen Dateinamen angeben.' }).max(4096)
    .refine((p) => p.toLowerCase().endsWith('.wirplan'), { error: 'Der neue Plan braucht die Endung .wirplan.' }),
  title: z.string().trim().min(1, { error: 'Bitte einen Titel für den neuen Plan angeben.' }).max(200),
  firstYear: yearSchema,
  lastYear: yearSchema,
  /** Unfinished measures that carry over (ids kept). */
  carryOverIds: z.array(idSchema).max(20_000),
  /** Measures to close (status abgeschlossen) in the current plan before the copy; they stay behind. */
  closeIds: z.array(idSchema).max(20_000).default([]),
}).strict().refine((f) => f.lastYear >= f.firstYear, { path: ['lastYear'], error: 'Das letzte Jahr liegt vor dem ersten.' });

// ---------------------------------------------------------------------------------------------
// Contract: results

export interface Actual {
  id: string; budgetLineId: string; kind: ActualKind; year: number; quarter: Quarter | null;
  amountCents: number; source: string; note: string; recordedAt: string;
}

export interface Measurement { id: string; indicatorId: string; date: string; value: number; source: string; note: string }

export interface MilestoneDone { milestoneId: string; doneOn: string; note: string }

export interface BerichtInfo { id: string; name: string; stichtag: string; snapshotId: string | null; createdAt: string; createdBy: string }

/** What a festgeschriebener Bericht remembers besides the plan content (in its snapshot). */
export interface BerichtState {
  version: 1;
  stichtag: string;
  measures: Record<string, { ampel: Ampel; istCents: number; milestonesDone: number; overdue: number }>;
  istTotalCents: number;
}

/** One measure in the Steuerungsgruppe view. In monitoring.overview, ampel.indicators, sollByYear and istByYear are empty (see monitoring.measure). */
export interface SteuerungRow {
  measureId: string;
  code: string;
  title: string;
  baustelleId: string;
  baustelleLabel: string;
  status: MeasureStatus;
  responsibleActorId: string | null;
  responsibleActorName: string | null;
  ampel: AmpelResult;
  sollCents: number;
  sollByYear: Record<string, number>;
  istByYear: Record<string, number>;
  /** Fördermittel: Förderanteil of bewilligt lines vs drawn (abgerufen). */
  foerderBewilligtCents: number;
  foerderAbgerufenCents: number;
  milestonesTotal: number;
  milestonesDone: number;
  overdue: { id: string; title: string; due: string }[];
  /** German lines: what changed since the last festgeschriebene Bericht (empty without one). */
  changes: string[];
  /** Measure new since the last Bericht. */
  isNew: boolean;
}

export interface SteuerungGroup {
  key: string;
  label: string;
  counts: Record<Ampel, number>;
  sollCents: number;
  expectedCents: number;
  istCents: number;
  measureCount: number;
}

export interface SteuerungOverview {
  stichtag: string;
  lastBericht: BerichtInfo | null;
  rows: SteuerungRow[];
  byBaustelle: SteuerungGroup[];
  byActor: SteuerungGroup[];
  totals: { sollCents: number; expectedCents: number; istCents: number; foerderBewilligtCents: number; foerderAbgerufenCents: number; counts: Record<Ampel, number> };
  /** Measures removed since the last Bericht (code and title). */
  removedSinceBericht: { code: string; title: string }[];
}

export interface MonitoringLine {
  id: string; year: number; costKind: string; fundingKind: string; produkt: string; kostenstelle: string; programme: string;
  foerderquoteBp: number | null; state: string; amountCents: number; actuals: Actual[];
}

export interface MonitoringIndicator {
  id: string; name: string; baseline: string; target: string; targetYear: number | null; dataSource: string;
  values: Measurement[]; progress: IndicatorProgress;
}

export interface MonitoringMilestone {
  id: string; title: string; dueYear: number | null; dueQuarter: Quarter | null; done: boolean; doneOn: string | null; overdue: boolean; late: boolean;
}

export interface MonitoringMeasure {
  stichtag: string;
  measureId: string;
  code: string;
  title: string;
  status: MeasureStatus;
  ampel: AmpelResult;
  lines: MonitoringLine[];
  indicators: MonitoringIndicator[];
  milestones: MonitoringMilestone[];
}

export interface FortschreibungCandidate {
  measureId: string; code: string; title: string; status: MeasureStatus; ampel: Ampel;
  /** Suggested: carry over (unfinished), close (all steps done but not abgeschlossen), or stays behind (finished). */
  suggestion: 'uebernehmen' | 'abschliessen' | 'abgeschlossen';
}

export interface FortschreibungPreview {
  title: string;
  suggestedTitle: string;
  suggestedFirstYear: number;
  suggestedLastYear: number;
  candidates: FortschreibungCandidate[];
  predecessor: PredecessorInfo | null;
}

export interface PredecessorInfo { id: string; path: string; title: string; period: string }

export function emptyCounts(): Record<Ampel, number> {
  return Object.fromEntries(AMPELN.map((a) => [a, 0])) as Record<Ampel, number>;
}

/** Today in Europe/Berlin as YYYY-MM-DD. */
export function berlinDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '1970-01-01';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

// ---------------------------------------------------------------------------------------------
// Ist from the Kämmerei (XLSX/CSV): one row per booking sum, matched to a budget line by measure
// code and/or Produkt/Kostenstelle and the year.

export const IST_IMPORT_FIELDS = ['code', 'produkt', 'kostenstelle', 'year', 'quarter', 'amount', 'kind', 'source'] as const;
export type IstImportField = (typeof IST_IMPORT_FIELDS)[number];
export const IST_IMPORT_LABELS: Record<IstImportField, string> = {
  code: 'Maßnahme (Nr.)', produkt: 'Produkt', kostenstelle: 'Kostenstelle', year: 'Jahr', quarter: 'Quartal', amount: 'Betrag (Ist)', kind: 'Art (Ist/Abruf)', source: 'Quelle/Buchungstext',
};
/** Headers recognised per field (lower case, without spaces and punctuation). */
export const IST_IMPORT_HEADERS: Record<IstImportField, string[]> = {
  code: ['maßnahme', 'massnahme', 'maßnahmennr', 'massnahmennr', 'nr', 'maßnahmennummer', 'code'],
  produkt: ['produkt', 'produktnr', 'produktnummer'],
  kostenstelle: ['kostenstelle', 'kst', 'kostenstellennr'],
  year: ['jahr', 'haushaltsjahr', 'hhj'],
  quarter: ['quartal', 'q'],
  amount: ['betrag', 'ist', 'istbetrag', 'ergebnis', 'summe', 'betragineur', 'betrageur'],
  kind: ['art'],
  source: ['quelle', 'buchungstext', 'text', 'bemerkung'],
};

export const istImportSchema = z.object({
  fileName: z.string({ error: 'Dateiname fehlt.' }).trim().min(1, { error: 'Dateiname fehlt.' }).max(500)
    .refine((n) => /\.(xlsx|csv|txt)$/iu.test(n), { error: 'Bitte eine Excel-Datei (.xlsx) oder eine CSV-Datei (.csv) wählen.' }),
  base64: z.string({ error: 'Dateiinhalt fehlt.' }).min(1, { error: 'Die Datei ist leer.' }).max(28_000_000, { error: 'Die Datei ist zu groß (höchstens 20 MB).' }),
  /** Sheet name (default: the first with recognised columns). */
  sheet: z.string().max(200).optional(),
  /** Column header per field; default: recognised from the headers. */
  columns: z.partialRecord(z.enum(IST_IMPORT_FIELDS), z.string().max(200)).optional(),
  /** false: check only (writes nothing); true: apply all rows in one step, or none. */
  apply: z.boolean().default(false),
}).strict();

export interface IstImportRow {
  row: number;
  ok: boolean;
  errors: string[];
  measureCode: string | null;
  year: number | null;
  quarter: number | null;
  kind: ActualKind;
  amountCents: number | null;
  /** The budget line it goes to, in words. */
  target: string | null;
  /** Replaces an Ist already recorded for the same line, kind, year and quarter. */
  replaces: boolean;
}

export interface IstImportReport {
  sheet: string;
  sheets: string[];
  headers: string[];
  columns: Partial<Record<IstImportField, string>>;
  rows: IstImportRow[];
  okCount: number;
  errorCount: number;
  totalCents: number;
  applied: boolean;
}
