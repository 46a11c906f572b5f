// Accessibility: axe (WCAG 2.1 A/AA) on every view and on an open dialog, and a walk by keyboard only.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openView, scalar, tabTo } from './helpers.ts';

// Screenshots for a human look at the views: UI_SHOTS=1 (or a folder) writes them to /tmp/ui-shots.
const SHOTS = process.env.UI_SHOTS ? (process.env.UI_SHOTS === '1' ? '/tmp/ui-shots' : process.env.UI_SHOTS) : null;

async function audit(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(found, `axe violations on ${name}`).toEqual([]);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
  }
}

test('axe finds no WCAG 2.1 A/AA violations on any view or dialog', async ({ page, workbench }) => {
  expect(workbench.session.isOpen).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Plan' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Zuletzt geöffnete Pläne' })).toBeVisible();
  await audit(page, '1-plan');

  await openView(page, 'Katalog');
  await expect(page.getByRole('region', { name: /^Baustelle 7/u })).toBeVisible();
  await audit(page, '2-katalog');

  await openView(page, 'Maßnahmen');
  await expect(page.getByRole('link', { name: 'M-1.01' })).toBeVisible();
  await audit(page, '3-massnahmen');

  await page.getByRole('link', { name: 'M-4.01' }).click();
  await expect(page.getByRole('region', { name: 'Budget' })).toBeVisible();
  await audit(page, '4-massnahme');

  await page.getByRole('button', { name: 'Grundmauern und Fragen verknüpfen…' }).click();
  await expect(page.getByRole('dialog', { name: 'Grundmauern und Fragen verknüpfen' })).toBeVisible();
  await audit(page, '4b-dialog-verknuepfen');
  await page.keyboard.press('Escape');

  await openView(page, 'Akteure');
  await expect(page.getByRole('row', { name: /Jobcenter Musterland/u })).toBeVisible();
  await audit(page, '5-akteure');

  await page.getByRole('button', { name: 'Akteur hinzufügen' }).click();
  await expect(page.getByRole('dialog', { name: 'Akteur hinzufügen' })).toBeVisible();
  await audit(page, '5b-dialog-akteur');
  await page.keyboard.press('Escape');

  await openView(page, 'Finanzen');
  await expect(page.getByRole('table', { name: 'Kosten je Baustelle und Jahr' })).toBeVisible();
  await audit(page, '6-finanzen');

  await openView(page, 'Export');
  await audit(page, '7-export');

  await page.getByRole('banner').getByRole('button', { name: 'Öffnen…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan öffnen' });
  await dialog.getByLabel('Dateipfad').fill('/gibt/es/nicht.wirplan');
  await dialog.getByRole('button', { name: 'Öffnen', exact: true }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await audit(page, '8-dialog-oeffnen-fehler');
});

test('everything needed is reachable by keyboard: skip link, navigation, table, measure, dialog', async ({ page, workbench }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Plan' })).toBeVisible();

  // The first Tab lands on the skip link; Enter moves to the main heading.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Plan' })).toBeFocused();

  // Back up into the navigation and open the measures.
  const navLink = page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Maßnahmen' });
  await tabTo(page, navLink, { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeFocused();
  await expect(navLink).toHaveAttribute('aria-current', 'page');

  // Sort by keyboard, then open a measure from the table.
  const sumButton = page.getByRole('columnheader', { name: /Summe/u }).getByRole('button');
  await tabTo(page, sumButton);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: /Summe/u })).toHaveAttribute('aria-sort', 'descending');
  const link = page.getByRole('link', { name: 'M-6.01' });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('M-6.01 Rufbus');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // A dialog: opened by Enter, focus inside, Tab stays inside, Escape closes, focus returns.
  const del = page.getByRole('button', { name: 'Maßnahme löschen…' });
  await tabTo(page, del, { max: 120 });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Maßnahme löschen?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(del).toBeFocused();
  expect(scalar(workbench, "SELECT COUNT(*) FROM measures WHERE code = 'M-6.01'")).toBe(1);

  // A field by keyboard: edit the goal; leaving it with Tab saves it.
  const goal = page.getByLabel('Ziel', { exact: true });
  await tabTo(page, goal, { back: true, max: 120 });
  await page.keyboard.press('End');
  await page.keyboard.type(' Auch sonntags.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: /^✓ gespeichert$/u })).toBeVisible();
  expect(scalar<string>(workbench, "SELECT goal FROM measures WHERE code = 'M-6.01'")).toMatch(/Auch sonntags\.$/u);
});
