// A fingerprint of every table's content (the change log aside), read through a second
// connection: proves that a refused call changed nothing and that undo restores exactly.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { expect } from 'vitest';

export function fingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'change_log' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const h = createHash('sha256');
    for (const name of tables) h.update(name + JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()));
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
