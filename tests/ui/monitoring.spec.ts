// Umsetzung in Chromium against the real backend: the Steuerungsgruppe view (filters, Stichtag),
// recording Ist and a Messwert, closing a Umsetzungsschritt, the Ampel override with its reason,
// the Sachstandsbericht export and "Bericht festschreiben", and the Fortschreibung. axe clean.
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { audit, zipBytes, zipPart } from './documents-helpers.ts';
import { scalar } from './helpers.ts';

async function openUmsetzung(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: 'Umsetzung', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Umsetzung und Steuerung' })).toBeVisible();
  await page.getByLabel('Stichtag').fill('2026-12-01');
  await page.getByRole('button', { name: 'Stichtag übernehmen' }).click();
  await expect(page.getByText('Stand 01.12.2026')).toBeVisible();
}

const rowOf = (page: Page, code: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: new RegExp(`^${code} `, 'u') }) });

test('Steuerungsgruppe: Ampel with symbol and word, filters for late steps and money that does not flow', async ({ page, workbench }) => {
  await openUmsetzung(page);
  await expect(rowOf(page, 'M-3.01').getByText('verzögert')).toBeVisible();
  await expect(rowOf(page, 'M-3.01').getByText('■')).toBeVisible();
  await expect(rowOf(page, 'M-7.01').getByText('gefährdet')).toBeVisible();
  await audit(page, 'monitoring-steuerung', { fullPage: true });
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(12);

  const count = page.getByRole('status').filter({ hasText: 'von 12 Maßnahmen' });
  await page.getByRole('checkbox', { name: 'nur mit verspäteten Schritten' }).check();
  await expect(count).toHaveText('1 von 12 Maßnahmen');
  await expect(rowOf(page, 'M-3.01')).toBeVisible();
  await page.getByRole('checkbox', { name: 'nur mit verspäteten Schritten' }).uncheck();
  await page.getByRole('checkbox', { name: 'nur wo das Geld nicht fließt' }).check();
  await expect(count).toHaveText('1 von 12 Maßnahmen');
  await expect(rowOf(page, 'M-7.01')).toBeVisible();
  await page.getByRole('checkbox', { name: 'nur wo das Geld nicht fließt' }).uncheck();
  await page.getByLabel('Ampel', { exact: true }).selectOption({ label: '○ noch nicht begonnen' });
  await expect(count).toHaveText('7 von 12 Maßnahmen');
  await page.getByLabel('Ampel', { exact: true }).selectOption('');
  await page.getByLabel('Suche').fill('Rufbus');
  await expect(count).toHaveText('1 von 12 Maßnahmen');
  // Sorting by Nr. puts M-1.01 first.
  await page.getByLabel('Suche').fill('');
  await page.getByRole('button', { name: 'Nr.', exact: true }).click();
  await expect(page.locator('tbody tr').first()).toContainText('M-1.01');
  await expect(page.getByRole('columnheader', { name: /Nr\./u })).toHaveAttribute('aria-sort', 'ascending');

  // Ist from the Kämmerei: checked first, then taken; the Ampel follows.
  const csv = 'Jahr;Quartal;Maßnahme;Betrag;Buchungstext\n2026;4;M-7.01;"25.000,00";Förderrunde 2\n';
  await page.getByLabel('Datei der Kämmerei').setInputFiles({ name: 'ist.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByRole('status').filter({ hasText: 'Zeilen in Ordnung' })).toContainText('1 von 1 Zeilen in Ordnung; zusammen 25.000,00 €');
  await audit(page, 'monitoring-import', { fullPage: true });
  await page.getByRole('button', { name: 'Ist übernehmen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'übernommen' })).toContainText('1 Ist-Wert mit zusammen 25.000,00 € übernommen');
  expect(scalar(workbench, "SELECT SUM(amount_cents) FROM budget_actuals WHERE source = 'Förderrunde 2'")).toBe(2_500_000);
  await expect(rowOf(page, 'M-7.01').getByText('im Plan')).toBeVisible();
});

test('recording Ist and a Messwert, closing a step and setting the Ampel by hand, each undoable', async ({ page, workbench }) => {
  await openUmsetzung(page);
  await rowOf(page, 'M-7.01').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Umsetzung: M-7.01/u })).toBeFocused();
  // The Stichtag chosen in the overview holds here too.
  await expect(page.getByLabel('Stichtag')).toHaveValue('2026-12-01');
  await audit(page, 'monitoring-measure', { fullPage: true });

  // Ist: a wrong amount is refused and stays typed; a right one is stored in integer cents.
  const ist = page.getByRole('form', { name: 'Ist erfassen' });
  await ist.getByLabel('Quartal').selectOption('4');
  await ist.getByLabel('Betrag in €').fill('zwanzig');
  await ist.getByRole('button', { name: 'Ist speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Betrag in Euro');
  await expect(ist.getByLabel('Betrag in €')).toHaveValue('zwanzig');
  await ist.getByLabel('Betrag in €').fill('20.000,50');
  await ist.getByLabel('Quelle').fill('Kämmerei, Buchungsliste Dezember');
  await ist.getByRole('button', { name: 'Ist speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ist Q4/2026' })).toContainText('Ist Q4/2026: 20.000,50 € gespeichert.');
  const m = scalar<string>(workbench, "SELECT id FROM measures WHERE code = 'M-7.01'");
  expect(scalar(workbench, "SELECT SUM(a.amount_cents) FROM budget_actuals a JOIN budget_lines l ON l.id = a.budget_line_id WHERE l.measure_id = ? AND a.kind = 'ist'", m)).toBe(5_500_050);
  await expect(page.getByText('Ist Q4/2026: 20.000,50 € (Kämmerei, Buchungsliste Dezember)')).toBeVisible();

  // A Messwert for the first indicator.
  const mw = page.getByRole('form', { name: 'Messwert erfassen: Geförderte Begegnungsprojekte pro Jahr' });
  await mw.getByLabel('Datum').fill('2026-11-30');
  await mw.getByLabel('Wert').fill('11');
  await mw.getByRole('button', { name: 'Messwert speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Messwert 11 vom 30.11.2026 gespeichert.' })).toBeVisible();
  expect(scalar(workbench, "SELECT value FROM indicator_values WHERE date = '2026-11-30'")).toBe(11);
  await expect(page.getByRole('img', { name: /Verlauf: Geförderte Begegnungsprojekte pro Jahr/u })).toBeVisible();

  // The Ampel by hand needs a reason.
  await page.getByLabel('Ampel von Hand').selectOption({ label: '■ verzögert' });
  await page.getByRole('button', { name: 'Ampel speichern' }).click();
  await expect(page.getByRole('alert')).toHaveText('Bitte begründen, warum die Ampel von Hand gesetzt wird.');
  await page.getByLabel('Begründung').fill('Zweite Förderrunde auf 2027 verschoben');
  await page.getByRole('button', { name: 'Ampel speichern' }).click();
  await expect(page.getByText('verzögert (von Hand)')).toBeVisible();
  expect(scalar(workbench, 'SELECT reason FROM ampel_overrides WHERE measure_id = ?', m)).toBe('Zweite Förderrunde auf 2027 verschoben');

  // Undo (Ctrl+Z in the shell) takes the override back; the view follows.
  await page.getByRole('button', { name: /^Rückgängig/u }).click();
  await expect(page.getByText('verzögert (von Hand)')).toHaveCount(0);
  expect(scalar(workbench, 'SELECT COUNT(*) FROM ampel_overrides')).toBe(0);

  // Closing the late step of M-3.01.
  await page.getByRole('link', { name: 'Umsetzung und Steuerung' }).click();
  await rowOf(page, 'M-3.01').getByRole('link').click();
  const step = 'Porträtserie „Menschen in Musterland“ gestartet';
  await expect(page.getByRole('row', { name: new RegExp(step, 'u') })).toContainText('überfällig');
  await page.getByLabel(`Erledigt am: ${step}`).fill('2026-11-20');
  await page.getByRole('button', { name: `Erledigt: ${step}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(step, 'u') })).toContainText('erledigt am 20.11.2026 (verspätet)');
  expect(scalar(workbench, 'SELECT done_on FROM milestone_done d JOIN milestones m ON m.id = d.milestone_id WHERE m.title = ?', step)).toBe('2026-11-20');
  expect(scalar(workbench, 'SELECT done FROM milestones WHERE title = ?', step)).toBe(1);
});

test('Sachstandsbericht from the UI, Bericht festschreiben, and the Fortschreibung into a new plan file', async ({ page, workbench }) => {
  await openUmsetzung(page);
  const download = page.waitForEvent('download');
  await page.getByRole('checkbox', { name: 'Personennamen anonymisieren' }).check();
  await page.getByRole('button', { name: 'Sachstandsbericht erstellen' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Sachstandsbericht 2026-12-01 (anonymisiert).docx');
  const { path } = await zipBytes(file);
  const xml = zipPart(path, 'word/document.xml');
  expect(xml).toContain('Mitteilungsvorlage');
  expect(xml).toContain('Stand 01.12.2026');
  expect(xml).not.toContain('Yildiz');

  await page.getByLabel('Name des Berichts').fill('Sachstandsbericht 2026');
  await page.getByLabel('Gremium').fill('Ausschuss für Soziales und Integration');
  await page.getByRole('button', { name: 'Bericht festschreiben' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'festgeschrieben' })).toContainText('Bericht „Sachstandsbericht 2026“ zum 01.12.2026 festgeschrieben.');
  await expect(page.getByText('Verglichen mit „Sachstandsbericht 2026“')).toBeVisible();
  expect(scalar(workbench, 'SELECT COUNT(*) FROM berichte')).toBe(1);

  const before = workbench.session.path!;
  await page.getByRole('link', { name: 'Fortschreibung beginnen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fortschreibung' })).toBeFocused();
  await audit(page, 'monitoring-fortschreibung', { fullPage: true });
  await page.getByLabel(/^Fortschreibung: M-6.02 /u).selectOption('abschliessen');
  await page.getByLabel(/^Fortschreibung: M-4.02 /u).selectOption('bleibt');
  await expect(page.getByRole('status').filter({ hasText: 'übernommen' })).toHaveText('10 Maßnahmen werden übernommen, 1 abgeschlossen.');
  await page.getByLabel('Titel des neuen Plans').fill('Maßnahmenplan Musterland 2030–2033');
  await page.getByLabel('Neue Plandatei').fill(`${workbench.dir}/fortschreibung.wirplan`);
  await page.getByRole('button', { name: 'Fortschreibung anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Fortschreibung angelegt' })).toContainText('10 Maßnahmen übernommen, 1 im Vorgängerplan abgeschlossen');
  expect(workbench.session.path).toBe(`${workbench.dir}/fortschreibung.wirplan`);
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(10);
  expect(scalar(workbench, "SELECT value FROM meta WHERE key = 'predecessor_path'")).toBe(before);
  const old = new Database(before, { readonly: true });
  expect(old.prepare("SELECT status FROM measures WHERE code = 'M-6.02'").pluck().get()).toBe('abgeschlossen');
  old.close();
});
