// One save model: every Maßnahmenblatt field saves on blur or Enter and says so; typed text is
// never lost when the planner clicks another view, opens another plan or closes the window; a
// title over the limit shows a counter and a German message and is never cut.
import { expect, test } from './fixtures.ts';
import { scalar } from './helpers.ts';

async function openSheet(page: import('@playwright/test').Page, code: string) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Maßnahmen', exact: true }).click();
  await page.getByRole('link', { name: new RegExp(`^${code}\\b`, 'u') }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
}

test('typed text survives clicking another view: it is saved, and says "gespeichert"', async ({ page, workbench }) => {
  await openSheet(page, 'M-3.01');
  const goal = page.getByLabel('Ziel', { exact: true });
  const text = 'Jede Gemeinde hat bis 2028 einen festen Termin im Jahresdialog.';
  await goal.fill(text);
  await expect(page.locator('.auto-field', { has: goal }).getByRole('status')).toHaveText(/nicht gespeichert/u);
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toContainText('1 Eingabe nicht gespeichert');
  // Straight to another view, without leaving the field first.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Akteure', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Akteure' })).toBeVisible();
  await expect.poll(() => scalar<string>(workbench, "SELECT goal FROM measures WHERE code = 'M-3.01'")).toBe(text);
  await page.goBack();
  await expect(page.getByLabel('Ziel', { exact: true })).toHaveValue(text);

  // Enter in a one-line field saves it and says so.
  const code = page.getByLabel(/^Nummer/u);
  await code.fill('M-3.09');
  await code.press('Enter');
  await expect(page.locator('.auto-field', { has: code }).getByRole('status')).toHaveText(/^✓ gespeichert$/u);
  expect(scalar(workbench, "SELECT COUNT(*) FROM measures WHERE code = 'M-3.09'")).toBe(1);
});

test('a title over the limit shows a counter and a German message, is not cut, not saved, and leaving asks first', async ({ page, workbench }) => {
  await openSheet(page, 'M-3.01');
  const before = scalar<string>(workbench, "SELECT title FROM measures WHERE code = 'M-3.01'");
  const title = page.getByLabel(/^Titel/u);
  const long = `${'Jahresdialog Zusammenhalt '.repeat(8)}mit allen Gemeinden`; // 227 characters
  await title.fill(long);
  await expect(title).toHaveValue(long); // nothing cut
  const field = page.locator('.auto-field', { has: title });
  await expect(field.locator('.counter')).toHaveText(`${long.length} / 200 Zeichen – zu lang`);
  await expect(field.getByRole('alert')).toHaveText(`Titel: höchstens 200 Zeichen – ${long.length - 200} zu viel. Bitte kürzen; es wird nichts abgeschnitten.`);
  await title.press('Enter');
  expect(scalar<string>(workbench, "SELECT title FROM measures WHERE code = 'M-3.01'")).toBe(before);

  // Clicking another view: it cannot be saved, so the planner is asked.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Finanzen', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Eingaben nicht gespeichert' });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('Titel');
  await ask.getByRole('button', { name: 'Zurück zur Eingabe' }).click();
  await expect(title).toBeFocused();
  await expect(title).toHaveValue(long);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('M-3.01');
  expect(new URL(page.url()).hash).toMatch(/^#\/massnahme\//u);

  // Shortened: saved on blur.
  const ok = long.slice(0, 200);
  await title.fill(ok);
  await expect(field.locator('.counter')).toHaveText('200 / 200 Zeichen');
  await title.blur();
  await expect.poll(() => scalar<string>(workbench, "SELECT title FROM measures WHERE code = 'M-3.01'")).toBe(ok.trim());
});

test('the backend refuses a too long title with a German message and nothing cut', async ({ workbench }) => {
  const api = (await import('../../electron/backend/backend.ts')).createClient((await import('../../electron/backend/backend.ts')).createHandlers(workbench.session));
  const m = (await api['measures.list']({}))[0];
  await expect(api['measures.update']({ id: m.id, patch: { title: 'x'.repeat(201) } })).rejects.toThrow('Titel: höchstens 200 Zeichen (eingegeben: 201). Es wird nichts abgeschnitten; bitte kürzen.');
  expect(scalar<string>(workbench, 'SELECT title FROM measures WHERE id = ?', m.id)).toBe(m.title);
});

test('opening another plan with unsaved input asks first; discarding goes on, staying keeps the text', async ({ page, workbench }) => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Maßnahmen', exact: true }).click();
  await page.getByRole('link', { name: 'Neue Maßnahme' }).click();
  const title = page.getByLabel(/^Titel/u);
  await title.fill('Sprachcafé im Mehrgenerationenhaus');
  // "Demoplan anlegen…" would replace the open plan.
  await page.getByRole('button', { name: 'Demoplan anlegen…' }).click();
  const ask = page.getByRole('dialog', { name: 'Eingaben nicht gespeichert' });
  await expect(ask).toContainText('Neue Maßnahme „Sprachcafé im Mehrgenerationenhaus“ (noch nicht angelegt)');
  await ask.getByRole('button', { name: 'Zurück zur Eingabe' }).click();
  await expect(page.getByRole('dialog', { name: 'Demoplan anlegen' })).toHaveCount(0);
  await expect(title).toHaveValue('Sprachcafé im Mehrgenerationenhaus');

  await page.getByRole('button', { name: 'Demoplan anlegen…' }).click();
  await ask.getByRole('button', { name: 'Verwerfen und wechseln' }).click();
  await expect(page.getByRole('dialog', { name: 'Demoplan anlegen' })).toBeVisible();
  expect(scalar(workbench, "SELECT COUNT(*) FROM measures WHERE title LIKE 'Sprachcafé%'")).toBe(0);
});

test('closing the window with unsaved input asks (beforeunload) and saves what it can', async ({ page, workbench }) => {
  await openSheet(page, 'M-3.01');
  const notes = page.getByLabel('Notizen', { exact: true });
  await notes.fill('Vor dem Schließen getippt.');
  let asked = false;
  page.on('dialog', (d) => { asked = d.type() === 'beforeunload'; void d.dismiss(); });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe(true);
  await expect.poll(() => scalar<string>(workbench, "SELECT notes FROM measures WHERE code = 'M-3.01'")).toBe('Vor dem Schließen getippt.');
});

test('after creating a measure the full Maßnahmenblatt opens with the focus on the next field', async ({ page, workbench }) => {
  expect(workbench.url).toBeTruthy();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Maßnahmen', exact: true }).click();
  await page.getByRole('link', { name: 'Neue Maßnahme' }).click();
  await page.getByLabel(/^Titel/u).fill('Sprachcafé im Mehrgenerationenhaus');
  await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sprachcafé im Mehrgenerationenhaus');
  await expect(page.getByRole('region', { name: 'Umsetzungsschritte' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Erfolgsindikatoren' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Zuständigkeiten' }).getByLabel('Akteur', { exact: true })).toBeFocused();
});

test('"Zur Tabelle springen" reaches the first table row in three key presses; the favicon is shipped', async ({ page, workbench }) => {
  await page.goto(`${workbench.url}#/massnahmen`);
  await page.reload(); // a fresh page: the first Tab starts at the top
  await expect(page.locator('#main table tbody tr').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zur Tabelle springen' })).toBeFocused();
  await page.keyboard.press('Enter');
  const firstRow = page.locator('#main table tbody tr').first();
  expect(await firstRow.evaluate((row) => row.contains(document.activeElement))).toBe(true);
  const icon = await page.request.get(`${workbench.url}favicon.svg`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
});

test('a half-typed Umsetzungsschritt is not lost silently: leaving the view asks', async ({ page, workbench }) => {
  await openSheet(page, 'M-3.01');
  const steps = page.getByRole('region', { name: 'Umsetzungsschritte' });
  await steps.getByLabel('Schritt', { exact: true }).fill('Einladung an alle Bürgermeister');
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Zeitplan', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Eingaben nicht gespeichert' });
  await expect(ask).toContainText('Neuer Umsetzungsschritt (nicht hinzugefügt)');
  await ask.getByRole('button', { name: 'Zurück zur Eingabe' }).click();
  await expect(steps.getByLabel('Schritt', { exact: true })).toHaveValue('Einladung an alle Bürgermeister');
  await expect(steps.getByLabel('Schritt', { exact: true })).toBeFocused();
  await steps.getByRole('button', { name: 'Schritt hinzufügen' }).click();
  await expect(steps.getByRole('row', { name: /Einladung an alle Bürgermeister/u })).toBeVisible();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Zeitplan', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zeitplan' })).toBeVisible();
  expect(scalar(workbench, "SELECT COUNT(*) FROM milestones WHERE title = 'Einladung an alle Bürgermeister'")).toBe(1);
});
