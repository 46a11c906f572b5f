// Beteiligungsrunde (schema 9): rounds, raters, returned sheets with their scores. put* functions
// insert-or-replace exactly the image given, so undo/redo (repos/history.ts) use them unchanged.
// A rater's returned sheet is one image (row + all its scores): re-importing replaces it as a whole.
import type { RaterGroup, RoundCriterion, RoundMeasure, RoundScore, RoundStatus } from '../../../shared/domain/rounds.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

export interface RoundRow {
  id: string;
  name: string;
  status: RoundStatus;
  createdAt: string;
  createdBy: string;
  criteria: RoundCriterion[];
  measures: RoundMeasure[];
  secret: string;
}

interface RoundDb { id: string; name: string; status: RoundStatus; created_at: string; created_by: string; criteria_json: string; measures_json: string; secret: string }
const ROUND_COLS = 'id, name, status, created_at, created_by, criteria_json, measures_json, secret';
const toRound = (r: RoundDb): RoundRow => ({
  id: r.id, name: r.name, status: r.status, createdAt: r.created_at, createdBy: r.created_by,
  criteria: JSON.parse(r.criteria_json) as RoundCriterion[], measures: JSON.parse(r.measures_json) as RoundMeasure[], secret: r.secret,
});

export function listRounds(db: Db): RoundRow[] {
  return (stmt(db, `SELECT ${ROUND_COLS} FROM rounds ORDER BY created_at DESC, id`).all() as RoundDb[]).map(toRound);
}

export function getRound(db: Db, id: string): RoundRow | undefined {
  const r = stmt(db, `SELECT ${ROUND_COLS} FROM rounds WHERE id = ?`).get(id) as RoundDb | undefined;
  return r && toRound(r);
}

export function putRound(db: Db, r: RoundRow): void {
  stmt(db, `INSERT INTO rounds (${ROUND_COLS}) VALUES (@id, @name, @status, @createdAt, @createdBy, @criteria, @measures, @secret)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, created_at = excluded.created_at, created_by = excluded.created_by,
      criteria_json = excluded.criteria_json, measures_json = excluded.measures_json, secret = excluded.secret`)
    .run({ ...r, criteria: JSON.stringify(r.criteria), measures: JSON.stringify(r.measures) });
}

export function deleteRound(db: Db, id: string): void {
  stmt(db, 'DELETE FROM rounds WHERE id = ?').run(id);
}

// ---- raters

export interface RaterRow { id: string; roundId: string; name: string; group: RaterGroup; position: number }

export function listRaters(db: Db, roundId: string): RaterRow[] {
  return stmt(db, 'SELECT id, round_id AS roundId, name, grp AS "group", position FROM round_raters WHERE round_id = ? ORDER BY position, id').all(roundId) as RaterRow[];
}

export function getRater(db: Db, id: string): RaterRow | undefined {
  return stmt(db, 'SELECT id, round_id AS roundId, name, grp AS "group", position FROM round_raters WHERE id = ?').get(id) as RaterRow | undefined;
}

export function putRater(db: Db, r: RaterRow): void {
  stmt(db, `INSERT INTO round_raters (id, round_id, name, grp, position) VALUES (@id, @roundId, @name, @group, @position)
    ON CONFLICT (id) DO UPDATE SET round_id = excluded.round_id, name = excluded.name, grp = excluded.grp, position = excluded.position`).run(r);
}

export function deleteRater(db: Db, id: string): void {
  stmt(db, 'DELETE FROM round_raters WHERE id = ?').run(id);
}

// ---- returned sheets

export interface SheetImage {
  raterId: string;
  importedAt: string;
  importedBy: string;
  fileName: string;
  scores: { measureId: string; criterionId: string; score: number }[];
}

export function getSheet(db: Db, raterId: string): SheetImage | undefined {
  const row = stmt(db, 'SELECT rater_id AS raterId, imported_at AS importedAt, imported_by AS importedBy, file_name AS fileName FROM round_sheets WHERE rater_id = ?')
    .get(raterId) as Omit<SheetImage, 'scores'> | undefined;
  if (!row) return undefined;
  const scores = stmt(db, 'SELECT measure_id AS measureId, criterion_id AS criterionId, score FROM round_scores WHERE rater_id = ? ORDER BY measure_id, criterion_id')
    .all(raterId) as SheetImage['scores'];
  return { ...row, scores };
}

export function putSheet(db: Db, s: SheetImage): void {
  stmt(db, 'DELETE FROM round_scores WHERE rater_id = ?').run(s.raterId);
  stmt(db, `INSERT INTO round_sheets (rater_id, imported_at, imported_by, file_name) VALUES (@raterId, @importedAt, @importedBy, @fileName)
    ON CONFLICT (rater_id) DO UPDATE SET imported_at = excluded.imported_at, imported_by = excluded.imported_by, file_name = excluded.file_name`)
    .run({ raterId: s.raterId, importedAt: s.importedAt, importedBy: s.importedBy, fileName: s.fileName });
  const ins = stmt(db, 'INSERT INTO round_scores (rater_id, measure_id, criterion_id, score) VALUES (?, ?, ?, ?)');
  for (const x of s.scores) ins.run(s.raterId, x.measureId, x.criterionId, x.score);
}

export function deleteSheet(db: Db, raterId: string): void {
  stmt(db, 'DELETE FROM round_scores WHERE rater_id = ?').run(raterId);
  stmt(db, 'DELETE FROM round_sheets WHERE rater_id = ?').run(raterId);
}

/** Per rater of the round: the returned sheet's row and its score count. */
export function sheetsOfRound(db: Db, roundId: string): Map<string, { importedAt: string; importedBy: string; fileName: string; scoreCount: number }> {
  const rows = stmt(db, `SELECT s.rater_id AS raterId, s.imported_at AS importedAt, s.imported_by AS importedBy, s.file_name AS fileName,
      (SELECT COUNT(*) FROM round_scores x WHERE x.rater_id = s.rater_id) AS scoreCount
    FROM round_sheets s JOIN round_raters r ON r.id = s.rater_id WHERE r.round_id = ?`).all(roundId) as
    { raterId: string; importedAt: string; importedBy: string; fileName: string; scoreCount: number }[];
  return new Map(rows.map(({ raterId, ...rest }) => [raterId, rest]));
}

export function scoresOfRound(db: Db, roundId: string): RoundScore[] {
  return stmt(db, `SELECT x.rater_id AS raterId, x.measure_id AS measureId, x.criterion_id AS criterionId, x.score
    FROM round_scores x JOIN round_raters r ON r.id = x.rater_id WHERE r.round_id = ? ORDER BY x.rater_id, x.measure_id, x.criterion_id`).all(roundId) as RoundScore[];
}

export function planId(db: Db): string {
  // The id every copy of the plan carries (meta plan_id, set by migration 0010 and at creation), so a
  // sheet returned to a colleague's copy of the same plan is accepted and one of another plan is not.
  return (stmt(db, "SELECT value FROM meta WHERE key = 'plan_id'").get() as { value: string } | undefined)?.value ?? '';
}
