// Auslastung and Zuständigkeitsmatrix: numbers equal the plan file; roles set by click and by keyboard;
// a second verantwortliche Stelle is refused; a measure past Idee without one is marked in words.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { inPlan, scalar } from './helpers.ts';
import { audit, idOf, openNav } from './views-helpers.ts';

const ROLE_COLUMNS = ['verantwortlich', 'federfuehrend', 'mitwirkend', 'zu-informieren'] as const;

test('the load view counts each actor\'s roles as the plan file does, flags overload, sorts, searches and lists an actor\'s measures', async ({ page, workbench }) => {
  await openNav(page, 'Auslastung');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Auslastung der Akteure');
  const table = page.getByRole('table', { name: /Auslastung der Akteure/u });
  const actors = inPlan(workbench, (db) => db.prepare('SELECT id, name FROM actors').all()) as { id: string; name: string }[];
  const counts = inPlan(workbench, (db) => db.prepare('SELECT actor_id AS a, role, COUNT(*) AS n FROM responsibilities GROUP BY actor_id, role').all()) as { a: string; role: string; n: number }[];
  await expect(table.locator('tbody tr')).toHaveCount(actors.length);
  for (const a of actors) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: a.name }) });
    const expected = ROLE_COLUMNS.map((r) => String(counts.find((c) => c.a === a.id && c.role === r)?.n ?? 0));
    const total = counts.filter((c) => c.a === a.id).reduce((s, c) => s + c.n, 0);
    await expect(row.locator('td.num')).toHaveText([...expected, String(total), /\d+/u]);
  }

  // Overload: the Stabsstelle is verantwortlich for more than a quarter of the running measures.
  const active = scalar(workbench, "SELECT COUNT(*) FROM measures WHERE status IN ('in-planung', 'beschlussreif', 'beschlossen', 'in-umsetzung')");
  const stab = scalar(workbench, `SELECT COUNT(*) FROM responsibilities r JOIN measures m ON m.id = r.measure_id JOIN actors a ON a.id = r.actor_id
    WHERE a.name = 'Stabsstelle Integration und Teilhabe' AND r.role = 'verantwortlich' AND m.status IN ('in-planung', 'beschlussreif', 'beschlossen', 'in-umsetzung')`);
  const stabRow = table.getByRole('row', { name: /Stabsstelle Integration und Teilhabe/u });
  await expect(stabRow).toContainText('überlastet');
  await expect(stabRow).toContainText(`verantwortlich für ${stab} von ${active} laufenden Maßnahmen`);
  await expect(page.getByText(`${active} laufende Maßnahmen im Plan`)).toBeVisible();

  // Sort by "gesamt" (most first), then search.
  await table.getByRole('button', { name: /^gesamt/u }).click();
  await expect(table.getByRole('columnheader', { name: /^gesamt/u })).toHaveAttribute('aria-sort', 'descending');
  const maxTotal = scalar(workbench, 'SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM responsibilities GROUP BY actor_id)');
  await expect(table.locator('tbody tr').first().locator('td.num').nth(4)).toHaveText(String(maxTotal));
  await page.getByLabel('Suche').fill('jobcenter');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await audit(page, 'views-auslastung');

  // Click through to the actor's measures, and on to a measure.
  await table.getByRole('button', { name: 'Jobcenter Musterland' }).click();
  const detail = page.getByRole('region', { name: 'Maßnahmen von Jobcenter Musterland' });
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  const codes = inPlan(workbench, (db) => db.prepare(`SELECT m.code FROM responsibilities r JOIN measures m ON m.id = r.measure_id JOIN actors a ON a.id = r.actor_id
    WHERE a.name = 'Jobcenter Musterland' ORDER BY m.code`).pluck().all()) as string[];
  expect(codes.length).toBeGreaterThan(0);
  await expect(detail.getByRole('link')).toHaveCount(codes.length);
  expect((await detail.getByRole('link').allInnerTexts()).sort()).toEqual(codes);
  await detail.getByRole('link', { name: codes[0] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(codes[0]);
});

test('the matrix sets roles by click and by keyboard, refuses a second verantwortliche Stelle and marks a measure without one', async ({ page, workbench }) => {
  const role = (code: string, actor: string) => scalar<string | undefined>(workbench, `SELECT r.role FROM responsibilities r JOIN measures m ON m.id = r.measure_id
    JOIN actors a ON a.id = r.actor_id WHERE m.code = ? AND a.name = ?`, code, actor);
  await openNav(page, 'Zuständigkeiten');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zuständigkeitsmatrix');
  const grid = page.getByRole('grid', { name: /Zuständigkeitsmatrix/u });
  const cell = (code: string, actor: string): Locator => {
    const row = grid.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: code }) });
    return row.locator(`td[title^="${code} · ${actor}:"]`);
  };
  await expect(page.getByText('Jede Maßnahme über „Idee“ hinaus hat genau eine verantwortliche Stelle.')).toBeVisible();

  // By click: a small menu of roles, the current one (none) checked and focused.
  await cell('M-7.02', 'Gemeinde Lindenau').click();
  const menu = page.getByRole('menu', { name: 'Rolle von Gemeinde Lindenau bei M-7.02' });
  await expect(menu.getByRole('menuitemradio', { name: /keine Rolle/u })).toBeFocused();
  await expect(menu.getByRole('menuitemradio', { name: /keine Rolle/u })).toHaveAttribute('aria-checked', 'true');
  await audit(page, 'views-matrix-menu');
  await menu.getByRole('menuitemradio', { name: /zu informieren/u }).click();
  await expect(menu).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'M-7.02: Gemeinde Lindenau ist jetzt zu informieren.' })).toBeVisible();
  expect(role('M-7.02', 'Gemeinde Lindenau')).toBe('zu-informieren');
  await expect(cell('M-7.02', 'Gemeinde Lindenau')).toHaveText('Izu informieren');
  await expect(cell('M-7.02', 'Gemeinde Lindenau')).toBeFocused();

  // By keyboard: arrows move, a letter sets the role, Enter opens the menu, Entf removes.
  await page.keyboard.press('ArrowRight');
  await expect(grid.locator('td:focus')).not.toHaveAttribute('title', /Gemeinde Lindenau/u);
  const nextTitle = (await grid.locator('td:focus').getAttribute('title'))!;
  const nextActor = nextTitle.replace(/^M-7\.02 · /u, '').replace(/: .*$/u, '');
  const next = cell('M-7.02', nextActor);
  await expect(next).toBeFocused();
  await page.keyboard.press('f');
  await expect.poll(() => role('M-7.02', nextActor)).toBe('federfuehrend');
  await expect(next).toHaveText('Ffederführend');
  await page.keyboard.press('Enter');
  const menu2 = page.getByRole('menu', { name: `Rolle von ${nextActor} bei M-7.02` });
  await expect(menu2.getByRole('menuitemradio', { name: /federführend/u })).toBeFocused();
  await expect(menu2.getByRole('menuitemradio', { name: /federführend/u })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter'); // mitwirkend
  await expect.poll(() => role('M-7.02', nextActor)).toBe('mitwirkend');
  await expect(next).toBeFocused();
  await page.keyboard.press('Delete');
  await expect.poll(() => role('M-7.02', nextActor)).toBeUndefined();
  await expect(next).toHaveText('keine Rolle');

  // A second verantwortliche Stelle is refused by the backend; the message is shown, nothing changes.
  await cell('M-1.01', 'Jobcenter Musterland').click();
  await page.getByRole('menu').getByRole('menuitemradio', { name: /verantwortlich/u }).click();
  await expect(page.getByRole('alert')).toContainText('M-1.01 hat bereits eine verantwortliche Stelle (Stabsstelle Integration und Teilhabe)');
  expect(role('M-1.01', 'Jobcenter Musterland')).toBeUndefined();

  // A measure past Idee without verantwortliche Stelle (as an older plan or a direct edit may leave it).
  const m202 = idOf(workbench, 'M-2.02');
  workbench.session.db.prepare("DELETE FROM responsibilities WHERE measure_id = ? AND role = 'verantwortlich'").run(m202);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zuständigkeitsmatrix');
  const row202 = grid.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: 'M-2.02' }) });
  await expect(row202.getByRole('gridcell').first()).toHaveText('⚠ keine verantwortliche Stelle');
  await expect(page.getByRole('note', { name: 'Regelverstöße' })).toContainText('1 Maßnahme verletzt die Regel „genau eine verantwortliche Stelle“: M-2.02 (keine verantwortliche Stelle)');
  await page.getByLabel('nur Regelverstöße').check();
  await expect(grid.locator('tbody tr')).toHaveCount(1);
  await audit(page, 'views-matrix-violation');

  // Filter the columns by actor kind, then make the Fachdienst verantwortlich by keyboard: the marker goes.
  await page.getByLabel('Art der Akteure').selectOption({ label: 'Kreisverwaltung/Fachdienst' });
  await expect(grid.locator('thead th.actor-head')).toHaveCount(scalar(workbench, "SELECT COUNT(*) FROM actors WHERE kind = 'kreisverwaltung'"));
  await cell('M-2.02', 'Fachdienst Soziales und Wohnen').focus();
  await page.keyboard.press('v');
  await expect.poll(() => role('M-2.02', 'Fachdienst Soziales und Wohnen')).toBe('verantwortlich');
  await expect(page.getByText('Jede Maßnahme über „Idee“ hinaus hat genau eine verantwortliche Stelle.')).toBeVisible();
});
