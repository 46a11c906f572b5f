// Export: the plan as a DOCX download.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { openView } from './helpers.ts';

test('exporting the plan downloads a Word document', async ({ page, workbench }) => {
  expect(workbench.session.path).toMatch(/Landkreis Musterland\.wirplan$/u);
  await openView(page, 'Export');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Als DOCX exportieren' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Landkreis Musterland.docx');
  const bytes = readFileSync(await file.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.length).toBeGreaterThan(5_000);
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'wurde erstellt' })).toContainText('„Landkreis Musterland.docx“');
});
