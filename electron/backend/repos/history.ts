// Undo/redo on the Änderungsprotokoll. Each logged row carries complete before/after images, so
// undo puts the before images back (newest row first) and redo the after images (oldest first),
// exactly, inside one transaction. Because the log lives in the plan file, undo survives closing
// and reopening the plan, and a mailed file's log is input from outside: every image is parsed with
// its kind's schema (history-schemas.ts), must name its own row, and may not take more rows with
// it than the step records; otherwise the step is refused and nothing changes.
import { newId } from '../../../shared/domain/ids.ts';
import type { Actor, BudgetLine, HistoryChange, HistoryStatus, HistoryStep, Indicator, Milestone, Responsibility } from '../../../shared/domain/types.ts';
import type { BudgetFrame, Scenario, ScoreEntry } from '../../../shared/domain/priorities.ts';
import { z } from 'zod';
import type { Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import {
  actorImage, budgetImage, budgetSeriesImage, criterionImage, decisionImage, dependencyImage, frageAnswerImage, frameImage, indicatorImage, measureImage, metaImage,
  milestoneImage, responsibilityImage, scenarioImage, scoreImage, snapshotImage, stepImage, vorlageSettingsImage,
  roundImage, raterImage, sheetImage,
  actualImage, measurementImage, milestoneDoneImage, ampelOverrideImage, berichtImage, measureHaushaltImage,
} from './history-schemas.ts';
import { deleteActor, deleteResponsibility, getActor, insertActor, listActors, listResponsibilities, updateActor, upsertResponsibility } from './actors.ts';
import { deleteBudgetLine, getBudgetLine, insertBudgetLine, listBudgetLines, updateBudgetLine } from './budget.ts';
import type { ChangeContext } from './changelog.ts';
import { deleteFrageAnswer, getFrageAnswer, putFrageAnswer, type FrageAnswer } from './fragen.ts';
import { deleteMeasure, getMeasure, insertMeasure, updateMeasure, type StoredMeasure } from './measures.ts';
import { setMeta } from './meta.ts';
import { recordImages, registerImageSource } from '../sync/fieldlog.ts';
import { deleteHaushalt, listHaushalt, putHaushalt } from './haushalt.ts';
import type { MeasureHaushalt } from '../../../shared/domain/vorlage.ts';
import {
  deleteCriterion, deleteDecision, deleteFrame, deleteScenario, deleteScore, putCriterion, putDecision, putFrame, putScenario, putScore,
  listCriterionRecords, listDecisions, listFrames, listScenarios, listScores, scoreKey, type CriterionRecord, type Decision,
} from './priorities.ts';
import { deleteSnapshot, deleteVorlageSettingsRow, getSnapshotRow, getVorlageSettingsRow, putSnapshot, putVorlageSettingsRow, type SnapshotRow, type VorlageSettingsRow } from './snapshots.ts';
import { deleteDependency, deleteIndicator, deleteMilestone, listDependencies, listIndicators, listMilestones, putDependency, putIndicator, putMilestone, type Dependency } from './sheet.ts';
import { stmt } from './stmt.ts';
import { deleteRater, deleteRound, deleteSheet, getRater, getSheet, listRounds, putRater, putRound, putSheet, type RaterRow, type RoundRow, type SheetImage } from './rounds.ts';
import {
  deleteActual, deleteBericht, listActuals, listBerichtRows, listMeasurements, listMilestoneDone, listOverrides, deleteMeasurement, deleteMilestoneDone, deleteOverride, putActual, putBericht, putMeasurement, putMilestoneDone, putOverride,
  type BerichtRow, type OverrideRow,
} from './monitoring.ts';
import type { Actual, Measurement, MilestoneDone } from '../../../shared/domain/monitoring.ts';
import { fieldChanges } from '../../../shared/domain/change-diff.ts';
import type { BudgetSeries } from '../../../shared/domain/series.ts';
import { deleteSeries, listSeries, putSeries } from './series.ts';

interface Applier<T = never> {
  /** The shape of a before/after image of this kind; every image is parsed with it before it is applied. */
  schema: z.ZodType<T>;
  /** The entity_id its log entry must carry for `image` (a step may only touch the rows it names). */
  idOf: (image: T) => string;
  /** Makes the row exist exactly as in the image. */
  put(db: Db, image: T): void;
  /** Makes the row not exist; `image` is the row as it was. */
  remove(db: Db, entityId: string, image: T): void;
  /** Every row as [entity id, image], for the baseline of the field-level change log (sync/fieldlog.ts). */
  all?(db: Db): Iterable<[string, unknown]>;
}

/** Typed at the definition, erased in the table (each applier only ever sees images its own schema parsed). */
function applier<T>(a: Applier<T>): Applier<unknown> {
  return a as unknown as Applier<unknown>;
}

const byId = (x: { id: string }) => x.id;

/** Every entity that can be undone. A write handler that logs another entity must add it here. */
const APPLIERS: Record<string, Applier<unknown>> = {
  measure: applier({
    schema: measureImage, idOf: byId,
    put: (db, m: StoredMeasure) => (getMeasure(db, m.id) ? updateMeasure(db, m) : insertMeasure(db, m)),
    remove: (db, id) => deleteMeasure(db, id),
    all: (db) => ids(db, 'SELECT id FROM measures ORDER BY id').map((id) => [id, getMeasure(db, id)]),
  }),
  actor: applier({
    schema: actorImage, idOf: byId,
    put: (db, a: Actor) => (getActor(db, a.id) ? updateActor(db, a) : insertActor(db, a)),
    remove: (db, id) => deleteActor(db, id),
    all: (db) => listActors(db).map((a) => [a.id, a]),
  }),
  responsibility: applier({
    schema: responsibilityImage, idOf: (r: Responsibility) => `${r.measureId}:${r.actorId}`,
    put: (db, r: Responsibility) => upsertResponsibility(db, r),
    remove: (db, _id, r: Responsibility) => deleteResponsibility(db, r.measureId, r.actorId),
    all: (db) => listResponsibilities(db).map((r) => [`${r.measureId}:${r.actorId}`, r]),
  }),
  budget: applier({
    schema: budgetImage, idOf: byId,
    put: (db, b: BudgetLine) => (getBudgetLine(db, b.id) ? updateBudgetLine(db, b) : insertBudgetLine(db, b)),
    remove: (db, id) => deleteBudgetLine(db, id),
    all: (db) => listBudgetLines(db).map((b) => [b.id, b]),
  }),
  milestone: applier({
    schema: milestoneImage, idOf: byId, put: (db, m: Milestone) => putMilestone(db, m), remove: (db, id) => deleteMilestone(db, id),
    all: (db) => listMilestones(db).map((m) => [m.id, m]),
  }),
  indicator: applier({
    schema: indicatorImage, idOf: byId, put: (db, i: Indicator) => putIndicator(db, i), remove: (db, id) => deleteIndicator(db, id),
    all: (db) => listIndicators(db).map((i) => [i.id, i]),
  }),
  dependency: applier({
    schema: dependencyImage, idOf: (d: Dependency) => `${d.measureId}>${d.dependsOnId}`,
    put: (db, d: Dependency) => putDependency(db, d), remove: (db, _id, d: Dependency) => deleteDependency(db, d),
    all: (db) => listDependencies(db).map((d) => [`${d.measureId}>${d.dependsOnId}`, d]),
  }),
  'frage-answer': applier({
    schema: frageAnswerImage, idOf: (a: FrageAnswer) => a.frageId,
    put: (db, a: FrageAnswer) => putFrageAnswer(db, a), remove: (db, id) => deleteFrageAnswer(db, id),
    all: (db) => ids(db, 'SELECT frage_id FROM frage_answers ORDER BY frage_id').map((id) => [id, getFrageAnswer(db, id)]),
  }),
  meta: applier({
    schema: metaImage, idOf: (m: { key: string }) => m.key,
    put: (db, m: { key: string; value: string }) => setMeta(db, m.key, m.value),
    remove: (db, key) => { stmt(db, 'DELETE FROM meta WHERE key = ?').run(key); },
    // plan_id names the plan itself and never changes.
    all: (db) => (stmt(db, "SELECT key, value FROM meta WHERE key <> 'plan_id' ORDER BY key").all() as { key: string; value: string }[]).map((m) => [m.key, m]),
  }),
  /** Festgeschriebener Stand (decision snapshot), the whole row including its frozen JSON. */
  snapshot: applier({
    schema: snapshotImage, idOf: byId, put: (db, r: SnapshotRow) => putSnapshot(db, r), remove: (db, id) => deleteSnapshot(db, id),
    all: (db) => ids(db, 'SELECT id FROM decision_snapshots ORDER BY id').map((id) => [id, getSnapshotRow(db, id)]),
  }),
  /** The remembered Kopf/Beratungsfolge of the Sitzungsvorlage (one row per plan). */
  'vorlage-settings': applier({
    schema: vorlageSettingsImage, idOf: () => 'vorlage',
    put: (db, r: VorlageSettingsRow) => putVorlageSettingsRow(db, r), remove: (db) => deleteVorlageSettingsRow(db),
    all: (db) => { const r = getVorlageSettingsRow(db); return r ? [['vorlage', r]] : []; },
  }),
  /** Priorities and money (schema 5): Kriterien, Bewertungen, Haushaltsrahmen, Festlegungen, Szenarien. */
  criterion: applier({
    schema: criterionImage, idOf: byId, put: (db, c: CriterionRecord) => putCriterion(db, c), remove: (db, id) => deleteCriterion(db, id),
    all: (db) => listCriterionRecords(db).map((c) => [c.id, c]),
  }),
  score: applier({
    schema: scoreImage, idOf: scoreKey, put: (db, x: ScoreEntry) => putScore(db, x), remove: (db, _id, x: ScoreEntry) => deleteScore(db, x),
    all: (db) => listScores(db).map((x) => [scoreKey(x), x]),
  }),
  frame: applier({
    schema: frameImage, idOf: (f: BudgetFrame) => String(f.year),
    put: (db, f: BudgetFrame) => putFrame(db, f), remove: (db, _id, f: BudgetFrame) => deleteFrame(db, f.year),
    all: (db) => listFrames(db).map((f) => [String(f.year), f]),
  }),
  decision: applier({
    schema: decisionImage, idOf: (d: Decision) => d.measureId, put: (db, d: Decision) => putDecision(db, d), remove: (db, id) => deleteDecision(db, id),
    all: (db) => listDecisions(db).map((d) => [d.measureId, d]),
  }),
  scenario: applier({
    schema: scenarioImage, idOf: byId, put: (db, x: Scenario) => putScenario(db, x), remove: (db, id) => deleteScenario(db, id),
    all: (db) => listScenarios(db).map((x) => [x.id, x]),
  }),
  /** Umsetzung (schema 8): Ist/Abruf, Messwerte, Erledigt-Datum, Ampel von Hand, festgeschriebene Berichte. */
  actual: applier({
    schema: actualImage, idOf: byId, put: (db, a: Actual) => putActual(db, a), remove: (db, id) => deleteActual(db, id),
    all: (db) => listActuals(db).map((a) => [a.id, a]),
  }),
  measurement: applier({
    schema: measurementImage, idOf: byId, put: (db, m: Measurement) => putMeasurement(db, m), remove: (db, id) => deleteMeasurement(db, id),
    all: (db) => listMeasurements(db).map((m) => [m.id, m]),
  }),
  'milestone-done': applier({
    schema: milestoneDoneImage, idOf: (d: MilestoneDone) => d.milestoneId,
    put: (db, d: MilestoneDone) => putMilestoneDone(db, d), remove: (db, id) => deleteMilestoneDone(db, id),
    all: (db) => listMilestoneDone(db).map((d) => [d.milestoneId, d]),
  }),
  'ampel-override': applier({
    schema: ampelOverrideImage, idOf: (o: OverrideRow) => o.measureId,
    put: (db, o: OverrideRow) => putOverride(db, o), remove: (db, id) => deleteOverride(db, id),
    all: (db) => listOverrides(db).map((o) => [o.measureId, o]),
  }),
  bericht: applier({
    schema: berichtImage, idOf: byId, put: (db, r: BerichtRow) => putBericht(db, r), remove: (db, id) => deleteBericht(db, id),
    all: (db) => listBerichtRows(db).map((r) => [r.id, r]),
  }),
  /** Folgekosten and Stellen of a measure (schema 7). */
  'measure-haushalt': applier({
    schema: measureHaushaltImage, idOf: (h: MeasureHaushalt) => h.measureId,
    put: (db, h: MeasureHaushalt) => putHaushalt(db, h), remove: (db, id) => deleteHaushalt(db, id),
    all: (db) => listHaushalt(db).map((h) => [h.measureId, h]),
  }),
  /** Beteiligungsrunde (schema 9): a round, a rater, a rater's returned sheet with all its scores. */
  round: applier({
    schema: roundImage, idOf: byId, put: (db, r: RoundRow) => putRound(db, r), remove: (db, id) => deleteRound(db, id),
    all: (db) => listRounds(db).map((r) => [r.id, r]),
  }),
  'round-rater': applier({
    schema: raterImage, idOf: byId, put: (db, r: RaterRow) => putRater(db, r), remove: (db, id) => deleteRater(db, id),
    all: (db) => ids(db, 'SELECT id FROM round_raters ORDER BY id').map((id) => [id, getRater(db, id)]),
  }),
  'round-sheet': applier({
    schema: sheetImage, idOf: (x: SheetImage) => x.raterId, put: (db, x: SheetImage) => putSheet(db, x), remove: (db, id) => deleteSheet(db, id),
    all: (db) => ids(db, 'SELECT rater_id FROM round_sheets ORDER BY rater_id').map((id) => [id, getSheet(db, id)]),
  }),
  /** Multi-year budget series (schema 6); its per-year lines are logged as 'budget' rows of the same step. */
  'budget-series': applier({
    schema: budgetSeriesImage, idOf: byId, put: (db, x: BudgetSeries) => putSeries(db, x), remove: (db, id) => deleteSeries(db, id),
    all: (db) => listSeries(db).map((x) => [x.id, x]),
  }),
  /** Header row naming a step of several changes (e.g. a bulk update); changes nothing itself. */
  step: applier({ schema: stepImage, idOf: () => '', put: () => {}, remove: () => {} }),
};

function ids(db: Db, sql: string): string[] {
  return (stmt(db, sql).pluck().all() as string[]);
}

/** The put/remove of an entity kind, for applying merged changes (sync/merge.ts); undefined when unknown. */
export function applierFor(entity: string): Applier<unknown> | undefined {
  return Object.hasOwn(APPLIERS, entity) && entity !== 'step' ? APPLIERS[entity] : undefined;
}

registerImageSource(() => new Map(Object.entries(APPLIERS).flatMap(([k, a]) => (a.all ? [[k, (db: Db) => a.all!(db)] as const] : []))));

/**
 * Rows that go with a removed row through ON DELETE CASCADE. Removing a measure or Kriterium in an
 * undo/redo step is only allowed when every such row that still exists is itself logged in the
 * step (a planted "created these measures" step must not wipe their budget lines with them).
 */
interface Cascade {
  /** The log kinds of the rows that go along. */
  kinds: readonly string[];
  /** Their log entity_ids, for the removed row's entity_id as the only parameter (@id). */
  sql: string;
}

const ACTUALS_OF_LINES = (lines: string) => `SELECT a.id FROM budget_actuals a WHERE a.budget_line_id IN (${lines})`;

const CASCADES: Record<string, Cascade[]> = {
  measure: [
    { kinds: ['budget'], sql: 'SELECT id FROM budget_lines WHERE measure_id = @id' },
    { kinds: ['responsibility'], sql: "SELECT measure_id || ':' || actor_id FROM responsibilities WHERE measure_id = @id" },
    { kinds: ['milestone'], sql: 'SELECT id FROM milestones WHERE measure_id = @id' },
    { kinds: ['indicator'], sql: 'SELECT id FROM indicators WHERE measure_id = @id' },
    { kinds: ['dependency'], sql: "SELECT measure_id || '>' || depends_on_id FROM measure_dependencies WHERE measure_id = @id OR depends_on_id = @id" },
    { kinds: ['score'], sql: "SELECT measure_id || ':' || criterion_id || ':' || rater FROM criterion_scores WHERE measure_id = @id" },
    { kinds: ['decision'], sql: 'SELECT measure_id FROM measure_decisions WHERE measure_id = @id' },
    { kinds: ['budget-series'], sql: 'SELECT id FROM budget_series WHERE measure_id = @id' },
    // Two levels down: Ist/Abruf of its budget lines, Messwerte of its indicators, Erledigt-Daten of its steps.
    { kinds: ['actual'], sql: ACTUALS_OF_LINES('SELECT id FROM budget_lines WHERE measure_id = @id') },
    { kinds: ['measurement'], sql: 'SELECT v.id FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.measure_id = @id' },
    { kinds: ['milestone-done'], sql: 'SELECT d.milestone_id FROM milestone_done d JOIN milestones m ON m.id = d.milestone_id WHERE m.measure_id = @id' },
    { kinds: ['ampel-override'], sql: 'SELECT measure_id FROM ampel_overrides WHERE measure_id = @id' },
    { kinds: ['measure-haushalt'], sql: 'SELECT measure_id FROM measure_haushalt WHERE measure_id = @id' },
  ],
  'budget-series': [
    { kinds: ['budget'], sql: 'SELECT id FROM budget_lines WHERE series_id = @id' },
    { kinds: ['actual'], sql: ACTUALS_OF_LINES('SELECT id FROM budget_lines WHERE series_id = @id') },
  ],
  budget: [{ kinds: ['actual'], sql: ACTUALS_OF_LINES('@id') }],
  indicator: [{ kinds: ['measurement'], sql: 'SELECT id FROM indicator_values WHERE indicator_id = @id' }],
  milestone: [{ kinds: ['milestone-done'], sql: 'SELECT milestone_id FROM milestone_done WHERE milestone_id = @id' }],
  round: [
    { kinds: ['round-rater'], sql: 'SELECT id FROM round_raters WHERE round_id = @id' },
    { kinds: ['round-sheet'], sql: 'SELECT s.rater_id FROM round_sheets s JOIN round_raters r ON r.id = s.rater_id WHERE r.round_id = @id' },
  ],
  // A sheet carries its scores (round_scores) in its image.
  'round-rater': [{ kinds: ['round-sheet'], sql: 'SELECT rater_id FROM round_sheets WHERE rater_id = @id' }],
  criterion: [{ kinds: ['score'], sql: "SELECT measure_id || ':' || criterion_id || ':' || rater FROM criterion_scores WHERE criterion_id = @id" }],
  // ON DELETE SET NULL: a Bericht would silently lose the Stand it was festgeschrieben with.
  snapshot: [{ kinds: ['bericht'], sql: 'SELECT id FROM berichte WHERE snapshot_id = @id' }],
};

const REFUSED = 'Dieser Schritt im Änderungsprotokoll ist ungültig und wurde nicht ausgeführt; der Plan ist unverändert.';

const DATA_ACTIONS = "('create', 'update', 'delete')";

interface LogRow {
  seq: number; at: string; user: string; entity: string; entity_id: string; action: string; summary: string;
  before_json: string | null; after_json: string | null; txn: string | null; undone: number;
}

const ROW = 'seq, at, user, entity, entity_id, action, summary, before_json, after_json, txn, undone';

interface Step { txn: string; rows: LogRow[] }

function stepRows(db: Db, txn: string): LogRow[] {
  return stmt(db, `SELECT ${ROW} FROM change_log WHERE txn = ? ORDER BY seq`).all(txn) as LogRow[];
}

/** A step only counts when every row in it can be put back; anything else (plan created, old log rows) is a wall. */
function undoable(rows: LogRow[]): boolean {
  return rows.length > 0 && rows.every((r) => Object.hasOwn(APPLIERS, r.entity) && r.txn !== null && (r.before_json !== null || r.after_json !== null || r.entity === 'step'));
}

function nextUndo(db: Db): Step | null {
  const last = stmt(db, `SELECT txn FROM change_log WHERE undone = 0 AND action IN ${DATA_ACTIONS} ORDER BY seq DESC LIMIT 1`).get() as { txn: string | null } | undefined;
  if (!last?.txn) return null;
  const rows = stepRows(db, last.txn);
  return undoable(rows) ? { txn: last.txn, rows } : null;
}

function nextRedo(db: Db): Step | null {
  const first = stmt(db, 'SELECT txn FROM change_log WHERE undone = 1 ORDER BY seq LIMIT 1').get() as { txn: string | null } | undefined;
  if (!first?.txn) return null;
  const rows = stepRows(db, first.txn);
  return undoable(rows) ? { txn: first.txn, rows } : null;
}

function toChange(r: LogRow): HistoryChange {
  return { entity: r.entity, entityId: r.entity_id, action: r.action, summary: r.summary };
}

/** A change with its fields old → new, for the Änderungsprotokoll (not for undo results). */
function toChangeWithFields(r: LogRow): HistoryChange {
  const parse = (j: string | null): unknown => { if (j === null) return undefined; try { return JSON.parse(j) as unknown; } catch { return undefined; } };
  const fields = r.before_json !== null || r.after_json !== null
    ? fieldChanges(r.entity, parse(r.before_json), parse(r.after_json)).map(({ label, before, after }) => ({ label, before, after }))
    : [];
  return { ...toChange(r), ...(fields.length ? { fields } : {}) };
}

function preview(step: Step | null): HistoryStatus['undo'] {
  if (!step) return null;
  const head = step.rows[0];
  return { summary: head.summary, at: head.at, user: head.user };
}

export function historyStatus(db: Db): HistoryStatus {
  return { undo: preview(nextUndo(db)), redo: preview(nextRedo(db)) };
}

interface ParsedRow { row: LogRow; before: unknown; after: unknown }

/** Parses every image of a step with its kind's schema and checks that it names its own row; throws a German AppError. */
function parseStep(step: Step): ParsedRow[] {
  return step.rows.map((row) => {
    const a = APPLIERS[row.entity];
    const parse = (json: string | null): unknown => {
      if (json === null) return null;
      if (row.entity === 'step') throw new AppError('history-invalid', REFUSED);
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch {
        throw new AppError('history-invalid', REFUSED);
      }
      const parsed = a.schema.safeParse(raw);
      if (!parsed.success || a.idOf(parsed.data) !== row.entity_id) throw new AppError('history-invalid', REFUSED);
      return parsed.data;
    };
    return { row, before: parse(row.before_json), after: parse(row.after_json) };
  });
}

function guardCascade(db: Db, rows: ParsedRow[], entity: string, id: string, direction: 'undo' | 'redo'): void {
  const cascades = CASCADES[entity];
  if (!cascades) return;
  for (const c of cascades) {
    const present = stmt(db, c.sql).pluck().all({ id }) as string[];
    if (present.length === 0) continue;
    // The rows of these kinds this step itself removes (in this direction).
    const removed = new Set(rows.filter((p) => c.kinds.includes(p.row.entity)
      && (direction === 'undo' ? p.before === null && p.after !== null : p.after === null && p.before !== null)).map((p) => p.row.entity_id));
    if (present.some((x) => !removed.has(x))) {
      throw new AppError('history-invalid', `${REFUSED} Er würde mehr Einträge entfernen, als er selbst verzeichnet.`);
    }
  }
}

function apply(db: Db, step: Step, direction: 'undo' | 'redo'): void {
  const parsed = parseStep(step);
  // Children and parents of one step are put back in one go; the keys are checked at commit.
  db.pragma('defer_foreign_keys = ON');
  const rows = direction === 'undo' ? [...parsed].reverse() : parsed;
  for (const p of rows) {
    const applier = APPLIERS[p.row.entity];
    const target = direction === 'undo' ? p.before : p.after;
    const other = direction === 'undo' ? p.after : p.before;
    if (target !== null) applier.put(db, target);
    else if (other !== null) {
      guardCascade(db, parsed, p.row.entity, p.row.entity_id, direction);
      applier.remove(db, p.row.entity_id, other);
    }
    // Undo and redo are new changes for merging and sync.
    recordImages(db, p.row.entity, p.row.entity_id, other ?? undefined, target ?? undefined);
  }
}

/** Undoes (or redoes) the next step; null when there is none. Records the act in the log. */
export function undoRedo(db: Db, ctx: ChangeContext, direction: 'undo' | 'redo'): { summary: string; changes: HistoryChange[] } | null {
  return db.transaction(() => {
    const step = direction === 'undo' ? nextUndo(db) : nextRedo(db);
    if (!step) return null;
    apply(db, step, direction);
    stmt(db, 'UPDATE change_log SET undone = ? WHERE txn = ?').run(direction === 'undo' ? 1 : 0, step.txn);
    const summary = `${direction === 'undo' ? 'Rückgängig gemacht' : 'Wiederhergestellt'}: ${step.rows[0].summary}`;
    stmt(db, 'INSERT INTO change_log (at, user, entity, entity_id, action, summary, before_json, after_json, txn) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?)')
      .run(ctx.now(), ctx.user, 'history', step.txn, direction, summary, newId());
    return { summary, changes: step.rows.filter((r) => r.entity !== 'step').map(toChange) };
  })();
}

/**
 * Steps newest first. With `entityId`, only steps with a row about it: the entity itself, or a
 * row whose image names it as measureId, dependsOnId or actorId (so a measure's history includes
 * its budget lines, milestones, …), plus the undo/redo of such steps.
 */
/**
 * The Änderungsprotokoll, newest first, `limit` steps whose entries all lie before `before` (a step's
 * `seq`, for the next page). Indexed (migration 11), never a scan of the whole log: the newest steps
 * are read backwards along the primary key until `limit` are found; an object's steps come from the
 * indexes on entity_id and on the owner ids in the images.
 */
export function listHistory(db: Db, entityId: string | null, limit: number, before: number | null = null): HistoryStep[] {
  const below = before ?? Number.MAX_SAFE_INTEGER;
  const keys = entityId === null ? newestSteps(db, limit, below) : (stmt(db, `WITH hits(seq, txn) AS (
        SELECT seq, txn FROM change_log WHERE entity_id = @id
        UNION SELECT seq, txn FROM change_log WHERE json_extract(COALESCE(after_json, before_json), '$.measureId') = @id
        UNION SELECT seq, txn FROM change_log WHERE json_extract(COALESCE(after_json, before_json), '$.dependsOnId') = @id
        UNION SELECT seq, txn FROM change_log WHERE json_extract(COALESCE(after_json, before_json), '$.actorId') = @id
      ), marks(seq, txn) AS (
        SELECT seq, txn FROM hits
        UNION SELECT seq, txn FROM change_log WHERE entity = 'history' AND entity_id IN (SELECT txn FROM hits WHERE txn IS NOT NULL)
      )
      SELECT COALESCE(txn, 'seq:' || seq) AS step, MAX(seq) AS last FROM marks WHERE seq < @below
      GROUP BY step ORDER BY last DESC LIMIT @limit`).all({ id: entityId, limit, below }) as { step: string }[]).map((k) => k.step);
  if (keys.length === 0) return [];
  const txns = keys.filter((k) => !k.startsWith('seq:'));
  const seqs = keys.filter((k) => k.startsWith('seq:')).map((k) => Number(k.slice(4)));
  const rows = stmt(db, `SELECT ${ROW} FROM change_log WHERE txn IN (SELECT value FROM json_each(@txns))
      UNION ALL SELECT ${ROW} FROM change_log WHERE txn IS NULL AND seq IN (SELECT value FROM json_each(@seqs)) ORDER BY seq`)
    .all({ txns: JSON.stringify(txns), seqs: JSON.stringify(seqs) }) as LogRow[];
  const byStep = new Map<string, LogRow[]>();
  for (const r of rows) {
    const k = r.txn ?? `seq:${r.seq}`;
    const list = byStep.get(k);
    if (list) list.push(r);
    else byStep.set(k, [r]);
  }
  return keys.map((k) => {
    const list = byStep.get(k)!;
    const head = list[0];
    const kind: HistoryStep['kind'] = head.action === 'undo' ? 'undo' : head.action === 'redo' ? 'redo'
      : Object.hasOwn(APPLIERS, head.entity) ? 'change' : 'other';
    const undone = Math.max(...list.map((r) => r.undone));
    return {
      id: k, seq: head.seq, at: head.at, user: head.user, summary: head.summary, kind,
      state: undone === 1 ? 'undone' : undone === 2 ? 'discarded' : 'applied',
      changes: list.filter((r) => r.entity !== 'step').map(toChangeWithFields),
    };
  });
}

/** The newest `limit` step keys below seq `below`, reading the log backwards and stopping there. */
function newestSteps(db: Db, limit: number, below: number): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of stmt(db, 'SELECT seq, txn FROM change_log WHERE seq < ? ORDER BY seq DESC').iterate(below) as IterableIterator<{ seq: number; txn: string | null }>) {
    const k = r.txn ?? `seq:${r.seq}`;
    if (seen.has(k)) continue;
    if (keys.length === limit) break;
    seen.add(k);
    keys.push(k);
  }
  return keys;
}

/** Whether a change_log row could be applied: a known kind, images that parse and name the row (used by the bereinigte Kopie). */
export function isValidLogRow(r: { entity: string; entity_id: string; before_json: string | null; after_json: string | null; txn: string | null }): boolean {
  if (r.before_json === null && r.after_json === null) return true;
  if (!Object.hasOwn(APPLIERS, r.entity)) return false;
  try {
    parseStep({ txn: r.txn ?? '', rows: [{ ...r, seq: 0, at: '', user: '', action: '', summary: '', txn: r.txn, undone: 0 }] });
    return true;
  } catch {
    return false;
  }
}
