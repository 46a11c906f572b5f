// The one typed contract between UI and backend. Every method takes one JSON
// args object (validated by the schema below at the backend boundary) and
// resolves to a JSON result. Errors travel as { code, message } with a German
// message for the planner.
import { z } from 'zod';
import { seriesSaveSchema, type BudgetSeries } from '../domain/series.ts';
import { checkPlanPeriod, planPeriodArgs } from '../domain/plan-period.ts';
import type { Freshness } from './freshness.ts';
import type { Catalogue } from '../catalogue/types.ts';
import {
  actorCreateSchema, actorPatchSchema, budgetCreateSchema, budgetPatchSchema, idSchema, measureCreateSchema,
  measurePatchSchema, planPathSchema, roleSchema,
} from '../domain/schemas.ts';
import {
  bulkUpdateSchema, dependenciesSetSchema, frageAnswerSchema, indicatorSaveSchema, jsonValueSchema, milestoneSaveSchema,
  prefKeySchema, viewSaveSchema,
} from '../domain/schemas.ts';
import type {
  Actor, BudgetLine, Measure, MeasureDetail, MeasureRow, PlanInfo, RecentPlan, Responsibility, Totals,
} from '../domain/types.ts';
import type { CleanCopyResult } from '../domain/types.ts';
import type {
  ActorLoadReport, Coverage, FrageStatus, HistoryStatus, HistoryStep, Indicator, JsonValue, Milestone, SavedView, Timeline,
  UndoResult,
} from '../domain/types.ts';
import {
  importFileSchema, importRunSchema, type ImportApplyResult, type ImportPreview, type ImportReport,
} from '../domain/exchange.ts';
import {
  snapshotCreateSchema, vorlageExportSchema, vorlageSettingsGetSchema, vorlageSettingsSchema, type SnapshotDiff, type SnapshotInfo,
  type VorlageSettings, type VorlageSettingsInfo,
} from '../domain/vorlage.ts';
import {
  criteriaReorderSchema, criteriaSaveAllSchema, criterionSaveSchema, framesSetSchema, optimiserExplainSchema, optimiserRunSchema,
  optimiserWhatIfSchema, prioritiesGetSchema, scenarioCompareSchema, scenarioSaveSchema, scoreSetSchema, scoresSetManySchema, setFixedSchema,
  type Finanzplan, type FramesResult, type OptimiserMeasure, type OptimiserRun, type PlanCriterion, type PrioritiesResult, type Scenario,
  type ScenarioComparison, type ScenarioSettings, type WhatIfResult,
} from '../domain/priorities.ts';
import {
  raterAddSchema, roundApplySchema, roundCreateSchema, roundUpdateSchema, sheetFileSchema, type RaterInfo, type RoundAggregate, type RoundApplyResult,
  type RoundDetail, type RoundSummary, type SheetCheck, type SheetImportResult,
} from '../domain/rounds.ts';
import { serverSchema, type ConflictView, type CopyPreview, type MergeOutcome, type SyncResult, type SyncStatus } from '../domain/sync.ts';
import {
  actualSaveSchema, ampelOverrideSchema, berichtExportSchema, berichtFestschreibenSchema, fortschreibungPreviewSchema, fortschreibungSchema,
  istImportSchema, measurementSaveSchema, milestoneDoneSchema, stichtagArgsSchema, type Actual, type IstImportReport, type AmpelOverride, type BerichtInfo, type FortschreibungPreview,
  type Measurement, type MonitoringMeasure, type PredecessorInfo, type SteuerungOverview,
} from '../domain/monitoring.ts';
import {
  documentSettingsSchema, measureHaushaltSchema, type DocumentSettings, type MeasureHaushalt,
} from '../domain/vorlage.ts';
import type { AnonymFinding } from '../domain/anonymise.ts';

const none = z.object({}).strict();

export const ARGS = {
  'plan.info': none,
  'plan.recent': none,
  /** Removes a file from the recent list (the file itself is not touched). */
  'plan.forgetRecent': z.object({ path: z.string().min(1).max(4096) }),
  'plan.new': z.object({ path: planPathSchema, title: z.string().max(200).optional(), landkreis: z.string().max(200).optional() }),
  'plan.createDemo': z.object({ path: planPathSchema }),
  'plan.open': z.object({ path: planPathSchema, journal: z.enum(['refuse', 'keep-aside']).optional() }),
  'plan.saveAs': z.object({ path: planPathSchema }),
  /** Stops the check of a plan.open in progress (the open then fails with "abgebrochen"); false when none runs. */
  'plan.cancelOpen': none,
  /**
   * A plan file the open gate refused (foreign schema, planted history, timeout): copies only the
   * known tables' valid rows into a new plan file beside it and opens that; the original stays untouched.
   */
  'plan.openCleanCopy': z.object({ path: planPathSchema }),
  'plan.close': none,
  'plan.update': z.object({ title: z.string().trim().min(1, { error: 'Bitte einen Plantitel angeben.' }).max(200, { error: 'Titel des Plans: höchstens 200 Zeichen. Es wird nichts abgeschnitten; bitte kürzen.' }).optional(), landkreis: z.string().trim().max(200, { error: 'Landkreis: höchstens 200 Zeichen.' }).optional(),
    ...planPeriodArgs }).superRefine(checkPlanPeriod),
  /** Backups of the open plan, newest first. */
  'plan.backups': none,
  /** Backups of any plan file, without opening it (offered when a plan fails to open). */
  'plan.backupsFor': z.object({ path: planPathSchema }),
  /** Restores a backup as the current plan (the open one, or `path`) and opens it; the state before is backed up first. */
  'plan.restore': z.object({ backupId: z.string({ error: 'Bitte eine Sicherung auswählen.' }).min(1, { error: 'Bitte eine Sicherung auswählen.' }).max(200), path: planPathSchema.optional() }),

  'catalogue.get': none,

  'measures.list': none,
  'measures.get': z.object({ id: idSchema }),
  /** The rows of measures.list for these ids (those that exist): how the UI patches one row instead of reloading the list. */
  'measures.rows': z.object({ ids: z.array(idSchema).max(1_000) }),
  'measures.create': measureCreateSchema,
  'measures.adopt': z.object({ grundmauerId: idSchema }),
  'measures.update': z.object({ id: idSchema, patch: measurePatchSchema }),
  'measures.delete': z.object({ id: idSchema }),

  'actors.list': none,
  'actors.create': actorCreateSchema,
  'actors.update': z.object({ id: idSchema, patch: actorPatchSchema }),
  'actors.delete': z.object({ id: idSchema }),

  'responsibilities.list': none,
  'responsibilities.set': z.object({ measureId: idSchema, actorId: idSchema, role: roleSchema }),
  'responsibilities.remove': z.object({ measureId: idSchema, actorId: idSchema }),

  'budget.create': budgetCreateSchema,
  'budget.update': z.object({ id: idSchema, patch: budgetPatchSchema }),
  'budget.delete': z.object({ id: idSchema }),
  'budget.totals': none,

  // Multi-year budget series (schema 6): one entry, stored with the per-year lines it generates.
  'series.list': z.object({ measureId: idSchema.optional() }),
  'series.save': seriesSaveSchema,
  'series.delete': z.object({ id: idSchema }),

  'export.docx': z.object({}).strict(),

  // ---- Committee documents, decision snapshots, XLSX exchange (schema 4) ----
  /**
   * Sitzungsvorlage as DOCX (Kopf, Beratungsfolge, Beschlussvorschlag, Sachverhalt, Finanzielle Auswirkungen, Anlagen 1–3).
   * Every option is optional: missing Kopf fields, Beratungsfolge, Beschlussvorschlag and Sachverhalt come from the saved
   * settings, then from the plan. anonymise: only organisation units (no Ansprechpersonen, Kontaktdaten, Bearbeiter:in).
   * changesSince: a snapshot id, adds "Änderungen seit …". remember: also save the settings used (one undo step).
   */
  'export.vorlage': vorlageExportSchema,
  /** Saved settings, defaults drawn from the plan for the selection, and what export would use; hasScores: Anlage 3 available. */
  'vorlage.settings.get': vorlageSettingsGetSchema,
  /** Saves Kopf, Beratungsfolge, Beschlussvorschlag (null = drawn from the plan) and Sachverhalt for this plan (one undo step). */
  'vorlage.settings.save': vorlageSettingsSchema,

  // ---- council-grade documents (issue 13)
  /** What an anonymised export of the Vorlage with these options removes from free text (e-mail, phone, web addresses, names). */
  'vorlage.anonymise.preview': vorlageExportSchema,
  /** Stops the running document export (export.vorlage / export.docx); that call then fails with „Export abgebrochen“. */
  'export.cancel': none,
  /** The plan's settings for documents: adopted budget years, gender form. */
  'documents.settings.get': none,
  'documents.settings.save': documentSettingsSchema,
  /** Folgekosten and Stellen (VZÄ per year, Entgeltgruppe) of every measure that has any. */
  'measures.haushalt.list': none,
  /** Sets Folgekosten and Stellen of one measure (an empty entry removes it); one undo step. */
  'measures.haushalt.set': measureHaushaltSchema,
  /** "Stand festschreiben": freezes measures, costs per year, rank, verantwortliche Stelle, period and status (one undo step). */
  'snapshots.create': snapshotCreateSchema,
  /** Festgeschriebene Stände, newest Sitzungsdatum first. */
  'snapshots.list': none,
  'snapshots.delete': z.object({ id: idSchema }),
  /** Änderungsliste of the plan now against a snapshot: added, removed, changed (cost per year, priority, responsibility, period, status). */
  'snapshots.diff': z.object({ snapshotId: idSchema }),
  /** Workbook with the sheets Maßnahmen, Budgetpositionen, Akteure, Zuständigkeiten (ids included: lossless round trip). */
  'export.xlsx': none,
  /** Reads an .xlsx or .csv (";", UTF-8, German decimals): sheets, columns, suggested mapping. Writes nothing. */
  'import.preview': importFileSchema,
  /** Per-row report for a mapping: ok or German errors, create/update, matched by id/code/name. Writes nothing. */
  'import.validate': importRunSchema,
  /** Applies all rows in one transaction (one undo step); refuses (code 'import-invalid') if any row is invalid. */
  'import.apply': importRunSchema,

  // ---- Maßnahmenblatt (schema 2). Each write of plan data is one undo step (views and prefs are UI state, not undoable). ----
  /** Without id: new Umsetzungsschritt appended at the end (or at `position`); with id: update, omitted fields kept. */
  'milestones.save': milestoneSaveSchema,
  'milestones.delete': z.object({ id: idSchema }),
  /** Without id: new Erfolgsindikator; with id: update, omitted fields kept. */
  'indicators.save': indicatorSaveSchema,
  'indicators.delete': z.object({ id: idSchema }),
  /** Replaces the measures `measureId` depends on. Refuses self-dependency and cycles (message names the codes). */
  'dependencies.set': dependenciesSetSchema,

  /** Every Frage für den gemeinsamen Weiterbau with the plan's answer and linked measures. */
  'fragen.list': none,
  /** Records the answer (answeredBy = the session user); an empty answer removes it. */
  'fragen.answer': frageAnswerSchema,
  /** New measure (status Idee) under the Frage's Baustelle, linked to the Frage; title defaults to the Frage's text. */
  'measures.createFromFrage': z.object({ frageId: idSchema, title: z.string().trim().min(1, { error: 'Bitte einen Titel angeben.' }).max(200, { error: 'Titel: höchstens 200 Zeichen.' }).optional() }),
  /**
   * Sets status and/or verantwortliche Stelle of several measures: all or nothing, one undo step.
   * A new verantwortliche Stelle replaces the old one, which stays on the measure as mitwirkend.
   */
  'measures.bulkUpdate': bulkUpdateSchema,

  /** Per actor: measures per role, total, active verantwortlich count and the overload flag. */
  'actors.load': none,
  /** Baustellen × actor groups: Grundmauern adopted/open, Fragen answered/open; per Baustelle counts. */
  'coverage.get': none,
  /** Measures on a quarter axis with their Umsetzungsschritte. */
  'timeline.get': none,

  /** Änderungsprotokoll, newest first, grouped into steps. entityId: only steps touching it (a measure id includes its budget lines, milestones, …). limit: steps, default 100. before: only steps older than this step `seq` (the next page). */
  'history.list': z.object({ entityId: idSchema.optional(), limit: z.number().int().min(1).max(1_000).optional(), before: z.number().int().min(1).optional() }),
  /** What undo/redo would do now (for menu labels and button states). */
  'history.status': none,
  /**
   * Undoes the latest step in effect (any write of plan data: measures, actors, responsibilities, budget lines,
   * Maßnahmenblatt lists, dependencies, Frage answers, plan title); error code 'nothing-to-undo' when there is none.
   * Survives closing the plan. Steps from before schema 2 and the creation of the plan cannot be undone.
   */
  'history.undo': none,
  /** Redoes the most recently undone step; error code 'nothing-to-redo'. A new change empties the redo stack. */
  'history.redo': none,

  /** Saved views ("Beschlussreif für den Sozialausschuss"): name + opaque UI state. Not part of undo. */
  'views.list': none,
  'views.save': viewSaveSchema,
  'views.delete': z.object({ id: idSchema }),
  /** Per-plan UI preferences (e.g. key "table.measures.columns"); null when unset. Not part of undo. */
  'prefs.get': z.object({ key: prefKeySchema }),
  /** value null removes the key. */
  'prefs.set': z.object({ key: prefKeySchema, value: jsonValueSchema }),

  // ---- Priorities and money (schema 5). Writes are undo steps like all plan data. ----
  'criteria.list': none,
  /** One criterion: without id new (weight 0 unless given), with id update. The sum of 100 is not checked here (see criteria.saveAll). */
  'criteria.save': criterionSaveSchema,
  /** The whole set in its order, weights summing to exactly 100 (validateWeights); criteria left out are deleted with their scores. */
  'criteria.saveAll': criteriaSaveAllSchema,
  /** Deletes a criterion with all its scores. */
  'criteria.delete': z.object({ id: idSchema }),
  'criteria.reorder': criteriaReorderSchema,
  /** Score 0–10 of one rater (1 or 2); null removes it. */
  'scores.set': scoreSetSchema,
  /** Several scores as one undo step. */
  'scores.setMany': scoresSetManySchema,
  /** Nutzwertanalyse: ranking with Teilnutzen, KO, completeness, rater divergences and weight sensitivity. */
  'priorities.get': prioritiesGetSchema,
  /** Haushaltsrahmen per year (Eigenanteil of the Kreis), with the plan's years and the Eigenanteil demand. */
  'frames.get': none,
  /** Sets (or with amountCents null removes) the frames of the given years; one undo step. */
  'frames.set': framesSetSchema,
  /** Finanzplan: years × Baustelle/measure/funding kind with Fördermittel, Drittmittel, Eigenmittel Dritter, Eigenanteil; warnings. */
  'finance.plan': none,
  /** Fixes a measure in ('in', e.g. beschlossen) or out, or releases it (null). */
  'measures.setFixed': setFixedSchema,
  /** The plan with the highest total Nutzwert within every year's frame (HiGHS), with a reason per measure. */
  'optimiser.run': optimiserRunSchema,
  /** "Warum nicht?": full explanation for one measure, including what would have to leave. */
  'optimiser.explain': optimiserExplainSchema,
  /** What if the frame of a year changed by extraCents. */
  'optimiser.whatIf': optimiserWhatIfSchema,
  'scenarios.list': none,
  'scenarios.save': scenarioSaveSchema,
  'scenarios.delete': z.object({ id: idSchema }),
  /** Replaces the Arbeitsstand (weights, frames, fixed decisions) by the scenario's; one undo step. */
  'scenarios.apply': z.object({ id: idSchema }),
  /** a, b: scenario ids or "arbeitsstand"; both are optimised and compared. */
  'scenarios.compare': scenarioCompareSchema,

  // ---- Beteiligungsrunde (schema 9). Writes are undo steps. ----
  'rounds.list': none,
  /** A round with its frozen criteria and measure list and its raters (returned or not). */
  'rounds.get': z.object({ id: idSchema }),
  /** New round over all measures and the plan's criteria as they are now (frozen into the round). */
  'rounds.create': roundCreateSchema,
  /** Rename, or close ('abgeschlossen': no more sheets are read in) / reopen. */
  'rounds.update': roundUpdateSchema,
  /** Deletes the round with its raters and their scores (one undo step). */
  'rounds.delete': z.object({ id: idSchema }),
  'rounds.addRater': raterAddSchema,
  /** Removes a rater and their scores. */
  'rounds.removeRater': z.object({ id: idSchema }),
  /** The Bewertungsbogen of one rater as XLSX. */
  'rounds.exportSheet': z.object({ raterId: idSchema }),
  /** Checks a returned sheet (plan, round, rater, checksum, measure list, values 0–10). Writes nothing. */
  'rounds.checkSheet': sheetFileSchema,
  /** Imports a returned sheet, all or nothing; the rater's earlier scores are replaced (one undo step). Code 'sheet-invalid' when it fails the check. */
  'rounds.importSheet': sheetFileSchema,
  /** Median, quartiles, min–max and count per measure × criterion, overall and by group; the Verhandlungsagenda. */
  'rounds.aggregate': z.object({ id: idSchema }),
  /** Writes the chosen aggregate (rounded half up) as the score of the Nutzwertanalyse; one undo step. */
  'rounds.applyToScores': roundApplySchema,
  // Merge of plan copies and the shared plan on PostgreSQL (issue 15).
  /** What a copy of this plan would bring: n changes, the conflicts with both values; changes nothing. */
  'sync.copyPreview': z.object({ path: planPathSchema }),
  /** Takes over the copy's changes: one transaction, one undo step; conflicts are stored for a decision. */
  'sync.copyMerge': z.object({ path: planPathSchema }),
  'sync.conflicts': none,
  'sync.resolve': z.object({ id: idSchema, choice: z.enum(['mine', 'theirs']) }),
  'sync.status': none,
  /** Push local changes, pull the others'; credentials only for this call, never stored in the plan. */
  'sync.run': z.object({ server: serverSchema }),
  // ---- Umsetzung and Monitoring (schema 8). Writes are undo steps like all plan data. ----
  /** Steuerungsgruppe: per measure Ampel, Soll/Ist, Fördermittel, late steps, changes since the last festgeschriebene Bericht; per Baustelle and actor. Stichtag default: today. */
  'monitoring.overview': stichtagArgsSchema,
  /** One measure's Umsetzung: budget lines with Ist/Abruf, indicators with Messwerte and progress, milestones with dates, Ampel with reasons. */
  'monitoring.measure': z.object({ measureId: idSchema }).extend(stichtagArgsSchema.shape).strict(),
  /** Records Ist (spent) or Abruf (Fördermittel drawn) of a budget line for a year (and quarter); the same line/kind/year/quarter again replaces it. */
  'actuals.save': actualSaveSchema,
  'actuals.delete': z.object({ id: idSchema }),
  /** Messwert of an Erfolgsindikator: date, value, source, note. */
  'measurements.save': measurementSaveSchema,
  'measurements.delete': z.object({ id: idSchema }),
  /** Marks an Umsetzungsschritt done on a date (default today) or open again. */
  'milestones.setDone': milestoneDoneSchema,
  /** Sets the Ampel of a measure by hand (a reason is required) or, with ampel null, returns to the derived one. */
  'ampel.override': ampelOverrideSchema,
  /** Festgeschriebene Sachstandsberichte, newest Stichtag first. */
  'bericht.list': none,
  /** "Bericht festschreiben": freezes the plan (a decision snapshot) and the Umsetzung at the Stichtag, for "Änderungen seit dem letzten Bericht". */
  'bericht.festschreiben': berichtFestschreibenSchema,
  'bericht.delete': z.object({ id: idSchema }),
  /** Sachstandsbericht (Mitteilungsvorlage, zur Kenntnis) as DOCX. */
  'export.bericht': berichtExportSchema,
  /** What a Fortschreibung would carry over, with suggestions, and the suggested title and period. */
  'fortschreibung.preview': fortschreibungPreviewSchema,
  /** Starts the next planning period as a new plan file (ids and history kept, linked to this plan) and opens it. */
  'fortschreibung.create': fortschreibungSchema,
  /** The plan this one continues (Fortschreibung), or null. */
  'plan.predecessor': none,
  /** Ist from a Kämmerei workbook/CSV: apply false checks every row (writes nothing); apply true takes all rows as one undo step or refuses (code 'import-invalid'). */
  'actuals.import': istImportSchema,
} as const;

export interface ApiResults {
  'plan.info': PlanInfo | null;
  'plan.recent': RecentPlan[];
  'plan.forgetRecent': RecentPlan[];
  'plan.new': PlanInfo;
  'plan.createDemo': PlanInfo;
  'plan.open': PlanInfo;
  'plan.saveAs': PlanInfo;
  'plan.cancelOpen': boolean;
  'plan.openCleanCopy': CleanCopyResult;
  'plan.close': null;
  'plan.update': PlanInfo;
  'plan.backups': BackupInfo[];
  'plan.backupsFor': BackupInfo[];
  'plan.restore': PlanInfo;

  'catalogue.get': Catalogue;

  'measures.list': MeasureRow[];
  'measures.get': MeasureDetail;
  'measures.rows': MeasureRow[];
  'measures.create': Measure;
  'measures.adopt': Measure;
  'measures.update': Measure;
  'measures.delete': null;

  'actors.list': Actor[];
  'actors.create': Actor;
  'actors.update': Actor;
  'actors.delete': null;

  'responsibilities.list': Responsibility[];
  'responsibilities.set': Responsibility[];
  'responsibilities.remove': Responsibility[];

  'budget.create': BudgetLine;
  'budget.update': BudgetLine;
  'budget.delete': null;
  'budget.totals': Totals;

  'series.list': BudgetSeries[];
  'series.save': BudgetSeries;
  'series.delete': null;

  'export.docx': { fileName: string; base64: string };

  'export.vorlage': { fileName: string; base64: string };
  'vorlage.settings.get': VorlageSettingsInfo;
  'vorlage.settings.save': { settings: VorlageSettings; updatedAt: string };

  'vorlage.anonymise.preview': { findings: AnonymFinding[] };
  'export.cancel': { cancelled: boolean };
  'documents.settings.get': DocumentSettings;
  'documents.settings.save': DocumentSettings;
  'measures.haushalt.list': MeasureHaushalt[];
  'measures.haushalt.set': MeasureHaushalt | null;
  'snapshots.create': SnapshotInfo;
  'snapshots.list': SnapshotInfo[];
  'snapshots.delete': null;
  'snapshots.diff': SnapshotDiff;
  'export.xlsx': { fileName: string; base64: string };
  'import.preview': ImportPreview;
  'import.validate': ImportReport;
  'import.apply': ImportApplyResult;

  'milestones.save': Milestone;
  'milestones.delete': null;
  'indicators.save': Indicator;
  'indicators.delete': null;
  'dependencies.set': { measureId: string; dependsOn: string[]; dependents: string[] };

  'fragen.list': FrageStatus[];
  'fragen.answer': FrageStatus;
  'measures.createFromFrage': Measure;
  'measures.bulkUpdate': Measure[];

  'actors.load': ActorLoadReport;
  'coverage.get': Coverage;
  'timeline.get': Timeline;

  'history.list': HistoryStep[];
  'history.status': HistoryStatus;
  'history.undo': UndoResult;
  'history.redo': UndoResult;

  'views.list': SavedView[];
  'views.save': SavedView;
  'views.delete': null;
  'prefs.get': JsonValue | null;
  'prefs.set': null;

  'criteria.list': PlanCriterion[];
  'criteria.save': PlanCriterion;
  'criteria.saveAll': PlanCriterion[];
  'criteria.delete': PlanCriterion[];
  'criteria.reorder': PlanCriterion[];
  'scores.set': { measureId: string; criterionId: string; rater: 1 | 2; score: number | null };
  'scores.setMany': { changed: number };
  'priorities.get': PrioritiesResult;
  'frames.get': FramesResult;
  'frames.set': FramesResult;
  'finance.plan': Finanzplan;
  'measures.setFixed': { measureId: string; fixed: 'in' | 'out' | null; reason: string };
  'optimiser.run': OptimiserRun;
  'optimiser.explain': OptimiserMeasure;
  'optimiser.whatIf': WhatIfResult;
  'scenarios.list': Scenario[];
  'scenarios.save': Scenario;
  'scenarios.delete': null;
  'scenarios.apply': ScenarioSettings;
  'scenarios.compare': ScenarioComparison;

  'rounds.list': RoundSummary[];
  'rounds.get': RoundDetail;
  'rounds.create': RoundDetail;
  'rounds.update': RoundDetail;
  'rounds.delete': null;
  'rounds.addRater': RaterInfo;
  'rounds.removeRater': null;
  'rounds.exportSheet': { fileName: string; base64: string };
  'rounds.checkSheet': SheetCheck;
  'rounds.importSheet': SheetImportResult;
  'rounds.aggregate': RoundAggregate;
  'rounds.applyToScores': RoundApplyResult;
  'sync.copyPreview': CopyPreview;
  'sync.copyMerge': MergeOutcome;
  'sync.conflicts': ConflictView[];
  'sync.resolve': ConflictView[];
  'sync.status': SyncStatus;
  'sync.run': SyncResult;
  'monitoring.overview': SteuerungOverview;
  'monitoring.measure': MonitoringMeasure;
  'actuals.save': Actual;
  'actuals.delete': null;
  'measurements.save': Measurement;
  'measurements.delete': null;
  'milestones.setDone': Milestone & { doneOn: string | null };
  'ampel.override': AmpelOverride | null;
  'bericht.list': BerichtInfo[];
  'bericht.festschreiben': BerichtInfo;
  'bericht.delete': null;
  'export.bericht': { fileName: string; base64: string };
  'fortschreibung.preview': FortschreibungPreview;
  'fortschreibung.create': { path: string; carried: number; closed: number; predecessor: PredecessorInfo };
  'plan.predecessor': PredecessorInfo | null;
  'actuals.import': IstImportReport;
}

export type Method = keyof typeof ARGS & keyof ApiResults;
export type ApiArgs = { [K in Method]: z.input<(typeof ARGS)[K]> };
export type ApiParsedArgs = { [K in Method]: z.output<(typeof ARGS)[K]> };
export type Api = { [K in Method]: (args: ApiArgs[K]) => Promise<ApiResults[K]> };
/** What a backend implements: args already validated. */
export type Handlers = { [K in Method]: (args: ApiParsedArgs[K]) => ApiResults[K] | Promise<ApiResults[K]> };

export const METHODS = Object.keys(ARGS) as Method[];
export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(ARGS, name);
}

/**
 * Methods that never change the open plan: all that a plan opened read-only (someone else writes it)
 * may call. Besides reads, the session's own file actions (open another plan, save a copy, close),
 * which write no byte of the open plan. Everything not listed here is refused centrally in dispatch,
 * so a new method is safe by default.
 */
export const READ_METHODS: ReadonlySet<Method> = new Set<Method>([
  'plan.info', 'plan.recent', 'plan.forgetRecent', 'plan.new', 'plan.createDemo', 'plan.open', 'plan.saveAs', 'plan.close',
  'plan.backups', 'plan.backupsFor', 'plan.restore',
  'catalogue.get', 'measures.list', 'measures.get', 'actors.list', 'responsibilities.list', 'budget.totals',
  'export.docx', 'export.vorlage', 'vorlage.settings.get', 'snapshots.list', 'snapshots.diff', 'export.xlsx',
  'import.preview', 'import.validate', 'fragen.list', 'actors.load', 'coverage.get', 'timeline.get',
  'history.list', 'history.status', 'views.list', 'prefs.get',
  'criteria.list', 'priorities.get', 'frames.get', 'finance.plan', 'optimiser.run', 'optimiser.explain', 'optimiser.whatIf',
  'scenarios.list', 'scenarios.compare',
  'rounds.list', 'rounds.get', 'rounds.exportSheet', 'rounds.checkSheet', 'rounds.aggregate',
  'sync.copyPreview', 'sync.conflicts', 'sync.status',
]);

export interface ApiError { code: string; message: string }

/** open: when the plan was opened; migration: before a format change; periodic: every 15 min while working;
 *  restore: before a restore replaced the plan; kept: the replaced file as it was; unsynced: a network plan's unsent working copy. */
export type BackupKind = 'open' | 'migration' | 'periodic' | 'restore' | 'kept' | 'unsynced';
export interface BackupInfo {
  /** File name of the backup; what plan.restore takes. */
  id: string;
  path: string;
  createdAt: string;
  kind: BackupKind;
  kindLabel: string;
  sizeBytes: number;
  /** Null when the backup cannot be read as a plan. */
  measureCount: number | null;
  /** Checked: a plan file that opens. */
  ok: boolean;
}
/** Every response; while a plan is open it also says the plan's revision and what the call changed (freshness.ts). */
export type Envelope<T> = ({ ok: true; value: T } | { ok: false; error: ApiError }) & Partial<Freshness>;

/** Events the host pushes to the renderer (menu commands, plan switched). */
export interface HostEvents {
  'menu': { command: 'plan.new' | 'plan.open' | 'plan.saveAs' | 'export.docx' | 'plan.demo' | 'history.undo' | 'history.redo' };
  'plan.changed': { path: string | null };
}
