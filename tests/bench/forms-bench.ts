// Bench steps of the "forms" work: saving a 10-year budget series (its lines rewritten and logged,
// one undo step) and the Änderungsprotokoll with field-level old → new values.
import type { BenchContext, BenchRow } from './steps.ts';
import { percentile } from './steps.ts';

async function times(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(5, n); i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) { const a = performance.now(); await fn(i); out.push(performance.now() - a); }
  return out;
}

const pctOf = (xs: number[]) => ({ kind: 'pct' as const, p50: percentile(xs, 50), p95: percentile(xs, 95), runs: xs.length });

export async function benchSeries(ctx: BenchContext): Promise<BenchRow> {
  const [m] = await ctx.api['measures.list']({});
  let x = await ctx.api['series.save']({ measureId: m.id, firstYear: 2026, lastYear: 2035, baseCents: 4_000_000, growthBp: 200 });
  const n = Math.min(ctx.runs.edits, 100);
  const ours = await times(n, async (i) => {
    x = await ctx.api['series.save']({ id: x.id, measureId: m.id, firstYear: 2026, lastYear: 2035, baseCents: 4_000_000 + Math.abs(i), growthBp: 200 });
  });
  await ctx.api['series.delete']({ id: x.id });
  return { size: ctx.size, step: `budget series edit, 10 years (series.save ×${n})`, ours: pctOf(ours), floor: null, note: 'rewrites and logs the 10 lines in one step; no floor' };
}

export async function benchHistory(ctx: BenchContext): Promise<BenchRow> {
  const n = Math.min(ctx.runs.edits, 100);
  const ours = await times(n, () => ctx.api['history.list']({ limit: 200 }));
  return { size: ctx.size, step: `Änderungsprotokoll, 200 steps with old → new (history.list ×${n})`, ours: pctOf(ours), floor: null, note: 'field diffs from the before/after images' };
}
