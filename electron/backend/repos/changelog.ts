import type { Db } from '../db/open.ts';

export interface ChangeContext { user: string; now: () => string }

export function logChange(
  db: Db, ctx: ChangeContext, entity: string, entityId: string, action: 'create' | 'update' | 'delete',
  summary: string, before: unknown, after: unknown,
): void {
  db.prepare('INSERT INTO change_log (at, user, entity, entity_id, action, summary, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(ctx.now(), ctx.user, entity, entityId, action, summary,
      before === undefined ? null : JSON.stringify(before), after === undefined ? null : JSON.stringify(after));
}
