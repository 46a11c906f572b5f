// Plan: first start, properties, new plan, recent list, a file that is no plan, save as.
import Database from 'better-sqlite3';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { openView, scalar } from './helpers.ts';

test('a planner starts, edits the plan properties, creates a plan, reopens the demo, is protected from a wrong file and saves a copy', async ({ page, workbench }) => {
  const header = page.getByRole('banner');
  const demoPath = workbench.session.path!;

  // First start: the demo plan is open, the header says which plan and which file.
  await expect(header).toContainText('Maßnahmenplan „Gemeinsam in Musterland“ 2026–2029');
  await expect(header).toContainText('Landkreis Musterland.wirplan');
  await expect(page.getByRole('heading', { level: 1, name: 'Plan' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Überblick' })).toContainText('12');

  // Plan-Eigenschaften: saved into the plan file.
  const props = page.getByRole('region', { name: 'Plan-Eigenschaften' });
  await props.getByLabel('Landkreis').fill('Landkreis Musterland (Süd)');
  await props.getByLabel('Landkreis').press('Enter');
  await expect(page.locator('.auto-field', { has: page.getByLabel('Landkreis', { exact: true }) }).getByRole('status')).toHaveText('✓ gespeichert');
  await expect(header).toContainText('Landkreis Musterland (Süd)');
  expect(scalar<string>(workbench, "SELECT value FROM meta WHERE key = 'landkreis'")).toBe('Landkreis Musterland (Süd)');

  // A file that is not a plan: the German message, and the current plan stays open.
  const bogus = join(workbench.dir, 'Notizen.wirplan');
  writeFileSync(bogus, 'Das ist eine Textdatei, keine Plandatei.\n');
  const openButton = header.getByRole('button', { name: 'Öffnen…' });
  await openButton.click();
  let dialog = page.getByRole('dialog', { name: 'Plan öffnen' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Dateipfad').fill(bogus);
  await dialog.getByRole('button', { name: 'Öffnen', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/Die Datei ist keine Plandatei der Zusammenhalt-Werkbank\./u);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(openButton).toBeFocused();
  await expect(header).toContainText('Gemeinsam in Musterland');
  expect(workbench.session.path).toBe(demoPath);

  // A new, empty plan at a path the planner types.
  const newPath = join(workbench.dir, 'Integrationsplan.wirplan');
  await header.getByRole('button', { name: 'Neuer Plan…' }).click();
  dialog = page.getByRole('dialog', { name: 'Neuen Plan anlegen' });
  await dialog.getByLabel('Titel des Plans').fill('Integrationsplan 2027');
  await dialog.getByLabel('Landkreis').fill('Landkreis Beispielhausen');
  await dialog.getByLabel('Dateipfad').fill(newPath);
  await dialog.getByRole('button', { name: 'Plan anlegen' }).click();
  await expect(dialog).toBeHidden();
  await expect(header).toContainText('Integrationsplan 2027');
  await expect(header).toContainText('Integrationsplan.wirplan');
  expect(workbench.session.path).toBe(newPath);
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(0);
  await openView(page, 'Maßnahmen');
  await expect(page.getByText('0 Maßnahmen')).toBeVisible();

  // Back to the demo plan through the recent list; the new plan is listed as well.
  await openView(page, 'Plan');
  const recent = page.getByRole('region', { name: 'Zuletzt geöffnete Pläne' });
  await expect(recent.getByRole('listitem')).toHaveCount(2);
  await expect(recent.getByRole('listitem').filter({ hasText: 'Integrationsplan' })).toContainText('geöffnet');
  await recent.getByRole('listitem').filter({ hasText: demoPath }).getByRole('button', { name: /öffnen/u }).click();
  await expect(header).toContainText('Gemeinsam in Musterland');
  expect(workbench.session.path).toBe(demoPath);

  // Save as: a copy, and work continues in the copy.
  const copyPath = join(workbench.dir, 'Musterland Kopie.wirplan');
  await header.getByRole('button', { name: 'Speichern unter…' }).click();
  dialog = page.getByRole('dialog', { name: 'Plan speichern unter' });
  await dialog.getByLabel('Dateipfad').fill(copyPath);
  await dialog.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(header).toContainText('Musterland Kopie.wirplan');
  await expect(page.getByRole('status').filter({ hasText: 'gespeichert' }).first()).toBeVisible();
  expect(existsSync(copyPath)).toBe(true);
  expect(workbench.session.path).toBe(copyPath);
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(12);

  // A listed plan that someone changed into a trap (a trigger) is refused and marked in the list,
  // so the next start does not open it by itself; the copy stays open.
  const trap = new Database(demoPath);
  trap.exec('CREATE TRIGGER wipe AFTER UPDATE ON measures BEGIN DELETE FROM budget_lines; END;');
  trap.pragma('journal_mode = DELETE');
  trap.close();
  await recent.getByRole('listitem').filter({ hasText: demoPath }).getByRole('button', { name: /öffnen/u }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Trigger „wipe“' }).first()).toBeVisible();
  await expect(recent.getByRole('listitem').filter({ hasText: demoPath })).toContainText(/Konnte zuletzt nicht geöffnet werden.*Trigger „wipe“.*nicht von selbst geöffnet/u);
  expect(workbench.session.path).toBe(copyPath);

  // A plan file that disappeared is marked in the recent list and cannot be opened from there.
  rmSync(newPath);
  await openView(page, 'Katalog');
  await openView(page, 'Plan');
  const gone = recent.getByRole('listitem').filter({ hasText: newPath });
  await expect(gone).toContainText('Datei fehlt');
  await expect(gone.getByRole('button')).toHaveCount(0);

  // Save as onto an existing file is refused with the backend's message; nothing changes.
  await header.getByRole('button', { name: 'Speichern unter…' }).click();
  dialog = page.getByRole('dialog', { name: 'Plan speichern unter' });
  await dialog.getByLabel('Dateipfad').fill(demoPath);
  await dialog.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('gibt es bereits');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  expect(workbench.session.path).toBe(copyPath);
});
