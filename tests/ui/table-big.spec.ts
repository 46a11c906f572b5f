// The measures table with a big plan: 2,000 measures more than the demo. Only a window of rows is
// in the DOM (aria-rowcount/aria-rowindex say where), scrolling reaches the last measure, and the
// search and filters narrow the whole plan, not just the rendered rows.
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { expect, test } from './fixtures.ts';
import { inPlan, openView, tableEuro } from './helpers.ts';

const EXTRA = 2_000;

test('2,000 measures: a window of rows in the DOM, the end reachable, filters narrow the whole plan', async ({ page, workbench }) => {
  const api = createClient(createHandlers(workbench.session));
  for (let i = 0; i < EXTRA; i++) {
    await api['measures.create']({ title: `Prüfmaßnahme ${String(i).padStart(4, '0')}`, baustelleId: `B${(i % 7) + 1}` });
  }
  const codes = inPlan(workbench, (db) => db.prepare('SELECT code FROM measures').pluck().all() as string[])
    .sort((a, b) => a.localeCompare(b, 'de', { numeric: true }));
  const total = codes.length;
  expect(total).toBe(12 + EXTRA);
  // Counts are written as German numbers („2.012 Maßnahmen“).
  const shown = total.toLocaleString('de-DE');

  await page.reload();
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  const rows = table.locator('tbody tr');
  await expect(page.getByRole('status').filter({ hasText: `${shown} Maßnahmen` })).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', String(total + 2));
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '2');
  await expect(rows.first()).toContainText(codes[0]);
  const inDom = await rows.count();
  expect(inDom).toBeGreaterThan(10);
  expect(inDom).toBeLessThan(80);

  // Scrolling to the bottom (as the mouse wheel does) shows the last number in natural order.
  const scroller = page.locator('.mt-scroll');
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const last = codes.at(-1)!;
  const lastRow = rows.filter({ has: page.getByRole('link', { name: last, exact: true }) });
  await expect(lastRow).toBeVisible();
  await expect(lastRow).toHaveAttribute('aria-rowindex', String(total + 1));
  expect(await rows.count()).toBeLessThan(80);

  // Back to the top by keyboard: Ctrl+Home from a cell.
  await lastRow.getByRole('link', { name: last, exact: true }).focus();
  await page.keyboard.press('Control+Home');
  await expect(table.getByRole('checkbox', { name: `${codes[0]} auswählen` })).toBeFocused();

  // The search narrows all 2,012 measures; typing stays quick.
  const search = page.getByLabel('Suche', { exact: true });
  const started = Date.now();
  await search.fill('Prüfmaßnahme 19');
  await expect(page.getByRole('status').filter({ hasText: `100 von ${shown} Maßnahmen angezeigt` })).toBeVisible();
  const ms = Date.now() - started;
  expect(ms, 'search over 2,012 measures').toBeLessThan(2_000);
  await expect(table).toHaveAttribute('aria-rowcount', '102');
  await expect(rows.first()).toContainText('Prüfmaßnahme 19');
  await search.fill('');

  // A column filter over the whole plan, with the footer summing exactly the rows it keeps.
  const b3 = inPlan(workbench, (db) => db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM((SELECT SUM(amount_cents) FROM budget_lines l WHERE l.measure_id = m.id)), 0) AS cents
    FROM measures m WHERE m.baustelle_id = 'B3'`).get() as { n: number; cents: number });
  await page.getByLabel('Baustelle', { exact: true }).selectOption('B3');
  await expect(page.getByRole('status').filter({ hasText: `${b3.n} von ${shown} Maßnahmen angezeigt` })).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', String(b3.n + 2));
  await expect(table.locator('tfoot td').last()).toHaveText(tableEuro(b3.cents));
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const lastB3 = codes.filter((c) => c.startsWith('M-3.')).at(-1)!;
  await expect(table.getByRole('link', { name: lastB3, exact: true })).toBeVisible();
});
