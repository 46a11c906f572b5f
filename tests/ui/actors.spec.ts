// Akteure: the directory – add, search, edit, delete; an actor still linked cannot be deleted.
import { expect, test } from './fixtures.ts';
import { openView, scalar } from './helpers.ts';

test('a planner keeps the actor directory', async ({ page, workbench }) => {
  await openView(page, 'Akteure');
  const main = page.getByRole('main');
  await expect(main.getByText('16 Akteure')).toBeVisible();

  await main.getByRole('button', { name: 'Akteur hinzufügen' }).click();
  let dialog = page.getByRole('dialog', { name: 'Akteur hinzufügen' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  // Without a name the backend refuses, in German.
  await dialog.getByRole('button', { name: 'Akteur hinzufügen' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Bitte einen Namen angeben.');
  await dialog.getByLabel('Name').fill('Volkshochschule Musterland');
  await dialog.getByLabel('Art').selectOption({ label: 'Sonstige' });
  await dialog.getByLabel('Organisationseinheit').fill('Fachbereich Sprachen');
  await dialog.getByLabel('Ansprechperson').fill('Frau Demir');
  await dialog.getByLabel('Kontakt').fill('vhs@musterland.example');
  await dialog.getByRole('button', { name: 'Akteur hinzufügen' }).click();
  await expect(dialog).toBeHidden();
  const row = main.getByRole('row', { name: /Volkshochschule Musterland/u });
  await expect(row).toContainText('Fachbereich Sprachen');
  await expect(row).toContainText('Frau Demir');
  expect(scalar<string>(workbench, "SELECT contact_details FROM actors WHERE name = 'Volkshochschule Musterland'")).toBe('vhs@musterland.example');

  await main.getByLabel('Suche', { exact: true }).fill('volkshoch');
  await expect(main.getByText('1 von 17 Akteuren')).toBeVisible();
  await expect(main.locator('tbody tr')).toHaveCount(1);

  await row.getByRole('button', { name: 'Volkshochschule Musterland bearbeiten' }).click();
  dialog = page.getByRole('dialog', { name: 'Akteur bearbeiten' });
  await dialog.getByLabel('Kontakt').fill('0 12 34 / 56 78');
  await dialog.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('0 12 34 / 56 78');
  expect(scalar<string>(workbench, "SELECT contact_details FROM actors WHERE name = 'Volkshochschule Musterland'")).toBe('0 12 34 / 56 78');

  await row.getByRole('button', { name: 'Volkshochschule Musterland löschen' }).click();
  await page.getByRole('dialog', { name: 'Akteur löschen?' }).getByRole('button', { name: 'Löschen' }).click();
  // The list behind the modal dialog updates first; the page takes input again once the dialog is gone.
  await expect(page.getByRole('dialog', { name: 'Akteur löschen?' })).toBeHidden();
  await expect(main.getByText('0 von 16 Akteuren')).toBeVisible();
  expect(scalar(workbench, "SELECT COUNT(*) FROM actors WHERE name = 'Volkshochschule Musterland'")).toBe(0);

  // Still linked to measures: the backend's message, and the actor stays.
  await main.getByLabel('Suche', { exact: true }).fill('Jobcenter');
  await main.getByRole('button', { name: 'Jobcenter Musterland löschen' }).click();
  await page.getByRole('dialog', { name: 'Akteur löschen?' }).getByRole('button', { name: 'Löschen' }).click();
  await expect(main.getByRole('alert')).toContainText('„Jobcenter Musterland“ ist noch bei 3 Maßnahmen eingetragen');
  expect(scalar(workbench, "SELECT COUNT(*) FROM actors WHERE name = 'Jobcenter Musterland'")).toBe(1);
  await expect(main.getByRole('row', { name: /Jobcenter Musterland/u })).toBeVisible();
});
