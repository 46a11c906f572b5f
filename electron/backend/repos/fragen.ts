// Answers to the Fragen für den gemeinsamen Weiterbau, and the Fragen with their links.
import type { FrageStatus } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

export interface FrageAnswer { frageId: string; answer: string; answeredBy: string; updatedAt: string }

export function getFrageAnswer(db: Db, frageId: string): FrageAnswer | undefined {
  return stmt(db, 'SELECT frage_id AS frageId, answer, answered_by AS answeredBy, updated_at AS updatedAt FROM frage_answers WHERE frage_id = ?').get(frageId) as FrageAnswer | undefined;
}

/** Inserts or replaces the answer exactly as given (also used by undo/redo). */
export function putFrageAnswer(db: Db, a: FrageAnswer): void {
  stmt(db, `INSERT INTO frage_answers (frage_id, answer, answered_by, updated_at) VALUES (@frageId, @answer, @answeredBy, @updatedAt)
    ON CONFLICT (frage_id) DO UPDATE SET answer = excluded.answer, answered_by = excluded.answered_by, updated_at = excluded.updated_at`).run(a);
}

export function deleteFrageAnswer(db: Db, frageId: string): void {
  stmt(db, 'DELETE FROM frage_answers WHERE frage_id = ?').run(frageId);
}

/** Every Frage of the plan's catalogue in printed order (or one), with answer and linked measures. */
export function listFragen(db: Db, frageId?: string): FrageStatus[] {
  const rows = stmt(db, `SELECT ci.id AS frageId, ci.baustelle_id AS baustelleId, ci.actor_group AS actorGroup, ci.position, ci.text,
      fa.answer, fa.answered_by AS answeredBy, fa.updated_at AS updatedAt
    FROM catalogue_items ci JOIN baustellen b ON b.id = ci.baustelle_id LEFT JOIN frage_answers fa ON fa.frage_id = ci.id
    WHERE ci.kind = 'frage' AND (@id IS NULL OR ci.id = @id)
    ORDER BY b.number, ci.rowid`).all({ id: frageId ?? null }) as Omit<FrageStatus, 'measureIds'>[];
  const links = new Map<string, string[]>();
  for (const r of stmt(db, `SELECT mi.item_id, mi.measure_id FROM measure_items mi JOIN measures m ON m.id = mi.measure_id
      WHERE mi.item_id IN (SELECT id FROM catalogue_items WHERE kind = 'frage') AND (@id IS NULL OR mi.item_id = @id) ORDER BY m.code`)
    .all({ id: frageId ?? null }) as { item_id: string; measure_id: string }[]) {
    const list = links.get(r.item_id);
    if (list) list.push(r.measure_id);
    else links.set(r.item_id, [r.measure_id]);
  }
  return rows.map((r) => ({ ...r, answer: r.answer ?? null, answeredBy: r.answeredBy ?? null, updatedAt: r.updatedAt ?? null, measureIds: links.get(r.frageId) ?? [] }));
}
