// Editing in the measures table: inline edits of status, verantwortliche Stelle and Zeitraum go
// through the same backend rules as the form (a refusal is shown and changes nothing); a selection
// is changed in one step that one undo reverts; and all of it works by keyboard alone.
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { expect, test } from './fixtures.ts';
import { inPlan, openView, scalar, tabTo } from './helpers.ts';

const statusOf = (workbench: Parameters<typeof scalar>[0], code: string) => scalar<string>(workbench, 'SELECT status FROM measures WHERE code = ?', code);
const responsibleOf = (workbench: Parameters<typeof scalar>[0], code: string) => scalar<string | undefined>(workbench,
  "SELECT a.name FROM measures m JOIN responsibilities r ON r.measure_id = m.id AND r.role = 'verantwortlich' JOIN actors a ON a.id = r.actor_id WHERE m.code = ?", code);

test('inline edits persist; a refused one shows the backend message and changes nothing', async ({ page, workbench }) => {
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  const row = (code: string) => table.locator('tbody tr').filter({ has: page.getByRole('link', { name: code, exact: true }) });
  const alert = page.getByRole('main').getByRole('alert');

  // Status: click the cell, choose, Enter.
  await row('M-1.02').locator('[data-col="status"]').click();
  const status = page.getByLabel('Status von M-1.02');
  await expect(status).toBeFocused();
  await status.selectOption({ label: 'beschlossen' });
  await status.press('Enter');
  await expect(row('M-1.02').locator('[data-col="status"]')).toHaveText('beschlossen');
  await expect(row('M-1.02').locator('[data-col="status"]')).toBeFocused();
  // The cell shows the new value while it is being saved; the file follows.
  await expect.poll(() => statusOf(workbench, 'M-1.02')).toBe('beschlossen');

  // Verantwortliche Stelle: Tab commits and moves on; the former one stays as mitwirkend.
  await row('M-1.01').locator('[data-col="responsible"]').click();
  await page.getByLabel('Verantwortliche Stelle von M-1.01').selectOption({ label: 'Jobcenter Musterland' });
  await page.keyboard.press('Tab');
  await expect(row('M-1.01').locator('[data-col="responsible"]')).toHaveText('Jobcenter Musterland');
  await expect(row('M-1.01').locator('[data-col="period"]')).toBeFocused();
  await expect.poll(() => responsibleOf(workbench, 'M-1.01')).toBe('Jobcenter Musterland');
  expect(scalar<string>(workbench, "SELECT r.role FROM responsibilities r JOIN measures m ON m.id = r.measure_id JOIN actors a ON a.id = r.actor_id WHERE m.code = 'M-1.01' AND a.name = 'Stabsstelle Integration und Teilhabe'")).toBe('mitwirkend');

  // Zeitraum: four fields, Enter commits.
  await row('M-3.01').locator('[data-col="period"]').click();
  const period = page.getByRole('group', { name: 'Zeitraum von M-3.01' });
  await period.getByLabel('Beginn Jahr').fill('2027');
  await period.getByLabel('Beginn Quartal').selectOption('2');
  await period.getByLabel('Ende Jahr').fill('2028');
  await period.getByLabel('Ende Quartal').selectOption('1');
  await page.keyboard.press('Enter');
  await expect(row('M-3.01').locator('[data-col="period"]')).toHaveText('Q2/2027 – Q1/2028');
  await expect.poll(() => inPlan(workbench, (db) => db.prepare("SELECT start_year, start_quarter, end_year, end_quarter FROM measures WHERE code = 'M-3.01'").get()))
    .toEqual({ start_year: 2027, start_quarter: 2, end_year: 2028, end_quarter: 1 });
  await expect(alert).toHaveCount(0);

  // Refused by the backend: the end before the start.
  await row('M-3.01').locator('[data-col="period"]').click();
  await period.getByLabel('Ende Jahr').fill('2026');
  await page.keyboard.press('Enter');
  await expect(alert).toHaveText('M-3.01: Das Ende der Laufzeit liegt vor dem Beginn.');
  await expect(row('M-3.01').locator('[data-col="period"]')).toHaveText('Q2/2027 – Q1/2028');
  expect(scalar(workbench, "SELECT end_year FROM measures WHERE code = 'M-3.01'")).toBe(2028);

  // Refused: past Idee without a verantwortliche Stelle (the same rule as in the form).
  const before = scalar<string>(workbench, "SELECT updated_at FROM measures WHERE code = 'M-4.02'");
  await row('M-4.02').locator('[data-col="status"]').click();
  await page.getByLabel('Status von M-4.02').selectOption({ label: 'in Planung' });
  await page.keyboard.press('Enter');
  await expect(alert).toContainText('M-4.02: Für den Status „in Planung“ braucht die Maßnahme genau eine verantwortliche Stelle.');
  await expect(row('M-4.02').locator('[data-col="status"]')).toHaveText('Idee');
  expect(statusOf(workbench, 'M-4.02')).toBe('idee');
  expect(scalar<string>(workbench, "SELECT updated_at FROM measures WHERE code = 'M-4.02'")).toBe(before);
});

test('a bulk edit of 3 rows is one undo step; a refused bulk edit changes none', async ({ page, workbench }) => {
  const api = createClient(createHandlers(workbench.session));
  const codes = ['M-1.01', 'M-1.02', 'M-2.01'];
  const original = Object.fromEntries(codes.map((c) => [c, statusOf(workbench, c)]));
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  const bar = page.getByRole('region', { name: 'Ausgewählte Maßnahmen bearbeiten' });

  // Click the first, Shift+click the third: the range in between is selected.
  await table.getByRole('checkbox', { name: 'M-1.01 auswählen' }).check();
  await table.getByRole('checkbox', { name: 'M-2.01 auswählen' }).click({ modifiers: ['Shift'] });
  await expect(table.getByRole('checkbox', { name: 'M-1.02 auswählen' })).toBeChecked();
  await expect(bar).toContainText('3 Maßnahmen ausgewählt');
  await expect(table.getByRole('checkbox', { name: 'Alle angezeigten Maßnahmen auswählen' })).not.toBeChecked();

  await bar.getByLabel('Neuer Status für die Auswahl').selectOption({ label: 'beschlussreif' });
  await bar.getByRole('button', { name: 'Status setzen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 Maßnahmen geändert: Status „beschlussreif“.' })).toBeVisible();
  for (const c of codes) expect(statusOf(workbench, c)).toBe('beschlussreif');
  for (const c of codes) await expect(table.locator('tbody tr').filter({ hasText: c }).locator('[data-col="status"]')).toHaveText('beschlussreif');

  // One step: one undo reverts all three.
  const status = await api['history.status']({});
  expect(status.undo?.summary).toMatch(/3 Maßnahmen gemeinsam geändert/u);
  await api['history.undo']({});
  for (const c of codes) expect(statusOf(workbench, c)).toBe(original[c]);
  await page.reload();
  await openView(page, 'Maßnahmen');
  for (const c of codes) {
    await expect(table.locator('tbody tr').filter({ hasText: c }).locator('[data-col="status"]')).toHaveText(original[c] === 'in-umsetzung' ? 'in Umsetzung' : original[c]);
  }

  // All or nothing: one measure without verantwortliche Stelle stops the whole change.
  for (const c of [...codes, 'M-4.02']) await table.getByRole('checkbox', { name: `${c} auswählen` }).check();
  await bar.getByLabel('Neuer Status für die Auswahl').selectOption({ label: 'in Planung' });
  await bar.getByRole('button', { name: 'Status setzen' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('M-4.02:');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Es wurde keine der ausgewählten Maßnahmen geändert.');
  for (const c of codes) expect(statusOf(workbench, c)).toBe(original[c]);
  expect(statusOf(workbench, 'M-4.02')).toBe('idee');

  // Verantwortlich setzen for the same four: M-4.02 gets one, the others change theirs.
  await bar.getByLabel('Neue verantwortliche Stelle für die Auswahl').selectOption({ label: 'Gemeinde Lindenau' });
  await bar.getByRole('button', { name: 'Verantwortlich setzen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '4 Maßnahmen geändert' })).toBeVisible();
  for (const c of [...codes, 'M-4.02']) expect(responsibleOf(workbench, c)).toBe('Gemeinde Lindenau');
  await bar.getByRole('button', { name: 'Auswahl aufheben' }).click();
  await expect(bar).toBeHidden();
});

test('keyboard only: arrows move between cells, Enter edits, Escape cancels, Enter commits', async ({ page, workbench }) => {
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  const cell = (code: string, col: string) => table.locator('tbody tr').filter({ has: page.getByRole('link', { name: code, exact: true }) }).locator(`[data-col="${col}"]`);

  // One tab stop in the body: the number of the first row.
  await tabTo(page, table.getByRole('link', { name: 'M-1.01' }));
  await page.keyboard.press('ArrowRight');
  await expect(cell('M-1.01', 'title')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(cell('M-1.01', 'status')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cell('M-1.02', 'status')).toBeFocused();
  await expect(cell('M-1.02', 'status')).toHaveAttribute('tabindex', '0');
  await expect(cell('M-1.01', 'status')).toHaveAttribute('tabindex', '-1');

  // Enter edits, Escape cancels: nothing changes.
  await page.keyboard.press('Enter');
  const editor = page.getByLabel('Status von M-1.02');
  await expect(editor).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(cell('M-1.02', 'status')).toBeFocused();
  await expect(cell('M-1.02', 'status')).toHaveText('beschlussreif');
  expect(statusOf(workbench, 'M-1.02')).toBe('beschlussreif');

  // Enter edits, the arrow picks the next status, Enter commits.
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(cell('M-1.02', 'status')).toHaveText('beschlossen');
  await expect(cell('M-1.02', 'status')).toBeFocused();
  await expect.poll(() => statusOf(workbench, 'M-1.02')).toBe('beschlossen');
  await expect(page.getByRole('status').filter({ hasText: 'M-1.02: Status „beschlossen“ gespeichert.' })).toBeVisible();

  // Ctrl+Z is the workbench's undo: the plan reverts and the table follows at once.
  await page.keyboard.press('Control+z');
  await expect(cell('M-1.02', 'status')).toHaveText('beschlussreif');
  expect(statusOf(workbench, 'M-1.02')).toBe('beschlussreif');
  await expect(cell('M-1.02', 'status')).toBeFocused();

  // Up from the first row reaches the column headers, Down comes back.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(table.getByRole('columnheader', { name: /^Status/u }).getByRole('button')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cell('M-1.01', 'status')).toBeFocused();

  // End/Home, Ctrl+End; Enter on the title opens the measure.
  await page.keyboard.press('End');
  await expect(cell('M-1.01', 'totalCents')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(table.getByRole('checkbox', { name: 'M-1.01 auswählen' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(table.getByRole('checkbox', { name: 'M-1.01 auswählen' })).toBeChecked();
  await page.keyboard.press('Control+End');
  await expect(cell('M-7.02', 'totalCents')).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(cell('M-7.02', 'title')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('M-7.02');
});
