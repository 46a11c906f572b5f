// Exchange with the Kämmerei: XLSX export, and import of a CSV with a report per row before anything is written.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { openView, scalar } from './helpers.ts';
import { audit, zipBytes, zipPart } from './documents-helpers.ts';

test('exporting for the Kämmerei downloads an XLSX workbook', async ({ page, workbench }) => {
  expect(workbench.session.isOpen).toBe(true);
  await openView(page, 'Export');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Für die Kämmerei als XLSX exportieren' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/u);
  const { path } = await zipBytes(file);
  expect(zipPart(path, 'xl/workbook.xml')).toContain('Budgetpositionen');
  await expect(page.getByRole('status').filter({ hasText: 'wurde erstellt' })).toContainText(file.suggestedFilename());
});

test('CSV import: a bad row blocks Übernehmen and writes nothing; the corrected file is taken over', async ({ page, workbench }) => {
  const csv = join(workbench.dir, 'neue-massnahmen.csv');
  const titles = ['Sprachcafé im Dorfgemeinschaftshaus', 'Leihräder für Pendelnde'];
  writeFileSync(csv, `Titel;Baustelle;Status\n${titles[0]};2;Idee\n${titles[1]};9;in Planung\n`);
  const measures = scalar(workbench, 'SELECT COUNT(*) FROM measures');
  const changes = scalar(workbench, 'SELECT COUNT(*) FROM change_log');

  await openView(page, 'Export');
  await page.getByRole('link', { name: 'Aus Excel oder CSV importieren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aus Excel oder CSV importieren' })).toBeFocused();
  const fileInput = page.getByLabel('Excel-Arbeitsmappe (.xlsx) oder CSV-Datei (.csv)');
  await fileInput.setInputFiles(csv);

  // Mapping: suggested from the headers.
  const mapping = page.getByRole('region', { name: '2. Spalten zuordnen' });
  await expect(mapping.getByLabel('Einlesen als')).toHaveValue('measures');
  await expect(mapping.getByLabel('Titel', { exact: true })).toHaveValue('0');
  await expect(mapping.getByLabel('Baustelle', { exact: true })).toHaveValue('1');
  await expect(mapping.getByLabel('Status', { exact: true })).toHaveValue('2');
  await audit(page, 'documents-import-mapping');

  await mapping.getByRole('button', { name: 'Prüfen' }).click();
  const report = page.getByRole('region', { name: '3. Prüfbericht' });
  await expect(report).toContainText('1 Zeile ist fehlerhaft');
  // Only the errors are shown at first; the row is named.
  const bad = report.getByRole('row').filter({ hasText: 'Baustelle „9“ ist unbekannt' });
  await expect(bad.getByRole('rowheader')).toHaveText('3');
  const rows = report.getByRole('table', { name: 'Prüfbericht je Zeile' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(report.getByRole('button', { name: 'Übernehmen' })).toBeDisabled();
  await audit(page, 'documents-import-report', { fullPage: true });
  await report.getByRole('checkbox', { name: 'nur fehlerhafte Zeilen anzeigen' }).uncheck();
  await expect(rows).toHaveCount(2);
  await expect(report.getByRole('row').filter({ hasText: titles[0] })).toContainText('neu');
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(measures);
  expect(scalar(workbench, 'SELECT COUNT(*) FROM change_log')).toBe(changes);

  // The planner corrects the file and chooses it again.
  writeFileSync(csv, `Titel;Baustelle;Status\n${titles[0]};2;Idee\n${titles[1]};3;Idee\n`);
  await fileInput.setInputFiles(csv);
  // Choosing a file drops the report of the previous one.
  await expect(report).toBeHidden();
  await mapping.getByRole('button', { name: 'Prüfen' }).click();
  await expect(report.locator('.ok-line')).toBeVisible();
  const apply = report.getByRole('button', { name: 'Übernehmen' });
  await expect(apply).toBeEnabled();
  await apply.click();
  const done = page.getByRole('region', { name: 'Übernommen' });
  await expect(done.getByRole('heading', { name: 'Übernommen' })).toBeFocused();
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(measures + 2);
  expect(scalar(workbench, `SELECT COUNT(*) FROM measures WHERE title IN ('${titles[0]}', '${titles[1]}')`)).toBe(2);
});
