// Sitzungsvorlage: the options chosen in the UI reach the DOCX; anonymisation; remembered settings;
// the measures of a saved view or of the optimiser.
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { expect, test } from './fixtures.ts';
import { openView, scalar } from './helpers.ts';
import { audit, zipBytes, zipPart } from './documents-helpers.ts';

test('Sitzungsvorlage: Kopf, Beratungsfolge and selection from the UI reach the DOCX, anonymised; the settings are remembered', async ({ page, workbench }) => {
  await openView(page, 'Export');
  await page.getByRole('link', { name: 'Sitzungsvorlage erstellen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungsvorlage erstellen' })).toBeFocused();

  // Prefilled from the plan; öffentlich proposes anonymisation, and nichtöffentlich takes it back.
  await expect(page.getByLabel('Federführung')).toHaveValue('Stabsstelle Integration und Teilhabe');
  const anonymise = page.getByRole('checkbox', { name: 'Personennamen anonymisieren' });
  await expect(anonymise).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^Anlage 3/u })).toBeEnabled();
  const count = page.getByRole('status').filter({ hasText: 'ausgewählt' });
  await expect(count).toHaveText('12 Maßnahmen ausgewählt');
  await audit(page, 'documents-vorlage', { fullPage: true });
  await page.getByRole('radio', { name: 'nichtöffentlich' }).check();
  await expect(anonymise).not.toBeChecked();
  await page.getByRole('radio', { name: 'öffentlich', exact: true }).check();
  await expect(anonymise).toBeChecked();

  await page.getByLabel('Vorlagennummer').fill('KT/2026/042');
  await page.getByRole('radio', { name: 'nach Status' }).check();
  await page.getByRole('checkbox', { name: /^beschlossen \(/u }).check();
  const wanted = scalar(workbench, "SELECT COUNT(*) FROM measures WHERE status IN ('beschlussreif', 'beschlossen')");
  await expect(count).toHaveText(`${wanted} Maßnahmen ausgewählt`);
  // The Beschlussvorschlag drawn from the plan follows the selection.
  await expect(page.getByLabel('Punkt 1', { exact: true })).toHaveValue(new RegExp(`mit den ${wanted} in Anlage 1 aufgeführten Maßnahmen`, 'u'));

  // Beratungsfolge by keyboard (the demo's default has two rows: Fachausschuss, Kreistag): add a row, type, move it up one place.
  await page.getByRole('button', { name: 'Beratung hinzufügen' }).click();
  await expect(page.getByLabel('Gremium, Zeile 3')).toBeFocused();
  await page.keyboard.type('Jugendhilfeausschuss');
  await page.getByLabel('Sitzungsdatum, Zeile 3').fill('2026-03-12');
  await page.getByRole('button', { name: 'Zeile 3 (Jugendhilfeausschuss) nach oben' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Gremium, Zeile 2')).toHaveValue('Jugendhilfeausschuss');
  await expect(page.getByRole('button', { name: 'Zeile 2 (Jugendhilfeausschuss) nach oben' })).toBeFocused();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Erstellen', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Sitzungsvorlage .*anonymisiert.*\.docx$/u);
  const { path } = await zipBytes(file);
  const xml = zipPart(path, 'word/document.xml');
  expect(xml).toContain('KT/2026/042');
  expect(xml).toContain('Jugendhilfeausschuss');
  // A demo Ansprechperson: gone when anonymised.
  expect(scalar(workbench, "SELECT COUNT(*) FROM actors WHERE contact_person = 'Frau Dr. Yildiz'")).toBe(1);
  expect(xml).not.toContain('Yildiz');
  await expect(page.getByRole('status').filter({ hasText: 'wurde erstellt' })).toContainText('Die Einstellungen sind im Plan gemerkt.');

  // Remembered: after a reload the page starts from what was used.
  await page.reload();
  await expect(page.getByLabel('Vorlagennummer')).toHaveValue('KT/2026/042');
  await expect(page.getByLabel('Gremium, Zeile 2')).toHaveValue('Jugendhilfeausschuss');
  await expect(page.getByLabel('Sitzungsdatum, Zeile 2')).toHaveValue('2026-03-12');
  await expect(page.getByRole('radio', { name: 'nach Status' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^beschlossen \(/u })).toBeChecked();
  await expect(count).toHaveText(`${wanted} Maßnahmen ausgewählt`);
});

test('Sitzungsvorlage: the measures of a saved view or of the optimiser', async ({ page, workbench }) => {
  const api = createClient(createHandlers(workbench.session));
  await api['views.save']({
    name: 'Beschlossen',
    state: { version: 1, sorting: [{ id: 'code', desc: false }], filters: [{ id: 'status', value: 'beschlossen' }], search: '', groupBy: 'none', hidden: null, order: null },
  });
  const codes = (await api['measures.list']({})).filter((m) => m.status === 'beschlossen').map((m) => m.code).sort();
  const run = await api['optimiser.run']({});

  await openView(page, 'Export');
  await page.getByRole('link', { name: 'Sitzungsvorlage erstellen' }).click();
  const count = page.getByRole('status').filter({ hasText: 'ausgewählt' });
  await expect(count).toHaveText('12 Maßnahmen ausgewählt');

  await page.getByRole('radio', { name: 'eine gespeicherte Ansicht der Maßnahmentabelle' }).check();
  await expect(page.getByLabel('Ansicht', { exact: true })).toHaveValue(/.+/u);
  await expect(count).toHaveText(`${codes.length} Maßnahmen ausgewählt`);
  await page.getByText(/^Ausgewählte Maßnahmen anzeigen/u).click();
  const listed = await page.locator('.doc-picked li .strong').allInnerTexts();
  expect(listed.sort()).toEqual(codes);

  await page.getByRole('radio', { name: 'die Auswahl der Optimierung' }).check();
  await expect(count).toHaveText(`${run.selectedCount} Maßnahmen ausgewählt`);
  await expect(page.getByText(run.statusText, { exact: false })).toBeVisible();
});
