// Maßnahmenblatt: Laufzeit, Umsetzungsschritte (add, edit, reorder, done, delete), Erfolgsindikatoren,
// Abhängigkeiten with a refused cycle, and the measure's Änderungsprotokoll – all checked in the plan file.
import { expect, test } from './fixtures.ts';
import { inPlan, scalar } from './helpers.ts';
import { audit, idOf } from './views-helpers.ts';

test('a planner fills the Maßnahmenblatt: steps, indicators, dependencies (a cycle is refused) and sees the history', async ({ page, workbench }) => {
  const id = idOf(workbench, 'M-7.02');
  await page.goto(`${workbench.url}#/massnahme/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^M-7\.02 /u);
  const form = page.locator('form.measure-form');
  const toc = page.getByRole('navigation', { name: 'Abschnitte der Maßnahme' });

  // Laufzeit is derived from Beginn/Ende as saved; the TOC marks unsaved input and can save it.
  const laufzeit = form.getByTestId('laufzeit');
  await expect(laufzeit).toHaveText('kurzfristig (bis 3 Jahre)');
  await expect(page.locator('.sheet-lead')).toContainText('Laufzeit: kurzfristig (bis 3 Jahre)');
  const endYear = form.getByRole('group', { name: /^Ende/u }).getByLabel('Jahr');
  const originalEnd = await endYear.inputValue();
  await endYear.fill('2031');
  await expect(toc.getByRole('button', { name: 'Jetzt speichern' })).toBeVisible();
  await toc.getByRole('button', { name: 'Jetzt speichern' }).click();
  await expect(laufzeit).toHaveText('mittelfristig (über 3 bis 7 Jahre)');
  await expect(toc.getByRole('button', { name: 'Jetzt speichern' })).toHaveCount(0);
  expect(scalar(workbench, 'SELECT end_year FROM measures WHERE id = ?', id)).toBe(2031);
  await endYear.fill(originalEnd);
  await endYear.press('Enter');
  await expect(laufzeit).toHaveText('kurzfristig (bis 3 Jahre)');

  // The TOC jumps to a section and puts the focus on its heading.
  await toc.getByRole('button', { name: /^Umsetzungsschritte/u }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Umsetzungsschritte' })).toBeFocused();

  // Umsetzungsschritte: a quarter without a year is refused in German; three steps are added.
  const steps = page.getByRole('region', { name: 'Umsetzungsschritte' });
  const stepRows = () => inPlan(workbench, (db) => db.prepare('SELECT title, due_year AS y, due_quarter AS q, done, position FROM milestones WHERE measure_id = ? ORDER BY position').all(id)) as
    { title: string; y: number | null; q: number | null; done: number; position: number }[];
  await steps.getByLabel('Schritt', { exact: true }).fill('Auftaktworkshop mit Vereinen');
  await steps.getByLabel('Quartal').selectOption('Q1');
  await steps.getByRole('button', { name: 'Schritt hinzufügen' }).click();
  await expect(steps.getByRole('alert')).toContainText('fehlt das Jahr');
  expect(stepRows()).toHaveLength(0);
  await steps.getByLabel('fällig: Jahr').fill('2027');
  await steps.getByRole('button', { name: 'Schritt hinzufügen' }).click();
  await expect(steps.getByRole('status')).toHaveText('Umsetzungsschritt „Auftaktworkshop mit Vereinen“ hinzugefügt.');
  await expect(steps.getByLabel('Schritt', { exact: true })).toBeFocused();
  await steps.getByLabel('Schritt', { exact: true }).fill('Mentoring-Tandems gestartet');
  await steps.getByLabel('fällig: Jahr').fill('2027');
  await steps.getByLabel('Quartal').selectOption('Q3');
  await steps.getByRole('button', { name: 'Schritt hinzufügen' }).click();
  await expect(steps.getByRole('status')).toContainText('Mentoring-Tandems');
  await steps.getByLabel('Schritt', { exact: true }).fill('Bilanz im Sozialausschuss');
  await steps.getByRole('button', { name: 'Schritt hinzufügen' }).click();
  await expect(steps.getByRole('row', { name: /Bilanz im Sozialausschuss/u })).toContainText('ohne Termin');
  expect(stepRows().map((s) => [s.title, s.y, s.q])).toEqual([
    ['Auftaktworkshop mit Vereinen', 2027, 1], ['Mentoring-Tandems gestartet', 2027, 3], ['Bilanz im Sozialausschuss', null, null]]);

  // Edit: title and due quarter.
  await steps.getByRole('button', { name: '„Mentoring-Tandems gestartet“ bearbeiten' }).click();
  await expect(steps.getByLabel('Schritt', { exact: true })).toBeFocused();
  await steps.getByLabel('Schritt', { exact: true }).fill('Zehn Mentoring-Tandems gestartet');
  await steps.getByLabel('Quartal').selectOption('Q4');
  await steps.getByRole('button', { name: 'Schritt speichern' }).click();
  await expect(steps.getByRole('status')).toContainText('gespeichert');
  expect(stepRows()[1]).toMatchObject({ title: 'Zehn Mentoring-Tandems gestartet', y: 2027, q: 4 });

  // Reorder: the last step moves up; the focus stays on the moved step.
  await steps.getByRole('button', { name: '„Bilanz im Sozialausschuss“ nach oben' }).click();
  await expect(steps.getByRole('status')).toHaveText('„Bilanz im Sozialausschuss“ ist jetzt Schritt 2 von 3.');
  expect(stepRows().map((s) => s.title)).toEqual(['Auftaktworkshop mit Vereinen', 'Bilanz im Sozialausschuss', 'Zehn Mentoring-Tandems gestartet']);
  await expect(steps.getByRole('button', { name: '„Bilanz im Sozialausschuss“ nach oben' })).toBeFocused();
  await expect(steps.locator('tbody th')).toHaveText(['Auftaktworkshop mit Vereinen', 'Bilanz im Sozialausschuss', 'Zehn Mentoring-Tandems gestartet']);

  // Done, then delete.
  const done = steps.getByRole('checkbox', { name: '„Auftaktworkshop mit Vereinen“ erledigt' });
  await done.click();
  await expect(steps.getByRole('status')).toContainText('als erledigt markiert');
  await expect(done).toBeChecked();
  expect(stepRows()[0].done).toBe(1);
  await steps.getByRole('button', { name: '„Bilanz im Sozialausschuss“ löschen' }).click();
  await expect(steps.getByRole('status')).toContainText('gelöscht');
  expect(stepRows().map((s) => s.title)).toEqual(['Auftaktworkshop mit Vereinen', 'Zehn Mentoring-Tandems gestartet']);
  await expect(toc.getByRole('button', { name: /^Umsetzungsschritte/u })).toContainText('2');

  // Erfolgsindikatoren: add two, edit one, delete one.
  const ind = page.getByRole('region', { name: 'Erfolgsindikatoren' });
  const indicators = () => inPlan(workbench, (db) => db.prepare('SELECT name, baseline, target, target_year AS y, data_source AS src FROM indicators WHERE measure_id = ? ORDER BY position').all(id));
  await ind.getByLabel('Indikator', { exact: true }).fill('Vereine mit überarbeitetem Auftritt');
  await ind.getByLabel('Ausgangswert').fill('0');
  await ind.getByLabel('Zielwert').fill('40');
  await ind.getByLabel('Zieljahr').fill('2028');
  await ind.getByLabel('Datenquelle').fill('Kreissportbund');
  await ind.getByRole('button', { name: 'Indikator hinzufügen' }).click();
  await expect(ind.getByRole('status')).toContainText('hinzugefügt');
  await ind.getByLabel('Indikator', { exact: true }).fill('Zugezogene in Vereinsvorständen');
  await ind.getByRole('button', { name: 'Indikator hinzufügen' }).click();
  await expect(ind.getByRole('row', { name: /Zugezogene in Vereinsvorständen/u })).toBeVisible();
  await ind.getByRole('button', { name: 'Indikator „Vereine mit überarbeitetem Auftritt“ bearbeiten' }).click();
  await expect(ind.getByLabel('Zielwert')).toHaveValue('40');
  await ind.getByLabel('Zielwert').fill('45');
  await ind.getByRole('button', { name: 'Indikator speichern' }).click();
  await expect(ind.getByRole('status')).toContainText('gespeichert');
  await ind.getByRole('button', { name: 'Indikator „Zugezogene in Vereinsvorständen“ löschen' }).click();
  await expect(ind.getByRole('status')).toContainText('gelöscht');
  expect(indicators()).toEqual([{ name: 'Vereine mit überarbeitetem Auftritt', baseline: '0', target: '45', y: 2028, src: 'Kreissportbund' }]);
  await expect(ind.getByRole('row', { name: /Vereine mit überarbeitetem Auftritt/u })).toContainText('45');

  // Abhängigkeiten: M-7.02 already waits for M-7.01; it now also waits for M-4.01.
  const deps = page.getByRole('region', { name: 'Abhängigkeiten' });
  const dependsOn = (mid: string) => inPlan(workbench, (db) => db.prepare('SELECT m.code FROM measure_dependencies d JOIN measures m ON m.id = d.depends_on_id WHERE d.measure_id = ? ORDER BY m.code').pluck().all(mid));
  await expect(deps.getByRole('list', { name: 'Hängt ab von' })).toContainText('M-7.01');
  await deps.getByLabel('Maßnahme, von der M-7.02 abhängt').selectOption(idOf(workbench, 'M-4.01'));
  await deps.getByRole('button', { name: 'Abhängigkeit hinzufügen' }).click();
  await expect(deps.getByRole('status')).toHaveText('M-7.02 hängt jetzt von M-4.01 ab.');
  expect(dependsOn(id)).toEqual(['M-4.01', 'M-7.01']);

  // A cycle: M-7.01 may not wait for M-7.02, which waits for it. The message names the codes.
  await deps.getByRole('list', { name: 'Hängt ab von' }).getByRole('link', { name: 'M-7.01' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^M-7\.01 /u);
  const deps71 = page.getByRole('region', { name: 'Abhängigkeiten' });
  await expect(deps71.getByRole('list', { name: 'Davon hängen ab' })).toContainText('M-7.02');
  await deps71.getByLabel('Maßnahme, von der M-7.01 abhängt').selectOption(id);
  await deps71.getByRole('button', { name: 'Abhängigkeit hinzufügen' }).click();
  await expect(deps71.getByRole('alert')).toContainText('Kreis: M-7.01 → M-7.02 → M-7.01');
  expect(dependsOn(idOf(workbench, 'M-7.01'))).toEqual([]);
  await audit(page, 'sheet-m701-cycle');

  // Back on M-7.02: its Änderungsprotokoll lists who changed what.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^M-7\.02 /u);
  const history = page.getByRole('region', { name: 'Änderungsprotokoll' });
  await expect(history.getByRole('row').filter({ hasText: 'Umsetzungsschritt „Auftaktworkshop mit Vereinen“ angelegt' })).toContainText('planerin');
  await expect(history.getByRole('row').filter({ hasText: 'M-7.02 hängt von M-4.01 ab' })).toBeVisible();
  await expect(history.getByRole('row').filter({ hasText: 'Indikator „Zugezogene in Vereinsvorständen“ gelöscht' })).toBeVisible();
  expect(scalar(workbench, "SELECT COUNT(*) FROM change_log WHERE summary LIKE 'M-7.02:%'")).toBeGreaterThanOrEqual(9);
  await audit(page, 'sheet-m702');
});
