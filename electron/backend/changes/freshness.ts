// What a contract call changed, derived in one place for every handler (shared/api/freshness.ts):
// the entity kinds of the Änderungsprotokoll rows the call wrote, the kinds of the step an undo/redo
// applied, the declared writes that are not logged, and — as a safety net — "everything" when the
// connection changed rows that neither the log nor the declaration account for.
import type { Method } from '../../../shared/api/contract.ts';
import { ALL, BACKUP, HISTORY, MAX_MEASURE_IDS, MEASURE_CHILDREN, WRITES_UNLOGGED, WRITES_WHEN_REFUSED, type EntityKind, type Freshness } from '../../../shared/api/freshness.ts';
import type { Db } from '../db/open.ts';
import { stmt } from '../repos/stmt.ts';

/** The state of the open plan before a call. */
export interface FreshnessMark {
  path: string | null;
  db: Db | null;
  /** Newest change_log seq: the plan's revision. */
  seq: number;
  /** sqlite3_total_changes() of the connection: rows this connection has written so far. */
  changes: number;
  /** Backups written or failed so far (the routine backup runs after a call's write). */
  backups: number;
}

interface PlanSession {
  readonly isOpen: boolean;
  readonly path: string | null;
  readonly db: Db;
  readonly backupEvents: number;
}

export function freshnessMark(s: PlanSession): FreshnessMark {
  if (!s.isOpen) return { path: null, db: null, seq: 0, changes: 0, backups: 0 };
  const db = s.db;
  const r = stmt(db, 'SELECT COALESCE((SELECT MAX(seq) FROM change_log), 0) AS seq, total_changes() AS changes').get() as { seq: number; changes: number };
  return { path: s.path, db, seq: r.seq, changes: r.changes, backups: s.backupEvents };
}

/** Rows the call wrote (seq > @seq) other than undo/redo markers, and the rows of the steps those markers applied. */
const AFFECTED = `WITH written AS (SELECT entity, entity_id, before_json, after_json FROM change_log WHERE seq > @seq),
  affected AS (
    SELECT entity, entity_id, before_json, after_json FROM written WHERE entity <> '${HISTORY}'
    UNION ALL
    SELECT entity, entity_id, before_json, after_json FROM change_log WHERE txn IN (SELECT entity_id FROM written WHERE entity = '${HISTORY}')
  )`;

export function freshnessAfter(s: PlanSession, before: FreshnessMark, method: Method, failed = false): Freshness {
  const fresh = dataFreshness(s, before, method, failed);
  // A backup written or failed after the call's write: the backup list and the warning about it change.
  if (s.isOpen && s.backupEvents !== before.backups && !fresh.touched.includes(ALL)) fresh.touched = [...fresh.touched, BACKUP];
  return fresh;
}

function dataFreshness(s: PlanSession, before: FreshnessMark, method: Method, failed: boolean): Freshness {
  const after = freshnessMark(s);
  const declared = WRITES_UNLOGGED[method] ?? [];
  const samePlan = after.path === before.path && after.db === before.db;
  // A refused write rolled back its transaction (writes are atomic); total_changes() still counts the
  // rolled-back rows, so only a new log entry or another plan means something changed.
  if (failed && samePlan && after.seq === before.seq) return { revision: after.seq, touched: [...(WRITES_WHEN_REFUSED[method] ?? [])] };
  if (!samePlan || declared.includes(ALL)) return { revision: after.seq, touched: [ALL] };
  if (!after.db) return { revision: 0, touched: [...declared] };
  const db = after.db;
  const touched = new Set<EntityKind>(declared);
  let measureIds: string[] | undefined;
  if (after.seq > before.seq) {
    touched.add(HISTORY);
    for (const r of stmt(db, `${AFFECTED} SELECT DISTINCT entity FROM affected`).all({ seq: before.seq }) as { entity: string }[]) {
      if (r.entity !== 'step') touched.add(r.entity);
    }
    // A measure created or deleted (or brought back by undo) takes its rows in other tables along without
    // logging them (ON DELETE CASCADE): those kinds changed too.
    if (stmt(db, `${AFFECTED} SELECT 1 FROM affected WHERE entity = 'measure' AND (before_json IS NULL OR after_json IS NULL) LIMIT 1`).get({ seq: before.seq })) {
      for (const k of MEASURE_CHILDREN) touched.add(k);
    }
    const ids = stmt(db, `${AFFECTED} SELECT DISTINCT CASE WHEN entity = 'measure' THEN entity_id
        ELSE json_extract(COALESCE(after_json, before_json), '$.measureId') END AS id
      FROM affected WHERE entity IN ('measure', 'budget', 'responsibility') LIMIT ${MAX_MEASURE_IDS + 1}`)
      .all({ seq: before.seq }) as { id: string | null }[];
    if (ids.length <= MAX_MEASURE_IDS && ids.every((r) => typeof r.id === 'string')) measureIds = ids.map((r) => r.id!);
  } else if (after.changes !== before.changes && declared.length === 0) {
    // Rows changed that the log does not show and no declaration names: say "everything" rather than leave a view stale.
    return { revision: after.seq, touched: [ALL] };
  }
  return { revision: after.seq, touched: [...touched], ...(measureIds ? { measureIds } : {}) };
}
