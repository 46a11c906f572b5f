// The benchmark in CI: the S generator and one pass of each bench step (tests/bench/steps.ts).
// Asserts that figures are produced and that the generated plan is valid; never asserts timings.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import { generatePlan, PLAN_SIZES, synthesize } from '../../electron/backend/synthetic.ts';
import { budgetFullSchema, measureFullSchema } from '../../shared/domain/schemas.ts';
import {
  benchCreate, benchDocx, benchEdit, benchEditHttp, benchList, benchListHttp, benchOpen, benchOptimiser, benchTotals, benchXlsx,
  type BenchContext, type BenchRow,
} from '../bench/steps.ts';

let dir: string;
let session: Session;
let ctx: BenchContext;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'werkbank-bench-smoke-'));
  session = new Session({ dataDir: join(dir, 'data'), user: 'bench' });
  ctx = { size: 'S', seed: 1, dir, session, api: createClient(createHandlers(session)), runs: { fast: 1, slow: 1, edits: 5 } };
});

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

const hasFigure = (r: BenchRow) => {
  expect(r.ours, `${r.step}: ${r.note ?? ''}`).not.toBeNull();
  const t = r.ours!;
  const values = t.kind === 'median' ? [t.ms] : [t.p50, t.p95];
  for (const v of values) expect(Number.isFinite(v) && v >= 0).toBe(true);
  expect(r.floor).not.toBeNull();
};

describe('synthetic plans', () => {
  it('are reproducible: same seed, same content (ids included); another seed, another plan', () => {
    const a = synthesize('S', 42);
    expect(synthesize('S', 42)).toEqual(a);
    expect(synthesize('S', 43).measures[0].id).not.toBe(a.measures[0].id);
  });

  it('pass the same validation as anything entered through the contract', () => {
    const plan = synthesize('M', 7);
    for (const m of plan.measures) expect(measureFullSchema.safeParse(m).success, m.code).toBe(true);
    for (const b of plan.budgetLines) expect(budgetFullSchema.safeParse(b).success, b.id).toBe(true);
    expect(new Set(plan.budgetLines.map((b) => b.fundingKind))).toEqual(new Set(['kreishaushalt', 'foerdermittel', 'drittmittel', 'eigenmittel-dritter']));
    expect(plan.budgetLines.filter((b) => b.fundingKind === 'foerdermittel').every((b) => b.foerderquoteBp !== null && b.programme !== '')).toBe(true);
    for (const m of plan.measures) {
      expect(m.code).toMatch(/^M-[1-7]\.\d{3}$/u);
      expect(m.startYear! >= 2026 && m.endYear! <= 2030 && m.endYear! - m.startYear! <= 2).toBe(true);
    }
  });

  it('take custom counts', () => {
    const plan = synthesize({ measures: 30, actors: 5, budgetLines: 90, responsibilities: 20 }, 3);
    expect([plan.measures.length, plan.actors.length, plan.budgetLines.length, plan.responsibilities.length]).toEqual([30, 5, 90, 20]);
    // Fewer links than measures: those without any stay ideas.
    const linked = new Set(plan.responsibilities.map((r) => r.measureId));
    for (const m of plan.measures) if (!linked.has(m.id)) expect(m.status).toBe('idee');
  });
});

describe('bench steps (S, one pass each)', () => {
  it('create: the generated plan file is valid and has the requested counts', async () => {
    const row = await benchCreate(ctx);
    hasFigure(row);
    const db = new Database(ctx.path!, { readonly: true });
    try {
      const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
      const spec = PLAN_SIZES.S;
      expect({ measures: count('measures'), actors: count('actors'), budgetLines: count('budget_lines'), responsibilities: count('responsibilities') }).toEqual(spec);
      expect(count('baustellen')).toBe(7);
      expect(count('measure_items')).toBeGreaterThan(0);
      // Exactly one "verantwortlich" per measure past Idee.
      const wrong = db.prepare(`SELECT m.code, (SELECT COUNT(*) FROM responsibilities r WHERE r.measure_id = m.id AND r.role = 'verantwortlich') AS n
        FROM measures m WHERE m.status <> 'idee' AND n <> 1`).all();
      expect(wrong).toEqual([]);
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('open', async () => {
    const rows = await benchOpen(ctx);
    for (const r of rows) hasFigure(r);
    expect(session.path).toBe(ctx.path);
  });

  it('list and totals: the totals equal SUM(amount_cents)', async () => {
    hasFigure(await benchList(ctx));
    hasFigure(await benchListHttp(ctx));
    hasFigure(await benchTotals(ctx));
    const sums = new Map((session.db.prepare('SELECT measure_id AS id, SUM(amount_cents) AS c FROM budget_lines GROUP BY measure_id').all() as { id: string; c: number }[]).map((r) => [r.id, r.c]));
    const all = (session.db.prepare('SELECT SUM(amount_cents) AS c FROM budget_lines').get() as { c: number }).c;
    const totals = await ctx.api['budget.totals']({});
    expect(totals.totalCents).toBe(all);
    expect(new Map(Object.entries(totals.byMeasure))).toEqual(sums);
    const list = await ctx.api['measures.list']({});
    expect(list).toHaveLength(PLAN_SIZES.S.measures);
    for (const m of list) expect(m.totalCents).toBe(sums.get(m.id) ?? 0);
    expect(list.reduce((a, m) => a + m.totalCents, 0)).toBe(all);
  });

  it('edits in process and over HTTP', async () => {
    for (const r of [await benchEdit(ctx), await benchEditHttp(ctx)]) {
      hasFigure(r);
      expect(r.ours!.kind).toBe('pct');
    }
  });

  it('exports: a figure, or n/a with a reason', async () => {
    for (const r of [await benchDocx(ctx), await benchXlsx(ctx)]) {
      if (r.ours === null) expect(r.note).toMatch(/^n\/a: /u);
      else hasFigure(r);
    }
  });

  it('optimiser rows (or n/a)', async () => {
    const rows = await benchOptimiser({ measureCounts: [PLAN_SIZES.S.measures], runs: 1 });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.ours !== null || /^n\/a: /u.test(r.note ?? '')).toBe(true);
  });

  it('generatePlan also creates through a session (the plan.new path) and leaves the plan open', () => {
    const s = new Session({ dataDir: join(dir, 'data-2'), user: 'bench' });
    try {
      const g = generatePlan(join(dir, 'via-session.wirplan'), { measures: 12, actors: 4, budgetLines: 30, responsibilities: 12 }, 5, { session: s });
      expect(g.spec.measures).toBe(12);
      expect((s.db.prepare('SELECT COUNT(*) AS n FROM measures').get() as { n: number }).n).toBe(12);
    } finally {
      s.close();
    }
  });
});
