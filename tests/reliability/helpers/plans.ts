// Shared helpers of the reliability tests: plan files in temp folders, fingerprints, hashes.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, dispatch } from '../../../electron/backend/backend.ts';
import { Session, type SessionOptions } from '../../../electron/backend/session.ts';
import type { Envelope, Handlers, Method } from '../../../shared/api/contract.ts';

export function tempDir(prefix = 'werkbank-rel-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A contract client that returns the envelope (never throws), as IPC and HTTP see it. */
export interface Backend {
  session: Session;
  handlers: Handlers;
  call: (method: Method | string, args?: unknown) => Promise<Envelope<unknown>>;
  /** Like call, but throws with the German message on failure; returns the value. */
  ok: <T = unknown>(method: Method, args?: unknown) => Promise<T>;
}

export function backend(opts: Partial<SessionOptions> & { dataDir: string }): Backend {
  const session = new Session({ user: 'test', ...opts });
  const handlers = createHandlers(session);
  const call = (method: Method | string, args: unknown = {}) => dispatch(handlers, method, args);
  return {
    session, handlers, call,
    ok: async <T,>(method: Method, args: unknown = {}) => {
      const r = await call(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
  };
}

/** Creates a closed plan file (demo content or an empty plan) and returns its path. */
export async function makePlanFile(dir: string, name = 'plan.wirplan', demo = true): Promise<string> {
  const path = join(dir, name);
  const b = backend({ dataDir: join(dir, `data-make-${name}`) });
  if (demo) await b.ok('plan.createDemo', { path });
  else await b.ok('plan.new', { path, title: 'Testplan', landkreis: 'Landkreis Test' });
  b.session.close();
  return path;
}

/** Every user table's rows (in a stable order), hashed: equal fingerprints = equal content. */
export function fingerprint(db: Database.Database, tables?: string[]): string {
  const names = tables ?? (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]);
  const h = createHash('sha256');
  for (const name of names) {
    h.update(`\u0000${name}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

export function fingerprintFile(path: string, tables?: string[]): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fingerprint(db, tables);
  } finally {
    db.close();
  }
}

/** A German message for a person: no stack, no English error class, no raw SQLite text. */
export function looksGerman(message: unknown): boolean {
  if (typeof message !== 'string' || message.trim().length < 5) return false;
  if (/\n\s+at |SqliteError|TypeError|RangeError|ReferenceError|SQLITE_|\[object |Invalid input|Expected |Required|Cannot |is not /u.test(message)) return false;
  return /[äöüÄÖÜß]|\b(der|die|das|den|dem|des|ist|sind|nicht|nur|mit|von|für|auf|im|zu|und|oder|bitte|kein|keine|ein|eine|einen|wurde|wird|gibt|fehlt|fehlen|unbekannt\w*|ungültig\w*|erwartet|höchstens|mindestens|angeben|Kennung|Datei|Dateipfad|Plan|Zugriff|Funktion|Sicherung|Maßnahme|Akteur|Text|Zahl|Name)\b/iu.test(message);
}
