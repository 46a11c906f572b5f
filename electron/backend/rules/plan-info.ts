// What the window shows about the open plan; used by the plan handlers and the DOCX snapshot alike.
import { basename } from 'node:path';
import type { PlanInfo } from '../../../shared/domain/types.ts';
import { LATEST_VERSION } from '../db/migrations/index.ts';
import { getMeta } from '../repos/meta.ts';
import type { Session } from '../session.ts';

/** The Planungszeitraum from meta (schema 6); an empty value means not set. */
export function planPeriodOf(db: Session['db']): { periodFirstYear: number | null; periodLastYear: number | null } {
  const year = (key: string) => { const v = getMeta(db, key); return v ? Number(v) : null; };
  const a = year('period_first_year');
  const b = year('period_last_year');
  return a !== null && b !== null ? { periodFirstYear: a, periodLastYear: b } : { periodFirstYear: null, periodLastYear: null };
}

export function planInfo(s: Session): PlanInfo {
  const db = s.db;
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const cat = db.prepare('SELECT id, version FROM catalogue ORDER BY version DESC LIMIT 1').get() as { id: string; version: number };
  return {
    path: s.path!,
    fileName: basename(s.path!),
    title: getMeta(db, 'title') ?? '',
    landkreis: getMeta(db, 'landkreis') ?? '',
    schemaVersion: LATEST_VERSION,
    catalogueId: cat.id,
    catalogueVersion: cat.version,
    measureCount: count('measures'),
    actorCount: count('actors'),
    createdAt: getMeta(db, 'created_at') ?? '',
    ...planPeriodOf(db),
    readOnly: readOnlyInfo(s),
    backupProblem: s.backupProblem,
  };
}

/** Who writes the plan this window only reads (their lock), or null when this window writes. */
function readOnlyInfo(s: Session): PlanInfo['readOnly'] {
  const ro = s.readOnly;
  if (!ro) return null;
  return { user: ro.writer?.user ?? null, machine: ro.writer?.machine ?? null, since: ro.writer?.since ?? null, message: ro.message };
}
