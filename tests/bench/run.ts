// `npm run bench`: how fast the workbench is on synthetic plans of size S, M and L, beside the
// floor (the same work done the plainest way) and the ratio ours/floor.
//
//   npm run bench                      S, M, L and the UI figures; writes tests/bench/latest.md
//   npm run bench -- --sizes S         quick smoke (no Markdown file unless --out is given)
//   npm run bench -- --no-ui           without the browser figures
//   npm run bench -- --seed 7 --out /tmp/bench.md
//
// Medians of several runs (7 for fast steps, 3 for slow ones), p50/p95 over 200 edits.
// Figures depend on the machine: compare ratios, not milliseconds, across machines.
import { benchHistory, benchSeries } from './forms-bench.ts';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import { PLAN_SIZES, type PlanSize } from '../../electron/backend/synthetic.ts';
import { benchVorlage } from './steps.ts';
import {
  benchCreate, benchDocx, benchEdit, benchEditHttp, benchList, benchListHttp, benchOpen, benchOptimiser, benchTotals, benchXlsx,
  type BenchContext, type BenchRow, type Timing,
} from './steps.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'S,M,L' },
    seed: { type: 'string', default: '1' },
    'no-ui': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const sizes = values.sizes!.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) as PlanSize[];
for (const s of sizes) if (!(s in PLAN_SIZES)) throw new Error(`unknown size ${s} (S, M or L)`);
const seed = Number(values.seed);
const RUNS = { fast: 7, slow: 3, edits: 200 };

// ---------------------------------------------------------------------------------------------
// Formatting

const central = (t: Timing | null): number | null => (t === null ? null : t.kind === 'median' ? t.ms : t.p50);
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
function fmt(t: Timing | null): string {
  if (t === null) return 'n/a';
  return t.kind === 'median' ? `${ms(t.ms)} (n=${t.runs})` : `p50 ${ms(t.p50)} / p95 ${ms(t.p95)}`;
}
const shown = (r: BenchRow) => (r.ours === null && r.display ? r.display : fmt(r.ours));
function ratio(r: BenchRow): string {
  const a = central(r.ours);
  const b = central(r.floor);
  return a === null || b === null || b <= 0 ? '–' : `${(a / b).toFixed(2)}×`;
}

/** Targets for a 2-core machine (see the issue "Scale and speed"). */
function applyTargets(r: BenchRow): void {
  const parts: { text: string; met: boolean | null }[] = [];
  const c = central(r.ours);
  const rat = central(r.ours) !== null && central(r.floor) ? central(r.ours)! / central(r.floor)! : null;
  if (r.step.startsWith('open plan')) {
    if (r.size === 'L') parts.push({ text: '< 500 ms', met: c === null ? null : c < 500 });
    parts.push({ text: 'ratio ≤ 3', met: rat === null ? null : rat <= 3 });
  }
  if (r.step.startsWith('measure list with totals')) {
    if (r.size === 'L') parts.push({ text: '< 200 ms', met: c === null ? null : c < 200 });
    parts.push({ text: 'ratio ≤ 3', met: rat === null ? null : rat <= 3 });
  }
  if (r.step.startsWith('edit round trip in process')) {
    parts.push({ text: 'p95 < 20 ms', met: r.ours?.kind === 'pct' ? r.ours.p95 < 20 : null });
  }
  if (r.step.startsWith('sync push') || r.step.startsWith('sync pull')) parts.push({ text: '< 2 s', met: c === null ? null : c < 2000 });
  if (r.step.startsWith('DOCX') && r.size === 'M') parts.push({ text: '< 5 s', met: c === null ? null : c < 5000 });
  if (parts.length === 0) return;
  const met = parts.some((p) => p.met === false) ? false : parts.every((p) => p.met === true) ? true : null;
  const word = (m: boolean | null) => (m === true ? 'met' : m === false ? 'MISSED' : 'n/a');
  r.target = { text: parts.map((p) => p.text).join(', '), met, detail: parts.map((p) => word(p.met)).join(', ') };
}
const metText = (r: BenchRow) => r.target?.detail ?? (!r.target ? '' : r.target.met === true ? 'met' : r.target.met === false ? 'MISSED' : 'n/a');

function machineInfo(): string[] {
  const cpu = cpus();
  const mem = new Database(':memory:');
  const sqlite = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  mem.close();
  const bsqlVersion = (JSON.parse(readFileSync(new URL('../../node_modules/better-sqlite3/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return [
    `CPU: ${cpu[0]?.model ?? 'unknown'} (${cpu.length} cores)`,
    `RAM: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS: ${platform()} ${release()}`,
    `Node ${process.version}, better-sqlite3 ${bsqlVersion}, SQLite ${sqlite}`,
    `Plans in ${tmpdir()} (warm OS cache), seed ${seed}`,
    `Load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' / ')} (1/5/15 min; other work on the machine skews the figures)`,
  ];
}

function table(rows: BenchRow[]): string[] {
  const head = ['size', 'step', 'ours', 'floor', 'ours/floor', 'target', 'met', 'note'];
  const data = rows.map((r) => [r.size, r.step, shown(r), fmt(r.floor), ratio(r), r.target?.text ?? '', metText(r), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...data.map((d) => d[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...data.map(line)];
}

function markdown(rows: BenchRow[], info: string[], extra: string[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const out = [
    '# Benchmark: Zusammenhalt-Werkbank', '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Synthetic plans (electron/backend/synthetic.ts): S = 50 measures, M = 500, L = 5,000 measures with 1,000 actors, 50,000 budget lines, 20,000 responsibility links.`,
    'Median of several runs (n shown); edits as p50/p95 over 200 round trips. Floor = the same work done the plainest way (raw better-sqlite3, the docx package directly).', '',
    ...info.map((l) => `- ${l}`), '',
    '| size | step | ours | floor | ours/floor | target | met | note |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.size} | ${esc(r.step.trim())} | ${shown(r)} | ${fmt(r.floor)} | ${ratio(r)} | ${r.target?.text ?? ''} | ${metText(r)} | ${esc(r.note ?? '')} |`),
    '', ...extra, '',
  ];
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Run

const info = machineInfo();
console.log('Zusammenhalt-Werkbank benchmark');
for (const l of info) console.log(`  ${l}`);
console.log('');

const dir = mkdtempSync(join(tmpdir(), 'werkbank-bench-'));
const rows: BenchRow[] = [];
const extra: string[] = [];
let lPath: string | undefined;
try {
  for (const size of sizes) {
    const session = new Session({ dataDir: join(dir, `data-${size}`), user: 'bench' });
    const api = createClient(createHandlers(session));
    const ctx: BenchContext = { size, seed, dir, session, api, runs: RUNS };
    const add = (r: BenchRow | BenchRow[]) => {
      for (const x of Array.isArray(r) ? r : [r]) {
        applyTargets(x);
        rows.push(x);
        console.log(`  ${x.size}  ${x.step.trim().padEnd(62)} ${fmt(x.ours).padEnd(28)} floor ${fmt(x.floor).padEnd(28)} ${ratio(x)}${x.ours === null && x.note ? `  (${x.note})` : ''}`);
      }
    };
    console.log(`Size ${size}: ${JSON.stringify(PLAN_SIZES[size])}`);
    add(await benchCreate(ctx));
    const fileMiB = statSync(ctx.path!).size / 2 ** 20;
    extra.push(`- Plan file ${size}: ${fileMiB.toFixed(1)} MiB`);
    add(await benchOpen(ctx));
    add(await benchList(ctx));
    add(await benchListHttp(ctx));
    add(await benchTotals(ctx));
    add(await benchEdit(ctx));
    add(await benchEditHttp(ctx));
    add(await benchDocx(ctx, { isolate: size === 'L' }));
    add(await benchVorlage(ctx));
    add(await benchXlsx(ctx));
    add(await benchSeries(ctx));
    add(await benchHistory(ctx));
    if (size === 'L') {
      const m = process.memoryUsage();
      const line = `Memory after L: RSS ${(m.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB of ${(m.heapTotal / 2 ** 20).toFixed(0)} MiB, external ${(m.external / 2 ** 20).toFixed(0)} MiB`;
      console.log(`  ${line}`);
      extra.push(`- ${line}`);
    }
    session.close();
    if (size === 'L') lPath = ctx.path;
    else rmSync(ctx.path!, { force: true });
    console.log('');
  }

  console.log('Optimiser (tests/bench/optimiser-bench.ts)');
  // Its own plans: 100, 500 and 2,000 measures; a partial run only takes the sizes asked for.
  const OPT_MEASURES: Record<PlanSize, number> = { S: 100, M: 500, L: 2000 };
  for (const r of await benchOptimiser({ measureCounts: sizes.map((s) => OPT_MEASURES[s]) })) {
    applyTargets(r);
    rows.push(r);
    console.log(`  ${r.step.padEnd(62)} ${fmt(r.ours).padEnd(28)} ${r.note ?? ''}`);
  }
  console.log('');

  console.log('Sync with PostgreSQL (tests/bench/sync-bench.ts, throwaway cluster)');
  try {
    const { benchSync } = await import('./sync-bench.ts');
    for (const r of await benchSync({ dir, runs: RUNS.slow, log: (s) => console.log(`  ${s}`) })) {
      applyTargets(r);
      rows.push(r);
      console.log(`  ${r.step.padEnd(62)} ${fmt(r.ours).padEnd(28)} ${r.note ?? ''}`);
    }
  } catch (e) {
    rows.push({ size: '–', step: 'sync with PostgreSQL', ours: null, floor: null, note: `not run: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    console.log(`  not run: ${e instanceof Error ? e.message : String(e)}`);
  }
  console.log('');

  console.log('Änderungsprotokoll with 100,000 entries (tests/bench/history-bench.ts)');
  const { benchHistoryLog } = await import('./history-bench.ts');
  for (const r of await benchHistoryLog({ dir, runs: RUNS.slow })) {
    rows.push(r);
    console.log(`  ${r.step.padEnd(62)} ${fmt(r.ours).padEnd(28)} ${r.target?.detail ?? ''} ${r.note ?? ''}`);
  }
  console.log('');

  console.log('Umsetzung (tests/bench/monitoring-bench.ts)');
  const { runMonitoringBench } = await import('./monitoring-bench.ts');
  for (const size of sizes) {
    for (const r of await runMonitoringBench({ size, dir, ui: size === 'L' && !values['no-ui'], runs: RUNS.slow })) {
      rows.push(r);
      console.log(`  ${r.size}  ${r.step.padEnd(62)} ${fmt(r.ours).padEnd(28)} ${r.note ?? ''}`);
    }
  }
  console.log('');

  if (!values['no-ui']) {
    console.log('UI (Chromium, dev server, L plan)');
    const { runUiBench } = await import('./ui-bench.ts');
    const uiRows = await runUiBench({ dir, seed, planPath: lPath, log: (s) => console.log(`  ${s}`) });
    for (const r of uiRows) {
      rows.push(r);
      console.log(`  ${r.step.padEnd(62)} ${shown(r).padEnd(28)} ${r.note ?? ''}`);
    }
    console.log('');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

extra.push(`- Load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
console.log(table(rows).join('\n'));
if (extra.length) console.log(['', ...extra].join('\n'));
const md = markdown(rows, info, extra);
console.log('\n' + md);

const full = ['S', 'M', 'L'].every((s) => sizes.includes(s as PlanSize));
const out = values.out ?? (full ? join(import.meta.dirname, 'latest.md') : undefined);
if (out) {
  writeFileSync(out, md);
  console.log(`Written to ${out}`);
} else {
  console.log('(Partial run: Markdown not written; pass --out FILE to keep it.)');
}
