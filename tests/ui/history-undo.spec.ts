// Änderungsprotokoll and Undo/Redo: header buttons say what they would do; Ctrl+Z / Ctrl+Y work on
// the page but leave text fields to the browser; undo survives a reload and closing/reopening the
// plan file; every view shows the undone state at once.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { scalar } from './helpers.ts';
import { audit, idOf, openNav } from './views-helpers.ts';

const ORIGINAL = 'Rufbus für Randlagen und Abendstunden';
const CHANGED = 'Rufbus für Randlagen, Abendstunden und Wochenenden';

async function loaded(page: Page) {
  await expect(page.locator('#main-heading:not([data-placeholder])')).toBeVisible();
}

/** Ctrl+Z / Ctrl+Y with the focus on the page itself, not in a field. */
async function pressOnPage(page: Page, keys: string) {
  await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur(); });
  await page.keyboard.press(keys);
}

test('undo and redo by keyboard and buttons, after a reload and after closing and reopening the plan', async ({ page, workbench }) => {
  const id = idOf(workbench, 'M-6.01');
  const title = () => scalar<string>(workbench, 'SELECT title FROM measures WHERE id = ?', id);
  const header = page.getByRole('banner');
  const undo = header.getByRole('button', { name: /^Rückgängig/u });
  const redo = header.getByRole('button', { name: /^Wiederherstellen/u });
  // The demo plan's creation is not undoable.
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();

  // A change in the UI.
  await page.goto(`${workbench.url}#/massnahme/${id}`);
  const form = page.locator('form.measure-form');
  await form.getByLabel(/^Titel/u).fill(CHANGED);
  await form.getByLabel(/^Titel/u).press('Enter');
  await expect(page.locator('.auto-field', { has: page.getByLabel(/^Titel/u) }).getByRole('status')).toHaveText('✓ gespeichert');
  expect(title()).toBe(CHANGED);
  await expect(undo).toHaveAccessibleName('Rückgängig: Maßnahme M-6.01 geändert');
  await expect(undo).toHaveAttribute('aria-keyshortcuts', 'Control+Z');

  // Ctrl+Z inside a text field is the browser's text undo: the plan stays as it is.
  const titleField = form.getByLabel(/^Titel/u);
  await titleField.click();
  await page.keyboard.type(' X');
  await page.keyboard.press('Control+z');
  expect(title()).toBe(CHANGED);
  await expect(undo).toHaveAccessibleName('Rückgängig: Maßnahme M-6.01 geändert');
  // …and the browser undid the typing in the field.
  await expect(titleField).not.toHaveValue(`${CHANGED} X`);
  // Whatever the browser's text undo left in the field is unsaved input; put the saved title back (nothing to save).
  await titleField.fill(CHANGED);
  await titleField.press('Enter');
  expect(title()).toBe(CHANGED);

  // Reload the window; Ctrl+Z on the page undoes the change in the file, and the form shows it.
  await page.reload();
  await loaded(page);
  await expect(undo).toHaveAccessibleName('Rückgängig: Maßnahme M-6.01 geändert');
  await pressOnPage(page, 'Control+z');
  await expect.poll(title).toBe(ORIGINAL);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`M-6.01 ${ORIGINAL}`);
  await expect(form.getByLabel(/^Titel/u)).toHaveValue(ORIGINAL);
  await expect(page.getByRole('status').filter({ hasText: 'Rückgängig gemacht: Maßnahme M-6.01 geändert.' })).toBeVisible();
  await expect(redo).toHaveAccessibleName('Wiederherstellen: Maßnahme M-6.01 geändert');
  // Ctrl+Y redoes, Ctrl+Shift+Z undoes the redo's counterpart: redo again after one more undo.
  await pressOnPage(page, 'Control+y');
  await expect.poll(title).toBe(CHANGED);
  await expect(form.getByLabel(/^Titel/u)).toHaveValue(CHANGED);
  await pressOnPage(page, 'Control+z');
  await expect.poll(title).toBe(ORIGINAL);
  await pressOnPage(page, 'Control+Shift+Z');
  await expect.poll(title).toBe(CHANGED);

  // Close the plan (open another one) and reopen it through the file menu: undo still works.
  const demoPath = workbench.session.path!;
  await header.getByRole('button', { name: 'Neuer Plan…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Neuen Plan anlegen' });
  await dialog.getByLabel('Dateipfad').fill(join(workbench.dir, 'Anderer Plan.wirplan'));
  await dialog.getByRole('button', { name: 'Plan anlegen' }).click();
  await expect(dialog).toBeHidden();
  await expect(undo).toBeDisabled();
  await header.getByRole('button', { name: 'Öffnen…' }).click();
  dialog = page.getByRole('dialog', { name: 'Plan öffnen' });
  await dialog.getByLabel('Dateipfad').fill(demoPath);
  await dialog.getByRole('button', { name: 'Öffnen', exact: true }).click();
  await expect(dialog).toBeHidden();
  expect(workbench.session.path).toBe(demoPath);
  await expect(undo).toHaveAccessibleName('Rückgängig: Maßnahme M-6.01 geändert');
  await pressOnPage(page, 'Control+z');
  await expect.poll(title).toBe(ORIGINAL);
  await redo.click();
  await expect.poll(title).toBe(CHANGED);

  // Every view shows the undone state at once: a role set in the matrix, undone by the header button.
  await openNav(page, 'Zuständigkeiten');
  const lindenau = page.getByRole('grid').getByRole('row').filter({ has: page.getByRole('link', { name: 'M-7.02', exact: true }) })
    .locator('td[title^="M-7.02 · Gemeinde Lindenau:"]');
  await lindenau.focus();
  await page.keyboard.press('m');
  await expect(lindenau).toHaveText('Mmitwirkend');
  await expect(undo).toHaveAccessibleName("Rückgängig: Gemeinde Lindenau bei M-7.02: mitwirkend");
  await undo.click();
  await expect(lindenau).toHaveText('keine Rolle');
  expect(scalar(workbench, "SELECT COUNT(*) FROM responsibilities r JOIN actors a ON a.id = r.actor_id WHERE r.measure_id = ? AND a.name = 'Gemeinde Lindenau'", idOf(workbench, 'M-7.02'))).toBe(0);
});

test('the Änderungsprotokoll lists who changed what when, marks undone steps and filters', async ({ page, workbench }) => {
  // Two changes through the UI, the second one undone.
  await openNav(page, 'Fragen');
  const card = page.getByRole('article').filter({ hasText: 'offen' }).first();
  await card.getByLabel('Antwort des Landkreises / Notiz').fill('Im Beirat besprochen.');
  await card.getByRole('button', { name: 'Antwort speichern' }).click();
  await expect(card).toContainText('beantwortet');
  await card.getByRole('button', { name: 'Maßnahme daraus anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: /angelegt/u })).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: /^Rückgängig: Maßnahme M-\d\.\d\d aus Frage/u }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Rückgängig gemacht: Maßnahme/u })).toBeVisible();

  await openNav(page, 'Protokoll');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Änderungsprotokoll');
  const table = page.getByRole('table', { name: /Änderungsprotokoll des Plans/u });
  const steps = scalar(workbench, "SELECT COUNT(DISTINCT COALESCE(txn, 'seq:' || seq)) FROM change_log");
  await expect(table.locator('tbody tr')).toHaveCount(steps);
  const rows = table.locator('tbody tr');
  await expect(rows.nth(0)).toContainText('Rückgängig gemacht: Maßnahme');
  await expect(rows.nth(0)).toContainText('planerin');
  await expect(rows.nth(1)).toContainText('rückgängig gemacht');
  await expect(rows.nth(2)).toContainText('beantwortet');
  await expect(rows.nth(2)).toContainText('wirksam');
  await audit(page, 'history-protokoll');

  await page.getByLabel('Art').selectOption({ label: 'nur Rückgängig/Wiederherstellen' });
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Art').selectOption({ label: 'alle Einträge' });
  await page.getByLabel('Suche').fill('Demoplan');
  await expect(rows).toHaveCount(1);
});
