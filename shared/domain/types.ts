import type { ActorKind, BudgetState, CostKind, FundingKind, MeasureStatus, Quarter, Role } from './enums.ts';
import type { Laufzeit } from './period.ts';

/** A measure (Maßnahme) as stored. */
export interface Measure {
  id: string;
  code: string;
  title: string;
  description: string;
  goal: string;
  need: string;
  /** Ausgangslage (Maßnahmenblatt): the situation the measure starts from. */
  ausgangslage: string;
  /** Hemmnisse/Risiken (Maßnahmenblatt). */
  risks: string;
  baustelleId: string;
  furtherBaustellenIds: string[];
  status: MeasureStatus;
  startYear: number | null;
  startQuarter: Quarter | null;
  endYear: number | null;
  endQuarter: Quarter | null;
  /** Derived from start/end, never stored (see shared/domain/period.ts); null while open. */
  laufzeit: Laufzeit | null;
  notes: string;
  grundmauerIds: string[];
  frageIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** One row of the measures table: the measure plus what the table shows beside it. */
export interface MeasureRow extends Measure {
  responsibleActorId: string | null;
  responsibleActorName: string | null;
  totalCents: number;
  costsByYear: Record<string, number>;
}

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  orgUnit: string;
  contactPerson: string;
  contactDetails: string;
  notes: string;
}

export interface Responsibility {
  measureId: string;
  actorId: string;
  role: Role;
}

export interface BudgetLine {
  id: string;
  measureId: string;
  year: number;
  amountCents: number;
  costKind: CostKind;
  fundingKind: FundingKind;
  /** Kreishaushalt: Produkt and Kostenstelle */
  produkt: string;
  kostenstelle: string;
  /** Fördermittel: programme and Förderquote in basis points (10000 = 100 %) */
  programme: string;
  foerderquoteBp: number | null;
  state: BudgetState;
  note: string;
  /** Set when the line is one year of a multi-year series (shared/domain/series.ts); edited through the series. */
  seriesId?: string | null;
}

export interface MeasureDetail {
  measure: Measure;
  responsibilities: Responsibility[];
  budgetLines: BudgetLine[];
  totalCents: number;
  /** Umsetzungsschritte, by position. */
  milestones: Milestone[];
  /** Erfolgsindikatoren, by position. */
  indicators: Indicator[];
  /** Ids of measures this one depends on (must wait for). */
  dependsOn: string[];
  /** Ids of measures that depend on this one. */
  dependents: string[];
}

export interface Totals {
  totalCents: number;
  byMeasure: Record<string, number>;
  byYear: Record<string, number>;
  byBaustelle: Record<string, number>;
  byBaustelleYear: Record<string, Record<string, number>>;
  years: number[];
}

export interface PlanInfo {
  path: string;
  fileName: string;
  title: string;
  landkreis: string;
  schemaVersion: number;
  catalogueId: string;
  catalogueVersion: number;
  measureCount: number;
  actorCount: number;
  createdAt: string;
  /** Planungszeitraum (first and last year), or null while not set. */
  periodFirstYear?: number | null;
  periodLastYear?: number | null;
  /** Opened to read only, because someone else is writing the plan (their lock); null when this window writes. */
  readOnly: ReadOnlyInfo | null;
  /** Why the automatic backups of this plan currently fail (German, for a warning), or null while they work. */
  backupProblem: string | null;
  /** Only from plan.open with journal 'keep-aside': where the hot -journal was moved (kept for recovery). */
  journalAside?: string;
}

/** Who writes a plan that this window only reads; message: "Nur lesen – geöffnet von … auf … seit …". */
export interface ReadOnlyInfo {
  user: string | null;
  machine: string | null;
  since: string | null;
  message: string;
}

export interface RecentPlan {
  path: string;
  title: string;
  openedAt: string;
  exists: boolean;
  /** Why the last attempt to open it failed (German); such a plan is not reopened at start. */
  failed?: string;
  failedAt?: string;
}

/** What „Als bereinigte Kopie öffnen“ made: the new plan, and what it left out. */
export interface CleanCopyResult {
  info: PlanInfo;
  /** The new file (beside the original, which stays untouched). */
  path: string;
  copiedRows: number;
  /** One German line per table with rows left out, and per schema object not carried over. */
  dropped: string[];
}

// ---- Maßnahmenblatt, Fragen, overviews, history, views (schema version 2) ----

/** Umsetzungsschritt / Meilenstein of a measure. */
export interface Milestone {
  id: string;
  measureId: string;
  title: string;
  dueYear: number | null;
  dueQuarter: Quarter | null;
  done: boolean;
  position: number;
}

/** Erfolgsindikator of a measure. Baseline and target are free text ("12 %", "150 Personen/Jahr"). */
export interface Indicator {
  id: string;
  measureId: string;
  name: string;
  baseline: string;
  target: string;
  targetYear: number | null;
  dataSource: string;
  position: number;
}

/** A Frage für den gemeinsamen Weiterbau with the plan's answer and the measures linked to it. */
export interface FrageStatus {
  frageId: string;
  baustelleId: string;
  actorGroup: string;
  position: number;
  text: string;
  /** null while unanswered. */
  answer: string | null;
  answeredBy: string | null;
  updatedAt: string | null;
  measureIds: string[];
}

/** Workload of one actor across all measures. */
export interface ActorLoad {
  actorId: string;
  name: string;
  kind: ActorKind;
  counts: Record<Role, number>;
  /** All measures the actor is entered for, in any role. */
  total: number;
  /** Measures in Planung … in Umsetzung where the actor is verantwortlich. */
  activeResponsible: number;
  overloaded: boolean;
  /** German reason when overloaded, else null. */
  overloadReason: string | null;
}

export interface ActorLoadReport {
  actors: ActorLoad[];
  /** Active measures of the whole plan (in Planung … in Umsetzung). */
  activeMeasures: number;
  /** The overload rule in one German sentence, for a tooltip. */
  rule: string;
}

/** Coverage of one Baustelle × actor group: catalogue item ids, adopted (linked to ≥ 1 measure) vs open. */
export interface CoverageCell {
  grundmauernAdopted: string[];
  grundmauernOpen: string[];
  fragenAnswered: string[];
  fragenOpen: string[];
}

export interface CoverageBaustelle {
  baustelleId: string;
  number: number;
  shortTitle: string;
  /** Measures with this Baustelle as their primary one. */
  measureCount: number;
  /** Of those: measures with a bewilligt budget line or a Kreishaushalt line. */
  fundedMeasureCount: number;
  grundmauernCount: number;
  grundmauernAdopted: number;
  fragenCount: number;
  fragenAnswered: number;
  /** Keyed by actor group slug (lokale-verwaltung, politik, zivilgesellschaft, alle-menschen). */
  cells: Record<string, CoverageCell>;
}

export interface Coverage {
  actorGroups: string[];
  baustellen: CoverageBaustelle[];
  /** How "funded" is counted, in German, for a tooltip. */
  fundedRule: string;
}

export interface TimelineQuarter { year: number; quarter: Quarter; label: string }

export interface TimelineMilestone {
  id: string;
  title: string;
  dueYear: number | null;
  dueQuarter: Quarter | null;
  done: boolean;
  /** Index into Timeline.quarters (a missing quarter counts as Q4); null without a due year. */
  index: number | null;
}

export interface TimelineRow {
  measureId: string;
  code: string;
  title: string;
  baustelleId: string;
  status: MeasureStatus;
  laufzeit: Laufzeit | null;
  startYear: number | null;
  startQuarter: Quarter | null;
  endYear: number | null;
  endQuarter: Quarter | null;
  /** Indexes into Timeline.quarters (start: missing quarter = Q1, end: missing quarter = Q4); null when open. */
  startIndex: number | null;
  endIndex: number | null;
  milestones: TimelineMilestone[];
  dependsOn: string[];
}

export interface Timeline {
  /** Every quarter from the earliest start/milestone to the latest end/milestone; empty when nothing is dated. */
  quarters: TimelineQuarter[];
  /** By start (undated last), then code. */
  rows: TimelineRow[];
}

/** One recorded row change inside a history step. */
export interface HistoryChange {
  /** measure, actor, responsibility, budget, milestone, indicator, dependency, frage-answer, meta, snapshot, vorlage-settings, step, plan, history (and the prioritisation's own) */
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  /** Field by field, old → new (German labels, money formatted); from the row's before/after images. */
  fields?: { label: string; before: string; after: string }[];
}

/** One step of the Änderungsprotokoll: what one user action changed (one undo step). */
export interface HistoryStep {
  /** Step id (the txn; "seq:<n>" for entries from before schema 2). */
  id: string;
  /** The step's first change-log entry: `before` of history.list for the next, older page. */
  seq: number;
  at: string;
  user: string;
  summary: string;
  /** change: a change of plan data; undo/redo: the act of undoing/redoing; other: e.g. plan created. */
  kind: 'change' | 'undo' | 'redo' | 'other';
  /** applied: in effect; undone: on the redo stack; discarded: undone and then superseded by a new change. */
  state: 'applied' | 'undone' | 'discarded';
  changes: HistoryChange[];
}

export interface HistoryStatus {
  /** What Ctrl+Z would undo (German summary), or null. */
  undo: { summary: string; at: string; user: string } | null;
  redo: { summary: string; at: string; user: string } | null;
}

export interface UndoResult {
  /** German, e.g. „Rückgängig gemacht: Maßnahme M-1.01 gelöscht“. */
  summary: string;
  /** What the step touched, so the UI can refresh or navigate. */
  changes: HistoryChange[];
  status: HistoryStatus;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SavedView {
  id: string;
  name: string;
  /** Opaque UI state (filters, sorting, columns). */
  state: JsonValue;
  createdAt: string;
  updatedAt: string;
}
