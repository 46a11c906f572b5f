// Priorities and money (schema 5): criteria, scores, Haushaltsrahmen, fixed decisions and
// scenarios. Rows in and out exactly as stored; put* functions insert-or-replace the row as given,
// so undo/redo (repos/history.ts) can use them unchanged.
import type { MeasureStatus } from '../../../shared/domain/enums.ts';
import type { Criterion } from '../../../shared/domain/nutzwert.ts';
import type { BudgetFrame, PlanCriterion, Rater, Scenario, ScenarioSettings, ScoreEntry } from '../../../shared/domain/priorities.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

// ---- criteria

/** The stored row of a criterion (the undo image). koThreshold null = default. */
export interface CriterionRecord {
  id: string;
  name: string;
  description: string;
  weight: number;
  ko: boolean;
  koThreshold: number | null;
  position: number;
}

interface CriterionDb { id: string; name: string; description: string; weight: number; ko: number; ko_threshold: number | null; position: number }
const toCriterion = (r: CriterionDb): CriterionRecord => ({
  id: r.id, name: r.name, description: r.description, weight: r.weight, ko: r.ko === 1, koThreshold: r.ko_threshold, position: r.position,
});

export function listCriterionRecords(db: Db): CriterionRecord[] {
  return (stmt(db, 'SELECT id, name, description, weight, ko, ko_threshold, position FROM criteria ORDER BY position, id').all() as CriterionDb[]).map(toCriterion);
}

export function getCriterion(db: Db, id: string): CriterionRecord | undefined {
  const r = stmt(db, 'SELECT id, name, description, weight, ko, ko_threshold, position FROM criteria WHERE id = ?').get(id) as CriterionDb | undefined;
  return r && toCriterion(r);
}

export function putCriterion(db: Db, c: CriterionRecord): void {
  stmt(db, `INSERT INTO criteria (id, name, description, weight, ko, ko_threshold, position) VALUES (@id, @name, @description, @weight, @ko, @koThreshold, @position)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, weight = excluded.weight, ko = excluded.ko,
      ko_threshold = excluded.ko_threshold, position = excluded.position`)
    .run({ ...c, ko: c.ko ? 1 : 0 });
}

export function deleteCriterion(db: Db, id: string): void {
  stmt(db, 'DELETE FROM criteria WHERE id = ?').run(id);
}

/** Domain form (nutzwert.ts): koThreshold only when set. */
export function toDomainCriterion(c: CriterionRecord): Criterion {
  return { id: c.id, name: c.name, description: c.description, weight: c.weight, ko: c.ko, ...(c.koThreshold != null ? { koThreshold: c.koThreshold } : {}) };
}

export function listPlanCriteria(db: Db): PlanCriterion[] {
  const counts = new Map((stmt(db, 'SELECT criterion_id AS id, COUNT(*) AS n FROM criterion_scores GROUP BY criterion_id').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]));
  return listCriterionRecords(db).map((c) => ({ ...toDomainCriterion(c), position: c.position, scoreCount: counts.get(c.id) ?? 0 }));
}

// ---- scores

export function listScores(db: Db): ScoreEntry[] {
  return stmt(db, 'SELECT measure_id AS measureId, criterion_id AS criterionId, rater, score FROM criterion_scores ORDER BY measure_id, criterion_id, rater').all() as ScoreEntry[];
}

export function scoresOfCriterion(db: Db, criterionId: string): ScoreEntry[] {
  return stmt(db, 'SELECT measure_id AS measureId, criterion_id AS criterionId, rater, score FROM criterion_scores WHERE criterion_id = ? ORDER BY measure_id, rater').all(criterionId) as ScoreEntry[];
}

export function scoresOfMeasure(db: Db, measureId: string): ScoreEntry[] {
  return stmt(db, 'SELECT measure_id AS measureId, criterion_id AS criterionId, rater, score FROM criterion_scores WHERE measure_id = ? ORDER BY criterion_id, rater').all(measureId) as ScoreEntry[];
}

export function getScore(db: Db, measureId: string, criterionId: string, rater: Rater): ScoreEntry | undefined {
  return stmt(db, 'SELECT measure_id AS measureId, criterion_id AS criterionId, rater, score FROM criterion_scores WHERE measure_id = ? AND criterion_id = ? AND rater = ?')
    .get(measureId, criterionId, rater) as ScoreEntry | undefined;
}

export function putScore(db: Db, s: ScoreEntry): void {
  stmt(db, `INSERT INTO criterion_scores (measure_id, criterion_id, rater, score) VALUES (@measureId, @criterionId, @rater, @score)
    ON CONFLICT (measure_id, criterion_id, rater) DO UPDATE SET score = excluded.score`).run(s);
}

export function deleteScore(db: Db, s: Pick<ScoreEntry, 'measureId' | 'criterionId' | 'rater'>): void {
  stmt(db, 'DELETE FROM criterion_scores WHERE measure_id = @measureId AND criterion_id = @criterionId AND rater = @rater')
    .run({ measureId: s.measureId, criterionId: s.criterionId, rater: s.rater });
}

export const scoreKey = (s: Pick<ScoreEntry, 'measureId' | 'criterionId' | 'rater'>) => `${s.measureId}:${s.criterionId}:${s.rater}`;

// ---- Haushaltsrahmen

export function listFrames(db: Db): BudgetFrame[] {
  return stmt(db, 'SELECT year, amount_cents AS amountCents, note FROM budget_frames ORDER BY year').all() as BudgetFrame[];
}

export function getFrame(db: Db, year: number): BudgetFrame | undefined {
  return stmt(db, 'SELECT year, amount_cents AS amountCents, note FROM budget_frames WHERE year = ?').get(year) as BudgetFrame | undefined;
}

export function putFrame(db: Db, f: BudgetFrame): void {
  stmt(db, `INSERT INTO budget_frames (year, amount_cents, note) VALUES (@year, @amountCents, @note)
    ON CONFLICT (year) DO UPDATE SET amount_cents = excluded.amount_cents, note = excluded.note`).run(f);
}

export function deleteFrame(db: Db, year: number): void {
  stmt(db, 'DELETE FROM budget_frames WHERE year = ?').run(year);
}

// ---- fixed decisions

export interface Decision {
  measureId: string;
  fixed: 'in' | 'out';
  reason: string;
}

export function listDecisions(db: Db): Decision[] {
  return stmt(db, 'SELECT measure_id AS measureId, fixed, reason FROM measure_decisions ORDER BY measure_id').all() as Decision[];
}

export function getDecision(db: Db, measureId: string): Decision | undefined {
  return stmt(db, 'SELECT measure_id AS measureId, fixed, reason FROM measure_decisions WHERE measure_id = ?').get(measureId) as Decision | undefined;
}

export function putDecision(db: Db, d: Decision): void {
  stmt(db, `INSERT INTO measure_decisions (measure_id, fixed, reason) VALUES (@measureId, @fixed, @reason)
    ON CONFLICT (measure_id) DO UPDATE SET fixed = excluded.fixed, reason = excluded.reason`).run(d);
}

export function deleteDecision(db: Db, measureId: string): void {
  stmt(db, 'DELETE FROM measure_decisions WHERE measure_id = ?').run(measureId);
}

// ---- scenarios

interface ScenarioDb {
  id: string; name: string; description: string; weights_json: string; frames_json: string; fixed_json: string;
  created_at: string; created_by: string; updated_at: string;
}

const SCENARIO_COLUMNS = 'id, name, description, weights_json, frames_json, fixed_json, created_at, created_by, updated_at';

function toScenario(r: ScenarioDb): Scenario {
  return {
    id: r.id, name: r.name, description: r.description,
    settings: { weights: JSON.parse(r.weights_json), frames: JSON.parse(r.frames_json), fixed: JSON.parse(r.fixed_json) } as ScenarioSettings,
    createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at,
  };
}

export function listScenarios(db: Db): Scenario[] {
  return (stmt(db, `SELECT ${SCENARIO_COLUMNS} FROM scenarios ORDER BY name COLLATE NOCASE, id`).all() as ScenarioDb[]).map(toScenario);
}

export function getScenario(db: Db, id: string): Scenario | undefined {
  const r = stmt(db, `SELECT ${SCENARIO_COLUMNS} FROM scenarios WHERE id = ?`).get(id) as ScenarioDb | undefined;
  return r && toScenario(r);
}

export function findScenarioByName(db: Db, name: string): { id: string } | undefined {
  return stmt(db, 'SELECT id FROM scenarios WHERE name = ?').get(name) as { id: string } | undefined;
}

export function putScenario(db: Db, s: Scenario): void {
  stmt(db, `INSERT INTO scenarios (${SCENARIO_COLUMNS}) VALUES (@id, @name, @description, @weights, @frames, @fixed, @createdAt, @createdBy, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, weights_json = excluded.weights_json,
      frames_json = excluded.frames_json, fixed_json = excluded.fixed_json, created_at = excluded.created_at, created_by = excluded.created_by,
      updated_at = excluded.updated_at`)
    .run({
      id: s.id, name: s.name, description: s.description, weights: JSON.stringify(s.settings.weights), frames: JSON.stringify(s.settings.frames),
      fixed: JSON.stringify(s.settings.fixed), createdAt: s.createdAt, createdBy: s.createdBy, updatedAt: s.updatedAt,
    });
}

export function deleteScenario(db: Db, id: string): void {
  stmt(db, 'DELETE FROM scenarios WHERE id = ?').run(id);
}

// ---- the Arbeitsstand

/** The plan's current weights, frames and decisions, in the scenario form. */
export function currentSettings(db: Db): ScenarioSettings {
  const weights: Record<string, number> = {};
  for (const c of listCriterionRecords(db)) weights[c.id] = c.weight;
  const frames: Record<string, number> = {};
  for (const f of listFrames(db)) frames[String(f.year)] = f.amountCents;
  const fixed: ScenarioSettings['fixed'] = {};
  for (const d of listDecisions(db)) fixed[d.measureId] = { fixed: d.fixed, reason: d.reason };
  return { weights, frames, fixed };
}

// ---- what the priorities need of the rest of the plan

export interface MeasureBasics {
  id: string;
  code: string;
  title: string;
  baustelleId: string;
  status: MeasureStatus;
}

export function listMeasureBasics(db: Db): MeasureBasics[] {
  return stmt(db, 'SELECT id, code, title, baustelle_id AS baustelleId, status FROM measures ORDER BY code COLLATE NOCASE, id').all() as MeasureBasics[];
}

export function listBaustellen(db: Db): { id: string; number: number; shortTitle: string }[] {
  return stmt(db, 'SELECT id, number, short_title AS shortTitle FROM baustellen ORDER BY number').all() as { id: string; number: number; shortTitle: string }[];
}

