// Columns of the measures table: shown, moved and resized through the "Spalten" menu by keyboard
// (and by dragging a header edge), remembered in the plan file and back after a reload.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openView, scalar } from './helpers.ts';

const headers = (table: Locator) => table.locator('thead th').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.col));
const stored = (workbench: Parameters<typeof scalar>[0]) => {
  const json = scalar<string | undefined>(workbench, "SELECT json FROM ui_prefs WHERE key = 'measures.table'");
  return json ? (JSON.parse(json) as { order: string[]; hidden: string[]; widths: Record<string, number> }) : null;
};

async function openColumns(page: Page) {
  await page.getByRole('button', { name: /^Spalten/u }).click();
  const menu = page.getByRole('group', { name: 'Spalten' });
  await expect(menu).toBeVisible();
  return menu;
}

test('column visibility, order and widths are set by keyboard, stored in the plan and survive a reload', async ({ page, workbench }) => {
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  await expect(table.getByRole('link', { name: 'M-1.01' })).toBeVisible();
  expect(await headers(table)).toEqual(['select', 'code', 'title', 'status', 'responsible', 'period', 'y2026', 'y2027', 'y2028', 'y2029', 'totalCents']);

  const menu = await openColumns(page);
  // Focus moved into the menu (Nr. cannot be hidden); everything below is keys only.
  await expect(menu.getByRole('checkbox', { name: 'Titel' })).toBeFocused();
  await menu.getByRole('checkbox', { name: 'Zeitraum' }).focus();
  await page.keyboard.press('Space');
  await menu.getByRole('checkbox', { name: 'Baustelle' }).focus();
  await page.keyboard.press('Space');
  await menu.getByRole('button', { name: 'Summe nach oben' }).focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Enter');
  await expect(menu.getByRole('status')).toHaveText('Summe: jetzt an Position 4 von 10.');
  const width = menu.getByLabel('Breite von Titel in Pixel');
  await width.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('320');
  // Arrow keys step by 10 px (from 118 to the next step, 120, then 130).
  await menu.getByLabel('Breite von Status in Pixel').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(page.getByRole('button', { name: /^Spalten/u })).toBeFocused();

  const expected = ['select', 'code', 'title', 'baustelleId', 'status', 'totalCents', 'responsible', 'y2026', 'y2027', 'y2028', 'y2029'];
  expect(await headers(table)).toEqual(expected);
  // Stored in the plan file, not in the browser.
  await expect.poll(() => stored(workbench)?.widths).toEqual({ title: 320, status: 130 });
  const prefs = stored(workbench)!;
  expect(prefs.hidden).toEqual(['period']);
  expect(prefs.order.slice(0, 4)).toEqual(['title', 'baustelleId', 'status', 'totalCents']);

  // Dragging a header edge resizes too (and is stored).
  const handle = table.locator('th[data-col="responsible"] .mt-resize');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => stored(workbench)?.widths.responsible).toBe(200);

  await page.reload();
  await openView(page, 'Maßnahmen');
  await expect(table.getByRole('link', { name: 'M-1.01' })).toBeVisible();
  expect(await headers(table)).toEqual(expected);
  const again = await openColumns(page);
  await expect(again.getByLabel('Breite von Titel in Pixel')).toHaveValue('320');
  await expect(again.getByLabel('Breite von verantwortlich in Pixel')).toHaveValue('200');
  await expect(again.getByRole('checkbox', { name: 'Zeitraum' })).not.toBeChecked();
  await expect(again.getByRole('checkbox', { name: 'Nr.' })).toBeDisabled();

  await again.getByRole('button', { name: 'Standard wiederherstellen' }).click();
  await expect.poll(() => stored(workbench)).toMatchObject({ order: [], hidden: ['baustelleId'], widths: {} });
  await page.keyboard.press('Escape');
  expect(await headers(table)).toEqual(['select', 'code', 'title', 'status', 'responsible', 'period', 'y2026', 'y2027', 'y2028', 'y2029', 'totalCents']);
});
