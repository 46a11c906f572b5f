// The schema a plan file may have: exactly what the migrations produce for its user_version.
// A file that passes the header checks can still carry triggers that rewrite budget lines on the
// next edit, views or expression indexes that never finish, foreign tables or altered columns.
// So before anything else reads the file, its sqlite_schema is compared row by row with the schema
// that running migrations 1..v on an empty in-memory database yields (memoised per version), so the
// expectation can never go stale when a migration is added.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { MIGRATIONS } from './migrations/index.ts';

export interface SchemaObject {
  type: string;
  name: string;
  tblName: string;
  /** CREATE statement with runs of whitespace collapsed; null for automatic indexes. */
  sql: string | null;
}

const TYPE_LABEL: Record<string, string> = { table: 'Tabelle', index: 'Index', view: 'Sicht (View)', trigger: 'Trigger' };

/** Collapses whitespace so formatting alone never counts as a change. */
export function normaliseSql(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/gu, ' ').trim();
}

function key(o: { type: string; name: string }): string {
  return `${o.type}\u0000${o.name}`;
}

/** Reads sqlite_schema of an open connection (schema "main"), sorted. */
export function readSchema(db: Database.Database): SchemaObject[] {
  const rows = db.prepare('SELECT type, name, tbl_name AS tblName, sql FROM main.sqlite_schema ORDER BY type, name').all() as SchemaObject[];
  return rows.map((r) => ({ type: String(r.type), name: String(r.name), tblName: String(r.tblName), sql: normaliseSql(r.sql === null ? null : String(r.sql)) }));
}

const expected = new Map<number, SchemaObject[]>();

/** The schema the migrations produce for `version` (0 = an empty file). */
export function expectedSchema(version: number): SchemaObject[] {
  const known = expected.get(version);
  if (known) return known;
  const db = new Database(':memory:');
  try {
    for (const m of MIGRATIONS) {
      if (m.version > version) break;
      db.exec(m.up);
    }
    const schema = readSchema(db);
    expected.set(version, schema);
    return schema;
  } finally {
    db.close();
  }
}

/** A stable hash of the schema of `version`; tests pin the released ones. */
export function schemaFingerprint(version: number): string {
  return createHash('sha256').update(JSON.stringify(expectedSchema(version))).digest('hex');
}

export interface SchemaDifference {
  kind: 'extra' | 'missing' | 'altered';
  object: { type: string; name: string; tblName: string };
}

/** Every object that is extra, missing or different compared with the expected schema. */
export function compareSchema(actual: SchemaObject[], version: number): SchemaDifference[] {
  const want = new Map(expectedSchema(version).map((o) => [key(o), o]));
  const have = new Map(actual.map((o) => [key(o), o]));
  const diffs: SchemaDifference[] = [];
  for (const o of actual) {
    const w = want.get(key(o));
    if (!w) diffs.push({ kind: 'extra', object: o });
    else if (w.sql !== o.sql || w.tblName !== o.tblName) diffs.push({ kind: 'altered', object: o });
  }
  for (const w of want.values()) if (!have.has(key(w))) diffs.push({ kind: 'missing', object: w });
  return diffs;
}

/** One German sentence naming the first differences (at most three). */
export function describeDifferences(diffs: SchemaDifference[]): string {
  const parts = diffs.slice(0, 3).map(({ kind, object }) => {
    const label = TYPE_LABEL[object.type] ?? `Objekt (${object.type})`;
    const name = `${label} „${object.name.slice(0, 80)}“`;
    if (kind === 'extra') return `${name} gehört nicht zu einer Plandatei`;
    if (kind === 'missing') return `${name} fehlt`;
    return `${name} wurde verändert`;
  });
  const more = diffs.length > 3 ? ` (und ${diffs.length - 3} weitere Abweichungen)` : '';
  return `Der Aufbau der Plandatei weicht von dem Aufbau ab, den die Werkbank anlegt: ${parts.join('; ')}${more}. `
    + 'Die Datei wurde deshalb nicht geöffnet und nicht verändert. Sie kann als bereinigte Kopie geöffnet werden.';
}
