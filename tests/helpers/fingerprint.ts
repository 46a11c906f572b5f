// A fingerprint of every table's content (the change log and the sync field log and clock aside), read through a second
// connection: proves that a refused call changed nothing and that undo restores exactly.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { expect } from 'vitest';

export function fingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('change_log', 'sync_changes', 'sync_state') ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const h = createHash('sha256');
    for (const name of tables) {
      const n = (db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info(?)`).get(name) as { n: number }).n;
      const order = Array.from({ length: n }, (_, i) => i + 1).join(', ');
      h.update(name + JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).all()));
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

/** The call is refused with a German message matching `message`, and the plan file is unchanged. */
export async function expectRefused(path: string, call: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = fingerprint(path);
  await expect(call()).rejects.toThrow(message);
  expect(fingerprint(path)).toBe(before);
}
