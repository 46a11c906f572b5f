// Restore drill: three quarters of an hour of work on a fake clock, one change a minute; the plan
// file is then damaged; the planner restores the latest backup offered in the error message.
// Promise: at most 15 minutes of work are lost, and the damaged file itself is kept.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../shared/api/contract.ts';
import type { PlanInfo } from '../../shared/domain/types.ts';
import type { MeasureRow } from '../../shared/domain/types.ts';
import { zeroMiddlePage } from './helpers/corrupt.ts';
import { backend, makePlanFile, sha256File, tempDir } from './helpers/plans.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('restore drill', () => {
  it('loses at most 15 minutes of work when the plan file is damaged', async () => {
    const clock = { t: Date.parse('2026-03-02T08:00:00.000Z') };
    const now = () => new Date(clock.t).toISOString();
    const path = await makePlanFile(dir);
    const b = backend({ dataDir: join(dir, 'data'), now });
    await b.ok('plan.open', { path });

    const madeAt = new Map<string, number>();
    for (let minute = 1; minute <= 44; minute++) {
      clock.t += 60_000;
      const title = `Änderung ${String(minute).padStart(2, '0')}`;
      await b.ok('measures.create', { title, baustelleId: 'B6' });
      madeAt.set(title, clock.t);
    }
    const backups = await b.ok<BackupInfo[]>('plan.backups');
    expect(backups.map((x) => `${x.kind}@${x.createdAt.slice(11, 16)}`).reverse()).toEqual(['open@08:00', 'periodic@08:15', 'periodic@08:30']);
    b.session.close();

    // The disk loses a sector of the plan file.
    zeroMiddlePage(path);
    const damaged = sha256File(path);
    clock.t += 5 * 60_000;
    const failed = await b.call('plan.open', { path });
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    const offered = /Sicherung „([^“]+)“/u.exec(failed.error.message)?.[1];
    expect(offered).toBe(backups[0].id);

    const info = await b.ok<PlanInfo>('plan.restore', { backupId: offered, path });
    const titles = new Set((await b.ok<MeasureRow[]>('measures.list')).map((m) => m.title));
    const lost = [...madeAt.keys()].filter((t) => !titles.has(t));
    const backupTime = Date.parse(backups[0].createdAt);
    const lostMinutes = lost.length ? (Math.max(...lost.map((t) => madeAt.get(t)!)) - backupTime) / 60_000 : 0;
    console.log(`[drill] 44 changes over 44 minutes, backups at 08:00/08:15/08:30; after damage and restore: ${madeAt.size - lost.length} kept, ${lost.length} lost (the last ${lostMinutes} minutes)`);
    expect(lostMinutes).toBeLessThanOrEqual(15);
    // Exactly the changes after the backup are missing, nothing from before it.
    for (const [t, at] of madeAt) expect(titles.has(t), t).toBe(at <= backupTime);
    expect(info.measureCount).toBe(backups[0].measureCount);
    const kept = (await b.ok<BackupInfo[]>('plan.backups')).find((x) => x.kind === 'kept');
    expect(sha256File(kept!.path)).toBe(damaged);
    b.session.close();
  });
});
