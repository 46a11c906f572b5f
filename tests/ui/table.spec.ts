// Maßnahmen table: sorting by Summe, filters by Baustelle, status and responsible body, search;
// the footer always sums exactly the rows shown.
// Amounts in the table are formatCents without the € sign (the table says "Beträge in €").
import { expect, test } from './fixtures.ts';
import { columnTexts, inPlan, measureRows, openView, tableEuro } from './helpers.ts';

test('a planner sorts and filters the measures; the footer follows the rows shown', async ({ page, workbench }) => {
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table');
  const rows = measureRows(page);
  const footerTotal = table.locator('tfoot td').last();
  const totals = inPlan(workbench, (db) => db.prepare(
    'SELECT m.code, m.baustelle_id AS b, m.status, COALESCE(SUM(l.amount_cents), 0) AS cents FROM measures m LEFT JOIN budget_lines l ON l.measure_id = m.id GROUP BY m.id',
  ).all() as { code: string; b: string; status: string; cents: number }[]);
  const planSum = totals.reduce((a, t) => a + t.cents, 0);
  const sumOf = (pred: (t: (typeof totals)[number]) => boolean) => tableEuro(totals.filter(pred).reduce((a, t) => a + t.cents, 0));

  await expect(rows).toHaveCount(12);
  await expect(footerTotal).toHaveText(tableEuro(planSum));
  // Default order is by number.
  expect(await columnTexts(table, 'Nr.')).toEqual([...totals.map((t) => t.code)].sort());

  // Sort by Summe: first click descending, second ascending; aria-sort tells assistive tech.
  const sumHeader = table.getByRole('columnheader', { name: /Summe/u });
  await sumHeader.getByRole('button').click();
  await expect(sumHeader).toHaveAttribute('aria-sort', 'descending');
  const desc = [...totals].sort((a, b) => b.cents - a.cents);
  expect(await columnTexts(table, 'Summe')).toEqual(desc.map((t) => tableEuro(t.cents)));
  expect((await columnTexts(table, 'Nr.'))[0]).toBe(desc[0].code);
  await sumHeader.getByRole('button').click();
  await expect(sumHeader).toHaveAttribute('aria-sort', 'ascending');
  expect(await columnTexts(table, 'Summe')).toEqual([...desc].reverse().map((t) => tableEuro(t.cents)));
  await expect(table.getByRole('columnheader', { name: /Titel/u })).not.toHaveAttribute('aria-sort');

  // Filter by Baustelle.
  await page.getByLabel('Baustelle', { exact: true }).selectOption({ label: '6 · Bedarfsgerechte Mobilität' });
  await expect(rows).toHaveCount(totals.filter((t) => t.b === 'B6').length);
  await expect(page.getByText('2 von 12 Maßnahmen angezeigt')).toBeVisible();
  await expect(footerTotal).toHaveText(sumOf((t) => t.b === 'B6'));
  await expect(table.locator('tfoot th')).toHaveText('Summe der 2 angezeigten Maßnahmen');

  // … and by status.
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'in Umsetzung' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('M-6.02');
  await expect(footerTotal).toHaveText(sumOf((t) => t.b === 'B6' && t.status === 'in-umsetzung'));
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'abgeschlossen' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveText('Keine Maßnahme passt zu den Filtern.');
  await expect(footerTotal).toHaveText(tableEuro(0));
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await expect(rows).toHaveCount(12);

  // By responsible body.
  const integration = inPlan(workbench, (db) => db.prepare(
    "SELECT m.code, COALESCE((SELECT SUM(amount_cents) FROM budget_lines WHERE measure_id = m.id), 0) AS cents FROM measures m JOIN responsibilities r ON r.measure_id = m.id AND r.role = 'verantwortlich' JOIN actors a ON a.id = r.actor_id WHERE a.name = 'Stabsstelle Integration und Teilhabe'",
  ).all() as { code: string; cents: number }[]);
  await page.getByLabel('Verantwortliche Stelle').selectOption({ label: 'Stabsstelle Integration und Teilhabe' });
  await expect(rows).toHaveCount(integration.length);
  expect((await columnTexts(table, 'Nr.')).sort()).toEqual(integration.map((t) => t.code).sort());
  await expect(footerTotal).toHaveText(tableEuro(integration.reduce((a, t) => a + t.cents, 0)));
  // Measures without a responsible body (status Idee).
  await page.getByLabel('Verantwortliche Stelle').selectOption({ label: 'nicht festgelegt' });
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();

  // Text search.
  await page.getByLabel('Suche', { exact: true }).fill('rufbus');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('M-6.01');
  await page.getByLabel('Suche', { exact: true }).fill('');
  await expect(rows).toHaveCount(12);
  await expect(footerTotal).toHaveText(tableEuro(planSum));

  // Sorting and filters survive opening a measure and coming back.
  await page.getByLabel('Baustelle', { exact: true }).selectOption({ label: '7 · Starke Beziehungen' });
  await rows.first().locator('td').nth(1).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('M-7.0');
  await page.goBack();
  await expect(page.getByLabel('Baustelle', { exact: true })).toHaveValue('B7');
  await expect(rows).toHaveCount(2);
  await expect(table.getByRole('columnheader', { name: /Summe/u })).toHaveAttribute('aria-sort', 'ascending');
});
