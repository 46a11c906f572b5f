// Undo/redo on the Änderungsprotokoll. Each logged row carries complete before/after images, so
// undo puts the before images back (newest row first) and redo the after images (oldest first),
// exactly, inside one transaction, validating nothing. Because the log lives in the plan file,
// undo survives closing and reopening the plan.
import { newId } from '../../../shared/domain/ids.ts';
import type { Actor, BudgetLine, HistoryChange, HistoryStatus, HistoryStep, Indicator, Milestone, Responsibility } from '../../../shared/domain/types.ts';
import type { BudgetFrame, Scenario, ScoreEntry } from '../../../shared/domain/priorities.ts';
import type { Db } from '../db/open.ts';
import { deleteActor, deleteResponsibility, getActor, insertActor, updateActor, upsertResponsibility } from './actors.ts';
import { deleteBudgetLine, getBudgetLine, insertBudgetLine, updateBudgetLine } from './budget.ts';
import type { ChangeContext } from './changelog.ts';
import { deleteFrageAnswer, putFrageAnswer, type FrageAnswer } from './fragen.ts';
import { deleteMeasure, getMeasure, insertMeasure, updateMeasure, type StoredMeasure } from './measures.ts';
import { setMeta } from './meta.ts';
import { deleteHaushalt, putHaushalt } from './haushalt.ts';
import type { MeasureHaushalt } from '../../../shared/domain/vorlage.ts';
import {
  deleteCriterion, deleteDecision, deleteFrame, deleteScenario, deleteScore, putCriterion, putDecision, putFrame, putScenario, putScore,
  type CriterionRecord, type Decision,
} from './priorities.ts';
import { deleteSnapshot, deleteVorlageSettingsRow, putSnapshot, putVorlageSettingsRow, type SnapshotRow, type VorlageSettingsRow } from './snapshots.ts';
import { deleteDependency, deleteIndicator, deleteMilestone, putDependency, putIndicator, putMilestone, type Dependency } from './sheet.ts';
import { stmt } from './stmt.ts';
import {
  deleteActual, deleteBericht, deleteMeasurement, deleteMilestoneDone, deleteOverride, putActual, putBericht, putMeasurement, putMilestoneDone, putOverride,
  type BerichtRow, type OverrideRow,
} from './monitoring.ts';
import type { Actual, Measurement, MilestoneDone } from '../../../shared/domain/monitoring.ts';
import { fieldChanges } from '../../../shared/domain/change-diff.ts';
import type { BudgetSeries } from '../../../shared/domain/series.ts';
import { deleteSeries, putSeries } from './series.ts';

interface Applier {
  /** Makes the row exist exactly as in the image. */
  put(db: Db, image: never): void;
  /** Makes the row not exist; `image` is the row as it was. */
  remove(db: Db, entityId: string, image: never): void;
}

/** Every entity that can be undone. A write handler that logs another entity must add it here. */
const APPLIERS: Record<string, Applier> = {
  measure: {
    put: (db, m: StoredMeasure) => {
      // Images from before the Maßnahmenblatt fields lack them.
      const full: StoredMeasure = { ...({ ausgangslage: '', risks: '' } as Partial<StoredMeasure>), ...m };
      if (getMeasure(db, m.id)) updateMeasure(db, full);
      else insertMeasure(db, full);
    },
    remove: (db, id) => deleteMeasure(db, id),
  },
  actor: {
    put: (db, a: Actor) => (getActor(db, a.id) ? updateActor(db, a) : insertActor(db, a)),
    remove: (db, id) => deleteActor(db, id),
  },
  responsibility: {
    put: (db, r: Responsibility) => upsertResponsibility(db, r),
    remove: (db, _id, r: Responsibility) => deleteResponsibility(db, r.measureId, r.actorId),
  },
  budget: {
    put: (db, b: BudgetLine) => (getBudgetLine(db, b.id) ? updateBudgetLine(db, b) : insertBudgetLine(db, b)),
    remove: (db, id) => deleteBudgetLine(db, id),
  },
  milestone: { put: (db, m: Milestone) => putMilestone(db, m), remove: (db, id) => deleteMilestone(db, id) },
  indicator: { put: (db, i: Indicator) => putIndicator(db, i), remove: (db, id) => deleteIndicator(db, id) },
  dependency: { put: (db, d: Dependency) => putDependency(db, d), remove: (db, _id, d: Dependency) => deleteDependency(db, d) },
  'frage-answer': { put: (db, a: FrageAnswer) => putFrageAnswer(db, a), remove: (db, id) => deleteFrageAnswer(db, id) },
  meta: {
    put: (db, m: { key: string; value: string }) => setMeta(db, m.key, m.value),
    remove: (db, key) => { stmt(db, 'DELETE FROM meta WHERE key = ?').run(key); },
  },
  /** Festgeschriebener Stand (decision snapshot), the whole row including its frozen JSON. */
  snapshot: { put: (db, r: SnapshotRow) => putSnapshot(db, r), remove: (db, id) => deleteSnapshot(db, id) },
  /** The remembered Kopf/Beratungsfolge of the Sitzungsvorlage (one row per plan). */
  'vorlage-settings': { put: (db, r: VorlageSettingsRow) => putVorlageSettingsRow(db, r), remove: (db) => deleteVorlageSettingsRow(db) },
  /** Priorities and money (schema 5): Kriterien, Bewertungen, Haushaltsrahmen, Festlegungen, Szenarien. */
  criterion: { put: (db, c: CriterionRecord) => putCriterion(db, c), remove: (db, id) => deleteCriterion(db, id) },
  score: { put: (db, x: ScoreEntry) => putScore(db, x), remove: (db, _id, x: ScoreEntry) => deleteScore(db, x) },
  frame: { put: (db, f: BudgetFrame) => putFrame(db, f), remove: (db, _id, f: BudgetFrame) => deleteFrame(db, f.year) },
  decision: { put: (db, d: Decision) => putDecision(db, d), remove: (db, id) => deleteDecision(db, id) },
  scenario: { put: (db, x: Scenario) => putScenario(db, x), remove: (db, id) => deleteScenario(db, id) },
  /** Umsetzung (schema 8): Ist/Abruf, Messwerte, Erledigt-Datum, Ampel von Hand, festgeschriebene Berichte. */
  actual: { put: (db, a: Actual) => putActual(db, a), remove: (db, id) => deleteActual(db, id) },
  measurement: { put: (db, m: Measurement) => putMeasurement(db, m), remove: (db, id) => deleteMeasurement(db, id) },
  'milestone-done': { put: (db, d: MilestoneDone) => putMilestoneDone(db, d), remove: (db, id) => deleteMilestoneDone(db, id) },
  'ampel-override': { put: (db, o: OverrideRow) => putOverride(db, o), remove: (db, id) => deleteOverride(db, id) },
  bericht: { put: (db, r: BerichtRow) => putBericht(db, r), remove: (db, id) => deleteBericht(db, id) },
  /** Folgekosten and Stellen of a measure (schema 7). */
  'measure-haushalt': { put: (db, h: MeasureHaushalt) => putHaushalt(db, h), remove: (db, id) => deleteHaushalt(db, id) },
  /** Multi-year budget series (schema 6); its per-year lines are logged as 'budget' rows of the same step. */
  'budget-series': { put: (db, x: BudgetSeries) => putSeries(db, x), remove: (db, id) => deleteSeries(db, id) },
  /** Header row naming a step of several changes (e.g. a bulk update); changes nothing itself. */
  step: { put: () => {}, remove: () => {} },
};

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

function apply(db: Db, step: Step, direction: 'undo' | 'redo'): void {
  // Children and parents of one step are put back in one go; the keys are checked at commit.
  db.pragma('defer_foreign_keys = ON');
  const rows = direction === 'undo' ? [...step.rows].reverse() : step.rows;
  for (const r of rows) {
    const applier = APPLIERS[r.entity];
    const target = direction === 'undo' ? r.before_json : r.after_json;
    const other = direction === 'undo' ? r.after_json : r.before_json;
    if (target !== null) applier.put(db, JSON.parse(target) as never);
    else if (other !== null) applier.remove(db, r.entity_id, JSON.parse(other) as never);
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
export function listHistory(db: Db, entityId: string | null, limit: number): HistoryStep[] {
  const match = `(entity_id = @id OR json_extract(COALESCE(after_json, before_json), '$.measureId') = @id
    OR json_extract(COALESCE(after_json, before_json), '$.dependsOnId') = @id OR json_extract(COALESCE(after_json, before_json), '$.actorId') = @id)`;
  const keys = (stmt(db, `SELECT COALESCE(txn, 'seq:' || seq) AS step, MAX(seq) AS last FROM change_log
      WHERE @id IS NULL OR ${match} OR (entity = 'history' AND entity_id IN (SELECT txn FROM change_log WHERE txn IS NOT NULL AND ${match}))
      GROUP BY step ORDER BY last DESC LIMIT @limit`).all({ id: entityId, limit }) as { step: string }[]).map((k) => k.step);
  if (keys.length === 0) return [];
  const rows = stmt(db, `SELECT ${ROW} FROM change_log WHERE COALESCE(txn, 'seq:' || seq) IN (SELECT value FROM json_each(?)) ORDER BY seq`)
    .all(JSON.stringify(keys)) as LogRow[];
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
      id: k, at: head.at, user: head.user, summary: head.summary, kind,
      state: undone === 1 ? 'undone' : undone === 2 ? 'discarded' : 'applied',
      changes: list.filter((r) => r.entity !== 'step').map(toChangeWithFields),
    };
  });
}
