// Contract edge cases every method shares: text with a NUL character or a lone surrogate is refused
// with the field named (it would break the DOCX's XML and the XLSX later), and a date outside
// 1990–2100 is refused (a mistyped year would sort, age and total as if real). Nothing is written.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backend, makePlanFile, tempDir } from '../reliability/helpers/plans.ts';

const dir = tempDir('werkbank-contract-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('text and dates at the contract', () => {
  it('refuses NUL characters and lone surrogates in any text, naming the field, and writes nothing', async () => {
    const b = backend({ dataDir: join(dir, 'data-text') });
    await b.ok('plan.open', { path: await makePlanFile(dir, 'text.wirplan') });
    const db = b.session.db;
    const m = db.prepare('SELECT id, title FROM measures ORDER BY code LIMIT 1').get() as { id: string; title: string };
    const log = () => db.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number;
    const before = log();
    const actors = db.prepare('SELECT COUNT(*) FROM actors').pluck().get() as number;

    for (const [method, args, field] of [
      ['measures.update', { id: m.id, patch: { title: 'Sprach\u0000café' } }, 'patch.title'],
      ['measures.update', { id: m.id, patch: { title: 'Treff \ud83d' } }, 'patch.title'],
      ['measures.update', { id: m.id, patch: { title: 'Treff \udc00 am Markt' } }, 'patch.title'],
      ['actors.create', { name: 'Verein\u0000', kind: 'verein' }, 'name'],
    ] as const) {
      const r = await b.call(method, args);
      expect(r.ok, `${method} ${JSON.stringify(args)}`).toBe(false);
      if (r.ok) continue;
      // Either our check or the schema refused it; a type error for a wrong actor type would be a miss.
      expect(r.error.code).toBe('invalid');
      expect(r.error.message).toContain(`Feld „${field}“`);
      expect(r.error.message).toMatch(/unzulässiges Zeichen/u);
    }
    expect(log()).toBe(before);
    expect(db.prepare('SELECT title FROM measures WHERE id = ?').pluck().get(m.id)).toBe(m.title);
    expect(db.prepare('SELECT COUNT(*) FROM actors').pluck().get()).toBe(actors);

    // Sound text with emoji (a proper surrogate pair) and umlauts still goes through.
    await b.ok('measures.update', { id: m.id, patch: { title: 'Sprachcafé 😀 für alle' } });
    expect(db.prepare('SELECT title FROM measures WHERE id = ?').pluck().get(m.id)).toBe('Sprachcafé 😀 für alle');
    b.session.close();
  });

  it('refuses dates before 1990 or after 2100 and accepts the edges', async () => {
    const b = backend({ dataDir: join(dir, 'data-dates') });
    await b.ok('plan.open', { path: await makePlanFile(dir, 'dates.wirplan') });
    const db = b.session.db;
    const ind = db.prepare('SELECT id FROM indicators LIMIT 1').pluck().get() as string | undefined;
    expect(ind, 'the demo plan has indicators').toBeTruthy();
    const count = () => db.prepare('SELECT COUNT(*) FROM indicator_values').pluck().get() as number;
    const before = count();
    for (const date of ['1989-12-31', '0202-05-01', '2101-01-01', '9999-12-31']) {
      const r = await b.call('measurements.save', { indicatorId: ind, date, value: 3 });
      expect(r.ok, date).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/zwischen 1990 und 2100/u);
      const s = await b.call('monitoring.overview', { stichtag: date });
      expect(s.ok, `Stichtag ${date}`).toBe(false);
    }
    expect(count()).toBe(before);
    await b.ok('measurements.save', { indicatorId: ind, date: '1990-01-01', value: 1 });
    await b.ok('measurements.save', { indicatorId: ind, date: '2100-12-31', value: 2 });
    expect(count()).toBe(before + 2);
    b.session.close();
  });
});
