// `werkbank merge`, run as users run it: the real bin under Node, on two real copies of a plan.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/plan.ts';
import { contentTables, copyPlan, openCopy } from '../helpers/sync.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/werkbank.mjs');
const werkbank = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('werkbank merge', () => {
  it('takes over the changes of a copy, lists each Konflikt in German with both values, exit 0', async () => {
    const dir = tempDir('werkbank-merge-cli-');
    dirs.push(dir);
    const aPath = join(dir, 'plan.wirplan');
    const bPath = join(dir, 'kopie.wirplan');
    const a = openCopy(dir, aPath, 'anna', true);
    await a.api['plan.new']({ path: aPath, title: 'Gemeinsamer Plan', landkreis: 'Landkreis Test' });
    const cat = await a.api['catalogue.get']({});
    const m1 = await a.api['measures.create']({ title: 'Dorfladen', baustelleId: cat.baustellen[0].id });
    const m2 = await a.api['measures.create']({ title: 'Bürgerbus', baustelleId: cat.baustellen[0].id });
    copyPlan(a, bPath);
    const b = openCopy(dir, bPath, 'bernd');
    await a.api['measures.update']({ id: m1.id, patch: { title: 'Dorfladen Nord' } });
    await b.api['measures.update']({ id: m1.id, patch: { title: 'Dorfladen Süd' } });
    await b.api['measures.update']({ id: m2.id, patch: { description: 'Fährt dienstags' } });
    a.session.close();
    b.session.close();

    const r = werkbank('merge', aPath, bPath);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const konflikt = r.stdout.split('\n').filter((l) => l.startsWith('Konflikt:'));
    expect(konflikt).toHaveLength(1);
    expect(konflikt[0]).toContain('„Dorfladen Nord“');
    expect(konflikt[0]).toContain('„Dorfladen Süd“');

    // The plan file now has the copy's other change, and the Konflikt is kept for deciding.
    const after = openCopy(dir, aPath, 'anna');
    try {
      expect((await after.api['measures.get']({ id: m2.id })).measure.description).toBe('Fährt dienstags');
      // Until decided, the later edit stands (the copies converge); both values stay in the Konflikt.
      expect((await after.api['measures.get']({ id: m1.id })).measure.title).toBe('Dorfladen Süd');
      const conflicts = await after.api['sync.conflicts']({});
      expect(conflicts.map((c) => [c.mine, c.theirs].sort())).toEqual([['Dorfladen Nord', 'Dorfladen Süd']]);
    } finally {
      after.session.close();
    }
  });

  it('refuses a copy of a different plan with exit 1 and leaves the plan file as it was', async () => {
    const dir = tempDir('werkbank-merge-cli-');
    dirs.push(dir);
    const plan = join(dir, 'plan.wirplan');
    const fremd = join(dir, 'fremd.wirplan');
    expect(werkbank('demo', plan).status).toBe(0);
    expect(werkbank('demo', fremd).status).toBe(0);
    const view = openCopy(dir, plan, 'anna');
    const tables = contentTables(view.session.db);
    view.session.close();
    const r = werkbank('merge', plan, fremd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/anderen Plan|anderer Plan|nicht.*Kopie/i);
    const again = openCopy(dir, plan, 'anna');
    try {
      expect(contentTables(again.session.db)).toEqual(tables);
    } finally {
      again.session.close();
    }
  });
});
