// „Als bereinigte Kopie öffnen“: a plan file the open gate refused (extra triggers, views, indexes or
// tables, altered columns, planted history, a check that timed out) is not repaired in place. Its
// known tables' rows, known columns only, are copied into a fresh plan file beside it that has
// exactly the schema the migrations create; each row must pass the new file's own constraints
// (STRICT types, CHECKs, NOT NULL, foreign keys), each change-log row its kind's schema. What is
// left out is reported. The original is only read (immutable, trusted_schema off), never written.
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from '../db/migrations/index.ts';
import { APPLICATION_ID, distrust, migrate, openForCheck } from '../db/open.ts';
import { expectedSchema, readSchema } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { isValidLogRow } from '../repos/history.ts';

export interface CleanCopyReport { path: string; copiedRows: number; dropped: string[] }

const LABEL: Record<string, string> = { table: 'Tabelle', index: 'Index', view: 'Sicht', trigger: 'Trigger' };

/** A free name beside the original: „Plan (bereinigt).wirplan“, „Plan (bereinigt 2).wirplan“, … */
export function cleanCopyPath(original: string): string {
  const base = basename(original).replace(/\.wirplan$/iu, '');
  for (let i = 1; ; i++) {
    const p = join(dirname(original), `${base} (bereinigt${i === 1 ? '' : ` ${i}`}).wirplan`);
    if (!existsSync(p) && !existsSync(`${p}-wal`) && !existsSync(`${p}-journal`)) return p;
  }
}

function quote(name: string): string {
  return `"${name.replace(/"/gu, '""')}"`;
}

/** Writes the bereinigte Kopie of `original` to `target` (must not exist); all or nothing. */
export function writeCleanCopy(original: string, target: string): CleanCopyReport {
  if (existsSync(target)) throw new AppError('file-exists', `Die Datei „${target}“ gibt es bereits.`);
  let conn;
  try {
    conn = openForCheck(original);
  } catch {
    throw new AppError('file-damaged', 'Die Plandatei kann nicht gelesen werden; auch eine bereinigte Kopie ist nicht möglich.');
  }
  const src = conn.db;
  const tmp = `${target}.${process.pid}.tmp`;
  let out: Database.Database | undefined;
  try {
    let version: number;
    try {
      if ((src.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
        throw new AppError('file-wrong-app', 'Die Datei ist keine Plandatei der Zusammenhalt-Werkbank; eine bereinigte Kopie ist nicht möglich.');
      }
      version = src.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('file-damaged', 'Die Plandatei kann nicht gelesen werden; auch eine bereinigte Kopie ist nicht möglich.');
    }
    if (version < 1 || version > LATEST_VERSION) {
      throw new AppError('file-too-new', 'Das Dateiformat des Plans ist dieser Version der Werkbank unbekannt; eine bereinigte Kopie ist nicht möglich.');
    }
    const dropped: string[] = [];
    const want = expectedSchema(version);
    const wantKeys = new Set(want.map((o) => `${o.type}:${o.name}`));
    let actual: { type: string; name: string }[] = [];
    try {
      actual = readSchema(src);
    } catch {
      dropped.push('Der Aufbau der Datei war nicht lesbar.');
    }
    for (const o of actual) {
      if (!wantKeys.has(`${o.type}:${o.name}`)) dropped.push(`${LABEL[o.type] ?? o.type} „${o.name.slice(0, 80)}“ nicht übernommen (gehört nicht zu einer Plandatei).`);
    }

    // The new file at the same version as the original, then the rows, then the usual migrations.
    for (const p of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) if (existsSync(p)) throw new AppError('file-exists', `Die Datei „${p}“ gibt es bereits.`);
    out = new Database(tmp);
    distrust(out);
    out.pragma(`application_id = ${APPLICATION_ID}`);
    out.pragma('foreign_keys = ON');
    const db = out;
    db.transaction(() => {
      for (const m of MIGRATIONS) if (m.version <= version) db.exec(m.up);
      db.pragma(`user_version = ${version}`);
    })();

    // Parents before children (foreign keys are checked row by row).
    const tables = want.filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_')).map((o) => o.name);
    const parents = new Map(tables.map((t) => [t, (db.pragma(`foreign_key_list(${quote(t)})`) as { table: string }[]).map((f) => f.table).filter((p) => p !== t)]));
    const ordered: string[] = [];
    const visit = (t: string, seen: Set<string>) => {
      if (ordered.includes(t) || seen.has(t)) return;
      seen.add(t);
      for (const p of parents.get(t) ?? []) visit(p, seen);
      ordered.push(t);
    };
    for (const t of tables) visit(t, new Set());

    let copiedRows = 0;
    db.transaction(() => {
      // The migrations seed some rows (none today); the original's rows replace them.
      for (const t of [...ordered].reverse()) db.prepare(`DELETE FROM ${quote(t)}`).run();
      for (const t of ordered) {
        const cols = (db.pragma(`table_info(${quote(t)})`) as { name: string }[]).map((c) => c.name);
        let srcCols: Set<string>;
        let rows: Record<string, unknown>[];
        try {
          srcCols = new Set((src.pragma(`table_info(${quote(t)})`) as { name: string }[]).map((c) => c.name));
          const use = cols.filter((c) => srcCols.has(c));
          if (use.length === 0) throw new Error('no columns');
          rows = src.prepare(`SELECT ${use.map(quote).join(', ')} FROM main.${quote(t)}`).safeIntegers(true).all() as Record<string, unknown>[];
        } catch {
          dropped.push(`Tabelle „${t}“ war nicht lesbar; ihre Einträge fehlen in der Kopie.`);
          continue;
        }
        const use = cols.filter((c) => srcCols.has(c));
        const insert = db.prepare(`INSERT INTO ${quote(t)} (${use.map(quote).join(', ')}) VALUES (${use.map((c) => `@${c}`).join(', ')})`);
        let pending = rows;
        let bad = 0;
        let invalidLog = 0;
        // Rows of a table that refer to each other (none today) go in over several passes.
        for (;;) {
          const next: Record<string, unknown>[] = [];
          for (const r of pending) {
            if (t === 'change_log' && !isValidLogRow({
              entity: String(r.entity), entity_id: String(r.entity_id), before_json: r.before_json === null ? null : String(r.before_json),
              after_json: r.after_json === null ? null : String(r.after_json), txn: r.txn === null || r.txn === undefined ? null : String(r.txn),
            })) {
              invalidLog++;
              continue;
            }
            try {
              insert.run(r);
              copiedRows++;
            } catch {
              next.push(r);
            }
          }
          if (next.length === 0 || next.length === pending.length) {
            bad += next.length;
            break;
          }
          pending = next;
        }
        if (bad > 0) dropped.push(`Tabelle „${t}“: ${bad === 1 ? '1 Eintrag' : `${bad} Einträge`} mit ungültigen Werten oder Verweisen ins Leere nicht übernommen.`);
        if (invalidLog > 0) dropped.push(`Änderungsprotokoll: ${invalidLog === 1 ? '1 Eintrag' : `${invalidLog} Einträge`} mit ungültigem Inhalt nicht übernommen (sie lassen sich nicht rückgängig machen).`);
      }
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length > 0) throw new AppError('clean-copy-failed', 'Die bereinigte Kopie enthielte Verweise ins Leere und wurde nicht angelegt.');
    })();
    db.pragma('journal_mode = WAL');
    migrate(db);
    db.close();
    out = undefined;
    // Whole or not at all: the finished file gets its name only now.
    renameSync(tmp, target);
    return { path: target, copiedRows, dropped };
  } catch (e) {
    out?.close();
    for (const p of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(p, { force: true });
    throw e;
  } finally {
    conn.close();
  }
}
