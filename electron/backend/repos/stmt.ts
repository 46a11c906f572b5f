// Prepared statements, compiled once per connection and reused. Compiling SQL costs more than
// running a small statement, so repositories call stmt(db, sql) instead of db.prepare(sql).
// Only for statements run with run/get/all (never iterate, pluck or raw, which change or hold
// the shared statement).
import type Database from 'better-sqlite3';
import type { Db } from '../db/open.ts';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function stmt(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let s = statements.get(sql);
  if (!s) statements.set(sql, (s = db.prepare(sql)));
  return s;
}
