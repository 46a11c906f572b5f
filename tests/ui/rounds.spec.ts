// Beteiligungsrunde in Chromium against the real backend: a round with two raters of different
// groups, the Bewertungsbogen downloaded (a real XLSX), filled in with exceljs as a rater would,
// checked and read back in; the aggregate with the right median, the largest disagreement first;
// a sheet of another round (and of a deleted one) refused in German with nothing changed; the
// median into the Nutzwertanalyse, shown in Prioritäten, and undone. axe clean, keyboard reachable.
import ExcelJS from 'exceljs';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { audit, zipBytes } from './documents-helpers.ts';
import { scalar, tabTo } from './helpers.ts';

async function openRounds(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: 'Beteiligung', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beteiligungsrunde' })).toBeVisible();
}

async function addRater(page: Page, name: string, group: string) {
  const form = page.getByRole('form', { name: 'Bewertende Stelle hinzufügen' });
  await form.getByLabel('Name der bewertenden Person oder Stelle').fill(name);
  await form.getByLabel('Gruppe').selectOption({ label: group });
  await form.getByRole('button', { name: 'Hinzufügen' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`^${name} `, 'u') })).toBeVisible();
}

/** Downloads a rater's sheet by keyboard (Enter on the focused button). */
async function downloadSheet(page: Page, rater: string): Promise<Download> {
  const button = page.getByRole('button', { name: `Bogen herunterladen für ${rater}`, exact: true });
  const waiting = page.waitForEvent('download');
  await button.focus();
  await page.keyboard.press('Enter');
  return waiting;
}

interface Filled { buffer: Buffer; codes: string[]; criteria: string[] }

/** Fills the Bewertung sheet of a downloaded Bewertungsbogen: score(measureIndex, criterionIndex). */
async function fill(download: Download, score: (m: number, c: number) => number | undefined): Promise<Filled> {
  const { bytes } = await zipBytes(download);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Anleitung', 'Bewertung', 'Kennung']);
  const ws = wb.getWorksheet('Bewertung')!;
  const criteria = (ws.getRow(1).values as unknown[]).slice(4).map(String);
  const codes: string[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    codes.push(String(ws.getCell(r, 1).value));
    for (let c = 0; c < criteria.length; c++) {
      const v = score(r - 2, c);
      if (v !== undefined) ws.getCell(r, 4 + c).value = v;
    }
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), codes, criteria };
}

async function chooseSheet(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel('Bewertungsbogen (.xlsx)').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

/** The view's text without the live regions (a reload starts with no messages). */
const viewText = (page: Page) => page.locator('main').evaluate((el) => {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const live of copy.querySelectorAll('[role="status"], [role="alert"]')) live.remove();
  return copy.textContent ?? '';
});

const changes = (workbench: Parameters<typeof scalar>[0]) => scalar(workbench, 'SELECT COUNT(*) FROM change_log');
const ratings = (workbench: Parameters<typeof scalar>[0]) => scalar(workbench, 'SELECT COUNT(*) FROM round_scores');

test('Beteiligungsrunde: sheets out and back in, the agenda, a foreign sheet refused, the median into the Nutzwertanalyse and undone', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  await openRounds(page);
  await expect(page.getByText('Noch keine Bewertungsrunde.')).toBeVisible();
  await audit(page, 'rounds-empty', { fullPage: true });

  // Create a round by keyboard only.
  const roundName = page.getByLabel('Name der Runde');
  await tabTo(page, roundName);
  await page.keyboard.type('Frühjahr 2026');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Runde „Frühjahr 2026“' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'angelegt' })).toContainText('Bewertungsrunde „Frühjahr 2026“ angelegt: 12 Maßnahmen, 6 Kriterien.');
  expect(scalar(workbench, 'SELECT COUNT(*) FROM rounds')).toBe(1);

  await addRater(page, 'Fachdienst Integration', 'Verwaltung');
  await addRater(page, 'Beirat MI', 'Beirat für Migration und Integration');
  await expect(page.getByRole('row', { name: /^Beirat MI /u })).toContainText('noch nicht zurück');
  expect(scalar(workbench, 'SELECT COUNT(*) FROM round_raters')).toBe(2);
  await tabTo(page, page.getByRole('button', { name: 'Bogen herunterladen für Beirat MI' }));
  await audit(page, 'rounds-raters', { fullPage: true });

  // The sheets: real XLSX, filled in as the raters would. Measure 3 × criterion 2 splits the groups most.
  const d1 = await downloadSheet(page, 'Fachdienst Integration');
  expect(d1.suggestedFilename()).toBe('Bewertungsbogen – Frühjahr 2026 – Fachdienst Integration.xlsx');
  const s1 = await fill(d1, (m, c) => (m === 2 && c === 1 ? 1 : 3));
  const d2 = await downloadSheet(page, 'Beirat MI');
  const s2 = await fill(d2, (m, c) => (m === 2 && c === 1 ? 10 : 5));
  expect(s1.codes).toHaveLength(12);
  expect(s1.criteria).toHaveLength(6);

  // Checked first: nothing written until "Bogen einlesen".
  const before = changes(workbench);
  await tabTo(page, page.getByLabel('Bewertungsbogen (.xlsx)'));
  await chooseSheet(page, 'fachdienst.xlsx', s1.buffer);
  await expect(page.getByRole('status').filter({ hasText: /^Bogen von/u })).toHaveText('Bogen von „Fachdienst Integration“ (Verwaltung): 72 Bewertungen, 0 Felder leer.');
  expect(changes(workbench)).toBe(before);
  await audit(page, 'rounds-check', { fullPage: true });
  await expect(page.getByText('Gewählte Datei: fachdienst.xlsx')).toBeVisible();
  await page.getByRole('button', { name: 'Bogen einlesen' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'eingelesen:' })).toContainText('Bewertungsbogen von „Fachdienst Integration“ eingelesen: 72 Bewertungen.');
  // The next sheet is chosen from the file field, which has the focus again.
  await expect(page.getByLabel('Bewertungsbogen (.xlsx)')).toBeFocused();
  await chooseSheet(page, 'beirat.xlsx', s2.buffer);
  await expect(page.getByRole('status').filter({ hasText: /^Bogen von/u })).toContainText('Bogen von „Beirat MI“ (Beirat für Migration und Integration): 72 Bewertungen');
  await page.getByRole('button', { name: 'Bogen einlesen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'eingelesen:' })).toContainText('Bewertungsbogen von „Beirat MI“ eingelesen');
  expect(ratings(workbench)).toBe(144);
  await expect(page.getByRole('row', { name: /^Beirat MI /u })).toContainText('72 Bewertungen');

  // The aggregate: the largest disagreement first, median of 1 and 10 = 5,5; the others 3 and 5 → 4.
  const table = page.getByRole('table', { name: /^Bewertungen je Maßnahme und Kriterium – größter Abstand/u });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Maßnahme', 'Kriterium', 'Median', 'Mittlere Hälfte (Q1–Q3)', 'Spanne', 'Anzahl', 'Median Verwaltung', 'Median Beirat für Migration und Integration', 'Abstand der Gruppen',
  ]);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(72);
  await expect(page.getByText(/^144 Bewertungen aus 2 Bögen\./u)).toContainText('(72 Punkte auf der Agenda). Median bei gerader Anzahl');
  const first = rows.first();
  await expect(first.getByRole('rowheader')).toContainText(s1.codes[2]);
  await expect(first.locator('td')).toHaveText([s1.criteria[1], '5,5', '3,25–7,75', '1–10', '2', '1', '10', '9 (Beirat für Migration und Integration höher als Verwaltung)']);
  await expect(rows.nth(1).getByRole('rowheader')).toContainText(s1.codes[0]);
  await expect(rows.nth(1).locator('td').nth(1)).toHaveText('4');
  await tabTo(page, page.getByRole('region', { name: /^Bewertungen je Maßnahme und Kriterium/u }));
  await audit(page, 'rounds-aggregate', { fullPage: true });

  // A sheet of another round, read in on this round's page: refused, nothing changes.
  await page.getByLabel('Name der Runde').fill('Herbst');
  await page.getByRole('button', { name: 'Runde anlegen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde „Herbst“' })).toBeVisible();
  await addRater(page, 'Verein Y', 'Zivilgesellschaft');
  const other = await fill(await downloadSheet(page, 'Verein Y'), () => 7);
  await page.getByRole('link', { name: 'Frühjahr 2026' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde „Frühjahr 2026“' })).toBeVisible();
  const unchanged = changes(workbench);
  await chooseSheet(page, 'verein.xlsx', other.buffer);
  await expect(page.getByRole('alert')).toContainText('Dieser Bewertungsbogen gehört zur Bewertungsrunde „Herbst“, nicht zu „Frühjahr 2026“; es wird nichts geändert.');
  await expect(page.getByRole('button', { name: 'Bogen einlesen' })).toHaveCount(0);
  await audit(page, 'rounds-refused', { fullPage: true });
  expect(changes(workbench)).toBe(unchanged);
  expect(ratings(workbench)).toBe(144);

  // The other round deleted (with a confirmation): its sheet is refused by the backend's check.
  await page.getByRole('link', { name: 'Zur Runde „Herbst“' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde „Herbst“' })).toBeVisible();
  await page.getByRole('button', { name: 'Runde löschen…' }).click();
  await page.getByRole('dialog', { name: 'Bewertungsrunde löschen?' }).getByRole('button', { name: 'Löschen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde „Frühjahr 2026“' })).toBeVisible();
  expect(scalar(workbench, 'SELECT COUNT(*) FROM rounds')).toBe(1);
  const afterDelete = changes(workbench);
  await chooseSheet(page, 'verein.xlsx', other.buffer);
  await expect(page.getByRole('alert')).toContainText('Dieser Bogen kann nicht eingelesen werden; es wird nichts geändert.');
  await expect(page.getByRole('alert')).toContainText('Dieser Bewertungsbogen gehört zu einer Bewertungsrunde („Herbst“), die es in diesem Plan nicht (mehr) gibt.');
  expect(changes(workbench)).toBe(afterDelete);
  expect(ratings(workbench)).toBe(144);

  // The median into the Nutzwertanalyse, after a confirmation.
  const m3 = scalar<string>(workbench, 'SELECT id FROM measures WHERE code = ?', s1.codes[2]);
  const m1 = scalar<string>(workbench, 'SELECT id FROM measures WHERE code = ?', s1.codes[0]);
  const crit = (name: string) => scalar<string>(workbench, 'SELECT id FROM criteria WHERE name = ?', name);
  const score = (m: string, c: string) => scalar<number | undefined>(workbench, 'SELECT score FROM criterion_scores WHERE measure_id = ? AND criterion_id = ? AND rater = 1', m, c) ?? null;
  const old31 = score(m3, crit(s1.criteria[1]));
  const old10 = score(m1, crit(s1.criteria[0]));
  // The section links jump past the long table.
  await page.getByRole('navigation', { name: 'Abschnitte der Runde' }).getByRole('link', { name: 'In die Nutzwertanalyse übernehmen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'In die Nutzwertanalyse übernehmen' })).toBeFocused();
  await page.getByLabel('Welcher Wert?').selectOption({ label: 'Median aller Bewertungen' });
  await tabTo(page, page.getByRole('button', { name: 'Übernehmen…' }), { max: 4 });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'In die Nutzwertanalyse übernehmen?' });
  await expect(dialog).toContainText('für 72 Felder');
  await audit(page, 'rounds-apply-dialog');
  await dialog.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'in die Nutzwertanalyse übernommen' })).toContainText('Median aller Bewertungen in die Nutzwertanalyse übernommen');
  expect(score(m3, crit(s1.criteria[1]))).toBe(6);
  expect(score(m1, crit(s1.criteria[0]))).toBe(4);

  // Prioritäten shows the new values; undo puts the old ones back.
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: 'Prioritäten', exact: true }).click();
  const cell = (code: string, criterion: string) => page.getByRole('textbox', { name: `${code}, ${criterion}, Bewertung 1`, exact: true });
  await expect(cell(s1.codes[2], s1.criteria[1])).toHaveValue('6');
  await expect(cell(s1.codes[0], s1.criteria[0])).toHaveValue('4');
  const undo = page.getByRole('banner').getByRole('button', { name: /^Rückgängig/u });
  await expect(undo).toHaveAccessibleName(/Bewertungsrunde „Frühjahr 2026“ in die Nutzwertanalyse übernommen/u);
  await undo.click();
  await expect(cell(s1.codes[2], s1.criteria[1])).toHaveValue(old31 === null ? '' : String(old31));
  await expect(cell(s1.codes[0], s1.criteria[0])).toHaveValue(old10 === null ? '' : String(old10));
  expect(score(m3, crit(s1.criteria[1]))).toBe(old31);

  // The round's page after the undo equals a reload of it.
  await openRounds(page);
  await expect(rows.first().locator('td').nth(1)).toHaveText('5,5');
  const shown = await viewText(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde „Frühjahr 2026“' })).toBeVisible();
  await expect(rows).toHaveCount(72);
  expect(await viewText(page)).toBe(shown);
});

test('a group\'s median into the Nutzwertanalyse; undo and redo of an import, closing, removing a rater: the round shows what a reload shows', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  await openRounds(page);
  await page.getByLabel('Name der Runde').fill('Sommer');
  await page.getByRole('button', { name: 'Runde anlegen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde „Sommer“' })).toBeVisible();
  await addRater(page, 'Gemeinde Musterdorf', 'Gemeinden');
  const sheet = await fill(await downloadSheet(page, 'Gemeinde Musterdorf'), (m) => (m < 2 ? 8 : undefined));
  await chooseSheet(page, 'gemeinde.xlsx', sheet.buffer);
  await expect(page.getByRole('status').filter({ hasText: /^Bogen von/u })).toContainText('12 Bewertungen, 60 Felder leer.');
  await page.getByRole('button', { name: 'Bogen einlesen' }).click();
  const table = page.getByRole('table', { name: /^Bewertungen je Maßnahme und Kriterium/u });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(page.getByText('60 Felder ohne Bewertung sind nicht aufgeführt.')).toContainText('12 Bewertungen aus 1 Bogen. Noch nichts auf der Verhandlungsagenda: Dafür braucht es Bewertungen aus mindestens zwei Gruppen, deren Mediane auseinanderliegen. Median bei gerader Anzahl');
  const undo = page.getByRole('banner').getByRole('button', { name: /^Rückgängig/u });
  const redo = page.getByRole('banner').getByRole('button', { name: /^Wiederherstellen/u });

  // One group's median: the group must be chosen; 12 fields are written as whole scores.
  const m1 = scalar<string>(workbench, 'SELECT id FROM measures WHERE code = ?', sheet.codes[0]);
  const c1 = scalar<string>(workbench, 'SELECT id FROM criteria WHERE name = ?', sheet.criteria[0]);
  const score = () => scalar<number | undefined>(workbench, 'SELECT score FROM criterion_scores WHERE measure_id = ? AND criterion_id = ? AND rater = 1', m1, c1) ?? null;
  const old = score();
  await page.getByLabel('Welcher Wert?').selectOption({ label: 'Median einer Gruppe' });
  await page.getByRole('button', { name: 'Übernehmen…' }).click();
  await expect(page.getByRole('alert')).toHaveText('Bitte die Gruppe wählen, deren Median übernommen wird.');
  await page.getByRole('form', { name: 'Ergebnis übernehmen' }).getByLabel('Gruppe').selectOption({ label: 'Gemeinden' });
  await page.getByRole('button', { name: 'Übernehmen…' }).click();
  const dialog = page.getByRole('dialog', { name: 'In die Nutzwertanalyse übernehmen?' });
  await expect(dialog).toContainText('Der Median der Gruppe Gemeinden der Runde „Sommer“ wird für 12 Felder');
  await dialog.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'in die Nutzwertanalyse übernommen' })).toContainText('Median der Gruppe Gemeinden in die Nutzwertanalyse übernommen');
  expect(score()).toBe(8);
  await undo.click();
  await expect(undo).toHaveAccessibleName(/Bewertungsbogen von „Gemeinde Musterdorf“ eingelesen/u);
  expect(score()).toBe(old);

  // Undo and redo of the import; after each the page equals a reload.
  await undo.click();
  await expect(table).toHaveCount(0);
  await expect(page.getByText('Noch keine Bewertungen eingelesen.')).toBeVisible();
  await expect(page.getByRole('row', { name: /^Gemeinde Musterdorf /u })).toContainText('noch nicht zurück');
  expect(scalar(workbench, 'SELECT COUNT(*) FROM round_scores')).toBe(0);
  await redo.click();
  await expect(rows).toHaveCount(12);
  await expect(page.getByRole('row', { name: /^Gemeinde Musterdorf /u })).toContainText('12 Bewertungen');
  const shown = await viewText(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Runde „Sommer“' })).toBeVisible();
  await expect(rows).toHaveCount(12);
  expect(await viewText(page)).toBe(shown);

  // Closed: no sheet is read in; reopened: again.
  await page.getByRole('button', { name: 'Runde abschließen' }).click();
  await expect(page.getByRole('link', { name: 'Sommer' }).locator('..')).toContainText('(abgeschlossen, 1 von 1 Bogen zurück)');
  await expect(page.getByLabel('Bewertungsbogen (.xlsx)')).toHaveCount(0);
  await page.getByRole('button', { name: 'Runde wieder öffnen' }).click();
  await expect(page.getByLabel('Bewertungsbogen (.xlsx)')).toBeVisible();

  // Removing a rater asks first; undo brings the rater back with the sheet.
  await page.getByRole('button', { name: 'Entfernen aus der Runde: Gemeinde Musterdorf' }).click();
  await page.getByRole('dialog', { name: 'Bewertende Stelle entfernen?' }).getByRole('button', { name: 'Entfernen' }).click();
  await expect(page.getByRole('row', { name: /^Gemeinde Musterdorf /u })).toHaveCount(0);
  await expect(page.getByText('Noch keine Bewertungen eingelesen.')).toBeVisible();
  await undo.click();
  await expect(page.getByRole('row', { name: /^Gemeinde Musterdorf /u })).toContainText('12 Bewertungen');
  await expect(rows).toHaveCount(12);

  // Back to before the round: the page falls back to the empty state, as a reload would.
  await undo.click(); // reopen
  await expect(page.getByLabel('Bewertungsbogen (.xlsx)')).toHaveCount(0);
  await undo.click(); // close
  await expect(page.getByLabel('Bewertungsbogen (.xlsx)')).toBeVisible();
  await undo.click(); // import
  await expect(page.getByText('Noch keine Bewertungen eingelesen.')).toBeVisible();
  await undo.click(); // rater
  await expect(page.getByRole('row', { name: /^Gemeinde Musterdorf /u })).toHaveCount(0);
  await undo.click(); // round
  await expect(page.getByText('Noch keine Bewertungsrunde.')).toBeVisible();
  const empty = await viewText(page);
  await page.reload();
  await expect(page.getByText('Noch keine Bewertungsrunde.')).toBeVisible();
  expect(await viewText(page)).toBe(empty);
});
