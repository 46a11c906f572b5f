// Plans from older versions open in this one with nothing lost, a backup in the old format taken
// first; plans from newer versions are refused and left byte for byte as they were; a migration
// that fails is rolled back and the planner is pointed to the backup.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LATEST_VERSION } from '../../electron/backend/db/migrations/index.ts';
import type { BackupInfo } from '../../shared/api/contract.ts';
import type { PlanInfo } from '../../shared/domain/types.ts';
import { backend, looksGerman, sha256File, tempDir, type Backend } from './helpers/plans.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/plans');
const fixtures = readdirSync(FIXTURES).filter((n) => /^v\d+\.wirplan$/u.test(n)).sort();
const fixtureHashes = new Map(fixtures.map((f) => [f, sha256File(join(FIXTURES, f))]));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});
afterAll(() => {
  // The fixtures themselves are never opened in place.
  for (const f of fixtures) expect(sha256File(join(FIXTURES, f)), f).toBe(fixtureHashes.get(f));
});

function setup(fixture: string) {
  const dir = tempDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'alt.wirplan');
  copyFileSync(join(FIXTURES, fixture), path);
  const b = backend({ dataDir: join(dir, 'data') });
  cleanups.push(() => b.session.close());
  return { dir, path, b };
}

interface TableFacts { rows: number; digest: string; sums: Record<string, number> }

/** Per table of the old file: row count, the rows in the old columns, and sums of every integer column. */
function facts(path: string, schemaFrom = path): Record<string, TableFacts> {
  const schema = new Database(schemaFrom, { readonly: true });
  const tables = schema.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const cols = new Map(tables.map((t) => [t, schema.prepare('SELECT name, type FROM pragma_table_info(?)').all(t) as { name: string; type: string }[]]));
  schema.close();
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, TableFacts> = {};
    for (const t of tables) {
      const c = cols.get(t)!;
      const list = c.map((x) => `"${x.name}"`).join(', ');
      // Migration 0010 adds the plan identity every copy shares (meta plan_id); all else stays as it was.
      const where = t === 'meta' ? " WHERE key <> 'plan_id'" : '';
      const rows = db.prepare(`SELECT ${list} FROM "${t}"${where} ORDER BY ${list}`).raw().all();
      const sums: Record<string, number> = {};
      for (const x of c.filter((x) => x.type === 'INTEGER')) sums[x.name] = db.prepare(`SELECT TOTAL("${x.name}") FROM "${t}"${where}`).pluck().get() as number;
      out[t] = { rows: rows.length, digest: JSON.stringify(rows), sums };
    }
    return out;
  } finally {
    db.close();
  }
}

const userVersion = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe.each(fixtures)('fixture %s', (fixture) => {
  it('migrates to the latest version with nothing lost (rows, contents, sums), after a backup in the old format', async () => {
    const { path, b } = setup(fixture);
    const from = userVersion(path);
    const old = facts(path);
    const info = await b.ok<PlanInfo>('plan.open', { path });
    expect(info.measureCount).toBe(old.measures.rows);
    const [backup] = (await b.ok<BackupInfo[]>('plan.backups')).filter((x) => x.kind === 'migration');
    b.session.close();

    expect(userVersion(path)).toBe(LATEST_VERSION);
    const now = facts(path, join(FIXTURES, fixture));
    for (const [table, f] of Object.entries(old)) {
      expect(now[table].rows, `${table}: rows`).toBe(f.rows);
      expect(now[table].sums, `${table}: sums`).toEqual(f.sums);
      expect(now[table].digest === f.digest, `${table}: contents`).toBe(true);
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();

    if (from < LATEST_VERSION) {
      expect(backup).toMatchObject({ kindLabel: 'Vor der Umstellung auf ein neues Dateiformat', ok: true, measureCount: old.measures.rows });
      expect(userVersion(backup.path)).toBe(from);
      const inBackup = facts(backup.path);
      for (const [table, f] of Object.entries(old)) expect(inBackup[table].digest === f.digest, table).toBe(true);
    }
  });
});

describe('a plan from a newer version', () => {
  it('is refused with a German message and left byte for byte as it was, nothing written beside it', async () => {
    const { dir, path, b } = setup(fixtures.at(-1)!);
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = sha256File(path);
    const listing = readdirSync(dir).sort();
    const r = await b.call('plan.open', { path });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('file-too-new');
    expect(r.error.message).toContain('neueren Version der Werkbank');
    expect(r.error.message).toContain('die Datei bleibt unverändert');
    expect(looksGerman(r.error.message)).toBe(true);
    expect(sha256File(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(listing);
  });
});

describe('a migration', () => {
  it('is not started when no backup can be taken first; the file stays byte for byte as it was', async () => {
    if (LATEST_VERSION === 1) return; // nothing to migrate from v1 yet
    const { dir, path, b } = setup('v1.wirplan');
    writeFileSync(`${path}.backups`, 'a file where the folder would be');
    writeFileSync(join(dir, 'data', 'Sicherungen'), 'and here too');
    const before = sha256File(path);
    const r = await b.call('plan.open', { path });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('backup-failed');
    expect(r.error.message).toMatch(/^Vor der Umstellung auf das neue Dateiformat konnte keine Sicherung angelegt werden\./u);
    expect(sha256File(path)).toBe(before);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('that fails is rolled back; the message points to the backup taken before it', async () => {
    const realIndex = await import('../../electron/backend/db/migrations/index.ts');
    vi.resetModules();
    vi.doMock('../../electron/backend/db/migrations/index.ts', () => ({
      MIGRATIONS: [...realIndex.MIGRATIONS, { version: realIndex.LATEST_VERSION + 1, name: 'broken', up: `
        ALTER TABLE measures ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
        UPDATE measures SET priority = 1;
        INSERT INTO no_such_table VALUES (1);
      ` }],
      LATEST_VERSION: realIndex.LATEST_VERSION + 1,
    }));
    try {
      const { backend: mockedBackend } = await import('./helpers/plans.ts');
      const dir = tempDir();
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const path = join(dir, 'alt.wirplan');
      copyFileSync(join(FIXTURES, 'v1.wirplan'), path);
      const old = facts(path);
      const b: Backend = mockedBackend({ dataDir: join(dir, 'data') });
      cleanups.push(() => b.session.close());
      const r = await b.call('plan.open', { path });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('migration-failed');
      expect(r.error.message).toMatch(new RegExp(`^Der Plan konnte nicht auf das Dateiformat dieser Version umgestellt werden: Schritt ${realIndex.LATEST_VERSION + 1} ist fehlgeschlagen und wurde zurückgenommen\\. Die letzte intakte Sicherung ist vom .+ \\(${old.measures.rows} Maßnahmen, Sicherung „.+_vor-formatumstellung_nr\\d+\\.wirplan“\\)`, 'u'));
      // The failed step left no trace; the data of the old file are all there.
      expect(userVersion(path)).toBe(realIndex.LATEST_VERSION);
      const check = new Database(path, { readonly: true });
      expect(check.prepare("SELECT name FROM pragma_table_info('measures')").pluck().all()).not.toContain('priority');
      check.close();
      const now = facts(path, join(FIXTURES, 'v1.wirplan'));
      for (const [table, f] of Object.entries(old)) expect(now[table].digest === f.digest, table).toBe(true);
      expect(existsSync(`${path}.lock`)).toBe(false);
    } finally {
      vi.doUnmock('../../electron/backend/db/migrations/index.ts');
      vi.resetModules();
    }
  });
});
