// Maßnahme: create from scratch, validation, Zuständigkeiten, Budget – and the totals agree
// in the measure, the table and the Finanzen view with the sums in the plan file.
import { formatCents } from '../../shared/domain/money.ts';
import { expect, test } from './fixtures.ts';
import { columnTexts, measureRows, openView, scalar, tableEuro } from './helpers.ts';

const TITLE = 'Sprachmittlerpool für Behördengänge';

test('a planner creates a measure, is stopped by wrong input, assigns responsibility and budget; all totals agree', async ({ page, workbench }) => {
  const measures = () => scalar(workbench, 'SELECT COUNT(*) FROM measures');
  await openView(page, 'Maßnahmen');
  await page.getByRole('link', { name: 'Neue Maßnahme' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neue Maßnahme' })).toBeVisible();
  const form = page.locator('form.measure-form');
  const create = form.getByRole('button', { name: 'Maßnahme anlegen' });

  // Empty title.
  await create.click();
  await expect(form.getByRole('alert')).toHaveText('Bitte einen Titel angeben.');
  expect(measures()).toBe(12);

  // Year outside 2000–2100 (backend rule) and a year that is no number (caught before sending).
  await form.getByLabel(/^Titel/u).fill(TITLE);
  await form.getByLabel('Baustelle', { exact: true }).selectOption({ label: '2 · Gerechte Strukturen' });
  const begin = form.getByRole('group', { name: 'Beginn' });
  const end = form.getByRole('group', { name: 'Ende' });
  await begin.getByLabel('Jahr').fill('1999');
  await create.click();
  await expect(form.getByRole('alert')).toHaveText('Das Jahr muss zwischen 2000 und 2100 liegen.');
  expect(measures()).toBe(12);
  await begin.getByLabel('Jahr').fill('zwanzig');
  await create.click();
  await expect(form.getByRole('alert')).toContainText('Beginn: Das Jahr muss eine ganze Zahl sein');
  expect(measures()).toBe(12);

  await begin.getByLabel('Jahr').fill('2027');
  await begin.getByLabel('Quartal').selectOption('Q1');
  await end.getByLabel('Jahr').fill('2028');
  await end.getByLabel('Quartal').selectOption('Q4');
  await form.getByLabel('Ziel', { exact: true }).fill('Jede Behörde im Kreis erreicht binnen zwei Werktagen eine Sprachmittlung.');
  await form.getByLabel('Bedarf', { exact: true }).fill('Alle, die Behördensprache nicht sicher verstehen.');
  await form.getByLabel('Ausgangslage').fill('Behördengänge scheitern oft an der Sprache; Angehörige übersetzen.');
  await create.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`M-2.03 ${TITLE}`);
  expect(measures()).toBe(13);
  const measureId = scalar<string>(workbench, "SELECT id FROM measures WHERE code = 'M-2.03'");
  expect(scalar<string>(workbench, 'SELECT need FROM measures WHERE id = ?', measureId)).toBe('Alle, die Behördensprache nicht sicher verstehen.');
  expect(scalar(workbench, 'SELECT start_year * 10 + start_quarter FROM measures WHERE id = ?', measureId)).toBe(20271);
  expect(scalar<string>(workbench, 'SELECT ausgangslage FROM measures WHERE id = ?', measureId)).toContain('Angehörige übersetzen');

  // Zuständigkeiten: a new actor becomes verantwortlich; a second one is refused.
  const resp = page.getByRole('region', { name: 'Zuständigkeiten' });
  await resp.getByRole('button', { name: 'Neuen Akteur anlegen…' }).click();
  const actorDialog = page.getByRole('dialog', { name: 'Akteur hinzufügen' });
  await actorDialog.getByLabel('Name').fill('Sprachmittlerdienst Musterland e. V.');
  await actorDialog.getByLabel('Art').selectOption({ label: 'Verein/Zivilgesellschaft' });
  await actorDialog.getByRole('button', { name: 'Akteur hinzufügen' }).click();
  await expect(actorDialog).toBeHidden();
  await expect(resp.getByLabel('Akteur', { exact: true })).toHaveValue(/.+/u);
  await resp.getByLabel('Rolle', { exact: true }).selectOption({ label: 'verantwortlich' });
  await resp.getByRole('button', { name: 'Zuständigkeit hinzufügen' }).click();
  await expect(resp.getByRole('row', { name: /Sprachmittlerdienst Musterland/u })).toBeVisible();
  expect(scalar<string>(workbench, "SELECT a.name FROM responsibilities r JOIN actors a ON a.id = r.actor_id WHERE r.measure_id = ? AND r.role = 'verantwortlich'", measureId))
    .toBe('Sprachmittlerdienst Musterland e. V.');

  await resp.getByLabel('Akteur', { exact: true }).selectOption({ label: 'Jobcenter Musterland' });
  await resp.getByLabel('Rolle', { exact: true }).selectOption({ label: 'verantwortlich' });
  await resp.getByRole('button', { name: 'Zuständigkeit hinzufügen' }).click();
  await expect(resp.getByRole('alert')).toContainText('hat bereits eine verantwortliche Stelle (Sprachmittlerdienst Musterland e. V.)');
  expect(scalar(workbench, 'SELECT COUNT(*) FROM responsibilities WHERE measure_id = ?', measureId)).toBe(1);
  // The same actor as mitwirkend is fine.
  await resp.getByLabel('Rolle', { exact: true }).selectOption({ label: 'mitwirkend' });
  await resp.getByRole('button', { name: 'Zuständigkeit hinzufügen' }).click();
  await expect(resp.getByRole('combobox', { name: 'Rolle von Jobcenter Musterland' })).toHaveValue('mitwirkend');
  expect(scalar(workbench, 'SELECT COUNT(*) FROM responsibilities WHERE measure_id = ?', measureId)).toBe(2);

  // Now the status can move beyond "Idee".
  const sheet = page.locator('form.measure-form');
  await sheet.getByLabel('Status', { exact: true }).selectOption({ label: 'in Planung' });
  await expect(page.locator('.auto-field', { has: page.getByLabel('Status', { exact: true }) }).getByRole('status')).toHaveText('✓ gespeichert');
  expect(scalar<string>(workbench, 'SELECT status FROM measures WHERE id = ?', measureId)).toBe('in-planung');

  // Budget: wrong amounts and years change nothing.
  const budget = page.getByRole('region', { name: 'Budget' });
  const lines = () => scalar(workbench, 'SELECT COUNT(*) FROM budget_lines WHERE measure_id = ?', measureId);
  const add = budget.getByRole('button', { name: 'Budgetposition hinzufügen' });
  await budget.getByLabel('Jahr').fill('2027');
  await budget.getByLabel('Betrag in €').fill('-500');
  await add.click();
  await expect(budget.getByRole('alert')).toHaveText('Der Betrag darf nicht negativ sein.');
  await budget.getByLabel('Betrag in €').fill('zwölftausend');
  await add.click();
  await expect(budget.getByRole('alert')).toContainText('Bitte den Betrag in Euro angeben');
  await budget.getByLabel('Betrag in €').fill('12.500,50');
  await budget.getByLabel('Jahr').fill('2200');
  await add.click();
  await expect(budget.getByRole('alert')).toHaveText('Das Jahr muss zwischen 2000 und 2100 liegen.');
  expect(lines()).toBe(0);

  // Two lines in two years: Kreishaushalt with Produkt/Kostenstelle, Fördermittel with programme and quota.
  await budget.getByLabel('Jahr').fill('2027');
  await budget.getByLabel('Kostenart').selectOption({ label: 'Personal' });
  await budget.getByLabel('Finanzierung').selectOption({ label: 'Kreishaushalt' });
  await budget.getByLabel('Produkt').fill('31.10.01');
  await budget.getByLabel('Kostenstelle').fill('5010');
  await add.click();
  await expect(budget.getByRole('status')).toContainText('hinzugefügt');
  await budget.getByLabel('Jahr').fill('2028');
  await budget.getByLabel('Betrag in €').fill('30.000');
  await budget.getByLabel('Finanzierung').selectOption({ label: 'Fördermittel' });
  await expect(budget.getByLabel('Produkt')).toHaveCount(0);
  await budget.getByLabel('Förderprogramm').fill('Landesprogramm „Teilhabe vor Ort“');
  await budget.getByLabel('Förderquote in %').fill('75');
  await budget.getByLabel('Stand').selectOption({ label: 'beantragt' });
  await add.click();
  await expect(budget.getByRole('status')).toContainText('2028');
  expect(lines()).toBe(2);
  expect(scalar(workbench, "SELECT foerderquote_bp FROM budget_lines WHERE measure_id = ? AND funding_kind = 'foerdermittel'", measureId)).toBe(7500);
  expect(scalar<string>(workbench, "SELECT produkt || '/' || kostenstelle FROM budget_lines WHERE measure_id = ? AND year = 2027", measureId)).toBe('31.10.01/5010');
  await expect(budget.getByRole('row').filter({ hasText: 'Förderquote 75 %' })).toBeVisible();

  // The measure's totals equal the file.
  const measureSum = scalar(workbench, 'SELECT SUM(amount_cents) FROM budget_lines WHERE measure_id = ?', measureId);
  expect(measureSum).toBe(1_250_050 + 3_000_000);
  await expect(budget.getByText(`Gesamt: ${formatCents(measureSum)}`)).toBeVisible();
  const perYear = budget.getByRole('table', { name: 'Budget je Jahr' });
  await expect(perYear.getByRole('cell')).toHaveText([formatCents(1_250_050), formatCents(3_000_000), formatCents(measureSum)]);

  // Edit a line: the amount changes in place.
  await budget.getByRole('button', { name: `Budgetposition 2028 über ${formatCents(3_000_000)} bearbeiten` }).click();
  await expect(budget.getByRole('heading', { name: 'Budgetposition 2028 bearbeiten' })).toBeVisible();
  await expect(budget.getByLabel('Förderquote in %')).toHaveValue('75');
  await budget.getByLabel('Betrag in €').fill('32.000,00');
  await budget.getByRole('button', { name: 'Budgetposition speichern' }).click();
  await expect(budget.getByRole('status')).toContainText('gespeichert');
  const sumAfterEdit = scalar(workbench, 'SELECT SUM(amount_cents) FROM budget_lines WHERE measure_id = ?', measureId);
  expect(sumAfterEdit).toBe(1_250_050 + 3_200_000);
  await expect(budget.getByText(`Gesamt: ${formatCents(sumAfterEdit)}`)).toBeVisible();

  // The table: this measure's Summe, and the footer equals the whole plan's sum in the file.
  const planSum = scalar(workbench, 'SELECT SUM(amount_cents) FROM budget_lines');
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table');
  const row = measureRows(page).filter({ hasText: 'M-2.03' });
  await expect(row.locator('td').last()).toHaveText(tableEuro(sumAfterEdit));
  await expect(table.locator('tfoot td').last()).toHaveText(tableEuro(planSum));
  const yearHeaders = (await table.locator('thead th').allInnerTexts()).map((t) => t.replace(/[▲▼↕]/gu, '').trim()).filter((t) => /^\d{4}$/u.test(t));
  const footerYears = await table.locator('tfoot td').allInnerTexts();
  for (const [i, y] of yearHeaders.entries()) {
    expect(footerYears[i]).toBe(tableEuro(scalar(workbench, 'SELECT COALESCE(SUM(amount_cents), 0) FROM budget_lines WHERE year = ?', Number(y))));
  }
  const sums = await columnTexts(table, 'Summe');
  expect(sums).toHaveLength(13);

  // Finanzen: per Baustelle, per year and the grand total, from the same file.
  await openView(page, 'Finanzen');
  const fin = page.getByRole('table', { name: 'Kosten je Baustelle und Jahr' });
  await expect(fin.locator('tfoot td').last()).toHaveText(formatCents(planSum));
  const b2 = scalar(workbench, "SELECT SUM(b.amount_cents) FROM budget_lines b JOIN measures m ON m.id = b.measure_id WHERE m.baustelle_id = 'B2'");
  await expect(fin.getByRole('row', { name: /Gerechte Strukturen/u }).locator('td').last()).toHaveText(formatCents(b2));
  const fin2028 = scalar(workbench, 'SELECT SUM(amount_cents) FROM budget_lines WHERE year = 2028');
  const finYears = (await fin.locator('thead th').allInnerTexts()).slice(1, -1);
  await expect(fin.locator('tfoot td').nth(finYears.indexOf('2028'))).toHaveText(formatCents(fin2028));

  // Delete the measure (after confirming); its lines go with it.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Maßnahmen' }).click();
  await measureRows(page).filter({ hasText: 'M-2.03' }).getByRole('link', { name: 'M-2.03' }).click();
  await page.getByRole('button', { name: 'Maßnahme löschen…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Maßnahme löschen?' });
  await confirm.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'M-2.03' })).toContainText('gelöscht');
  expect(measures()).toBe(12);
  expect(lines()).toBe(0);
});
