// Saved views of the measures table: save filters, sort, grouping and columns under a name in the
// plan, apply them again (also after a reload), overwrite and rename, refuse a duplicate name, delete.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { inPlan, openView, scalar } from './helpers.ts';

const NAME = 'Beschlussreif für den Sozialausschuss';

async function toggleColumn(page: Page, label: string) {
  await page.getByRole('button', { name: /^Spalten/u }).click();
  await page.getByRole('group', { name: 'Spalten' }).getByRole('checkbox', { name: label }).click();
  await page.keyboard.press('Escape');
}

test('a saved view round trip: save, reset, apply, reload, overwrite and rename, delete', async ({ page, workbench }) => {
  const views = () => inPlan(workbench, (db) => db.prepare('SELECT id, name, state_json FROM saved_views').all() as { id: string; name: string; state_json: string }[]);
  const ready = scalar(workbench, "SELECT COUNT(*) FROM measures WHERE status = 'beschlussreif'");
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  const count = page.getByRole('status').filter({ hasText: /Beträge in €/u });
  const ansicht = page.getByLabel('Ansicht', { exact: true });
  const sum = table.getByRole('columnheader', { name: /^Summe/u });

  // Set up the committee's view.
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'beschlussreif' });
  await page.getByLabel('Gruppieren nach').selectOption({ label: 'verantwortliche Stelle' });
  await sum.getByRole('button').click();
  await toggleColumn(page, 'Zeitraum');
  await expect(table.locator('th[data-col="period"]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Ansicht speichern…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ansicht speichern' });
  await dialog.getByLabel('Name der Ansicht').fill(NAME);
  await dialog.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(ansicht.locator('option:checked')).toHaveText(NAME);
  const [saved] = views();
  expect(saved.name).toBe(NAME);
  expect(JSON.parse(saved.state_json)).toMatchObject({
    filters: [{ id: 'status', value: 'beschlussreif' }], groupBy: 'responsible', sorting: [{ id: 'totalCents', desc: true }],
    hidden: expect.arrayContaining(['period']),
  });

  // Back to the standard view: filters, sort and grouping reset; the columns stay as they are.
  await ansicht.selectOption({ label: 'Standard (alle Maßnahmen)' });
  await expect(count).toContainText('12 Maßnahmen');
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('');
  await expect(table.locator('tbody tr.mt-group')).toHaveCount(0);
  await toggleColumn(page, 'Zeitraum');
  await expect(table.locator('th[data-col="period"]')).toHaveCount(1);

  // Apply it: everything comes back, the columns included.
  await ansicht.selectOption({ label: NAME });
  await expect(count).toContainText(`${ready} von 12 Maßnahmen angezeigt`);
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('beschlussreif');
  await expect(page.getByLabel('Gruppieren nach')).toHaveValue('responsible');
  await expect(sum).toHaveAttribute('aria-sort', 'descending');
  await expect(table.locator('th[data-col="period"]')).toHaveCount(0);
  await expect(table.locator('tbody tr.mt-group').first()).toBeVisible();
  await expect(page.getByText('geändert', { exact: true })).toHaveCount(0);

  // Kept in the plan: after a reload the view is offered again.
  await page.reload();
  await openView(page, 'Maßnahmen');
  await ansicht.selectOption({ label: NAME });
  await expect(count).toContainText(`${ready} von 12 Maßnahmen angezeigt`);

  // Change it, then overwrite and rename in one go.
  await page.getByLabel('Gruppieren nach').selectOption({ label: 'nicht gruppieren' });
  await expect(page.getByText('geändert', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Ansicht speichern…' }).click();
  await expect(dialog.getByRole('radio', { name: /„Beschlussreif für den Sozialausschuss“ aktualisieren/u })).toBeChecked();
  await dialog.getByLabel('Name der Ansicht').fill('Beschlussreif – Sozialausschuss');
  await dialog.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(dialog).toBeHidden();
  const renamed = views();
  expect(renamed).toHaveLength(1);
  expect(renamed[0].id).toBe(saved.id);
  expect(renamed[0].name).toBe('Beschlussreif – Sozialausschuss');
  expect(JSON.parse(renamed[0].state_json).groupBy).toBe('none');
  await expect(page.getByText('geändert', { exact: true })).toHaveCount(0);

  // A second view with the same name is refused with the backend's message.
  await page.getByRole('button', { name: 'Ansicht speichern…' }).click();
  await dialog.getByRole('radio', { name: 'neue Ansicht' }).check();
  await dialog.getByLabel('Name der Ansicht').fill('beschlussreif – sozialausschuss');
  await dialog.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('gibt es schon');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  expect(views()).toHaveLength(1);

  // Delete.
  await page.getByRole('button', { name: 'Ansicht löschen…' }).click();
  await page.getByRole('dialog', { name: 'Ansicht löschen?' }).getByRole('button', { name: 'Ansicht löschen' }).click();
  await expect(ansicht).toHaveValue('');
  expect(views()).toHaveLength(0);
  await expect(ansicht.locator('option')).toHaveCount(1);
});
