// The command line, run as users run it: the real bin under Node, on real files in temp folders.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/plan.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/werkbank.mjs');

interface Run { status: number | null; stdout: string; stderr: string; all: string }

function werkbank(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}${r.stderr}` };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Changes a plan file behind the workbench's back, as a careless tool or a person with a SQLite browser would. */
function tamper(path: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

let dir: string;
let demo: string;

beforeAll(() => {
  dir = tempDir('werkbank-cli-');
  demo = join(dir, 'musterland.wirplan');
  const r = werkbank('demo', demo);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('werkbank demo', () => {
  it('writes the demo plan, which check accepts', () => {
    expect(existsSync(demo)).toBe(true);
    const r = werkbank('check', demo);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Plan in Ordnung: 12 Maßnahmen, 16 Akteure, \d+ Budgetpositionen\.$/mu);
    expect(r.stderr).toBe('');
  });

  it('never overwrites an existing file', () => {
    const before = sha256(demo);
    const r = werkbank('demo', demo);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('gibt es bereits');
    expect(sha256(demo)).toBe(before);
  });
});

describe('werkbank check on files that are not (usable) plans', () => {
  const cases: [name: string, make: (path: string) => void, message: RegExp][] = [
    ['a text file', (p) => writeFileSync(p, 'Das ist kein Plan, sondern eine Einkaufsliste.\n'), /keine Plandatei/u],
    ['an empty file', (p) => writeFileSync(p, ''), /leer/u],
    ['a SQLite database of another program', (p) => tamper(p, (db) => db.exec('CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO kunden (name) VALUES (\'Muster\');')), /SQLite-Datenbank, aber keine Plandatei/u],
    ['a plan from a newer version', (p) => { copyFileSync(demo, p); tamper(p, (db) => db.pragma('user_version = 999')); }, /neueren Version/u],
    ['a damaged plan', (p) => {
      copyFileSync(demo, p);
      const bytes = readFileSync(p);
      bytes.fill(0x5a, 4096, 12288);
      writeFileSync(p, bytes);
    }, /beschädigt|Integrität/u],
  ];

  for (const [name, make, message] of cases) {
    it(`reports ${name} in German, exits non-zero and leaves the file unchanged`, () => {
      const path = join(dir, `${name.replace(/\W+/gu, '-')}.wirplan`);
      make(path);
      const before = sha256(path);
      const r = werkbank('check', path);
      expect(r.status).toBe(1);
      expect(r.all).toMatch(message);
      expect(r.stdout).toMatch(/Plandatei|nicht in Ordnung/u);
      expect(sha256(path)).toBe(before);
    });
  }

  it('reports a missing file', () => {
    const r = werkbank('check', join(dir, 'gibt-es-nicht.wirplan'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('wurde nicht gefunden');
  });
});

describe('werkbank check on a plan changed behind the workbench’s back', () => {
  it('reports a decided measure without a responsible actor, without writing to the file', () => {
    const path = join(dir, 'ohne-verantwortung.wirplan');
    copyFileSync(demo, path);
    let code = '';
    tamper(path, (db) => {
      const m = db.prepare(`SELECT id, code FROM measures WHERE status = 'beschlossen' ORDER BY code LIMIT 1`).get() as { id: string; code: string };
      code = m.code;
      const n = db.prepare(`DELETE FROM responsibilities WHERE measure_id = ? AND role = 'verantwortlich'`).run(m.id).changes;
      expect(n).toBe(1);
    });
    const before = sha256(path);
    const r = werkbank('check', path);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`Maßnahme ${code}`);
    expect(r.stdout).toContain('keine verantwortliche Stelle');
    expect(r.stdout).toContain('Plan nicht in Ordnung: 1 Befund.');
    expect(sha256(path)).toBe(before);
  });

  it('reports dangling references and a missing Baustelle (schema unchanged, foreign keys bypassed)', () => {
    const path = join(dir, 'kaputte-werte.wirplan');
    copyFileSync(demo, path);
    tamper(path, (db) => {
      db.pragma('foreign_keys = OFF');
      db.exec(`DELETE FROM baustellen WHERE id = 'B5';`);
    });
    const before = sha256(path);
    const r = werkbank('check', path);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Verweis ins Leere: Ein Eintrag in „measures“/u);
    expect(r.stdout).toContain('Die Tabelle der Baustellen enthält 6 statt 7 Einträge.');
    expect(sha256(path)).toBe(before);
  });

  it('refuses values the table constraints forbid: a rewritten table without its checks is named, negative amounts inside are never read as a plan', () => {
    const path = join(dir, 'ohne-pruefungen.wirplan');
    copyFileSync(demo, path);
    tamper(path, (db) => {
      // A writer that bypasses the constraints by rewriting the table: the open gate compares the schema first.
      db.pragma('foreign_keys = OFF');
      db.exec(`
        CREATE TABLE budget_copy AS SELECT * FROM budget_lines;
        DROP TABLE budget_lines;
        CREATE TABLE budget_lines (id TEXT PRIMARY KEY, measure_id TEXT NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
          year INTEGER NOT NULL, amount_cents INTEGER NOT NULL, cost_kind TEXT NOT NULL, funding_kind TEXT NOT NULL,
          produkt TEXT NOT NULL DEFAULT '', kostenstelle TEXT NOT NULL DEFAULT '', programme TEXT NOT NULL DEFAULT '',
          foerderquote_bp INTEGER, state TEXT NOT NULL DEFAULT 'geplant', note TEXT NOT NULL DEFAULT '', series_id TEXT);
        INSERT INTO budget_lines SELECT * FROM budget_copy;
        DROP TABLE budget_copy;
        UPDATE budget_lines SET amount_cents = -500 WHERE id = (SELECT min(id) FROM budget_lines);
      `);
    });
    const before = sha256(path);
    const r = werkbank('check', path);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Tabelle „budget_lines“ wurde verändert/u);
    expect(sha256(path)).toBe(before);
  });
});

describe('werkbank export', () => {
  it('writes a DOCX that contains every measure', () => {
    const out = join(dir, 'vorlage.docx');
    const before = sha256(demo);
    const r = werkbank('export', demo, '--docx', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Word-Dokument geschrieben');
    expect(sha256(demo)).toBe(before);

    const test = spawnSync('unzip', ['-tq', out], { encoding: 'utf8' });
    expect(test.status).toBe(0);
    const xml = spawnSync('unzip', ['-p', out, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
    const db = new Database(demo, { readonly: true });
    const measures = db.prepare('SELECT code, title FROM measures ORDER BY code').all() as { code: string; title: string }[];
    db.close();
    expect(measures).toHaveLength(12);
    for (const m of measures) {
      expect(xml).toContain(m.code);
      expect(xml).toContain(m.title.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
    }
  });

  it('does not overwrite without --force, and does with it', () => {
    const out = join(dir, 'zweimal.docx');
    expect(werkbank('export', demo, '--docx', out).status).toBe(0);
    writeFileSync(out, 'alt');
    const refused = werkbank('export', demo, '--docx', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('alt');
    const forced = werkbank('export', demo, `--docx=${out}`, '--force');
    expect(forced.status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses a file that is not a plan, and writes nothing', () => {
    const notPlan = join(dir, 'notiz.wirplan');
    writeFileSync(notPlan, 'Notiz');
    const out = join(dir, 'nichts.docx');
    const r = werkbank('export', notPlan, '--docx', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('keine Plandatei');
    expect(existsSync(out)).toBe(false);
  });

  it('keeps the recent list in --data-dir when one is given', () => {
    const data = join(dir, 'daten');
    mkdirSync(data);
    const r = werkbank('export', demo, '--docx', join(dir, 'mit-daten.docx'), '--data-dir', data);
    expect(r.status).toBe(0);
    const recent = JSON.parse(readFileSync(join(data, 'recent.json'), 'utf8')) as { path: string }[];
    expect(recent.map((x) => x.path)).toContain(demo);
  });
});

describe('werkbank usage', () => {
  it('shows German help with --help (exit 0) and without arguments (exit 2)', () => {
    const help = werkbank('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Aufruf:');
    expect(help.stdout).toContain('werkbank export <datei.wirplan> --docx <ausgabe.docx>');
    const none = werkbank();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Aufruf:');
  });

  it('exits 2 on wrong calls, with a German message', () => {
    const cases: [string[], string][] = [
      [['zaubern'], 'Unbekannter Befehl „zaubern“'],
      [['check'], 'Bitte die zu prüfende Plandatei angeben.'],
      [['check', 'a.wirplan', 'b.wirplan'], 'Zu viele Angaben'],
      [['check', demo, '--schnell'], 'Unbekannte Option „--schnell“'],
      [['export', demo], '--docx <ausgabe.docx>'],
      [['export', demo, '--docx'], 'Bei „--docx“ fehlt die Angabe.'],
      [['export', demo, '--docx', demo], 'nicht die Plandatei selbst'],
    ];
    for (const [args, message] of cases) {
      const r = werkbank(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr).toContain('Aufruf fehlerhaft');
    }
  });
});
