import type { Catalogue } from '../../../shared/catalogue/types.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

/** Copies a catalogue into the plan (once, at creation), so the plan stays readable when the shipped one changes. */
export function installCatalogue(db: Db, catalogue: Catalogue): void {
  stmt(db, 'INSERT INTO catalogue (id, version, json) VALUES (?, ?, ?)').run(catalogue.id, catalogue.version, JSON.stringify(catalogue));
  const b = stmt(db, 'INSERT INTO baustellen (id, number, short_title, title) VALUES (?, ?, ?, ?)');
  const item = stmt(db, 'INSERT INTO catalogue_items (id, baustelle_id, kind, actor_group, position, text) VALUES (?, ?, ?, ?, ?, ?)');
  for (const s of catalogue.baustellen) {
    b.run(s.id, s.number, s.shortTitle, s.title);
    for (const g of s.grundmauern) item.run(g.id, s.id, 'grundmauer', g.actorGroup, g.position, g.text);
    for (const f of s.fragen) item.run(f.id, s.id, 'frage', f.actorGroup, f.position, f.text);
  }
}

export function readCatalogue(db: Db): Catalogue {
  const row = stmt(db, 'SELECT json FROM catalogue ORDER BY version DESC LIMIT 1').get() as { json: string } | undefined;
  if (!row) throw new Error('plan has no catalogue');
  return JSON.parse(row.json) as Catalogue;
}

export function baustelleExists(db: Db, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM baustellen WHERE id = ?').get(id) !== undefined;
}

export function catalogueItem(db: Db, id: string): { id: string; baustelleId: string; kind: 'grundmauer' | 'frage'; actorGroup: string; text: string } | undefined {
  return stmt(db, 'SELECT id, baustelle_id AS baustelleId, kind, actor_group AS actorGroup, text FROM catalogue_items WHERE id = ?').get(id) as never;
}
