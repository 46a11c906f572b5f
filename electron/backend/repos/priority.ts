// Nutzwert ranks for committee documents and decision snapshots, from the plan's criteria and
// scores (repos/priorities.ts, schema 5), computed exactly as the priorities view does
// (shared/domain/nutzwert.ts). A plan "has scores" once at least one measure is scored and the
// weights are valid; otherwise documents order by code and leave out the Nutzwertanalyse.
import { computeNutzwerte, toMeasureScores, validateWeights, type Criterion, type NutzwertRow } from '../../../shared/domain/nutzwert.ts';
import type { Db } from '../db/open.ts';
import { listCriterionRecords, listScores, toDomainCriterion } from './priorities.ts';

export interface PriorityInfo {
  criteria: Criterion[];
  /** In rank order (KO-excluded last), one per measure passed in. */
  rows: NutzwertRow[];
  byMeasure: Map<string, NutzwertRow>;
}

/** The Nutzwertanalyse of the given measures (ranks over exactly these), or null without usable scores. */
export function readPriority(db: Db, measures: readonly { id: string; code: string }[]): PriorityInfo | null {
  const criteria = listCriterionRecords(db).map(toDomainCriterion);
  if (criteria.length === 0 || validateWeights(criteria).length > 0) return null;
  const ids = new Set(measures.map((m) => m.id));
  const known = new Set(criteria.map((c) => c.id));
  const a: Record<string, Record<string, number>> = {};
  const b: Record<string, Record<string, number>> = {};
  let scored = false;
  for (const s of listScores(db)) {
    if (!ids.has(s.measureId) || !known.has(s.criterionId)) continue;
    ((s.rater === 1 ? a : b)[s.measureId] ??= {})[s.criterionId] = s.score;
    scored = true;
  }
  if (!scored) return null;
  const hasSecond = Object.keys(b).length > 0;
  const rows = computeNutzwerte(criteria, toMeasureScores(measures, a, hasSecond ? b : undefined));
  return { criteria, rows, byMeasure: new Map(rows.map((r) => [r.measureId, r])) };
}
