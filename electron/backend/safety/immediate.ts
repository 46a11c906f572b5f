// Write transactions start with BEGIN IMMEDIATE. better-sqlite3's db.transaction(fn)() uses a plain
// (deferred) BEGIN: a handler that reads first and writes later then asks for the write lock only at
// its first write. If another connection (a second tool on the file, a backup reader turning writer)
// committed in between, SQLite cannot wait for it and fails with SQLITE_BUSY at once. With
// IMMEDIATE the write lock is taken at BEGIN, where busy_timeout applies, and the transaction then
// reads the newest data. Doing it here once covers every handler and repository, present and future.
import type { Db } from '../db/open.ts';

const patched = new WeakSet<Db>();

export function preferImmediateTransactions(db: Db): void {
  if (patched.has(db)) return;
  patched.add(db);
  const original = db.transaction.bind(db);
  // The immediate variant carries .deferred/.immediate/.exclusive too, so explicit choices still work.
  db.transaction = ((fn: (...args: never[]) => unknown) => original(fn).immediate) as Db['transaction'];
}
