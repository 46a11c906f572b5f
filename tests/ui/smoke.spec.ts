import { test, expect } from './fixtures.ts';

test('the demo plan opens on first start', async ({ page, workbench }) => {
  expect(workbench.session.path).toContain('Landkreis Musterland.wirplan');
  await expect(page.getByRole('banner').getByText('Gemeinsam in Musterland')).toBeVisible();
});
