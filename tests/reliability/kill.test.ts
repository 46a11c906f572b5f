// Crash safety: a writer process (real Session, real contract) prints each change id after its commit;
// it is killed with SIGKILL at random moments, ≥ 200 times (while starting, opening, taking over the
// stale lock of its predecessor, writing, backing up). After every kill: the plan passes the app's
// own file check and SQLite's integrity_check, and every id printed as committed is in the file.
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../electron/backend/db/migrations/index.ts';
import { checkPlanFile } from '../../electron/backend/db/open.ts';
import { spawnHelper } from './helpers/child.ts';
import { backend, makePlanFile, tempDir } from './helpers/plans.ts';

const CYCLES = Number(process.env.WERKBANK_KILL_CYCLES ?? 200);
const LANES = 2; // two plans side by side: one writer each, so both cores work
const dir = tempDir('werkbank-kill-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Figures { cycles: number; committed: number; budget: number; lost: number; integrityFailures: number; fileCheckFailures: number; killedBeforeReady: number; writerErrors: string[] }

async function lane(index: number, cycles: number, f: Figures): Promise<void> {
  const path = await makePlanFile(dir, `plan-${index}.wirplan`);
  const dataDir = join(dir, `data-${index}`);
  const measures = new Set<string>();
  const budget = new Set<string>();
  let readyMs = 400; // how long start-up and opening took last time: aims the early kills at the opening
  for (let c = 0; c < cycles; c++) {
    const spawned = performance.now();
    const child = spawnHelper('kill-writer.ts', [dataDir, path], { NODE_COMPILE_CACHE: join(dir, 'compile-cache') });
    // Mostly while writing (after its first commit); sometimes right after opening, or at any
    // moment of start-up, lock takeover, the backup on open and the migration check.
    const dice = Math.random();
    if (dice < 0.1) {
      await new Promise((ok) => setTimeout(ok, Math.random() * readyMs));
    } else if (dice < 0.2) {
      await new Promise((ok) => setTimeout(ok, Math.max(0, readyMs - 40 + Math.random() * 45)));
    } else {
      const first = await child.waitFor(/^(ready|error|fail)/u, 30_000).catch(() => '');
      if (first === 'ready') readyMs = (readyMs * 3 + (performance.now() - spawned)) / 4;
      if (dice >= 0.3) await child.waitFor(/^(m |error|fail)/u, 30_000).catch(() => undefined);
      await new Promise((ok) => setTimeout(ok, Math.random() * 30));
    }
    child.proc.kill('SIGKILL');
    await child.exited;
    if (!child.lines.includes('ready')) f.killedBeforeReady++;
    for (const line of child.lines) {
      if (line.startsWith('m ')) measures.add(line.slice(2));
      else if (line.startsWith('b ')) budget.add(line.slice(2));
      else if (line.startsWith('error') || line.startsWith('fail')) f.writerErrors.push(line);
    }

    const check = checkPlanFile(path);
    if (!check.ok) f.fileCheckFailures++;
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      if (db.pragma('integrity_check', { simple: true }) !== 'ok') f.integrityFailures++;
      const inFile = new Set(db.prepare('SELECT id FROM measures').pluck().all() as string[]);
      const linesInFile = new Set(db.prepare('SELECT id FROM budget_lines').pluck().all() as string[]);
      for (const id of measures) if (!inFile.has(id)) f.lost++;
      for (const id of budget) if (!linesInFile.has(id)) f.lost++;
    } finally {
      db.close();
    }
    f.cycles++;
  }
  f.committed += measures.size;
  f.budget += budget.size;

  // Afterwards the planner simply opens the plan again: the last writer's lock is stale and taken over,
  // and every backup that is listed opens.
  const b = backend({ dataDir: join(dir, `data-after-${index}`) });
  await b.ok('plan.open', { path });
  const backups = await b.ok<{ ok: boolean; kind: string }[]>('plan.backups');
  expect(backups.length).toBeGreaterThan(0);
  expect(backups.filter((x) => !x.ok)).toEqual([]);
  b.session.close();
  const leftovers = readdirSync(`${path}.backups`).filter((n) => n.endsWith('.tmp'));
  // Temp files of killed backups are removed by the next rotation (the reopen above).
  expect(leftovers).toEqual([]);
}

describe('crash safety', () => {
  it(`survives ${CYCLES} SIGKILLs of a writing process with no committed change lost`, async () => {
    const f: Figures = { cycles: 0, committed: 0, budget: 0, lost: 0, integrityFailures: 0, fileCheckFailures: 0, killedBeforeReady: 0, writerErrors: [] };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i, Math.ceil(CYCLES / LANES), f)));
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`[kill] cycles: ${f.cycles} (${f.killedBeforeReady} killed before the plan was open), committed changes verified: ${f.committed} measures + ${f.budget} budget lines, lost: ${f.lost}, integrity failures: ${f.integrityFailures}, file-check failures: ${f.fileCheckFailures}, writer errors: ${f.writerErrors.length}, ${secs} s`);
    expect(f.writerErrors).toEqual([]);
    expect(f.cycles).toBeGreaterThanOrEqual(CYCLES);
    expect(f.lost).toBe(0);
    expect(f.integrityFailures).toBe(0);
    expect(f.fileCheckFailures).toBe(0);
    expect(f.committed).toBeGreaterThanOrEqual(CYCLES / 2);
  }, 400_000); // ~45 s on two idle cores; much longer when the machine is shared

  it('survives SIGKILL while an old plan is being migrated: old or new format, never broken, nothing lost', async () => {
    const fixture = join(import.meta.dirname, '../fixtures/plans/v1.wirplan');
    const fixtureDb = new Database(fixture, { readonly: true });
    const fixtureMeasures = fixtureDb.prepare('SELECT COUNT(*) FROM measures').pluck().get() as number;
    fixtureDb.close();
    const cycles = Number(process.env.WERKBANK_KILL_MIGRATION_CYCLES ?? 30);
    const versions = new Map<number, number>();
    let readyMs = 400;
    let broken = 0;
    let lost = 0;
    for (let c = 0; c < cycles; c++) {
      const path = join(dir, `alt-${c}.wirplan`);
      copyFileSync(fixture, path);
      const spawned = performance.now();
      const child = spawnHelper('kill-writer.ts', [join(dir, 'data-migration'), path], { NODE_COMPILE_CACHE: join(dir, 'compile-cache') });
      if (c % 3 === 0) {
        const first = await child.waitFor(/^(ready|error|fail)/u, 30_000).catch(() => '');
        if (first === 'ready') readyMs = (readyMs * 3 + (performance.now() - spawned)) / 4;
        await new Promise((ok) => setTimeout(ok, Math.random() * 20));
      } else {
        // Aim at the opening: backup, then the migration steps, each in its own transaction.
        await new Promise((ok) => setTimeout(ok, Math.max(0, readyMs - 60 + Math.random() * 70)));
      }
      child.proc.kill('SIGKILL');
      await child.exited;
      const printed = child.lines.filter((l) => l.startsWith('m ')).map((l) => l.slice(2));
      const check = checkPlanFile(path);
      // Say which file and why, so a rare failure names its cause.
      const beside = () => readdirSync(dir).filter((f) => f.startsWith(`alt-${c}.wirplan`)).join(', ');
      if (!check.ok) { broken++; console.log(`[kill] cycle ${c}: refused (${check.code}): ${check.message} — files: ${beside()}`); }
      const db = new Database(path, { readonly: true });
      try {
        const integrity = db.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') { broken++; console.log(`[kill] cycle ${c}: integrity_check ${String(integrity)} — files: ${beside()}`); }
        const v = db.pragma('user_version', { simple: true }) as number;
        versions.set(v, (versions.get(v) ?? 0) + 1);
        const ids = new Set(db.prepare('SELECT id FROM measures').pluck().all() as string[]);
        if (ids.size < fixtureMeasures) lost += fixtureMeasures - ids.size;
        lost += printed.filter((id) => !ids.has(id)).length;
      } finally {
        db.close();
      }
    }
    const seen = [...versions].sort().map(([v, n]) => `v${v}×${n}`).join(', ');
    console.log(`[kill] during migration: ${cycles} cycles, file versions after the kill: ${seen}; broken: ${broken}, lost: ${lost}`);
    expect(broken).toBe(0);
    expect(lost).toBe(0);
    for (const v of versions.keys()) expect(v >= 1 && v <= LATEST_VERSION).toBe(true);
  }, 200_000);
});
