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
  await audit(page, '1-plain');

  await page.getByLabel('Gruppieren nach').selectOption({ label: 'Baustelle' });
  await expect(table.getByRole('button', { name: /Baustelle 1 ·/u })).toBeVisible();
  await audit(page, '2-grouped');

  await page.getByRole('button', { name: 'Spalten' }).click();
  await expect(page.getByRole('group', { name: 'Spalten' })).toBeVisible();
  await audit(page, '3-spalten');
  await page.keyboard.press('Escape');

  await table.getByRole('row', { name: /M-1\.02/u }).locator('[data-col="status"]').click();
  await expect(page.getByLabel('Status von M-1.02')).toBeFocused();
  await audit(page, '4-edit-status');
  await page.keyboard.press('Escape');
  await table.getByRole('row', { name: /M-6\.01/u }).locator('[data-col="period"]').click();
  await expect(page.getByRole('group', { name: 'Zeitraum von M-6.01' })).toBeVisible();
  await audit(page, '5-edit-period');
  await page.keyboard.press('Escape');

  for (const code of ['M-1.01', 'M-1.02', 'M-2.01']) await page.getByRole('checkbox', { name: `${code} auswählen` }).check();
  await expect(page.getByRole('region', { name: 'Ausgewählte Maßnahmen bearbeiten' })).toBeVisible();
  await audit(page, '6-bulk');
});
