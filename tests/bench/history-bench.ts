// The Änderungsprotokoll at 100,000 change-log entries (issue 12): opening the plan, the newest
// page of history.list, the next page (cursor `before`), one measure's page and history.status.
// The log is the demo plan's with 100,000 steps of measure edits added, spread over all measures,
// each entry carrying full before/after images as real edits do.
import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import type { HistoryStep } from '../../shared/domain/types.ts';
import { median, type BenchRow } from './steps.ts';

export const HISTORY_ENTRIES = 100_000;

async function time(runs: number, fn: () => unknown): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function benchHistoryLog(opts: { dir: string; runs: number }): Promise<BenchRow[]> {
  const path = join(opts.dir, 'history-100k.wirplan');
  const make = new Session({ dataDir: join(opts.dir, 'hist-make'), user: 'bench' });
  await createClient(createHandlers(make))['plan.createDemo']({ path });
  make.close();
  const raw = new Database(path);
  const measures = raw.prepare('SELECT * FROM measures ORDER BY code').all() as Record<string, unknown>[];
  const ins = raw.prepare(`INSERT INTO change_log (at, user, entity, entity_id, action, summary, before_json, after_json, txn, undone)
    VALUES (?, 'bench', 'measure', ?, 'update', ?, ?, ?, ?, 0)`);
  raw.transaction(() => {
    for (let i = 0; i < HISTORY_ENTRIES; i++) {
      const m = measures[i % measures.length];
      const after = { ...m, notes: `Stand ${i}` };
      ins.run(new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), m.id, `Maßnahme ${String(m.code)} geändert`, JSON.stringify(m), JSON.stringify(after), `bench-${i}`);
    }
  })();
  raw.close();
  const fileMiB = statSync(path).size / 2 ** 20;

  const session = new Session({ dataDir: join(opts.dir, 'hist-open'), user: 'bench' });
  const api = createClient(createHandlers(session));
  const rows: BenchRow[] = [];
  const size = '100k';
  const row = (step: string, xs: number[], note: string, target?: number): BenchRow => {
    const ms = median(xs);
    return {
      size, step, ours: { kind: 'median', ms, runs: xs.length }, floor: null, note,
      ...(target ? { target: { text: `< ${target} ms`, met: ms < target, detail: ms < target ? 'met' : 'MISSED' } } : {}),
    };
  };
  try {
    const open = await time(opts.runs, () => api['plan.open']({ path }));
    rows.push(row('open plan with 100,000 change-log entries (plan.open)', open, `${fileMiB.toFixed(0)} MiB file; check and backup on open read every page`, 500));
    let first: HistoryStep[] = [];
    const page = await time(opts.runs * 3, async () => { first = await api['history.list']({ limit: 101 }); });
    rows.push(row('history.list, newest page (101 steps)', page, `${first.length} steps`, 50));
    const before = first.at(-1)!.seq;
    const next = await time(opts.runs * 3, () => api['history.list']({ limit: 101, before }));
    rows.push(row('history.list, next page (before = last seq)', next, 'cursor', 50));
    const deep = await time(opts.runs * 3, () => api['history.list']({ limit: 101, before: 1_000 }));
    rows.push(row('history.list, oldest page (before = 1000)', deep, 'the start of the log', 50));
    const mId = String(measures[0].id);
    const one = await time(opts.runs * 3, () => api['history.list']({ entityId: mId, limit: 101 }));
    rows.push(row('history.list, one measure (101 of its steps)', one, `${Math.round(HISTORY_ENTRIES / measures.length)} steps touch it`, 50));
    const status = await time(opts.runs * 3, () => api['history.status']({}));
    rows.push(row('history.status', status, 'undo/redo labels', 50));
  } finally {
    session.close();
    rmSync(path, { force: true });
  }
  return rows;
}
