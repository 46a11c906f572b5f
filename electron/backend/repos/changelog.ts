import { newId } from '../../../shared/domain/ids.ts';
import type { Db } from '../db/open.ts';
import { recordImages } from '../sync/fieldlog.ts';
import { stmt } from './stmt.ts';

export interface ChangeContext { user: string; now: () => string }

/** Row changes recorded in one step share a txn id; the open step of each connection lives here. */
const openSteps = new WeakMap<Db, string>();

/**
 * Runs `fn` in one transaction whose logged changes form one undo step (measure delete with its
 * budget lines, bulk updates, …). Nested calls join the outer step. Without it, each logChange is
 * a step of its own.
 */
export function changeGroup<T>(db: Db, fn: () => T): T {
  if (openSteps.has(db)) return fn();
  openSteps.set(db, newId());
  try {
    return db.transaction(fn)();
  } finally {
    openSteps.delete(db);
  }
}

/**
 * Records one row change in the Änderungsprotokoll. `before`/`after` are the complete images of
 * the row (undefined when it did not exist before/after): undo puts `before` back, redo `after`
 * (see repos/history.ts, which must know how to put and remove each entity). A new change drops
 * the redo stack.
 */
export function logChange(
  db: Db, ctx: ChangeContext, entity: string, entityId: string, action: 'create' | 'update' | 'delete',
  summary: string, before: unknown, after: unknown,
): void {
  // An update that changes nothing is no step: nothing logged, and the redo stack stays.
  if (action === 'update' && before !== undefined && JSON.stringify(before) === JSON.stringify(after)) return;
  stmt(db, 'UPDATE change_log SET undone = 2 WHERE undone = 1').run();
  stmt(db, 'INSERT INTO change_log (at, user, entity, entity_id, action, summary, before_json, after_json, txn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(ctx.now(), ctx.user, entity, entityId, action, summary,
      before === undefined ? null : JSON.stringify(before), after === undefined ? null : JSON.stringify(after),
      openSteps.get(db) ?? newId());
  recordImages(db, entity, entityId, before, after);
}
