// The command line of the workbench (`npx werkbank …`, launched by bin/werkbank.mjs):
//   demo    writes the demo plan to a new file
//   check   checks a plan file without writing to it
//   export  writes the committee document (DOCX)
//   sync    syncs a plan file with the shared plan on the Kreis's PostgreSQL
//   merge   takes over the changes of a copy of the plan (field by field; Konflikte kept, listed)
//   import  takes over a workbook (XLSX) through the UI's importer: all rows or none
// Exit codes: 0 in order, 1 a problem was found, 2 the call itself was wrong.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACTOR_KINDS, BUDGET_STATES, COST_KINDS, FUNDING_KINDS, MAX_YEAR, MEASURE_STATUSES, MEASURE_STATUS_LABELS, MIN_YEAR,
  ROLES, type MeasureStatus,
} from '../../shared/domain/enums.ts';
import { LATEST_VERSION } from './db/migrations/index.ts';
import { checkPlanFile, hasHotJournal, HOT_JOURNAL_MESSAGE, openForCheck, type CheckConnection } from './db/open.ts';
import { expandSeries } from '../../shared/domain/series.ts';
import { IMPORT_KINDS, MAX_IMPORT_BYTES, SHEET_NAMES } from '../../shared/domain/exchange.ts';
import { AppError } from './errors.ts';
import { buildPlanDocx } from './export/docx.ts';
import { loadSnapshot } from './export/snapshot.ts';
import { exportVorlage } from './handlers/vorlage.ts';
import { exportBericht } from './export/bericht.ts';
import { createDemo } from './handlers/plan.ts';
import { generatePlan } from './synthetic.ts';
import { Session } from './session.ts';
import { serverSchema } from '../../shared/domain/sync.ts';
import { syncWithServer } from './sync/pg.ts';
import { mergeCopy } from './sync/merge.ts';
import { describeWriteError, writeFileAtomicSync } from './safety/atomic.ts';

export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;

const HELP = `werkbank – Zusammenhalt-Werkbank auf der Kommandozeile

Aufruf:
  werkbank demo <datei.wirplan>
      legt den Demoplan „Landkreis Musterland“ in einer neuen Datei an
      (eine vorhandene Datei wird nie überschrieben)
  werkbank generate <datei.wirplan> --size S|M|L [--seed N]
      legt einen synthetischen Plan an (S = 50, M = 500, L = 5.000 Maßnahmen mit
      50.000 Budgetpositionen), wie ihn die Leistungsmessung verwendet
  werkbank check <datei.wirplan>
      prüft eine Plandatei, ohne sie zu verändern
  werkbank export <datei.wirplan> --docx <ausgabe.docx> [--force]
      schreibt den Maßnahmenplan als Word-Dokument für die Gremien des Kreistags
  werkbank export <datei.wirplan> --vorlage <ausgabe.docx> [--anonym] [--force]
      schreibt die Sitzungsvorlage mit den Anlagen (Kopf und Beratungsfolge wie
      zuletzt in der Werkbank gespeichert, sonst aus dem Plan vorbelegt)
  werkbank sync <datei.wirplan> --server <postgres://rolle@server:5432/werkbank?sslmode=verify-full>
      gleicht die Plandatei mit dem gemeinsamen Plan auf dem PostgreSQL-Server
      des Kreises ab (Passwort in der Umgebungsvariable PGPASSWORD oder in der
      Adresse; es wird nie ausgegeben oder in der Plandatei gespeichert)
  werkbank merge <datei.wirplan> <kopie.wirplan>
      übernimmt die Änderungen aus einer Kopie desselben Plans in die Plandatei;
      ein Feld, das auf beiden Seiten verschieden geändert wurde, ist ein Konflikt
      (beide Werte bleiben erhalten und werden aufgelistet)
  werkbank import <datei.wirplan> --xlsx <arbeitsmappe.xlsx>
      übernimmt Akteure, Maßnahmen, Zuständigkeiten und Budgetpositionen aus einer
      Arbeitsmappe (Blätter und Spalten wie beim Excel-Export der Werkbank), mit
      derselben Prüfung wie in der Werkbank: alle Zeilen oder keine; bei einer
      fehlerhaften Zeile bleibt der Plan unverändert und die Zeilen werden genannt
  werkbank export <datei.wirplan> --bericht <ausgabe.docx> [--stichtag JJJJ-MM-TT] [--anonym] [--force]
      schreibt den Sachstandsbericht (Mitteilungsvorlage, zur Kenntnis) zum
      Stichtag (ohne Angabe: heute), verglichen mit dem letzten festgeschriebenen Bericht

Optionen:
  --docx <datei>       Ziel des Word-Exports
  --vorlage <datei>    Ziel der Sitzungsvorlage (Word)
  --bericht <datei>    Ziel des Sachstandsberichts (Word)
  --xlsx <datei>       Arbeitsmappe, die eingelesen wird (nur bei import)
  --stichtag <datum>   Stichtag des Sachstandsberichts, JJJJ-MM-TT
  --anonym             Personennamen anonymisieren: nur Organisationseinheiten,
                       keine Ansprechpersonen, Kontaktdaten oder Bearbeiter:in
  --force              eine vorhandene Ausgabedatei überschreiben (nur bei export)
  --server <adresse>   PostgreSQL-Server des gemeinsamen Plans (nur bei sync)
  --size S|M|L         Größe des synthetischen Plans (nur bei generate)
  --seed <zahl>        Startwert des Zufallsgenerators (nur bei generate; ohne Angabe 1)
  --data-dir <ordner>  Datenordner der Werkbank, z. B. für die Liste der zuletzt
                       geöffneten Pläne (ohne Angabe: ein temporärer Ordner, die
                       Liste des Benutzers bleibt unberührt)
  -h, --help           diese Hilfe anzeigen

Rückgabewerte: 0 = in Ordnung, 1 = Problem gefunden, 2 = Aufruf fehlerhaft.
`;

interface Output { out: (line: string) => void; err: (line: string) => void }
const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

interface Parsed {
  command: string | null;
  positionals: string[];
  docx: string | null;
  vorlage: string | null;
  anonym: boolean;
  bericht: string | null;
  stichtag: string | null;
  dataDir: string | null;
  force: boolean;
  help: boolean;
  server?: string;
  size: string | null;
  seed: string | null;
  xlsx: string | null;
}

function parse(argv: string[]): Parsed {
  const p: Parsed = { command: null, positionals: [], docx: null, vorlage: null, anonym: false, bericht: null, stichtag: null, dataDir: null, force: false, help: false, size: null, seed: null, xlsx: null };
  const valueOf = (name: string, i: number, inline: string | undefined): [string, number] => {
    if (inline !== undefined) {
      if (inline === '') throw new UsageError(`Bei „${name}“ fehlt die Angabe.`);
      return [inline, i];
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`Bei „${name}“ fehlt die Angabe.`);
    return [next, i + 1];
  };
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      if (p.command === null) p.command = arg;
      else p.positionals.push(arg);
      continue;
    }
    if (arg === '--') { onlyPositionals = true; continue; }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    switch (name) {
      case '-h':
      case '--help':
        p.help = true;
        break;
      case '--force':
        if (inline !== undefined) throw new UsageError('„--force“ erwartet keinen Wert.');
        p.force = true;
        break;
      case '--docx':
        [p.docx, i] = valueOf(name, i, inline);
        break;
      case '--vorlage':
        [p.vorlage, i] = valueOf(name, i, inline);
        break;
      case '--bericht':
        [p.bericht, i] = valueOf(name, i, inline);
        break;
      case '--stichtag':
        [p.stichtag, i] = valueOf(name, i, inline);
        if (!/^\d{4}-\d{2}-\d{2}$/u.test(p.stichtag) || !new Date(`${p.stichtag}T12:00:00Z`).toISOString().startsWith(p.stichtag)) {
          throw new UsageError(`„--stichtag“ erwartet ein Datum im Format JJJJ-MM-TT, nicht „${p.stichtag}“.`);
        }
        break;
      case '--anonym':
        if (inline !== undefined) throw new UsageError('„--anonym“ erwartet keinen Wert.');
        p.anonym = true;
        break;
      case '--data-dir':
        [p.dataDir, i] = valueOf(name, i, inline);
        break;
      case '--server':
        [p.server, i] = valueOf(name, i, inline);
        break;
      case '--size':
        [p.size, i] = valueOf(name, i, inline);
        break;
      case '--seed':
        [p.seed, i] = valueOf(name, i, inline);
        break;
      case '--xlsx':
        [p.xlsx, i] = valueOf(name, i, inline);
        break;
      default:
        throw new UsageError(`Unbekannte Option „${name}“.`);
    }
  }
  return p;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('de-DE')} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// check

export interface PlanCheckReport {
  ok: boolean;
  /** One German sentence per problem found. */
  findings: string[];
  /** Hints that are not problems (e.g. an older file format that is updated on opening). */
  notes: string[];
  summary: string;
}

/** Checks a plan file thoroughly without writing to it (read-only connection, no migration). */
export function checkPlan(path: string): PlanCheckReport {
  const findings: string[] = [];
  const notes: string[] = [];
  // Read-only and immutable: no lock, no -wal/-shm beside the file, a -journal never played back.
  const file = checkPlanFile(path, { journal: 'ignore' });
  if (!file.ok) {
    return { ok: false, findings: [file.message], notes, summary: 'Die Datei ist keine verwendbare Plandatei.' };
  }
  if (hasHotJournal(path)) findings.push(HOT_JOURNAL_MESSAGE);
  let conn: CheckConnection;
  try {
    conn = openForCheck(path);
  } catch {
    return { ok: false, findings: ['Die Plandatei kann nicht gelesen werden.'], notes, summary: 'Die Datei ist keine verwendbare Plandatei.' };
  }
  const db = conn.db;
  const counts = { measures: 0, actors: 0, lines: 0 };
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < LATEST_VERSION) {
      notes.push(`Hinweis: Der Plan hat das ältere Dateiformat ${version}; die Werkbank aktualisiert ihn beim nächsten Öffnen auf Format ${LATEST_VERSION}.`);
    }
    const step = (what: string, fn: () => void) => {
      try {
        fn();
      } catch {
        findings.push(`${what} konnte nicht geprüft werden: Die Datei hat nicht den erwarteten Aufbau.`);
      }
    };
    const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];

    step('Die Integrität der Datei', () => {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      const bad = rows.filter((r) => r.integrity_check !== 'ok');
      for (const r of bad.slice(0, 20)) findings.push(`Integritätsprüfung: ${r.integrity_check}`);
      if (bad.length > 20) findings.push(`Integritätsprüfung: … und ${bad.length - 20} weitere Meldungen.`);
    });

    step('Die Verweise zwischen den Tabellen', () => {
      const rows = db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
      for (const r of rows.slice(0, 50)) {
        findings.push(`Verweis ins Leere: Ein Eintrag in „${r.table}“${r.rowid === null ? '' : ` (Zeile ${r.rowid})`} verweist auf einen fehlenden Eintrag in „${r.parent}“.`);
      }
      if (rows.length > 50) findings.push(`… und ${rows.length - 50} weitere Verweise ins Leere.`);
    });

    step('Der Baustellen-Katalog', () => {
      const cats = all<{ id: string; version: number; json: string }>('SELECT id, version, json FROM catalogue ORDER BY version DESC');
      if (cats.length === 0) {
        findings.push('Der Plan enthält keinen Baustellen-Katalog.');
      } else {
        let baustellen: unknown;
        try {
          baustellen = (JSON.parse(cats[0].json) as { baustellen?: unknown }).baustellen;
        } catch {
          baustellen = undefined;
        }
        if (!Array.isArray(baustellen)) findings.push(`Der Baustellen-Katalog „${cats[0].id}“ (Version ${cats[0].version}) ist nicht lesbar.`);
        else if (baustellen.length !== 7) findings.push(`Der Baustellen-Katalog enthält ${baustellen.length} statt 7 Baustellen.`);
      }
      const n = (db.prepare('SELECT COUNT(*) AS n FROM baustellen').get() as { n: number }).n;
      if (n !== 7) findings.push(`Die Tabelle der Baustellen enthält ${n} statt 7 Einträge.`);
    });

    step('Die Maßnahmen', () => {
      const rows = all<{ code: string; title: string; status: string; start_year: unknown; start_quarter: unknown; end_year: unknown; end_quarter: unknown; n: number }>(
        `SELECT m.code, m.title, m.status, m.start_year, m.start_quarter, m.end_year, m.end_quarter,
                (SELECT COUNT(*) FROM responsibilities r WHERE r.measure_id = m.id AND r.role = 'verantwortlich') AS n
           FROM measures m ORDER BY m.code COLLATE NOCASE`);
      counts.measures = rows.length;
      const yearOk = (y: unknown) => y === null || (Number.isInteger(y) && (y as number) >= MIN_YEAR && (y as number) <= MAX_YEAR);
      const quarterOk = (q: unknown) => q === null || (Number.isInteger(q) && (q as number) >= 1 && (q as number) <= 4);
      for (const m of rows) {
        const name = `Maßnahme ${m.code} (${m.title})`;
        const known = (MEASURE_STATUSES as readonly string[]).includes(m.status);
        if (!known) findings.push(`${name} hat einen unbekannten Status („${m.status}“).`);
        const label = known ? MEASURE_STATUS_LABELS[m.status as MeasureStatus] : m.status;
        if (m.status !== 'idee' && m.n === 0) findings.push(`${name} (Status „${label}“) hat keine verantwortliche Stelle; ab „in Planung“ ist genau eine nötig.`);
        if (m.n > 1) findings.push(`${name} hat ${m.n} verantwortliche Stellen; erlaubt ist genau eine.`);
        if (!yearOk(m.start_year) || !yearOk(m.end_year)) findings.push(`${name} hat ein Jahr außerhalb von ${MIN_YEAR} bis ${MAX_YEAR}.`);
        if (!quarterOk(m.start_quarter) || !quarterOk(m.end_quarter)) findings.push(`${name} hat ein ungültiges Quartal.`);
        if (typeof m.start_year === 'number' && typeof m.end_year === 'number') {
          const a = m.start_year * 4 + (typeof m.start_quarter === 'number' ? m.start_quarter - 1 : 0);
          const b = m.end_year * 4 + (typeof m.end_quarter === 'number' ? m.end_quarter - 1 : 3);
          if (b < a) findings.push(`${name} endet vor ihrem Beginn.`);
        }
      }
    });

    // Schema 6: every budget series holds exactly the years expandSeries gives; the Planungszeitraum flags lines outside it.
    if (version >= 6) step('Die Budgetreihen und der Planungszeitraum', () => {
      for (const x of all<{ id: string; code: string; firstYear: number; lastYear: number; baseCents: number; growthBp: number }>(
        'SELECT s.id, m.code, s.first_year AS firstYear, s.last_year AS lastYear, s.base_cents AS baseCents, s.growth_bp AS growthBp FROM budget_series s JOIN measures m ON m.id = s.measure_id')) {
        const want = expandSeries(x).map((y) => `${y.year}:${y.amountCents}`).join(' ');
        const have = all<{ year: number; amount_cents: number }>('SELECT year, amount_cents FROM budget_lines WHERE series_id = ? ORDER BY year', x.id).map((l) => `${l.year}:${l.amount_cents}`).join(' ');
        if (want !== have) findings.push(`Die Budgetreihe ${x.firstYear}–${x.lastYear} der Maßnahme ${x.code} passt nicht zu ihren Budgetpositionen.`);
      }
      const meta = (k: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(k) as string | undefined) || null;
      const a = meta('period_first_year');
      const b = meta('period_last_year');
      if (a && b) {
        const outside = all<{ code: string; year: number }>('SELECT DISTINCT m.code, l.year FROM budget_lines l JOIN measures m ON m.id = l.measure_id WHERE l.year < ? OR l.year > ? ORDER BY m.code, l.year', Number(a), Number(b));
        for (const o of outside.slice(0, 50)) notes.push(`Hinweis: Maßnahme ${o.code} hat Budget für ${o.year}, außerhalb des Planungszeitraums ${a}–${b}.`);
      }
    });

    step('Die Akteure und Zuständigkeiten', () => {
      const actors = all<{ name: string; kind: string }>('SELECT name, kind FROM actors ORDER BY name');
      counts.actors = actors.length;
      for (const a of actors) {
        if (!(ACTOR_KINDS as readonly string[]).includes(a.kind)) findings.push(`Akteur „${a.name}“ hat eine unbekannte Art („${a.kind}“).`);
      }
      const roles = all<{ code: string | null; role: string }>('SELECT m.code, r.role FROM responsibilities r LEFT JOIN measures m ON m.id = r.measure_id');
      for (const r of roles) {
        if (!(ROLES as readonly string[]).includes(r.role)) findings.push(`Eine Zuständigkeit bei Maßnahme ${r.code ?? '?'} hat eine unbekannte Rolle („${r.role}“).`);
      }
    });

    step('Die Budgetpositionen', () => {
      const lines = all<{ code: string | null; year: unknown; amount: unknown; cost_kind: string; funding_kind: string; state: string; quote: unknown }>(
        'SELECT m.code, b.year, b.amount_cents AS amount, b.cost_kind, b.funding_kind, b.state, b.foerderquote_bp AS quote FROM budget_lines b LEFT JOIN measures m ON m.id = b.measure_id ORDER BY m.code, b.year');
      counts.lines = lines.length;
      let total = 0;
      for (const l of lines) {
        const name = `Budgetposition ${typeof l.year === 'number' ? `${l.year} ` : ''}bei Maßnahme ${l.code ?? '?'}`;
        if (!Number.isSafeInteger(l.amount) || (l.amount as number) < 0) findings.push(`${name}: Der Betrag ist kein gültiger Betrag in ganzen Cent (${String(l.amount)}).`);
        else total += l.amount as number;
        if (!Number.isInteger(l.year) || (l.year as number) < MIN_YEAR || (l.year as number) > MAX_YEAR) findings.push(`${name}: Das Jahr liegt nicht zwischen ${MIN_YEAR} und ${MAX_YEAR}.`);
        if (!(COST_KINDS as readonly string[]).includes(l.cost_kind)) findings.push(`${name}: unbekannte Kostenart („${l.cost_kind}“).`);
        if (!(FUNDING_KINDS as readonly string[]).includes(l.funding_kind)) findings.push(`${name}: unbekannte Finanzierung („${l.funding_kind}“).`);
        if (!(BUDGET_STATES as readonly string[]).includes(l.state)) findings.push(`${name}: unbekannter Stand („${l.state}“).`);
        if (l.quote !== null && (!Number.isInteger(l.quote) || (l.quote as number) < 0 || (l.quote as number) > 10000)) findings.push(`${name}: Die Förderquote liegt nicht zwischen 0 und 100 %.`);
      }
      if (!Number.isSafeInteger(total)) findings.push('Die Summe aller Budgetpositionen ist zu groß, um sie genau zu rechnen.');
    });
  } finally {
    conn.close();
  }
  const ok = findings.length === 0;
  const summary = ok
    ? `Plan in Ordnung: ${plural(counts.measures, 'Maßnahme', 'Maßnahmen')}, ${plural(counts.actors, 'Akteur', 'Akteure')}, ${plural(counts.lines, 'Budgetposition', 'Budgetpositionen')}.`
    : `Plan nicht in Ordnung: ${plural(findings.length, 'Befund', 'Befunde')}.`;
  return { ok, findings, notes, summary };
}

// ---------------------------------------------------------------------------------------------
// commands

function withSession<T>(dataDir: string | null, fn: (s: Session) => T | Promise<T>, privateData = false): Promise<T> {
  // A private data folder for work on a temp copy: the copy must not enter the user's recent list.
  if (privateData) dataDir = null;
  const temp = dataDir ? null : mkdtempSync(join(tmpdir(), 'werkbank-cli-'));
  const session = new Session({ dataDir: dataDir ? resolve(dataDir) : temp! });
  return (async () => {
    try {
      return await fn(session);
    } finally {
      session.close();
      if (temp) rmSync(temp, { recursive: true, force: true });
    }
  })();
}

function onePositional(p: Parsed, what: string): string {
  if (p.positionals.length === 0) throw new UsageError(`Bitte ${what} angeben.`);
  if (p.positionals.length > 1) throw new UsageError(`Zu viele Angaben: ${p.positionals.slice(1).map((x) => `„${x}“`).join(', ')}.`);
  return p.positionals[0];
}

async function cmdDemo(p: Parsed, o: Output): Promise<number> {
  if (p.bericht !== null || p.stichtag !== null) throw new UsageError('„demo“ kennt die Optionen --bericht und --stichtag nicht.');
  if (p.docx !== null || p.vorlage !== null || p.anonym || p.force) throw new UsageError('„demo“ kennt die Optionen --docx, --vorlage, --anonym und --force nicht.');
  const file = resolve(onePositional(p, 'die neue Plandatei (z. B. musterland.wirplan)'));
  if (existsSync(file)) {
    o.err(`Die Datei „${file}“ gibt es bereits; sie wird nicht überschrieben. Bitte einen anderen Namen wählen.`);
    return EXIT_PROBLEM;
  }
  const info = await withSession(p.dataDir, (s) => createDemo(s, file));
  o.out(`Demoplan „${info.title}“ angelegt: ${file}`);
  o.out(`${plural(info.measureCount, 'Maßnahme', 'Maßnahmen')}, ${plural(info.actorCount, 'Akteur', 'Akteure')}.`);
  return EXIT_OK;
}

function cmdGenerate(p: Parsed, o: Output): number {
  if (p.docx !== null || p.vorlage !== null || p.anonym || p.force) throw new UsageError('„generate“ kennt die Optionen --docx, --vorlage, --anonym und --force nicht.');
  const file = resolve(onePositional(p, 'die neue Plandatei (z. B. gross.wirplan)'));
  const size = (p.size ?? '').toUpperCase();
  if (size !== 'S' && size !== 'M' && size !== 'L') throw new UsageError('Bitte mit „--size S“, „--size M“ oder „--size L“ die Größe des Plans angeben.');
  const seed = p.seed === null ? 1 : Number(p.seed);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError('„--seed“ erwartet eine ganze Zahl zwischen 0 und 4294967295.');
  if (existsSync(file)) {
    o.err(`Die Datei „${file}“ gibt es bereits; sie wird nicht überschrieben. Bitte einen anderen Namen wählen.`);
    return EXIT_PROBLEM;
  }
  const r = generatePlan(file, size, seed);
  o.out(`Synthetischer Plan (Größe ${size}, Startwert ${seed}) angelegt: ${file}`);
  o.out(`${plural(r.spec.measures, 'Maßnahme', 'Maßnahmen')}, ${plural(r.spec.actors, 'Akteur', 'Akteure')}, ${plural(r.spec.budgetLines, 'Budgetposition', 'Budgetpositionen')} (${(r.ms / 1000).toFixed(1).replace('.', ',')} s).`);
  return EXIT_OK;
}

function cmdCheck(p: Parsed, o: Output): number {
  if (p.bericht !== null || p.stichtag !== null) throw new UsageError('„check“ kennt die Optionen --bericht und --stichtag nicht.');
  if (p.docx !== null || p.vorlage !== null || p.anonym || p.force) throw new UsageError('„check“ kennt die Optionen --docx, --vorlage, --anonym und --force nicht.');
  const file = resolve(onePositional(p, 'die zu prüfende Plandatei'));
  const report = checkPlan(file);
  for (const n of report.notes) o.out(n);
  for (const f of report.findings) o.out(f);
  o.out(report.summary);
  return report.ok ? EXIT_OK : EXIT_PROBLEM;
}

async function cmdExport(p: Parsed, o: Output): Promise<number> {
  const file = resolve(onePositional(p, 'die Plandatei'));
  if (p.docx === null && p.vorlage === null && p.bericht === null) throw new UsageError('Bitte mit „--docx <ausgabe.docx>“ oder „--vorlage <ausgabe.docx>“ angeben, wohin das Word-Dokument geschrieben wird.');
  if (p.anonym && p.vorlage === null && p.bericht === null) throw new UsageError('„--anonym“ gilt nur für die Sitzungsvorlage (--vorlage) und den Sachstandsbericht (--bericht).');
  if (p.stichtag !== null && p.bericht === null) throw new UsageError('„--stichtag“ gilt nur für den Sachstandsbericht (--bericht).');
  const targets = [
    ...(p.docx !== null ? [{ kind: 'docx' as const, out: resolve(p.docx), what: 'Word-Dokument' }] : []),
    ...(p.vorlage !== null ? [{ kind: 'vorlage' as const, out: resolve(p.vorlage), what: 'Sitzungsvorlage' }] : []),
    ...(p.bericht !== null ? [{ kind: 'bericht' as const, out: resolve(p.bericht), what: 'Sachstandsbericht' }] : []),
  ];
  if (new Set(targets.map((t) => t.out)).size < targets.length) throw new UsageError('Jedes Dokument braucht eine eigene Ausgabedatei.');
  if (targets.some((t) => t.out === file)) throw new UsageError('Die Ausgabedatei darf nicht die Plandatei selbst sein.');
  if (targets.length === 2 && targets[0].out === targets[1].out) throw new UsageError('Plan und Sitzungsvorlage brauchen verschiedene Ausgabedateien.');
  const check = checkPlanFile(file);
  if (!check.ok) {
    o.err(check.message);
    return EXIT_PROBLEM;
  }
  for (const { out } of targets) {
    if (existsSync(out) && !p.force) {
      o.err(`Die Datei „${out}“ gibt es bereits. Mit --force wird sie überschrieben.`);
      return EXIT_PROBLEM;
    }
    if (!existsSync(dirname(out))) {
      o.err(`Der Ordner „${dirname(out)}“ existiert nicht.`);
      return EXIT_PROBLEM;
    }
  }
  const started = performance.now();
  // The plan itself is only read (no lock, no backup, no migration, nothing beside it): the export
  // works on a private copy taken through the immutable read-only connection.
  const copyDir = mkdtempSync(join(tmpdir(), 'werkbank-export-'));
  const copy = join(copyDir, 'plan.wirplan');
  try {
    const conn = openForCheck(file);
    try {
      await conn.db.backup(copy);
    } finally {
      conn.close();
    }
  } catch {
    rmSync(copyDir, { recursive: true, force: true });
    o.err('Die Plandatei konnte nicht gelesen werden.');
    return EXIT_PROBLEM;
  }
  const { docs, measures } = await withSession(p.dataDir, async (s) => {
    s.open(copy);
    const snap = loadSnapshot(s);
    const out: Uint8Array[] = [];
    for (const t of targets) {
      if (t.kind === 'bericht') {
        out.push((await exportBericht(s, { anonymise: p.anonym, ...(p.stichtag ? { stichtag: p.stichtag } : {}) })).bytes);
        continue;
      }
      out.push(t.kind === 'docx' ? await buildPlanDocx(snap) : (await exportVorlage(s, { anonymise: p.anonym })).bytes);
    }
    return { docs: out, measures: snap.measures.length };
  }, true).finally(() => rmSync(copyDir, { recursive: true, force: true }));
  for (const [i, t] of targets.entries()) {
    // Temp file beside the target, fsync, rename: a failed write (full disk) leaves the previous file intact.
    try {
      writeFileAtomicSync(t.out, docs[i]);
    } catch (e) {
      o.err(`Das Word-Dokument konnte nicht nach „${t.out}“ geschrieben werden (${describeWriteError(e)}). Eine vorhandene Datei ist unverändert.`);
      return EXIT_PROBLEM;
    }
    o.out(`${t.what}${t.kind !== 'docx' && p.anonym ? ' (anonymisiert)' : ''} geschrieben: ${t.out} (${plural(measures, 'Maßnahme', 'Maßnahmen')}, ${Math.round(performance.now() - started)} ms).`);
  }
  // The export ran on a private copy; the user's recent list (--data-dir) names the plan itself.
  if (p.dataDir) new Session({ dataDir: resolve(p.dataDir) }).setRecentTitle(file, basename(file, '.wirplan'));
  return EXIT_OK;
}

async function cmdMerge(p: Parsed, o: Output): Promise<number> {
  if (p.docx !== null || p.vorlage !== null || p.anonym || p.force) throw new UsageError('„merge“ kennt die Optionen --docx, --vorlage, --anonym und --force nicht.');
  if (p.positionals.length !== 2) throw new UsageError('Bitte die Plandatei und die Kopie angeben: werkbank merge <datei.wirplan> <kopie.wirplan>.');
  const [file, other] = p.positionals.map((x) => resolve(x));
  if (file === other) throw new UsageError('Plandatei und Kopie sind dieselbe Datei.');
  for (const f of [file, other]) {
    const check = checkPlanFile(f);
    if (!check.ok) {
      o.err(check.message);
      return EXIT_PROBLEM;
    }
  }
  const outcome = await withSession(p.dataDir, (s) => {
    s.open(file);
    if (s.readOnly) throw new AppError('read-only-plan', `${s.readOnly.message} Die Änderungen wurden nicht übernommen.`);
    return mergeCopy(s.db, s.ctx, other, `der Kopie „${other}“`);
  });
  o.out(`Aus der Kopie übernommen: ${plural(outcome.changes, 'Änderung', 'Änderungen')} an ${plural(outcome.entities, 'Eintrag', 'Einträgen')}, ${plural(outcome.conflicts.length, 'Konflikt', 'Konflikte')}.`);
  for (const c of outcome.conflicts) o.out(`Konflikt: ${c.label} – hier „${c.mine}“, in der Kopie „${c.theirs}“`);
  for (const line of outcome.skipped) o.out(`Nicht übernommen: ${line}`);
  if (outcome.conflicts.length > 0) o.out('Die Konflikte entscheidet die Werkbank unter „Zusammenarbeit“ (meine behalten / deren übernehmen).');
  return EXIT_OK;
}

async function cmdImport(p: Parsed, o: Output): Promise<number> {
  if (p.docx !== null || p.vorlage !== null || p.bericht !== null || p.stichtag !== null || p.anonym || p.force || p.server !== undefined || p.size !== null || p.seed !== null) {
    throw new UsageError('„import“ kennt nur die Option --xlsx (und --data-dir).');
  }
  const file = resolve(onePositional(p, 'die Plandatei und mit „--xlsx <arbeitsmappe.xlsx>“ die Arbeitsmappe'));
  if (p.xlsx === null) throw new UsageError('Bitte mit „--xlsx <arbeitsmappe.xlsx>“ angeben, welche Arbeitsmappe eingelesen wird.');
  const xlsx = resolve(p.xlsx);
  if (!/\.xlsx$/iu.test(xlsx)) throw new UsageError(`„--xlsx“ erwartet eine Excel-Arbeitsmappe mit der Endung .xlsx, nicht „${basename(xlsx)}“. Ältere .xls-Dateien bitte zuerst als .xlsx speichern.`);
  const size = statSync(xlsx, { throwIfNoEntry: false });
  if (!size) throw new UsageError(`Die Arbeitsmappe „${xlsx}“ gibt es nicht.`);
  if (!size.isFile()) throw new UsageError(`„${xlsx}“ ist keine Datei.`);
  if (xlsx === file) throw new UsageError('Plandatei und Arbeitsmappe sind dieselbe Datei.');
  const check = checkPlanFile(file);
  if (!check.ok) {
    o.err(check.message);
    return EXIT_PROBLEM;
  }
  // Checked before reading, so a huge file is never held in memory (the contract refuses it anyway).
  if (size.size > MAX_IMPORT_BYTES) {
    o.err(`Die Datei ist zu groß (höchstens ${Math.floor(MAX_IMPORT_BYTES / 1_000_000)} MB). Der Plan ist unverändert.`);
    return EXIT_PROBLEM;
  }
  let base64: string;
  try {
    base64 = readFileSync(xlsx).toString('base64');
  } catch (e) {
    const code = (e as { code?: string }).code;
    o.err(`Die Arbeitsmappe „${xlsx}“ konnte nicht gelesen werden${code === 'EACCES' || code === 'EPERM' ? ' (keine Leseberechtigung)' : code === 'EBUSY' ? ' (sie ist in einem anderen Programm geöffnet)' : ''}. Der Plan ist unverändert.`);
    return EXIT_PROBLEM;
  }
  const fileName = basename(xlsx);
  const started = performance.now();
  // The UI's path: the contract's dispatcher (input schema, read-only refusal, afterwards the safety
  // hooks) and the exchange handlers, i.e. import.preview's suggested mapping, then import.apply.
  const { createClient, createHandlers } = await import('./backend.ts');
  return withSession(p.dataDir, async (s) => {
    const api = createClient(createHandlers(s));
    // The workbook is read (zip check, limits) before the plan is opened: a refused file never
    // takes the lock, a backup or anything else of the plan.
    const preview = await api['import.preview']({ fileName, base64 });
    const mapped = IMPORT_KINDS.filter((k) => preview.mapping[k]);
    if (mapped.length === 0) {
      o.err(`In der Arbeitsmappe „${fileName}“ wurde kein Tabellenblatt erkannt (erwartet: ${IMPORT_KINDS.map((k) => SHEET_NAMES[k]).join(', ')}, mit Spaltenüberschriften wie beim Excel-Export). Es wurde nichts übernommen; der Plan ist unverändert. Von Hand zuordnen lassen sich die Spalten in der Werkbank (Export › „Aus Excel oder CSV importieren“).`);
      return EXIT_PROBLEM;
    }
    s.open(file);
    // Someone else writes the plan (its lock): it was opened read-only and is not written.
    if (s.readOnly) {
      o.err(`${s.readOnly.message} Der Import wurde nicht ausgeführt; der Plan ist unverändert.`);
      return EXIT_PROBLEM;
    }
    const run = { fileName, base64, mapping: preview.mapping };
    let result;
    try {
      result = await api['import.apply'](run);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'import-invalid') throw e;
      o.err(e.message);
      // Every faulty row, as the UI's row-by-row check lists them (import.validate writes nothing).
      const report = await api['import.validate'](run);
      const bad = report.rows.filter((r) => !r.ok);
      for (const r of bad.slice(0, 50)) o.err(`Blatt „${r.sheet}“ – ${r.errors.join(' ')}`);
      if (bad.length > 50) o.err(`… und ${plural(bad.length - 50, 'weitere fehlerhafte Zeile', 'weitere fehlerhafte Zeilen')}.`);
      return EXIT_PROBLEM;
    }
    for (const n of preview.notes) o.out(`Hinweis: ${n}`);
    o.out(result.summary);
    const sheets = mapped.map((k) => `„${preview.mapping[k]?.sheet ?? SHEET_NAMES[k]}“`).join(', ');
    const changed = IMPORT_KINDS.reduce((n, k) => n + result.report.counts[k].create + result.report.counts[k].update, 0);
    const from = `${plural(result.report.rows.length, 'Zeile', 'Zeilen')} aus ${mapped.length === 1 ? 'dem Blatt' : 'den Blättern'} ${sheets} geprüft`;
    const ms = Math.round(performance.now() - started);
    o.out(changed > 0
      ? `${from} und in „${file}“ übernommen (ein Schritt im Änderungsprotokoll, rückgängig zu machen in der Werkbank; ${ms} ms).`
      : `${from}; der Plan enthält schon alles, nichts geändert (${ms} ms).`);
    return EXIT_OK;
  });
}

async function cmdSync(p: Parsed, o: Output): Promise<number> {
  if (p.docx !== null || p.vorlage !== null || p.anonym || p.force) throw new UsageError('„sync“ kennt die Optionen --docx, --vorlage, --anonym und --force nicht.');
  const file = resolve(onePositional(p, 'die Plandatei'));
  if (p.server === undefined) throw new UsageError('Bitte mit „--server <postgres://…>“ angeben, mit welchem Server abgeglichen wird.');
  // The password comes from the URL or, as for psql, from PGPASSWORD; it is never printed.
  const password = process.env.PGPASSWORD;
  const parsed = serverSchema.safeParse({ url: p.server, ...(password ? { password } : {}) });
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Die Serveradresse ist ungültig.');
  const check = checkPlanFile(file);
  if (!check.ok) {
    o.err(check.message);
    return EXIT_PROBLEM;
  }
  const started = performance.now();
  const r = await withSession(p.dataDir, (s) => {
    s.open(file);
    return syncWithServer(s.db, s.ctx, parsed.data);
  });
  o.out(`Abgeglichen mit ${r.status.server ?? 'dem Server'} in ${Math.round(performance.now() - started)} ms: ${plural(r.pushed, 'Änderung', 'Änderungen')} gesendet, ${plural(r.pulled, 'Änderung', 'Änderungen')} empfangen, ${plural(r.entities, 'Eintrag', 'Einträge')} aktualisiert.`);
  for (const k of r.conflicts) o.out(`Konflikt: ${k.label} – hier „${k.mine}“, auf dem Server „${k.theirs}“`);
  for (const line of r.skipped) o.out(`Nicht übernommen: ${line}`);
  if (r.status.conflicts > 0) o.out(`${plural(r.status.conflicts, 'Konflikt ist', 'Konflikte sind')} in der Werkbank zu entscheiden (Zusammenarbeit).`);
  return EXIT_OK;
}

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], o: Output = consoleOutput): Promise<number> {
  let p: Parsed;
  try {
    p = parse(argv);
    if (p.help || p.command === null || p.command === 'help') {
      (p.help || p.command === 'help' ? o.out : o.err)(HELP);
      return p.help || p.command === 'help' ? EXIT_OK : EXIT_USAGE;
    }
    if (p.xlsx !== null && p.command !== 'import') throw new UsageError('„--xlsx“ gilt nur für „import“.');
    switch (p.command) {
      case 'demo': return await cmdDemo(p, o);
      case 'generate': return cmdGenerate(p, o);
      case 'check': return cmdCheck(p, o);
      case 'export': return await cmdExport(p, o);
      case 'sync': return await cmdSync(p, o);
      case 'merge': return await cmdMerge(p, o);
      case 'import': return await cmdImport(p, o);
      default: throw new UsageError(`Unbekannter Befehl „${p.command}“. Bekannt sind: demo, generate, check, export, import, merge, sync.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      o.err(`Aufruf fehlerhaft: ${e.message}`);
      o.err('Hilfe: werkbank --help');
      return EXIT_USAGE;
    }
    if (e instanceof AppError) {
      o.err(e.message);
      return EXIT_PROBLEM;
    }
    o.err(`Unerwarteter Fehler: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_PROBLEM;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
