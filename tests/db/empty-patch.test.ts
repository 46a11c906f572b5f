// An edit that changes nothing (an empty patch, the same value again) is no undo step: nothing is
// logged, the plan's revision stays, and a waiting redo is not thrown away.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryStatus } from '../../shared/domain/types.ts';
import { backend, makePlanFile, tempDir } from '../reliability/helpers/plans.ts';

const dir = tempDir('werkbank-empty-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an edit that changes nothing', () => {
  it('adds no undo step and keeps the redo, for measures, actors and budget lines', async () => {
    const b = backend({ dataDir: join(dir, 'data') });
    await b.ok('plan.open', { path: await makePlanFile(dir) });
    const db = b.session.db;
    const m = db.prepare("SELECT id, title FROM measures ORDER BY code LIMIT 1").get() as { id: string; title: string };
    await b.ok('measures.update', { id: m.id, patch: { title: `${m.title} (neu)` } });
    await b.ok('history.undo');
    const log = () => db.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number;
    const before = log();
    const statusBefore = await b.ok<HistoryStatus>('history.status');
    expect(statusBefore.redo).not.toBeNull();

    const r = await b.call('measures.update', { id: m.id, patch: {} });
    expect(r.ok).toBe(true);
    await b.ok('measures.update', { id: m.id, patch: { title: m.title } });
    const actor = db.prepare('SELECT id, name FROM actors LIMIT 1').get() as { id: string; name: string };
    await b.ok('actors.update', { id: actor.id, patch: { name: actor.name } });
    const line = db.prepare('SELECT id, amount_cents AS c FROM budget_lines WHERE series_id IS NULL LIMIT 1').get() as { id: string; c: number };
    await b.ok('budget.update', { id: line.id, patch: { amountCents: line.c } });

    expect(log()).toBe(before);
    expect(await b.ok<HistoryStatus>('history.status')).toEqual(statusBefore);
    expect(r.ok && (r as { revision?: number }).revision).toBe(db.prepare('SELECT MAX(seq) FROM change_log').pluck().get());
    await b.ok('history.redo');
    expect(db.prepare('SELECT title FROM measures WHERE id = ?').pluck().get(m.id)).toBe(`${m.title} (neu)`);
    b.session.close();
  });
});
