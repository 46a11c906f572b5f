// What the UI keeps inside the plan: saved views and table preferences. Opaque JSON to the backend.
import type { JsonValue, SavedView } from '../../../shared/domain/types.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './stmt.ts';

interface ViewRecord { id: string; name: string; state_json: string; created_at: string; updated_at: string }

function toView(r: ViewRecord): SavedView {
  return { id: r.id, name: r.name, state: JSON.parse(r.state_json) as JsonValue, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function listViews(db: Db): SavedView[] {
  return (stmt(db, 'SELECT id, name, state_json, created_at, updated_at FROM saved_views ORDER BY name COLLATE NOCASE').all() as ViewRecord[]).map(toView);
}

export function getView(db: Db, id: string): SavedView | undefined {
  const r = stmt(db, 'SELECT id, name, state_json, created_at, updated_at FROM saved_views WHERE id = ?').get(id) as ViewRecord | undefined;
  return r && toView(r);
}

export function findViewByName(db: Db, name: string): { id: string } | undefined {
  return stmt(db, 'SELECT id FROM saved_views WHERE name = ? COLLATE NOCASE').get(name) as { id: string } | undefined;
}

export function putView(db: Db, v: SavedView): void {
  stmt(db, `INSERT INTO saved_views (id, name, state_json, created_at, updated_at) VALUES (@id, @name, @stateJson, @createdAt, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, state_json = excluded.state_json, updated_at = excluded.updated_at`)
    .run({ id: v.id, name: v.name, stateJson: JSON.stringify(v.state), createdAt: v.createdAt, updatedAt: v.updatedAt });
}

export function deleteView(db: Db, id: string): boolean {
  return stmt(db, 'DELETE FROM saved_views WHERE id = ?').run(id).changes > 0;
}

export function getPref(db: Db, key: string): JsonValue | null {
  const r = stmt(db, 'SELECT json FROM ui_prefs WHERE key = ?').get(key) as { json: string } | undefined;
  return r ? (JSON.parse(r.json) as JsonValue) : null;
}

export function setPref(db: Db, key: string, value: JsonValue | null): void {
  if (value === null) stmt(db, 'DELETE FROM ui_prefs WHERE key = ?').run(key);
  else stmt(db, 'INSERT INTO ui_prefs (key, json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json').run(key, JSON.stringify(value));
}
