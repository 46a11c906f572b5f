// A backup on open is skipped only when nothing changed since the newest backup.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestPlan, type TestPlan } from '../helpers/plan.ts';

let t: TestPlan | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('backup on open', () => {
  it('is taken after a change and skipped when the file is as the newest backup has it', async () => {
    t = await openTestPlan({ demo: true });
    const { api, path } = t;
    const reopen = async () => {
      await api['plan.close']({});
      await api['plan.open']({ path });
      return (await api['plan.backups']({})).length;
    };
    const first = await reopen();
    expect(first).toBeGreaterThanOrEqual(1);
    // Unchanged since that backup: opening again adds none.
    expect(await reopen()).toBe(first);
    // A committed change makes the next open back up again.
    const [m] = await api['measures.list']({});
    await api['measures.update']({ id: m.id, patch: { title: `${m.title} (geändert)` } });
    expect(await reopen()).toBe(first + 1);
    expect(await reopen()).toBe(first + 1);
  });
});
