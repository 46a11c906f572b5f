import type { Actor, Responsibility } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

const SELECT = 'SELECT id, name, kind, org_unit AS orgUnit, contact_person AS contactPerson, contact_details AS contactDetails, notes FROM actors';

export function listActors(db: Db): Actor[] {
  return stmt(db, `${SELECT} ORDER BY name COLLATE NOCASE`).all() as Actor[];
}

export function getActor(db: Db, id: string): Actor | undefined {
  return stmt(db, `${SELECT} WHERE id = ?`).get(id) as Actor | undefined;
}

export function insertActor(db: Db, a: Actor): void {
  stmt(db, 'INSERT INTO actors (id, name, kind, org_unit, contact_person, contact_details, notes) VALUES (@id, @name, @kind, @orgUnit, @contactPerson, @contactDetails, @notes)').run(a);
}

export function updateActor(db: Db, a: Actor): void {
  stmt(db, 'UPDATE actors SET name = @name, kind = @kind, org_unit = @orgUnit, contact_person = @contactPerson, contact_details = @contactDetails, notes = @notes WHERE id = @id').run(a);
}

export function deleteActor(db: Db, id: string): void {
  stmt(db, 'DELETE FROM actors WHERE id = ?').run(id);
}

export function countActorLinks(db: Db, actorId: string): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM responsibilities WHERE actor_id = ?').get(actorId) as { n: number }).n;
}

const RSELECT = 'SELECT measure_id AS measureId, actor_id AS actorId, role FROM responsibilities';

export function listResponsibilities(db: Db, measureId?: string): Responsibility[] {
  return (measureId
    ? stmt(db, `${RSELECT} WHERE measure_id = ? ORDER BY role, actor_id`).all(measureId)
    : stmt(db, `${RSELECT} ORDER BY measure_id, role, actor_id`).all()) as Responsibility[];
}

export function getResponsibility(db: Db, measureId: string, actorId: string): Responsibility | undefined {
  return stmt(db, `${RSELECT} WHERE measure_id = ? AND actor_id = ?`).get(measureId, actorId) as Responsibility | undefined;
}

export function upsertResponsibility(db: Db, r: Responsibility): void {
  stmt(db, 'INSERT INTO responsibilities (measure_id, actor_id, role) VALUES (@measureId, @actorId, @role) ON CONFLICT (measure_id, actor_id) DO UPDATE SET role = excluded.role').run(r);
}

export function deleteResponsibility(db: Db, measureId: string, actorId: string): void {
  stmt(db, 'DELETE FROM responsibilities WHERE measure_id = ? AND actor_id = ?').run(measureId, actorId);
}

export function responsibleOf(db: Db, measureId: string): string | undefined {
  const r = stmt(db, `SELECT actor_id FROM responsibilities WHERE measure_id = ? AND role = 'verantwortlich'`).get(measureId) as { actor_id: string } | undefined;
  return r?.actor_id;
}
