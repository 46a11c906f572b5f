// `werkbank import`, run as users run it: the real bin under Node, on a real plan file and real
// workbooks (issue 12). All or nothing: a refused workbook leaves the plan file byte for byte as it
// was. For the hostile ones the CLI process's peak RSS and wall time are printed, never asserted.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../electron/backend/session.ts';
import { tempDir } from '../helpers/plan.ts';
import { contentTables } from '../helpers/sync.ts';
import { sheetRows, workbookEntries, zip } from '../helpers/zip.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/werkbank.mjs');

interface Run { status: number | null; stdout: string; stderr: string; rssMb: number; seconds: number }

/** Runs the bin under /usr/bin/time: peak RSS (the bin and the CLI it starts, the larger) and wall time. */
function werkbank(...args: string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '\n[time] RSS_KB=%M WALL=%e', process.execPath, BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const m = /\n?\[time\] RSS_KB=(\d+) WALL=([\d.]+)\s*$/u.exec(r.stderr);
  const stderr = (m ? r.stderr.slice(0, m.index) : r.stderr).replace(/Command exited with non-zero status \d+\n?$/u, '');
  return { status: r.status, stdout: r.stdout, stderr, rssMb: m ? Number(m[1]) / 1024 : Number.NaN, seconds: m ? Number(m[2]) : Number.NaN };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Reads the plan from a copy of its bytes in memory (WAL flag cleared), so no reader leaves -wal/-shm beside it. */
function read<T>(path: string, fn: (db: Database.Database) => T): T {
  const bytes = readFileSync(path);
  bytes[18] = 1;
  bytes[19] = 1;
  const db = new Database(bytes, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const query = <T>(path: string, sql: string, ...args: unknown[]): T[] => read(path, (db) => db.prepare(sql).all(...args) as T[]);
/** Every content table of the plan, as text (the change log included: a refused import writes no entry either). */
const tables = (path: string): string => read(path, (db) => JSON.stringify({ ...contentTables(db), change_log: db.prepare('SELECT * FROM change_log ORDER BY seq').all() }));

let dir: string;
let plan: string;
beforeAll(() => {
  dir = tempDir('werkbank-import-cli-');
  plan = join(dir, 'musterland.wirplan');
  const r = werkbank('demo', plan);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A workbook as a planner fills it: a new Akteur, a new Maßnahme it is responsible for, a budget line. */
async function validWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Akteure').addRows([['Name', 'Art', 'Ansprechperson'], ['Jugendhaus Nordstadt e.V.', 'Verein/Zivilgesellschaft', 'Frau Okonkwo']]);
  wb.addWorksheet('Maßnahmen').addRows([
    ['Nummer', 'Titel', 'Baustelle', 'Status', 'Beginn Jahr', 'Ende Jahr', 'verantwortlich'],
    ['M-1.50', 'Offener Treff für Jugendliche', 1, 'in Planung', 2027, 2028, 'Jugendhaus Nordstadt e.V.'],
  ]);
  wb.addWorksheet('Budgetpositionen').addRows([['Maßnahme', 'Jahr', 'Betrag (EUR)'], ['M-1.50', 2027, 12_345.67]]);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** The plan file is exactly as before: same bytes, same content of every table, nothing left beside it. */
function expectUnchanged(before: { sha: string; tables: string }): void {
  expect(sha256(plan)).toBe(before.sha);
  expect(tables(plan)).toBe(before.tables);
  for (const side of ['-wal', '-shm', '-journal', '.lock']) expect(existsSync(`${plan}${side}`), side).toBe(false);
}

function refused(name: string, bytes: Buffer | null, words: RegExp): Run {
  const file = join(dir, `${name}.xlsx`);
  if (bytes) writeFileSync(file, bytes);
  const before = { sha: sha256(plan), tables: tables(plan) };
  const r = werkbank('import', plan, '--xlsx', file);
  console.log(`[import-cli] ${name}: ${readFileSync(file).length.toLocaleString('en-US')} bytes, exit ${r.status}, peak RSS ${r.rssMb.toFixed(0)} MiB, wall ${r.seconds.toFixed(2)} s`);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(words);
  expect(r.stdout).toBe('');
  expectUnchanged(before);
  return r;
}

describe('werkbank import', () => {
  it('applies a valid workbook through the importer, prints a German summary, exit 0', async () => {
    const file = join(dir, 'neu.xlsx');
    await validWorkbook(file);
    const r = werkbank('import', plan, '--xlsx', file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Import aus „neu.xlsx“');
    expect(r.stdout).toMatch(/Akteure: 1 neu, 0 geändert; Maßnahmen: 1 neu, 0 geändert; Budgetpositionen: 1 neu, 0 geändert/u);
    expect(r.stdout).toMatch(/3 Zeilen aus den Blättern „Akteure“, „Maßnahmen“, „Budgetpositionen“ geprüft und in „.*musterland\.wirplan“ übernommen/u);

    const [m] = query<{ id: string; status: string; start_year: number }>(plan, "SELECT id, status, start_year FROM measures WHERE code = 'M-1.50' AND title = 'Offener Treff für Jugendliche'");
    expect(m).toMatchObject({ status: 'in-planung', start_year: 2027 });
    expect(query(plan, "SELECT a.name, a.contact_person AS person FROM responsibilities r JOIN actors a ON a.id = r.actor_id WHERE r.measure_id = ? AND r.role = 'verantwortlich'", m.id))
      .toEqual([{ name: 'Jugendhaus Nordstadt e.V.', person: 'Frau Okonkwo' }]);
    expect(query(plan, 'SELECT year, amount_cents AS cents FROM budget_lines WHERE measure_id = ?', m.id)).toEqual([{ year: 2027, cents: 1_234_567 }]);
    // One undo step, as in the UI.
    expect(query(plan, "SELECT summary FROM change_log WHERE entity = 'step' AND entity_id = 'import'")).toHaveLength(1);
    expect(werkbank('check', plan).status).toBe(0);
  });

  it('refuses a zip bomb with exit 1 and the importer\'s German message; the plan file is unchanged', () => {
    // 100 MiB of spaces in about 100 KB, built chunk by chunk (never held whole).
    const bomb = zip(workbookEntries('Maßnahmen', function* () {
      const mib = Buffer.alloc(1 << 20, 0x20);
      for (let i = 0; i < 100; i++) yield mib;
    }));
    const r = refused('zip-bomb', bomb, /Die Datei wird nicht eingelesen: .*Zip-Bombe/u);
    expect(r.rssMb).toBeLessThan(600);
  });

  it('refuses a zip bomb that understates its size, exit 1, plan unchanged', () => {
    const liar = zip(workbookEntries('Maßnahmen', function* () {
      const mib = Buffer.alloc(1 << 20, 0x20);
      for (let i = 0; i < 100; i++) yield mib;
    }).map((e) => (e.name.endsWith('sheet1.xml') ? { ...e, declaredSize: 1_000 } : e)));
    const r = refused('zip-bomb-liar', liar, /Die Datei wird nicht eingelesen: Ein Teil ist entpackt größer/u);
    expect(r.rssMb).toBeLessThan(600);
  });

  it('refuses a sheet of a million rows within bounds, exit 1, plan unchanged', () => {
    // 1,000,000 data rows (about 55 MB of sheet XML, 7.5 MB packed; one cell each), streamed into the archive.
    const million = zip(workbookEntries('Maßnahmen', () => sheetRows(['Titel', 'Baustelle'], 1_000_000, (row) => [row])));
    const r = refused('million-rows', million, /zu viele Zeilen \(höchstens 50\.000 je Tabellenblatt\)/u);
    expect(r.rssMb).toBeLessThan(600);
  }, 120_000);

  it('refuses a workbook with two rows for the same ID, naming both rows; plan unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Maßnahmen').addRows([
      ['ID', 'Titel', 'Baustelle'],
      ['m-doppelt', 'Lesepatenschaften', 2],
      ['m-ok', 'Sprachcafé', 2],
      ['m-doppelt', 'Lesepatenschaften an Grundschulen', 2],
    ]);
    const r = refused('doppelt', Buffer.from(await wb.xlsx.writeBuffer()), /Der Import wurde nicht ausgeführt, weil 2 Zeilen fehlerhaft sind; der Plan ist unverändert\./u);
    expect(r.stderr).toMatch(/bitte die Zeilen 2 und 4 zusammenführen/u);
    // Each faulty row listed on its own line, the sheet named.
    const rows = r.stderr.split('\n').filter((l) => l.startsWith('Blatt „Maßnahmen“'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/Zeile 2: Doppelt: Zeile 4/u);
    expect(rows[1]).toMatch(/Zeile 4: Doppelt: .*steht schon in Zeile 2/u);
    expect(query(plan, "SELECT id FROM measures WHERE id IN ('m-doppelt', 'm-ok')")).toEqual([]);
  });

  it('refuses a truncated workbook (the file cut in half), exit 1, plan unchanged', async () => {
    const file = join(dir, 'ganz.xlsx');
    await validWorkbook(file);
    const bytes = readFileSync(file);
    refused('halb', bytes.subarray(0, Math.floor(bytes.length / 2)), /lässt sich nicht als Excel-Arbeitsmappe \(\.xlsx\) lesen/u);
  });

  it('refuses a workbook without a known sheet, exit 1, plan unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Tabelle1').addRows([['Spalte A', 'Spalte B'], ['x', 'y']]);
    refused('unbekannt', Buffer.from(await wb.xlsx.writeBuffer()), /kein Tabellenblatt erkannt/u);
  });

  it('refuses while someone else writes the plan (its lock): read-only, exit 1, nothing taken over', async () => {
    const file = join(dir, 'gesperrt.xlsx');
    await validWorkbook(file);
    const count = () => query<{ n: number }>(plan, 'SELECT COUNT(*) AS n FROM measures')[0].n;
    const before = count();
    const other = new Session({ dataDir: join(dir, 'data-kollegin'), user: 'kollegin' });
    other.open(plan);
    try {
      const r = werkbank('import', plan, '--xlsx', file);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/kollegin.*Der Import wurde nicht ausgeführt; der Plan ist unverändert\./su);
      expect(r.stdout).toBe('');
    } finally {
      other.close();
    }
    expect(count()).toBe(before);
  });

  it('answers usage errors with exit 2 and a German message, touching nothing', async () => {
    const file = join(dir, 'usage.xlsx');
    await validWorkbook(file);
    writeFileSync(join(dir, 'liste.csv'), 'Titel;Baustelle\nA;1\n');
    const folder = join(dir, 'ordner.xlsx');
    mkdirSync(folder);
    const before = { sha: sha256(plan), tables: tables(plan) };
    const cases: [string[], RegExp][] = [
      [['import', plan], /Bitte mit „--xlsx <arbeitsmappe\.xlsx>“ angeben/u],
      [['import', plan, '--xlsx'], /Bei „--xlsx“ fehlt die Angabe/u],
      [['import', plan, '--xlsx', join(dir, 'gibt-es-nicht.xlsx')], /Die Arbeitsmappe „.*gibt-es-nicht\.xlsx“ gibt es nicht/u],
      [['import', plan, '--xlsx', join(dir, 'liste.csv')], /erwartet eine Excel-Arbeitsmappe mit der Endung \.xlsx, nicht „liste\.csv“/u],
      [['import', plan, '--xlsx', folder], /„.*ordner\.xlsx“ ist keine Datei/u],
      [['import', '--xlsx', file], /Bitte die Plandatei/u],
      [['import', plan, join(dir, 'x.wirplan'), '--xlsx', file], /Zu viele Angaben/u],
      [['import', plan, '--xlsx', file, '--docx', join(dir, 'a.docx')], /„import“ kennt nur die Option --xlsx/u],
      [['check', plan, '--xlsx', file], /„--xlsx“ gilt nur für „import“/u],
    ];
    for (const [args, words] of cases) {
      const r = werkbank(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^Aufruf fehlerhaft: /u);
      expect(r.stderr, args.join(' ')).toMatch(words);
      expect(r.stderr).toContain('werkbank --help');
    }
    expectUnchanged(before);
    const help = werkbank('--help');
    expect(help.stdout).toContain('werkbank import <datei.wirplan> --xlsx <arbeitsmappe.xlsx>');
  }, 180_000);
});
