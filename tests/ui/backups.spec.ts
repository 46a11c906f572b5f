// Sicherungen in the Plan view: the open plan's backups, a restore that asks first and keeps the
// state before, a failed backup shown as a warning, and the backups of a plan that no longer opens.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupDirs } from '../../electron/backend/safety/backup.ts';
import { zeroMiddlePage } from '../reliability/helpers/corrupt.ts';
import { audit } from './documents-helpers.ts';
import { expect, test } from './fixtures.ts';
import { createPlanInUi, scalar } from './helpers.ts';

test('a planner restores a backup from the Plan view; the state before is kept and the view equals a reload', async ({ page, workbench }) => {
  const header = page.getByRole('banner');
  const backups = page.getByRole('region', { name: 'Sicherungen' });
  // A newly made demo plan has no backup yet; the next open takes one.
  await expect(backups).toContainText('Noch keine Sicherungen vorhanden.');
  workbench.session.open(workbench.session.path!);
  await page.reload();
  const original = scalar<string>(workbench, "SELECT value FROM meta WHERE key = 'title'");
  await expect(backups.getByRole('row')).toHaveCount(2);
  await expect(backups.getByRole('row').nth(1)).toContainText('Beim Öffnen');
  await expect(backups.getByRole('row').nth(1)).toContainText('12 Maßnahmen');
  await audit(page, 'backups-list');

  // A change after the backup: a new title.
  const props = page.getByRole('region', { name: 'Plan-Eigenschaften' });
  await props.getByLabel('Titel des Plans').fill('Geänderter Titel');
  await props.getByLabel('Titel des Plans').press('Enter');
  await expect(header).toContainText('Geänderter Titel');

  // Restore asks first, by keyboard; Abbrechen changes nothing.
  const restore = backups.getByRole('button', { name: /^Sicherung vom .* wiederherstellen$/u });
  await restore.focus();
  await page.keyboard.press('Enter');
  let dialog = page.getByRole('dialog', { name: 'Sicherung wiederherstellen?' });
  await expect(dialog).toContainText('12 Maßnahmen');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(dialog).toBeHidden();
  await expect(restore).toBeFocused();
  expect(scalar<string>(workbench, "SELECT value FROM meta WHERE key = 'title'")).toBe('Geänderter Titel');

  await restore.click();
  dialog = page.getByRole('dialog', { name: 'Sicherung wiederherstellen?' });
  await audit(page, 'backups-confirm');
  await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(dialog).toBeHidden();
  await expect(header).toContainText(original);
  await expect(page.getByRole('status').filter({ hasText: 'wiederhergestellt' })).toBeVisible();
  expect(scalar<string>(workbench, "SELECT value FROM meta WHERE key = 'title'")).toBe(original);
  // The state before is a backup of its own, listed right after the backup the reopen took.
  await expect(backups.getByRole('row').nth(2)).toContainText('Vor einer Wiederherstellung');
  await expect(backups.getByRole('row').nth(1)).toContainText('Beim Öffnen');
  const shown = await backups.getByRole('row').allInnerTexts();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Sicherungen' }).getByRole('row')).toHaveCount(shown.length);
  expect(await page.getByRole('region', { name: 'Sicherungen' }).getByRole('row').allInnerTexts()).toEqual(shown);
});

test('a backup that cannot be written is shown as a warning, and the plan still saves', async ({ page, workbench }) => {
  const path = workbench.session.path!;
  const [beside, fallback] = backupDirs({ planPath: path, dataDir: join(workbench.dir, 'data') });
  const props = page.getByRole('region', { name: 'Plan-Eigenschaften' });
  await props.getByLabel('Landkreis').fill('Landkreis Musterland (Nord)');
  await props.getByLabel('Landkreis').press('Enter');
  await expect(page.getByRole('banner')).toContainText('Landkreis Musterland (Nord)');
  // Neither folder can take a backup any more (a file stands where each folder would be).
  rmSync(beside, { recursive: true, force: true });
  rmSync(fallback, { recursive: true, force: true });
  mkdirSync(join(fallback, '..'), { recursive: true });
  writeFileSync(beside, '');
  writeFileSync(fallback, '');
  // Opening the plan again takes a backup (it changed since the last one): it fails.
  await page.getByRole('banner').getByRole('button', { name: 'Öffnen…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan öffnen' });
  await dialog.getByLabel('Dateipfad').fill(path);
  await dialog.getByRole('button', { name: 'Öffnen', exact: true }).click();
  await expect(dialog).toBeHidden();
  const warning = page.locator('#backup-problem');
  await expect(warning).toHaveAttribute('role', 'alert');
  await expect(warning).toContainText('Die automatische Sicherung ist am');
  await expect(warning).toContainText('Ihre Änderungen werden weiter im Plan gespeichert');
  await audit(page, 'backups-failed');
  expect(scalar<string>(workbench, "SELECT value FROM meta WHERE key = 'landkreis'")).toBe('Landkreis Musterland (Nord)');
  await page.reload();
  await expect(page.locator('#backup-problem')).toContainText('Die automatische Sicherung ist am');
});

test('a plan that no longer opens is restored from its backups through the recent list', async ({ page, workbench }) => {
  const demo = workbench.session.path!;
  workbench.session.open(demo);
  // Another plan is open while the demo's file gets damaged (a lost sector).
  const header = page.getByRole('banner');
  await createPlanInUi(page, join(workbench.dir, 'Anderer Plan.wirplan'), 'Anderer Plan');
  zeroMiddlePage(demo);

  const recent = page.getByRole('region', { name: 'Zuletzt geöffnete Pläne' });
  await recent.getByRole('button', { name: /^„Landkreis Musterland“ öffnen$/u }).click();
  await expect(recent.getByRole('alert')).toContainText('Die letzte intakte Sicherung ist vom');
  await expect(header).toContainText('Anderer Plan');
  await recent.getByRole('button', { name: /^Sicherungen von „Landkreis Musterland“$/u }).click();
  const list = page.getByRole('dialog', { name: /^Sicherungen von „Landkreis Musterland/u });
  await expect(list.getByRole('row').nth(1)).toContainText('12 Maßnahmen');
  await audit(page, 'backups-for-damaged');
  await list.getByRole('button', { name: /^Sicherung vom .* wiederherstellen$/u }).first().click();
  await page.getByRole('dialog', { name: 'Sicherung wiederherstellen?' }).getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(list).toBeHidden();
  await expect(header).toContainText('Gemeinsam in Musterland');
  expect(workbench.session.path).toBe(demo);
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(12);
  await expect(page.getByRole('region', { name: 'Überblick' })).toContainText('12');
  // The damaged file is kept among the backups.
  await expect(page.getByRole('region', { name: 'Sicherungen' })).toContainText('Aufbewahrte Originaldatei');
});
