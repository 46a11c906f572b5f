// What a contract call changed, and what each read depends on: the two tables that keep every view
// fresh without any handler or view having to remember it (ARCHITECTURE.md "Data flow for an edit").
//
// The backend derives `touched` centrally from the change_log rows a call wrote (their entity
// column); WRITES_UNLOGGED adds the writes that are not logged. The renderer's cache invalidates
// the queries whose READ_DEPENDS meet `touched`. A read missing from READ_DEPENDS depends on
// everything, so a new method is fresh by default and can be narrowed later.
import type { Method } from './contract.ts';

/** Entity kinds: the change_log entity names (repos/history.ts APPLIERS) plus a few of UI state. */
export type EntityKind = string;

/** Everything: the plan was opened, closed, replaced or switched. */
export const ALL = '*';

/** Added to `touched` whenever the Änderungsprotokoll grew (history.status, history.list). */
export const HISTORY = 'history';

/** Touched when a backup of the open plan was written or failed (plan.backups, the warning in plan.info). */
export const BACKUP = 'backup';

/** How a response tells the caller what changed. Carried by every envelope while a plan is open. */
export interface Freshness {
  /** The plan's revision after the call (the newest Änderungsprotokoll entry); grows with every logged write. */
  revision: number;
  /** Entity kinds the call changed ([] for reads, ['*'] for everything). Undo/redo: the kinds of the step applied. */
  touched: EntityKind[];
  /**
   * Measures whose row in measures.list may have changed (the measure, its budget lines, its responsibilities),
   * when the call changed few enough of them to name; absent when unknown (then the list is reloaded).
   */
  measureIds?: string[];
}

/** At most this many measure ids travel in a response; beyond that the list is reloaded instead of patched. */
export const MAX_MEASURE_IDS = 100;

/** Writes that the Änderungsprotokoll does not record (UI state, the plan file itself). */
export const WRITES_UNLOGGED: Partial<Record<Method, readonly EntityKind[]>> = {
  'plan.new': [ALL],
  'plan.createDemo': [ALL],
  'plan.open': [ALL],
  'plan.close': [ALL],
  'plan.restore': [ALL],
  'plan.saveAs': [ALL],
  'plan.update': ['recent'],
  'plan.forgetRecent': ['recent'],
  'views.save': ['view'],
  'views.delete': ['view'],
  'prefs.set': ['pref'],
  // The sync bookkeeping (cursor, pushed marks, last sync, last error) is not in the Änderungsprotokoll.
  'sync.run': ['sync'],
};

/** What a refused call may still have written outside the plan: a refused open marks the file in the recent list. */
export const WRITES_WHEN_REFUSED: Partial<Record<Method, readonly EntityKind[]>> = {
  'plan.open': ['recent'],
  // A failed sync records its error (and "offline") for sync.status.
  'sync.run': ['sync'],
};

const MEASURE_ROW = ['measure', 'budget', 'responsibility', 'actor'] as const;

/** Rows that belong to a measure and go with it when it is deleted (cascade) or comes back: touched along with it. */
export const MEASURE_CHILDREN: readonly EntityKind[] = ['responsibility', 'budget', 'milestone', 'indicator', 'dependency', 'score', 'decision', 'budget-series',
  'actual', 'measurement', 'milestone-done', 'ampel-override', 'measure-haushalt'];

/** What each read shows, as entity kinds. Reads not listed depend on everything (reloaded after any write). */
export const READ_DEPENDS: Partial<Record<Method, readonly EntityKind[]>> = {
  'plan.info': ['meta', 'plan', 'measure', 'actor', BACKUP],
  'plan.backups': [BACKUP],
  'plan.recent': ['recent', 'meta'],
  'catalogue.get': [],
  'measures.list': MEASURE_ROW,
  'measures.rows': MEASURE_ROW,
  'measures.get': [...MEASURE_ROW, 'milestone', 'indicator', 'dependency'],
  'actors.list': ['actor'],
  // A measure's own fields do not show here; its creation/deletion touches 'responsibility' (MEASURE_CHILDREN).
  'responsibilities.list': ['responsibility', 'actor'],
  'budget.totals': ['budget', 'measure'],
  'history.list': [HISTORY],
  'history.status': [HISTORY],
  'views.list': ['view'],
  'prefs.get': ['pref'],
  'fragen.list': ['frage-answer', 'measure'],
  'criteria.list': ['criterion'],
  'frames.get': ['frame', 'budget', 'measure', 'meta'],
  'snapshots.list': ['snapshot'],
};

/** The kinds in measures.list rows that a response's measureIds can account for (actor names cannot). */
export const MEASURE_ROW_PATCHABLE: readonly EntityKind[] = ['measure', 'budget', 'responsibility'];

/** Kinds of UI state, not plan data: reads not listed in READ_DEPENDS ignore them. */
const UI_STATE: readonly EntityKind[] = ['view', 'pref', 'recent', HISTORY, BACKUP];

/** True when a read of `method` may show something `touched` changed. */
export function dependsOn(method: string, touched: readonly EntityKind[]): boolean {
  if (touched.length === 0) return false;
  if (touched.includes(ALL)) return true;
  const deps = (READ_DEPENDS as Record<string, readonly EntityKind[] | undefined>)[method];
  if (deps === undefined) return touched.some((k) => !UI_STATE.includes(k));
  return deps.some((k) => touched.includes(k));
}
