// A multi-year budget series in the Maßnahmenblatt: created with one form (years shown with their
// sum before saving), edited once, undone as one step — and the Änderungsprotokoll shows every
// change field by field, old → new, money formatted.
import { formatCents } from '../../shared/domain/money.ts';
import { expect, test } from './fixtures.ts';
import { inPlan, scalar } from './helpers.ts';
import { idOf } from './views-helpers.ts';

test('a series is one entry: created, edited and undone in one step; every total includes its years', async ({ page, workbench }) => {
  const id = idOf(workbench, 'M-3.01');
  const totalBefore = scalar<number>(workbench, 'SELECT SUM(amount_cents) FROM budget_lines');
  await page.goto(`${workbench.url}#/massnahme/${id}`);
  const budget = page.getByRole('region', { name: /^Budget/u });
  const series = budget.getByRole('group', { name: 'Mehrjährige Budgetreihen' });
  await series.getByRole('button', { name: 'Budgetreihe anlegen…' }).click();
  await series.getByLabel('Erstes Jahr').fill('2026');
  await series.getByLabel('Letztes Jahr').fill('2029');
  await series.getByLabel('Betrag im ersten Jahr in €').fill('40.000');
  await series.getByLabel('Steigerung in % p. a.').fill('2');
  await series.getByLabel('Kostenart').selectOption({ label: 'Personal' });
  // The years before saving, with their sum.
  const preview = series.getByRole('table', { name: 'Die Reihe ergibt diese Jahre' });
  const sum = 4_000_000 + 4_080_000 + 4_161_600 + 4_244_832;
  await expect(preview.getByRole('cell')).toHaveText([formatCents(4_000_000), formatCents(4_080_000), formatCents(4_161_600), formatCents(4_244_832), formatCents(sum)]);
  await series.getByRole('button', { name: 'Reihe anlegen' }).click();
  await expect(series.getByRole('listitem')).toContainText(`${formatCents(4_000_000)} jährlich 2026–2029, +2 % p. a.`);
  await expect(series.getByRole('listitem')).toContainText(`zusammen ${formatCents(sum)}`);
  const lines = () => inPlan(workbench, (db) => db.prepare('SELECT year, amount_cents AS c FROM budget_lines WHERE series_id IS NOT NULL ORDER BY year').all()) as { year: number; c: number }[];
  expect(lines()).toEqual([{ year: 2026, c: 4_000_000 }, { year: 2027, c: 4_080_000 }, { year: 2028, c: 4_161_600 }, { year: 2029, c: 4_244_832 }]);
  expect(scalar<number>(workbench, 'SELECT SUM(amount_cents) FROM budget_lines')).toBe(totalBefore + sum);
  // The per-year lines appear in the measure's budget, marked as part of the series, and its total grows.
  await expect(budget.getByRole('row', { name: /2029/u }).filter({ hasText: 'Teil einer Budgetreihe' })).toHaveCount(1);
  const measureTotal = scalar<number>(workbench, 'SELECT SUM(amount_cents) FROM budget_lines WHERE measure_id = ?', id);
  await expect(budget.locator('.total-line')).toHaveText(`Gesamt: ${formatCents(measureTotal)}`);

  // One edit: until 2030, no growth.
  await series.getByRole('button', { name: 'Reihe 2026–2029 bearbeiten' }).click();
  await series.getByLabel('Letztes Jahr').fill('2030');
  await series.getByLabel('Steigerung in % p. a.').fill('0');
  await series.getByRole('button', { name: 'Reihe speichern' }).click();
  await expect(series.getByRole('listitem')).toContainText(`${formatCents(4_000_000)} jährlich 2026–2030, gleichbleibend`);
  expect(lines().map((l) => l.c)).toEqual([4_000_000, 4_000_000, 4_000_000, 4_000_000, 4_000_000]);

  // Undo: one step takes the whole edit back.
  const undo = page.getByRole('banner').getByRole('button', { name: /^Rückgängig/u });
  await expect(undo).toHaveAccessibleName(/Budgetreihe geändert/u);
  await undo.click();
  await expect(series.getByRole('listitem')).toContainText('jährlich 2026–2029, +2 % p. a.');
  expect(lines().map((l) => l.c)).toEqual([4_000_000, 4_080_000, 4_161_600, 4_244_832]);
  await undo.click();
  await expect(series.getByRole('listitem')).toHaveCount(0);
  expect(lines()).toEqual([]);
  expect(scalar<number>(workbench, 'SELECT SUM(amount_cents) FROM budget_lines')).toBe(totalBefore);
});

test('the Änderungsprotokoll shows old → new for each changed field, with German labels and money formatted', async ({ page, workbench }) => {
  const id = idOf(workbench, 'M-3.01');
  const line = inPlan(workbench, (db) => db.prepare('SELECT id, amount_cents AS c FROM budget_lines WHERE measure_id = ? ORDER BY year LIMIT 1').get(id)) as { id: string; c: number };
  const oldTitle = scalar<string>(workbench, 'SELECT title FROM measures WHERE id = ?', id);
  await page.goto(`${workbench.url}#/massnahme/${id}`);
  const title = page.getByLabel(/^Titel/u);
  await title.fill('Jahresdialog Zusammenhalt mit Landrat und Gemeinden');
  await title.press('Enter');
  await expect(page.locator('.auto-field', { has: title }).getByRole('status')).toHaveText('✓ gespeichert');
  await page.getByRole('button', { name: new RegExp(`über ${formatCents(line.c).replace('.', '\\.')} bearbeiten`, 'u') }).first().click();
  await page.getByRole('region', { name: /^Budget/u }).getByLabel('Betrag in €').fill('12.345,67');
  await page.getByRole('button', { name: 'Budgetposition speichern' }).click();
  await expect.poll(() => scalar<number>(workbench, 'SELECT amount_cents FROM budget_lines WHERE id = ?', line.id)).toBe(1_234_567);

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Protokoll', exact: true }).click();
  const table = page.getByRole('table', { name: /Änderungsprotokoll des Plans/u });
  const rows = table.getByRole('row');
  await expect(rows.nth(1).locator('.h-fields li')).toHaveText([`Betrag: ${formatCents(line.c)} → wird zu ${formatCents(1_234_567)}`]);
  await expect(rows.nth(2).locator('.h-fields li')).toHaveText([`Titel: ${oldTitle} → wird zu Jahresdialog Zusammenhalt mit Landrat und Gemeinden`]);
});

test('the Planungszeitraum is set in the plan properties; budget outside it is flagged in the Finanzplan and the Maßnahmenblatt', async ({ page, workbench }) => {
  const props = page.getByRole('region', { name: 'Plan-Eigenschaften' });
  const period = props.getByRole('group', { name: /^Planungszeitraum/u });
  await expect(period.getByLabel('Erstes Jahr')).toHaveValue('2026');
  await expect(period.getByLabel('Letztes Jahr')).toHaveValue('2030');
  // Reversed years are refused in German and nothing is saved.
  await period.getByLabel('Erstes Jahr').fill('2029');
  await period.getByLabel('Letztes Jahr').fill('2027');
  await period.getByLabel('Letztes Jahr').press('Enter');
  await expect(period.getByRole('alert')).toHaveText('Das letzte Jahr des Planungszeitraums liegt vor dem ersten.');
  expect(scalar<string>(workbench, "SELECT value FROM meta WHERE key = 'period_first_year'")).toBe('2026');
  await period.getByLabel('Erstes Jahr').fill('2027');
  await period.getByLabel('Letztes Jahr').fill('2028');
  await period.getByLabel('Letztes Jahr').press('Enter');
  await expect(period.getByRole('status')).toHaveText('✓ gespeichert');
  expect(scalar<string>(workbench, "SELECT value FROM meta WHERE key = 'period_first_year'") + scalar<string>(workbench, "SELECT value FROM meta WHERE key = 'period_last_year'")).toBe('20272028');

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Finanzplan', exact: true }).click();
  const box = page.getByRole('note').filter({ hasText: 'Budget außerhalb des Planungszeitraums 2027–2028' });
  const outside = inPlan(workbench, (db) => db.prepare('SELECT DISTINCT m.code, l.year FROM budget_lines l JOIN measures m ON m.id = l.measure_id WHERE l.year NOT BETWEEN 2027 AND 2028 ORDER BY m.code, l.year').all()) as { code: string; year: number }[];
  expect(outside.length).toBeGreaterThan(0);
  await expect(box.getByRole('listitem')).toHaveCount(outside.length);
  await expect(page.getByRole('columnheader', { name: /2026 außerhalb des Planungszeitraums/u })).toBeVisible();

  const first = outside[0];
  await box.getByRole('link', { name: first.code }).first().click();
  await expect(page.getByRole('region', { name: /^Budget/u }).getByRole('row', { name: new RegExp(`${first.year} – außerhalb des Planungszeitraums 2027–2028`, 'u') }).first()).toBeVisible();
});
