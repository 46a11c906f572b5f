// Katalog: the seven Baustellen of the Impulspapier, and adopting a Grundmauer as a measure.
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { expect, test } from './fixtures.ts';
import { measureRows, openView, scalar } from './helpers.ts';

test('the catalogue shows all Baustellen, Grundmauern, Fragen and the source; a Grundmauer becomes a linked measure', async ({ page, workbench }) => {
  await openView(page, 'Katalog');
  const main = page.getByRole('main');
  await expect(main.getByRole('region', { name: /^Baustelle \d/u })).toHaveCount(7);
  await expect(main.getByRole('button', { name: 'Als Maßnahme übernehmen' })).toHaveCount(40);
  await expect(main.locator('li.item.grundmauer')).toHaveCount(40);
  await expect(main.locator('li.item.frage')).toHaveCount(34);
  await expect(main.getByRole('heading', { name: 'Fragen für den gemeinsamen Weiterbau' })).toHaveCount(7);
  await expect(main.getByText(CATALOGUE.source.citation)).toBeVisible();
  // Actor groups are labelled as in the paper.
  const b5 = main.getByRole('region', { name: /Baustelle 5/u });
  await expect(b5.getByRole('heading', { name: 'Alle Menschen vor Ort', level: 4 })).toBeVisible();
  // Demo measures show where they come from.
  const g = CATALOGUE.baustellen[0].grundmauern[0];
  await expect(main.locator('li.item').filter({ hasText: g.text })).toContainText('Übernommen in: M-1.01');

  // Adopt a Grundmauer of Baustelle 6 that no measure uses yet.
  const b6 = CATALOGUE.baustellen[5];
  const item = b6.grundmauern.find((x) => x.id === 'B6-G-LV-1')!;
  const li = main.locator('li.item').filter({ hasText: item.text });
  await expect(li).toContainText('Noch in keiner Maßnahme.');
  await li.getByRole('button', { name: 'Als Maßnahme übernehmen' }).click();
  await expect(li).toContainText('Übernommen in: M-6.03');
  await expect(page.getByRole('status').filter({ hasText: 'Als Maßnahme M-6.03 übernommen' })).toBeVisible();

  // In the file: a new measure in Baustelle 6, linked to exactly this Grundmauer.
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(13);
  expect(scalar<string>(workbench, "SELECT baustelle_id FROM measures WHERE code = 'M-6.03'")).toBe('B6');
  expect(scalar<string>(workbench, "SELECT mi.item_id FROM measure_items mi JOIN measures m ON m.id = mi.measure_id WHERE m.code = 'M-6.03'")).toBe(item.id);

  // In the table, and the link in the catalogue opens it.
  await openView(page, 'Maßnahmen');
  await expect(measureRows(page)).toHaveCount(13);
  await expect(measureRows(page).filter({ hasText: 'M-6.03' })).toContainText('Idee');
  await openView(page, 'Katalog');
  await main.locator('li.item').filter({ hasText: item.text }).getByRole('link', { name: 'M-6.03' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('M-6.03');
  await expect(page.getByRole('group', { name: 'Bezug zum Impulspapier' })).toContainText(item.text);

  // "Neue Maßnahme in dieser Baustelle" preselects the Baustelle.
  await openView(page, 'Katalog');
  await main.getByRole('region', { name: /Baustelle 3/u }).getByRole('link', { name: 'Neue Maßnahme in dieser Baustelle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neue Maßnahme' })).toBeVisible();
  await expect(page.getByLabel('Baustelle', { exact: true })).toHaveValue('B3');
});
