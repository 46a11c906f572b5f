// Nutzwert ranks for documents and snapshots, read from the prioritisation tables when the plan has
// them (the prioritisation module adds criteria and scores in its own migration). This reader only
// looks: it finds the tables and columns by name, and when they are missing, named differently or
// hold nothing usable, the plan simply has no ranks (documents then order by code).
import {
  computeNutzwerte, validateWeights, type Criterion, type NutzwertRow,
} from '../../../shared/domain/nutzwert.ts';
import type { Db } from '../db/open.ts';

export interface PriorityInfo {
  criteria: Criterion[];
  /** In rank order (KO-excluded last), one per measure passed in. */
  rows: NutzwertRow[];
  byMeasure: Map<string, NutzwertRow>;
}

const CRITERIA_TABLES = ['criteria', 'nutzwert_criteria', 'kriterien'];
const SCORE_TABLES = ['criterion_scores', 'measure_scores', 'scores', 'nutzwert_scores'];

function columns(db: Db, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
}

function findTable(db: Db, names: string[], need: string[]): { table: string; cols: Set<string> } | null {
  for (const table of names) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    if (!exists) continue;
    const cols = columns(db, table);
    if (need.every((c) => cols.has(c))) return { table, cols };
  }
  return null;
}

const pick = (cols: Set<string>, ...names: string[]) => names.find((n) => cols.has(n)) ?? null;

/**
 * The Nutzwertanalyse of the given measures, or null when the plan has no usable criteria or no
 * score at all. Never throws for a plan without the tables or with criteria whose weights do not
 * add up (then there is no valid ranking to print).
 */
export function readPriority(db: Db, measures: readonly { id: string; code: string }[]): PriorityInfo | null {
  try {
    const ct = findTable(db, CRITERIA_TABLES, ['id', 'name']);
    if (!ct) return null;
    const weightCol = pick(ct.cols, 'weight', 'weight_points', 'gewicht');
    if (!weightCol) return null;
    const descCol = pick(ct.cols, 'description', 'beschreibung');
    const koCol = pick(ct.cols, 'ko', 'is_ko');
    const thrCol = pick(ct.cols, 'ko_threshold', 'koThreshold');
    const orderCol = pick(ct.cols, 'position', 'sort_order', 'rowid') ?? 'rowid';
    const rows = db.prepare(`SELECT id, name, "${weightCol}" AS weight${descCol ? `, "${descCol}" AS description` : ''}${koCol ? `, "${koCol}" AS ko` : ''}${thrCol ? `, "${thrCol}" AS thr` : ''} FROM "${ct.table}" ORDER BY "${orderCol}", id`)
      .all() as { id: string; name: string; weight: number; description?: string; ko?: number; thr?: number | null }[];
    const criteria: Criterion[] = rows.map((r) => ({
      id: String(r.id), name: String(r.name), description: r.description ? String(r.description) : '', weight: Number(r.weight),
      ko: r.ko === 1 || (r.ko as unknown) === true, ...(r.thr != null ? { koThreshold: Number(r.thr) } : {}),
    }));
    if (criteria.length === 0 || validateWeights(criteria).length > 0) return null;

    const st = findTable(db, SCORE_TABLES, ['measure_id', 'criterion_id']);
    if (!st) return null;
    const scoreCol = pick(st.cols, 'score', 'value', 'punkte');
    if (!scoreCol) return null;
    const raterCol = pick(st.cols, 'rater', 'rater_index');
    const scoreRows = db.prepare(`SELECT measure_id AS m, criterion_id AS c, "${scoreCol}" AS s${raterCol ? `, "${raterCol}" AS r` : ''} FROM "${st.table}"`)
      .all() as { m: string; c: string; s: number | null; r?: unknown }[];
    if (scoreRows.length === 0) return null;
    const first: Record<string, Record<string, number>> = {};
    const second: Record<string, Record<string, number>> = {};
    let raters = 1;
    const raterKeys = [...new Set(scoreRows.map((r) => String(r.r ?? '')))].sort();
    for (const r of scoreRows) {
      if (r.s === null || r.s === undefined) continue;
      const isSecond = raterCol !== null && raterKeys.length > 1 && String(r.r ?? '') === raterKeys[1];
      if (isSecond) raters = 2;
      const sheet = isSecond ? second : first;
      (sheet[r.m] ??= {})[r.c] = Number(r.s);
    }
    const input = measures.map((m) => ({
      measureId: m.id, code: m.code, scores: first[m.id] ?? {}, ...(raters === 2 ? { secondScores: second[m.id] ?? {} } : {}),
    }));
    if (!input.some((m) => Object.keys(m.scores).length > 0 || Object.keys(m.secondScores ?? {}).length > 0)) return null;
    const result = computeNutzwerte(criteria, input);
    return { criteria, rows: result, byMeasure: new Map(result.map((r) => [r.measureId, r])) };
  } catch (e) {
    // A schema this reader does not know yet: no ranks rather than no document.
    console.warn('[priority] Nutzwerte nicht lesbar', e instanceof Error ? e.message : e);
    return null;
  }
}
