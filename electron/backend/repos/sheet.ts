// The Maßnahmenblatt's lists: Umsetzungsschritte (milestones), Erfolgsindikatoren, Abhängigkeiten.
import type { Quarter } from '../../../shared/domain/enums.ts';
import type { Indicator, Milestone } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

const MSELECT = 'SELECT id, measure_id AS measureId, title, due_year AS dueYear, due_quarter AS dueQuarter, done, position FROM milestones';

function toMilestone(r: Omit<Milestone, 'done' | 'dueQuarter'> & { done: number; dueQuarter: number | null }): Milestone {
  return { ...r, dueQuarter: r.dueQuarter as Quarter | null, done: r.done === 1 };
}

export function listMilestones(db: Db, measureId?: string): Milestone[] {
  const rows = measureId
    ? stmt(db, `${MSELECT} WHERE measure_id = ? ORDER BY position, id`).all(measureId)
    : stmt(db, `${MSELECT} ORDER BY measure_id, position, id`).all();
  return (rows as Parameters<typeof toMilestone>[0][]).map(toMilestone);
}

export function getMilestone(db: Db, id: string): Milestone | undefined {
  const r = stmt(db, `${MSELECT} WHERE id = ?`).get(id) as Parameters<typeof toMilestone>[0] | undefined;
  return r && toMilestone(r);
}

/** Inserts or replaces the row exactly as given (also used by undo/redo). */
export function putMilestone(db: Db, m: Milestone): void {
  stmt(db, `INSERT INTO milestones (id, measure_id, title, due_year, due_quarter, done, position) VALUES (@id, @measureId, @title, @dueYear, @dueQuarter, @done, @position)
    ON CONFLICT (id) DO UPDATE SET measure_id = excluded.measure_id, title = excluded.title, due_year = excluded.due_year, due_quarter = excluded.due_quarter, done = excluded.done, position = excluded.position`)
    .run({ ...m, done: m.done ? 1 : 0 });
}

export function deleteMilestone(db: Db, id: string): void {
  stmt(db, 'DELETE FROM milestones WHERE id = ?').run(id);
}

const ISELECT = 'SELECT id, measure_id AS measureId, name, baseline, target, target_year AS targetYear, data_source AS dataSource, position FROM indicators';

export function listIndicators(db: Db, measureId?: string): Indicator[] {
  return (measureId
    ? stmt(db, `${ISELECT} WHERE measure_id = ? ORDER BY position, id`).all(measureId)
    : stmt(db, `${ISELECT} ORDER BY measure_id, position, id`).all()) as Indicator[];
}

export function getIndicator(db: Db, id: string): Indicator | undefined {
  return stmt(db, `${ISELECT} WHERE id = ?`).get(id) as Indicator | undefined;
}

/** Inserts or replaces the row exactly as given (also used by undo/redo). */
export function putIndicator(db: Db, i: Indicator): void {
  stmt(db, `INSERT INTO indicators (id, measure_id, name, baseline, target, target_year, data_source, position) VALUES (@id, @measureId, @name, @baseline, @target, @targetYear, @dataSource, @position)
    ON CONFLICT (id) DO UPDATE SET measure_id = excluded.measure_id, name = excluded.name, baseline = excluded.baseline, target = excluded.target, target_year = excluded.target_year, data_source = excluded.data_source, position = excluded.position`)
    .run(i);
}

export function deleteIndicator(db: Db, id: string): void {
  stmt(db, 'DELETE FROM indicators WHERE id = ?').run(id);
}

/** Next free position at the end of a measure's list. */
export function nextPosition(db: Db, table: 'milestones' | 'indicators', measureId: string): number {
  const sql = table === 'milestones'
    ? 'SELECT COALESCE(MAX(position) + 1, 0) AS p FROM milestones WHERE measure_id = ?'
    : 'SELECT COALESCE(MAX(position) + 1, 0) AS p FROM indicators WHERE measure_id = ?';
  return (stmt(db, sql).get(measureId) as { p: number }).p;
}

export interface Dependency { measureId: string; dependsOnId: string }

export function dependsOn(db: Db, measureId: string): string[] {
  return (stmt(db, 'SELECT depends_on_id AS id FROM measure_dependencies WHERE measure_id = ? ORDER BY depends_on_id').all(measureId) as { id: string }[]).map((r) => r.id);
}

export function dependentsOf(db: Db, measureId: string): string[] {
  return (stmt(db, 'SELECT measure_id AS id FROM measure_dependencies WHERE depends_on_id = ? ORDER BY measure_id').all(measureId) as { id: string }[]).map((r) => r.id);
}

export function listDependencies(db: Db): Dependency[] {
  return stmt(db, 'SELECT measure_id AS measureId, depends_on_id AS dependsOnId FROM measure_dependencies ORDER BY measure_id, depends_on_id').all() as Dependency[];
}

/** Both directions: edges from and to the measure (what a measure delete cascades). */
export function dependenciesTouching(db: Db, measureId: string): Dependency[] {
  return stmt(db, 'SELECT measure_id AS measureId, depends_on_id AS dependsOnId FROM measure_dependencies WHERE measure_id = ? OR depends_on_id = ? ORDER BY measure_id, depends_on_id').all(measureId, measureId) as Dependency[];
}

export function putDependency(db: Db, d: Dependency): void {
  stmt(db, 'INSERT OR IGNORE INTO measure_dependencies (measure_id, depends_on_id) VALUES (@measureId, @dependsOnId)').run(d);
}

export function deleteDependency(db: Db, d: Dependency): void {
  stmt(db, 'DELETE FROM measure_dependencies WHERE measure_id = @measureId AND depends_on_id = @dependsOnId').run(d);
}
