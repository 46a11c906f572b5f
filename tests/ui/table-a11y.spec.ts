// Accessibility of the measures table in its busy states: axe (WCAG 2.1 A/AA) with grouping on,
// the "Spalten" menu open, a cell in edit mode and the bulk bar. UI_SHOTS=1 also writes screenshots.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openView } from './helpers.ts';

const SHOTS = process.env.UI_SHOTS ? (process.env.UI_SHOTS === '1' ? '/tmp/ui-shots' : process.env.UI_SHOTS) : null;

async function audit(page: Page, name: string) {
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/table-${name}.png` });
  }
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(found, `axe violations on ${name}`).toEqual([]);
}

test('axe finds no violations on the table grouped, with the Spalten menu, an open editor and the bulk bar', async ({ page, workbench }) => {
  expect(workbench.session.isOpen).toBe(true);
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  await expect(table.getByRole('link', { name: 'M-1.01' })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/table-0-plain.png` });

  // Grouped, the further filters and the Spalten menu open.
  await page.getByLabel('Gruppieren nach').selectOption({ label: 'Baustelle' });
  await expect(table.getByRole('button', { name: /Baustelle 1 ·/u })).toBeVisible();
  await page.getByRole('button', { name: /^Weitere Filter/u }).click();
  await page.getByRole('button', { name: /^Spalten/u }).click();
  await expect(page.getByRole('group', { name: 'Spalten' })).toBeVisible();
  await audit(page, '1-grouped-spalten');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Weitere Filter/u }).click();

  // A selection (bulk bar) and a cell in edit mode.
  for (const code of ['M-1.01', 'M-1.02', 'M-2.01']) await page.getByRole('checkbox', { name: `${code} auswählen` }).check();
  await expect(page.getByRole('region', { name: 'Ausgewählte Maßnahmen bearbeiten' })).toBeVisible();
  await table.locator('tbody tr').filter({ hasText: 'M-1.02' }).locator('[data-col="status"]').click();
  await expect(page.getByLabel('Status von M-1.02')).toBeFocused();
  await audit(page, '2-bulk-edit-status');
  await page.keyboard.press('Escape');

  // The Zeitraum editor (a small panel over the table).
  await table.locator('tbody tr').filter({ hasText: 'M-6.01' }).locator('[data-col="period"]').click();
  await expect(page.getByRole('group', { name: 'Zeitraum von M-6.01' })).toBeVisible();
  await audit(page, '3-edit-period');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Zeitraum von M-6.01' })).toBeHidden();
});
