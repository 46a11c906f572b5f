// The benchmark's steps, one function each, so `npm run bench` (tests/bench/run.ts) and the CI smoke
// test (tests/unit/bench-smoke.test.ts) run exactly the same code. Every step measures our path
// (through the contract, as the app does) and beside it the "floor": the same work done the
// plainest way (raw better-sqlite3, the docx package directly). Timings are reported, never asserted.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { isMethod, type Api } from '../../shared/api/contract.ts';
import { APPLICATION_ID, checkPlanFile } from '../../electron/backend/db/open.ts';
import { MIGRATIONS } from '../../electron/backend/db/migrations/index.ts';
import { startDevServer } from '../../electron/backend/dev-server.ts';
import { createHandlers } from '../../electron/backend/backend.ts';
import type { Session } from '../../electron/backend/session.ts';
import { generatePlan, synthesize, type PlanSize, type SyntheticPlan } from '../../electron/backend/synthetic.ts';

// ---------------------------------------------------------------------------------------------
// Figures

export type Timing =
  | { kind: 'median'; ms: number; runs: number }
  | { kind: 'pct'; p50: number; p95: number; runs: number };

export interface BenchRow {
  size: string;
  step: string;
  /** null: not available (n/a), see note. */
  ours: Timing | null;
  floor: Timing | null;
  /** Shown instead of "n/a" when the figure is not a time (e.g. a count). */
  display?: string;
  note?: string;
  /** Filled in by the runner for rows that have a target. */
  target?: { text: string; met: boolean | null; /** per part of the target, e.g. "met, MISSED" */ detail?: string };
}

export interface BenchContext {
  size: PlanSize;
  seed: number;
  /** Scratch folder for plan files (removed by the caller). */
  dir: string;
  session: Session;
  api: Api;
  /** The plan file the read/edit steps work on; set by benchCreate. */
  path?: string;
  runs: { fast: number; slow: number; edits: number };
}

/** Runs a full garbage collection when possible, so one run's garbage doesn't land in the next. */
const gc: () => void = (() => {
  try {
    setFlagsFromString('--expose_gc');
    const f = runInNewContext('gc') as (() => void) | undefined;
    if (typeof f === 'function') return f;
  } catch {
    // No gc: timings get a little noisier, nothing else changes.
  }
  return () => {};
})();

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function timeRuns(runs: number, fn: (i: number) => unknown, opts: { warmup?: number; before?: (i: number) => void } = {}): Promise<number[]> {
  for (let i = 0; i < (opts.warmup ?? 0); i++) {
    opts.before?.(-1 - i);
    await fn(-1 - i);
  }
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    opts.before?.(i);
    gc();
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

const med = (xs: number[]): Timing => ({ kind: 'median', ms: median(xs), runs: xs.length });
const pct = (xs: number[]): Timing => ({ kind: 'pct', p50: percentile(xs, 50), p95: percentile(xs, 95), runs: xs.length });

function planPath(ctx: BenchContext): string {
  if (!ctx.path) throw new Error('benchCreate must run first (no plan file yet)');
  return ctx.path;
}

// ---------------------------------------------------------------------------------------------
// Create

/** The floor for creating: the same schema and rows, raw prepared inserts in one transaction. */
export function floorCreate(path: string, plan: SyntheticPlan): void {
  const db = new Database(path);
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS) db.exec(m.up);
    db.pragma(`user_version = ${MIGRATIONS.at(-1)!.version}`);
    db.transaction(() => {
      db.prepare('INSERT INTO catalogue (id, version, json) VALUES (?, ?, ?)').run(CATALOGUE.id, CATALOGUE.version, JSON.stringify(CATALOGUE));
      const bs = db.prepare('INSERT INTO baustellen (id, number, short_title, title) VALUES (?, ?, ?, ?)');
      const ci = db.prepare('INSERT INTO catalogue_items (id, baustelle_id, kind, actor_group, position, text) VALUES (?, ?, ?, ?, ?, ?)');
      for (const b of CATALOGUE.baustellen) {
        bs.run(b.id, b.number, b.shortTitle, b.title);
        for (const g of b.grundmauern) ci.run(g.id, b.id, 'grundmauer', g.actorGroup, g.position, g.text);
        for (const f of b.fragen) ci.run(f.id, b.id, 'frage', f.actorGroup, f.position, f.text);
      }
      const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      meta.run('title', plan.meta.title);
      meta.run('landkreis', plan.meta.landkreis);
      const ia = db.prepare('INSERT INTO actors (id, name, kind, org_unit, contact_person, contact_details, notes) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const a of plan.actors) ia.run(a.id, a.name, a.kind, a.orgUnit, a.contactPerson, a.contactDetails, a.notes);
      const im = db.prepare('INSERT INTO measures (id, code, title, description, goal, need, ausgangslage, risks, baustelle_id, status, start_year, start_quarter, end_year, end_quarter, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const imb = db.prepare('INSERT INTO measure_baustellen (measure_id, baustelle_id) VALUES (?, ?)');
      const imi = db.prepare('INSERT INTO measure_items (measure_id, item_id) VALUES (?, ?)');
      for (const m of plan.measures) {
        im.run(m.id, m.code, m.title, m.description, m.goal, m.need, m.ausgangslage, m.risks, m.baustelleId, m.status, m.startYear, m.startQuarter, m.endYear, m.endQuarter, m.notes, m.createdAt, m.updatedAt);
        for (const b of m.furtherBaustellenIds) imb.run(m.id, b);
        for (const i of [...m.grundmauerIds, ...m.frageIds]) imi.run(m.id, i);
      }
      const ir = db.prepare('INSERT INTO responsibilities (measure_id, actor_id, role) VALUES (?, ?, ?)');
      for (const r of plan.responsibilities) ir.run(r.measureId, r.actorId, r.role);
      const ib = db.prepare('INSERT INTO budget_lines (id, measure_id, year, amount_cents, cost_kind, funding_kind, produkt, kostenstelle, programme, foerderquote_bp, state, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const b of plan.budgetLines) ib.run(b.id, b.measureId, b.year, b.amountCents, b.costKind, b.fundingKind, b.produkt, b.kostenstelle, b.programme, b.foerderquoteBp, b.state, b.note);
    })();
  } finally {
    db.close();
  }
}

/** Creates the plan file (generator, normal create path); leaves ctx.path on the last one made. */
export async function benchCreate(ctx: BenchContext): Promise<BenchRow> {
  const n = ctx.runs.slow;
  const made: string[] = [];
  const ours = await timeRuns(n, (i) => {
    const path = join(ctx.dir, `${ctx.size}-plan-${i}.wirplan`);
    generatePlan(path, ctx.size, ctx.seed);
    made.push(path);
  });
  const floor = await timeRuns(n, (i) => {
    const path = join(ctx.dir, `${ctx.size}-floor-${i}.wirplan`);
    floorCreate(path, synthesize(ctx.size, ctx.seed));
  });
  // Keep one plan; drop the copies so the L run doesn't fill the disk.
  ctx.path = made.at(-1)!;
  for (const p of made.slice(0, -1)) rmSync(p, { force: true });
  for (let i = 0; i < n; i++) rmSync(join(ctx.dir, `${ctx.size}-floor-${i}.wirplan`), { force: true });
  return { size: ctx.size, step: 'create plan file (generator, one transaction)', ours: med(ours), floor: med(floor), note: 'floor: raw prepared INSERTs, same rows and schema' };
}

// ---------------------------------------------------------------------------------------------
// Open

/** Opening through the contract (check, lock, backup on open, migrate, plan info, recent list). */
export async function benchOpen(ctx: BenchContext): Promise<BenchRow[]> {
  const path = planPath(ctx);
  const n = ctx.runs.fast;
  const ours = await timeRuns(n, () => ctx.api['plan.open']({ path }), { warmup: 1 });
  // The parts, measured as plan.open meets the file: closed, no -wal beside it.
  ctx.session.close();
  try {
    const floor = await timeRuns(n, () => {
      const db = new Database(path);
      db.pragma('quick_check');
      db.close();
    });
    const check = await timeRuns(n, () => checkPlanFile(path));
    const raw = (pragma: string) => timeRuns(n, () => {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma(pragma);
      db.close();
    });
    const quick = await raw('quick_check');
    const integrity = await raw('integrity_check');
    const rows: BenchRow[] = [
      { size: ctx.size, step: 'open plan (check + open, plan.open)', ours: med(ours), floor: med(floor), note: 'floor: new Database + quick_check' },
      {
        size: ctx.size, step: '  of which checkPlanFile', ours: med(check), floor: med(quick),
        note: `floor: quick_check alone; raw integrity_check ${median(integrity).toFixed(1)} ms`,
      },
    ];
    // The backup taken on every open (electron/backend/safety), beside the plainest backup: a file copy.
    try {
      const mod = (await import('../../electron/backend/safety/backup.ts')) as { writeBackupSync?: (db: unknown, place: { planPath: string; dataDir: string }, kind: string, iso: string) => string };
      if (typeof mod.writeBackupSync === 'function') {
        const place = { planPath: path, dataDir: ctx.session.dataDir };
        const made: string[] = [];
        const db = new Database(path, { fileMustExist: true });
        try {
          const backup = await timeRuns(n, () => { made.push(mod.writeBackupSync!(db, place, 'open', new Date().toISOString())); });
          rows.push({ size: ctx.size, step: '  of which backup on open', ours: med(backup), floor: null, note: 'serialize + write + quick_check + fsync' });
        } finally {
          db.close();
        }
        for (const f of made) rmSync(f, { force: true });
        const copy = await timeRuns(n, (i) => copyFileSync(path, join(ctx.dir, `copy-${i}.wirplan`)));
        for (let i = 0; i < n; i++) rmSync(join(ctx.dir, `copy-${i}.wirplan`), { force: true });
        const last = rows.at(-1)!;
        if (last.step.includes('backup')) Object.assign(last, { floor: med(copy), note: `${last.note}; floor: copyFileSync` });
      }
    } catch {
      // No safety layer (or another shape of it): the open row above still stands.
    }
    return rows;
  } finally {
    await ctx.api['plan.open']({ path });
  }
}

// ---------------------------------------------------------------------------------------------
// List and totals

/** The plainest query for the measures table: one SELECT with the joins and GROUP BY. */
export const FLOOR_LIST_SQL = `
  SELECT m.*, a.id AS responsible_id, a.name AS responsible_name,
         COALESCE(SUM(c.cents), 0) AS total_cents,
         json_group_object(c.year, c.cents) FILTER (WHERE c.year IS NOT NULL) AS costs_by_year
  FROM measures m
  LEFT JOIN responsibilities r ON r.measure_id = m.id AND r.role = 'verantwortlich'
  LEFT JOIN actors a ON a.id = r.actor_id
  LEFT JOIN (SELECT measure_id, year, SUM(amount_cents) AS cents FROM budget_lines GROUP BY measure_id, year) c ON c.measure_id = m.id
  GROUP BY m.id
  ORDER BY m.code COLLATE NOCASE`;

export const FLOOR_TOTALS_SQL = 'SELECT b.measure_id AS m, m.baustelle_id AS s, b.year AS y, SUM(b.amount_cents) AS c FROM budget_lines b JOIN measures m ON m.id = b.measure_id GROUP BY b.measure_id, b.year';

export async function benchList(ctx: BenchContext): Promise<BenchRow> {
  const n = ctx.runs.fast;
  let rows = 0;
  const ours = await timeRuns(n, async () => { rows = (await ctx.api['measures.list']({})).length; }, { warmup: 1 });
  const raw = new Database(planPath(ctx), { readonly: true, fileMustExist: true });
  try {
    const q = raw.prepare(FLOOR_LIST_SQL);
    const floor = await timeRuns(n, () => q.all(), { warmup: 1 });
    return { size: ctx.size, step: 'measure list with totals (measures.list)', ours: med(ours), floor: med(floor), note: `${rows} rows; floor: one SELECT with joins + GROUP BY` };
  } finally {
    raw.close();
  }
}

/** The same list as the browser gets it: over the dev server, JSON encoded and parsed. */
export async function benchListHttp(ctx: BenchContext): Promise<BenchRow> {
  const n = ctx.runs.fast;
  const server = await startDevServer({ handlers: createHandlers(ctx.session) });
  let bytes = 0;
  let ours: number[];
  try {
    ours = await timeRuns(n, async () => {
      const res = await fetch(`${server.url}api/measures.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-werkbank-token': server.token }, body: '{}' });
      const text = await res.text();
      bytes = text.length;
      JSON.parse(text);
    }, { warmup: 1 });
  } finally {
    await server.close();
  }
  const raw = new Database(planPath(ctx), { readonly: true, fileMustExist: true });
  const q = raw.prepare(FLOOR_LIST_SQL);
  const bare: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(q.all()));
  });
  await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
  let floor: number[];
  try {
    const port = (bare.address() as { port: number }).port;
    floor = await timeRuns(n, async () => JSON.parse(await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' })).text()), { warmup: 1 });
  } finally {
    bare.closeAllConnections();
    await new Promise<void>((ok) => bare.close(() => ok()));
    raw.close();
  }
  return { size: ctx.size, step: 'measure list over HTTP (dev server, JSON)', ours: med(ours), floor: med(floor), note: `${(bytes / 2 ** 20).toFixed(1)} MiB JSON; floor: bare node:http + the one SELECT` };
}

export async function benchTotals(ctx: BenchContext): Promise<BenchRow> {
  const n = ctx.runs.fast;
  const ours = await timeRuns(n, () => ctx.api['budget.totals']({}), { warmup: 1 });
  const raw = new Database(planPath(ctx), { readonly: true, fileMustExist: true });
  try {
    const q = raw.prepare(FLOOR_TOTALS_SQL);
    const floor = await timeRuns(n, () => q.all(), { warmup: 1 });
    return { size: ctx.size, step: 'totals (budget.totals)', ours: med(ours), floor: med(floor), note: 'floor: the raw GROUP BY' };
  } finally {
    raw.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Edits

function editTargets(ctx: BenchContext): { id: string; title: string }[] {
  return ctx.session.db.prepare('SELECT id, title FROM measures ORDER BY code').all() as { id: string; title: string }[];
}

/** A new title for edit i: the old one with a counter, always valid and always a real change. */
function editedTitle(title: string, i: number): string {
  return `${title.replace(/ \(Rev\. \d+\)$/u, '').slice(0, 180)} (Rev. ${i + 1000})`;
}

/** One edit round trip in process: measures.update through the contract (validate, write, log, commit). */
export async function benchEdit(ctx: BenchContext): Promise<BenchRow> {
  const targets = editTargets(ctx);
  const n = ctx.runs.edits;
  const pickT = (i: number) => targets[(Math.abs(i) * 7919) % targets.length];
  const ours = await timeRuns(n, async (i) => {
    const t = pickT(i);
    await ctx.api['measures.update']({ id: t.id, patch: { title: editedTitle(t.title, i) } });
  }, { warmup: Math.min(20, n) });
  const db = ctx.session.db;
  const upd = db.prepare('UPDATE measures SET title = ?, updated_at = ? WHERE id = ?');
  const floor = await timeRuns(n, (i) => {
    const t = pickT(i);
    upd.run(editedTitle(t.title, i + 1), new Date().toISOString(), t.id);
  }, { warmup: Math.min(20, n) });
  return { size: ctx.size, step: `edit round trip in process (measures.update ×${n})`, ours: pct(ours), floor: pct(floor), note: 'floor: one raw UPDATE (autocommit, same pragmas)' };
}

async function postJson(url: string, token: string | null, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: token ? { 'content-type': 'application/json', 'x-werkbank-token': token } : { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok?: boolean; error?: { message: string } };
  if (json.ok === false) throw new Error(json.error?.message ?? 'request failed');
  return json;
}

/** The same edit over the dev server's HTTP API, as the browser harness sends it. */
export async function benchEditHttp(ctx: BenchContext): Promise<BenchRow> {
  const targets = editTargets(ctx);
  const n = ctx.runs.edits;
  const pickT = (i: number) => targets[(Math.abs(i) * 104729) % targets.length];
  const server = await startDevServer({ handlers: createHandlers(ctx.session) });
  let ours: number[];
  try {
    ours = await timeRuns(n, async (i) => {
      const t = pickT(i);
      await postJson(`${server.url}api/measures.update`, server.token, { id: t.id, patch: { title: editedTitle(t.title, i + 2) } });
    }, { warmup: Math.min(20, n) });
  } finally {
    await server.close();
  }
  // Floor: a bare node:http server that runs the raw UPDATE.
  const db = ctx.session.db;
  const upd = db.prepare('UPDATE measures SET title = ?, updated_at = ? WHERE id = ?');
  const bare: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { id, title } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; title: string };
      upd.run(title, new Date().toISOString(), id);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
  const port = (bare.address() as { port: number }).port;
  let floor: number[];
  try {
    floor = await timeRuns(n, async (i) => {
      const t = pickT(i);
      await postJson(`http://127.0.0.1:${port}/`, null, { id: t.id, title: editedTitle(t.title, i + 3) });
    }, { warmup: Math.min(20, n) });
  } finally {
    bare.closeAllConnections();
    await new Promise<void>((ok) => bare.close(() => ok()));
  }
  return { size: ctx.size, step: `edit round trip over HTTP (dev server ×${n})`, ours: pct(ours), floor: pct(floor), note: 'floor: bare node:http + raw UPDATE' };
}

// ---------------------------------------------------------------------------------------------
// Exports

/** The floor for the DOCX export: the overview table alone, the docx package used directly. */
export async function floorDocx(path: string): Promise<Uint8Array> {
  const docx = await import('docx');
  const raw = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = raw.prepare(FLOOR_LIST_SQL).all() as { code: string; title: string; baustelle_id: string; responsible_name: string | null; status: string; start_year: number | null; end_year: number | null; total_cents: number; costs_by_year: string | null }[];
    const years = [...new Set(rows.flatMap((r) => Object.keys(JSON.parse(r.costs_by_year ?? '{}') as object)))].sort();
    const cell = (s: string) => new docx.TableCell({ children: [new docx.Paragraph(s)] });
    const eur = (c: number) => (c / 100).toLocaleString('de-DE', { minimumFractionDigits: 2 });
    const head = new docx.TableRow({ children: ['Nr.', 'Maßnahme', 'Baustelle', 'verantwortlich', 'Status', 'Zeitraum', ...years, 'Summe'].map(cell) });
    const body = rows.map((r) => {
      const by = JSON.parse(r.costs_by_year ?? '{}') as Record<string, number>;
      return new docx.TableRow({
        children: [r.code, r.title, r.baustelle_id, r.responsible_name ?? '—', r.status, `${r.start_year ?? ''}–${r.end_year ?? ''}`, ...years.map((y) => eur(by[y] ?? 0)), eur(r.total_cents)].map(cell),
      });
    });
    const doc = new docx.Document({ sections: [{ children: [new docx.Table({ rows: [head, ...body] })] }] });
    return new Uint8Array(await docx.Packer.toBuffer(doc));
  } finally {
    raw.close();
  }
}

function naRow(ctx: BenchContext, step: string, e: unknown): BenchRow {
  const msg = e instanceof Error ? e.message : String(e);
  return { size: ctx.size, step, ours: null, floor: null, note: `n/a: ${msg.slice(0, 120)}` };
}

/** The Sitzungsvorlage (overview + every measure in full) through the contract. */
export async function benchDocx(ctx: BenchContext, opts: { isolate?: boolean } = {}): Promise<BenchRow> {
  const step = 'DOCX Sitzungsvorlage (export.docx, overview + full)';
  let result: DocxRuns;
  try {
    if (opts.isolate) {
      // The child opens the plan itself: this session lets go of it (and its lock) meanwhile.
      ctx.session.close();
      try {
        result = await docxInChild(planPath(ctx), ctx.runs.slow);
      } finally {
        await reopenAfterChild(ctx, planPath(ctx));
      }
    } else {
      result = await docxRuns(ctx.api, ctx.runs.slow);
    }
  } catch (e) {
    return naRow(ctx, step, e);
  }
  const floor = await timeRuns(Math.min(result.ms.length, ctx.runs.slow), () => floorDocx(planPath(ctx)));
  const where = opts.isolate ? `; own process, peak RSS ${result.rssMiB.toFixed(0)} MiB` : '';
  return { size: ctx.size, step, ours: med(result.ms), floor: med(floor), note: `${(result.bytes / 1024).toFixed(0)} KiB${where}; floor: the overview table alone, docx package directly` };
}

export interface DocxRuns { ms: number[]; bytes: number; rssMiB: number }

/** Runs export.docx up to `runs` times; a very slow export gets one run rather than tying up the machine. */
export async function docxRuns(api: Api, runs: number): Promise<DocxRuns> {
  let bytes = 0;
  const first = await timeRuns(1, async () => { bytes = Math.floor((await api['export.docx']({})).base64.length * 0.75); });
  const more = first[0] > 20_000 ? [] : await timeRuns(runs - 1, () => api['export.docx']({}));
  return { ms: [...first, ...more], bytes, rssMiB: process.resourceUsage().maxRSS / 1024 };
}

const DOCX_CHILD_TIMEOUT_MS = 300_000;

/** The export in a child process (tests/bench/docx-child.ts), so running out of memory is a figure, not a crash. */
export function docxInChild(path: string, runs: number): Promise<DocxRuns> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(import.meta.dirname, 'docx-child.ts'), path, String(runs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const t0 = performance.now();
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), DOCX_CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const secs = ((performance.now() - t0) / 1000).toFixed(0);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) return ok(JSON.parse(last) as DocxRuns);
      if (/heap out of memory/u.test(err)) return fail(new Error(`out of memory (V8 heap limit) after ${secs} s`));
      if (signal === 'SIGKILL') return fail(new Error(`no result within ${DOCX_CHILD_TIMEOUT_MS / 1000} s`));
      fail(new Error(err.split('\n').find((l) => /^\w*Error\b/u.test(l.trim()))?.trim() ?? `child exited with ${code ?? signal}`));
    });
  });
}

/** XLSX export: measured once the contract has it (`export.xlsx`), else n/a. */
export async function benchXlsx(ctx: BenchContext): Promise<BenchRow> {
  const step = 'XLSX export (export.xlsx)';
  const implemented = typeof (createHandlers(ctx.session) as unknown as Record<string, unknown>)['export.xlsx'] === 'function';
  if (!isMethod('export.xlsx') || !implemented) return { size: ctx.size, step, ours: null, floor: null, note: 'n/a: no XLSX export yet' };
  const call = (ctx.api as unknown as Record<string, (a: object) => Promise<unknown>>)['export.xlsx'];
  try {
    const ours = await timeRuns(ctx.runs.slow, () => call({}));
    const floor = await timeRuns(ctx.runs.slow, async () => {
      const { default: ExcelJS } = await import('exceljs');
      const raw = new Database(planPath(ctx), { readonly: true, fileMustExist: true });
      try {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Maßnahmen');
        for (const r of raw.prepare(FLOOR_LIST_SQL).all() as Record<string, unknown>[]) ws.addRow([r.code, r.title, r.baustelle_id, r.responsible_name, r.status, r.total_cents]);
        await wb.xlsx.writeBuffer();
      } finally {
        raw.close();
      }
    });
    return { size: ctx.size, step, ours: med(ours), floor: med(floor), note: 'floor: exceljs, one sheet' };
  } catch (e) {
    return naRow(ctx, step, e);
  }
}

// ---------------------------------------------------------------------------------------------
// Optimiser (rows provided by tests/bench/optimiser-bench.ts when it exists)

/**
 * Rows of tests/bench/optimiser-bench.ts: its `benchOptimiser(sizes?: number[], runs?: number)` runs the
 * HiGHS plan optimiser on its own seeded plans (5 budget years) and returns one row per size with
 * `medianMs`, `status`, `provenOptimal`, `mipGap`, `selected`, `withExplanationsMs`.
 * `measureCounts` undefined: the optimiser bench's own default sizes.
 */
export async function benchOptimiser(opts: { measureCounts?: number[]; runs?: number } = {}): Promise<BenchRow[]> {
  const size = 'opt';
  const step = 'optimiser';
  const file = join(import.meta.dirname, 'optimiser-bench.ts');
  if (!existsSync(file)) return [{ size, step, ours: null, floor: null, note: 'n/a: tests/bench/optimiser-bench.ts not there yet' }];
  try {
    const mod = (await import('./optimiser-bench.ts')) as Record<string, unknown>;
    const fn = mod.benchOptimiser as ((sizes?: number[], runs?: number) => Promise<Record<string, unknown>[]>) | undefined;
    if (typeof fn !== 'function') return [{ size, step, ours: null, floor: null, note: 'n/a: optimiser-bench.ts exports no benchOptimiser' }];
    const out = await fn(opts.measureCounts, opts.runs);
    return out.map((r) => {
      const gap = typeof r.mipGap === 'number' ? `gap ${(r.mipGap * 100).toFixed(4)} %` : 'gap –';
      const expl = typeof r.withExplanationsMs === 'number' ? `; with explanations ${(r.withExplanationsMs / 1000).toFixed(2)} s` : '';
      return {
        size: `${String(r.measures)} m.`,
        step: `optimiser: solvePlan (${String(r.measures)} measures, ${String(r.years ?? '?')} years)`,
        ours: typeof r.medianMs === 'number' ? { kind: 'median', ms: r.medianMs, runs: Number(r.runs ?? 1) } : null,
        floor: null,
        note: `${String(r.status)}${r.provenOptimal ? ', proven optimal' : ''}, ${gap}, ${String(r.selected)} selected${expl}; its own synthetic plans`,
      } satisfies BenchRow;
    });
  } catch (e) {
    return [{ size, step, ours: null, floor: null, note: `n/a: ${(e instanceof Error ? e.message : String(e)).slice(0, 120)}` }];
  }
}

/**
 * The Sitzungsvorlage (export.vorlage: Vorlage, Anlage 1 overview, Anlage 2 one Maßnahmenblatt per
 * measure, Anlage 3) in its own process (tests/bench/export-child.ts): one run, with its peak RSS.
 */
export async function benchVorlage(ctx: BenchContext): Promise<BenchRow> {
  const step = 'DOCX Sitzungsvorlage (export.vorlage, Vorlage + Anlagen 1–3)';
  const path = planPath(ctx);
  ctx.session.close();
  try {
    const r = await new Promise<DocxRuns>((ok, fail) => {
      const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(import.meta.dirname, 'export-child.ts'), path, 'vorlage'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
      const timer = setTimeout(() => child.kill('SIGKILL'), DOCX_CHILD_TIMEOUT_MS);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const last = out.trim().split('\n').at(-1) ?? '';
        if (code === 0 && last.startsWith('{')) {
          const j = JSON.parse(last) as { ms: number; bytes: number; rssMiB: number };
          return ok({ ms: [j.ms], bytes: j.bytes, rssMiB: j.rssMiB });
        }
        if (signal === 'SIGKILL') return fail(new Error(`no result within ${DOCX_CHILD_TIMEOUT_MS / 1000} s`));
        fail(new Error(err.split('\n').find((l) => /^\w*Error\b/u.test(l.trim()))?.trim() ?? `child exited with ${code ?? signal}`));
      });
    });
    return { size: ctx.size, step, ours: med(r.ms), floor: null, note: `${(r.bytes / 1024).toFixed(0)} KiB; own process, one run, peak RSS ${r.rssMiB.toFixed(0)} MiB` };
  } catch (e) {
    return naRow(ctx, step, e);
  } finally {
    await reopenAfterChild(ctx, path);
  }
}

/** Opens the plan again after an export child; when that fails, says what lies beside the file before giving up. */
async function reopenAfterChild(ctx: BenchContext, path: string): Promise<void> {
  try {
    await ctx.api['plan.open']({ path });
  } catch (e) {
    const beside = readdirSync(dirname(path)).filter((n) => n.startsWith(basename(path)));
    console.error(`[bench] reopening ${path} after the export child failed: ${e instanceof Error ? e.message : String(e)}; beside it: ${beside.join(', ')}; check: ${JSON.stringify(checkPlanFile(path))}`);
    throw e;
  }
}
