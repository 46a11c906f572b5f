// Filters per column beyond the filter bar: text contains, the years a measure runs in, and
// amount ranges; each narrows the rows exactly as the plan's data says, and they combine.
import { expect, test } from './fixtures.ts';
import { inPlan, openView, tableEuro } from './helpers.ts';

test('per-column filters: text contains, years range and amount range narrow the rows as the data says', async ({ page, workbench }) => {
  const data = inPlan(workbench, (db) => db.prepare(`SELECT m.code, m.title, m.start_year AS s, m.end_year AS e,
      COALESCE((SELECT SUM(amount_cents) FROM budget_lines l WHERE l.measure_id = m.id), 0) AS cents,
      COALESCE((SELECT SUM(amount_cents) FROM budget_lines l WHERE l.measure_id = m.id AND l.year = 2028), 0) AS y2028
    FROM measures m ORDER BY m.code`).all() as { code: string; title: string; s: number | null; e: number | null; cents: number; y2028: number }[]);
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  const codes = () => table.locator('tbody tr').getByRole('link').allInnerTexts();
  const count = page.getByRole('status').filter({ hasText: /Beträge in €/u });

  const more = page.getByRole('button', { name: /^Weitere Filter/u });
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  const panel = page.locator(`#${await more.getAttribute('aria-controls')}`);

  await panel.getByLabel('Titel enthält').fill('mobil');
  const byTitle = data.filter((m) => m.title.toLowerCase().includes('mobil'));
  await expect.poll(codes).toEqual(byTitle.map((m) => m.code));
  await panel.getByLabel('Titel enthält').fill('');

  // Runs in 2029 or later.
  const years = panel.getByRole('group', { name: 'Zeitraum: läuft in den Jahren' });
  await years.getByLabel('von').fill('2029');
  const late = data.filter((m) => (m.e ?? m.s ?? 0) >= 2029);
  await expect.poll(codes).toEqual(late.map((m) => m.code));
  await expect(more).toHaveText('Weitere Filter (1 aktiv)');

  // … and costs at least 100.000 € in total: both filters apply, and the footer sums those rows.
  const sum = panel.getByRole('group', { name: 'Summe in €' });
  await sum.getByLabel('von').fill('100.000');
  const both = late.filter((m) => m.cents >= 10_000_000);
  await expect.poll(codes).toEqual(both.map((m) => m.code));
  await expect(count).toContainText(`${both.length} von ${data.length} Maßnahmen angezeigt`);
  await expect(table.locator('tfoot td').last()).toHaveText(tableEuro(both.reduce((a, m) => a + m.cents, 0)));

  // A year column's range, with an upper bound only.
  await years.getByLabel('von').fill('');
  await sum.getByLabel('von').fill('');
  const y = panel.getByRole('group', { name: 'Kosten 2028 in €' });
  await y.getByLabel('bis').fill('30.000');
  await expect.poll(codes).toEqual(data.filter((m) => m.y2028 <= 3_000_000).map((m) => m.code));

  // Text that is no amount is marked (after leaving the field) and not applied.
  await y.getByLabel('bis').fill('viel');
  await y.getByLabel('von').focus();
  await expect(y.getByLabel('bis')).toHaveAttribute('aria-invalid', 'true');
  await expect(y).toContainText('Bitte einen Betrag wie 10.000 oder 2.500,50 eingeben.');
  await expect.poll(codes).toEqual(data.map((m) => m.code));

  // Resetting clears the fields too.
  await panel.getByLabel('Titel enthält').fill('mobil');
  await expect(more).toHaveText('Weitere Filter (1 aktiv)');
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await expect(count).toHaveText(`${data.length} Maßnahmen · Beträge in €`);
  await expect(more).toHaveText('Weitere Filter');
  await expect(panel.getByLabel('Titel enthält')).toHaveValue('');
  await expect(y.getByLabel('bis')).toHaveValue('');
});
