// Merge of plan copies (issue 15 part 3): field-level changes with hybrid logical clocks, the
// union of changes, Konflikte with both values; real plan files, the real backend.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/contract.ts';
import { tempDir } from '../helpers/plan.ts';
import { contentTables, copyPlan, openCopy, type Copy } from '../helpers/sync.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanups.splice(0)) f();
});

async function setup(): Promise<{ dir: string; a: Copy; bPath: string; baustelleId: string }> {
  const dir = tempDir('werkbank-merge-');
  const aPath = join(dir, 'plan.wirplan');
  const a = openCopy(dir, join(dir, 'unused.wirplan'), 'anna', true);
  await a.api['plan.new']({ path: aPath, title: 'Gemeinsamer Plan', landkreis: 'Landkreis Test' });
  a.path = aPath;
  const cat = await a.api['catalogue.get']({});
  cleanups.push(() => { a.session.close(); rmSync(dir, { recursive: true, force: true }); });
  return { dir, a, bPath: join(dir, 'kopie.wirplan'), baustelleId: cat.baustellen[0].id };
}

function tables(c: Copy) {
  return contentTables(c.session.db);
}

describe('merge of plan copies', () => {
  it('merges edits of different fields silently, both ways, to identical tables', async () => {
    const { dir, a, bPath, baustelleId } = await setup();
    const m = await a.api['measures.create']({ title: 'Dorfladen', baustelleId });
    copyPlan(a, bPath);
    const b = openCopy(dir, bPath, 'bernd');
    cleanups.unshift(() => b.session.close());
    await a.api['measures.update']({ id: m.id, patch: { title: 'Dorfladen mit Café' } });
    await b.api['measures.update']({ id: m.id, patch: { description: 'Treffpunkt im Ort' } });
    const pa = await a.api['sync.copyPreview']({ path: bPath });
    expect(pa.conflicts).toEqual([]);
    expect(pa.changes).toBeGreaterThan(0);
    await a.api['sync.copyMerge']({ path: bPath });
    await b.api['sync.copyMerge']({ path: a.path });
    const got = await a.api['measures.get']({ id: m.id });
    expect(got.measure.title).toBe('Dorfladen mit Café');
    expect(got.measure.description).toBe('Treffpunkt im Ort');
    expect(tables(a)).toEqual(tables(b));
  });
});
