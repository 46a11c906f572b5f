// A view never shows what is no longer true: after every kind of edit a view offers, and after undo
// and redo of it, the main region shows exactly what a freshly loaded window shows at the same place
// (same plan, same backend). The freshly loaded page is the "reload"; the edited page is left as it
// is, so a view that kept an old copy of the data fails here. Plus the two stale cases of issue 11.
import type { Browser, Page } from '@playwright/test';
import { expect, test, type Workbench } from './fixtures.ts';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { scalar } from './helpers.ts';
import { idOf } from './views-helpers.ts';

/** What the main region says: its text, with field values in place of the fields; live messages left out. */
async function mainText(page: Page, opts: { withoutHistory?: boolean } = {}): Promise<string> {
  return page.evaluate((withoutHistory) => {
    const main = document.querySelector('main');
    if (!main) return '';
    const clone = main.cloneNode(true) as HTMLElement;
    const src = [...main.querySelectorAll('input, select, textarea')];
    const dst = [...clone.querySelectorAll('input, select, textarea')];
    dst.forEach((el, i) => {
      const s = src[i] as HTMLInputElement;
      const v = s.type === 'checkbox' || s.type === 'radio' ? (s.checked ? '☑' : '☐') : s.value;
      el.replaceWith(document.createTextNode(` [${v}] `));
    });
    // Messages about the last action („… gespeichert.“) belong to that moment, not to the plan's state.
    clone.querySelectorAll('[role="status"], [role="alert"], [aria-live]').forEach((e) => e.remove());
    // Undo restores the data, while the sheet's Änderungsprotokoll grows by the undo itself.
    if (withoutHistory) clone.querySelectorAll('section').forEach((e) => { if (e.querySelector('h2')?.textContent?.trim() === 'Änderungsprotokoll') e.remove(); });
    return (clone.textContent ?? '').replace(/\s+/gu, ' ').trim();
  }, opts.withoutHistory === true);
}

/** The undo/redo controls' accessible names. */
async function undoLabels(page: Page): Promise<string[]> {
  const header = page.getByRole('banner');
  return Promise.all([/^Rückgängig/u, /^Wiederherstellen/u].map(async (n) => {
    const b = header.getByRole('button', { name: n });
    return `${await b.getAttribute('aria-label') ?? await b.innerText()} ${await b.isDisabled() ? '(aus)' : ''}`;
  }));
}

/** The same place opened in a new window, once it has loaded and stopped changing. */
async function freshState(browser: Browser, url: string): Promise<{ main: string; labels: string[] }> {
  const ctx = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1440, height: 900 } });
  const fresh = await ctx.newPage();
  try {
    await fresh.goto(url);
    await expect(fresh.locator('#main-heading:not([data-placeholder])')).toBeVisible();
    let last = '';
    // Settled: two reads 300 ms apart agree.
    await expect.poll(async () => {
      const now = await mainText(fresh);
      const same = now === last && now !== '';
      last = now;
      return same;
    }, { intervals: [300], timeout: 15_000 }).toBe(true);
    return { main: last, labels: await undoLabels(fresh) };
  } finally {
    await ctx.close();
  }
}

/** The open view shows what a reload would show (main region and the undo/redo labels). */
async function expectFresh(page: Page, browser: Browser, what: string): Promise<void> {
  const want = await freshState(browser, page.url());
  await expect.poll(() => mainText(page), { message: `${what}: main region as after reload`, timeout: 5_000 }).toBe(want.main);
  await expect.poll(() => undoLabels(page), { message: `${what}: undo/redo labels as after reload`, timeout: 5_000 }).toEqual(want.labels);
}

const undoButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Rückgängig/u });
const redoButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Wiederherstellen/u });

/** The edit, then undo, then redo: each time the view equals a fresh one. */
async function roundTrip(page: Page, browser: Browser, what: string, edit: () => Promise<void>): Promise<void> {
  const data = () => mainText(page, { withoutHistory: true });
  const before = await data();
  await edit();
  await expectFresh(page, browser, what);
  const after = await data();
  expect(after, `${what} changed the view`).not.toBe(before);
  await undoButton(page).click();
  await expect.poll(data, { message: `${what}: undo shows the state before` }).toBe(before);
  await expectFresh(page, browser, `${what}, undone`);
  await redoButton(page).click();
  await expect.poll(data, { message: `${what}: redo shows the edit again` }).toBe(after);
  await expectFresh(page, browser, `${what}, redone`);
}

// Each check opens a fresh window; 7 edits × 3 checks need more than the default minute.
test.describe.configure({ timeout: 240_000 });

async function openSheet(page: Page, workbench: Workbench, code: string) {
  await page.goto(`${workbench.url}#/massnahme/${idOf(workbench, code)}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
}

async function nav(page: Page, label: string) {
  const n = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await n.getByRole('link', { name: label, exact: true }).click();
  await expect(n.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('#main-heading:not([data-placeholder])')).toBeVisible();
}

test('Maßnahmenblatt: title, status, responsibility, step, budget line, indicator — each, its undo and redo show as after a reload', async ({ page, browser, workbench }) => {
  await openSheet(page, workbench, 'M-6.01');
  const form = page.locator('form.measure-form');
  const saved = (label: RegExp | string) => expect(page.locator('.auto-field', { has: page.getByLabel(label, { exact: typeof label === 'string' }) }).getByRole('status')).toHaveText('✓ gespeichert');

  await roundTrip(page, browser, 'title', async () => {
    await form.getByLabel(/^Titel/u).fill('Rufbus für Randlagen, Abende und Wochenenden');
    await form.getByLabel(/^Titel/u).press('Enter');
    await saved(/^Titel/u);
  });
  await roundTrip(page, browser, 'status', async () => {
    await form.getByLabel('Status', { exact: true }).selectOption({ label: 'zurückgestellt' });
    await saved('Status');
  });
  const resp = page.getByRole('region', { name: 'Zuständigkeiten' });
  await roundTrip(page, browser, 'responsibility', async () => {
    await resp.getByLabel('Akteur', { exact: true }).selectOption({ label: 'Jobcenter Musterland' });
    await resp.getByLabel('Rolle', { exact: true }).selectOption('zu-informieren');
    await resp.getByRole('button', { name: 'Zuständigkeit hinzufügen' }).click();
    await expect(resp.getByRole('combobox', { name: 'Rolle von Jobcenter Musterland' })).toHaveValue('zu-informieren');
    // The empty add form keeps the last role chosen (a convenience, not plan data): put it back as a fresh window shows it.
    await resp.getByLabel('Rolle', { exact: true }).selectOption('mitwirkend');
  });
  const steps = page.getByRole('region', { name: 'Umsetzungsschritte' });
  await roundTrip(page, browser, 'milestone', async () => {
    await steps.getByLabel('Schritt', { exact: true }).fill('Fahrgastbefragung ausgewertet');
    await steps.getByRole('button', { name: 'Schritt hinzufügen' }).click();
    await expect(steps).toContainText('Fahrgastbefragung ausgewertet');
  });
  const budget = page.getByRole('region', { name: 'Budget' });
  await roundTrip(page, browser, 'budget line', async () => {
    await budget.getByLabel('Jahr').fill('2028');
    await budget.getByLabel('Betrag in €').fill('7.654,32');
    await budget.getByRole('button', { name: 'Budgetposition hinzufügen' }).click();
    await expect(budget.getByRole('status')).toContainText('hinzugefügt');
    // The add form keeps the year for the next line (a convenience): back to the default a fresh window shows.
    await budget.getByLabel('Jahr').fill('2027');
  });
  const ind = page.getByRole('region', { name: 'Erfolgsindikatoren' });
  await roundTrip(page, browser, 'indicator', async () => {
    await ind.getByLabel('Indikator', { exact: true }).fill('Fahrten am Wochenende');
    await ind.getByRole('button', { name: 'Indikator hinzufügen' }).click();
    await expect(ind).toContainText('Fahrten am Wochenende');
  });

  // The table and the Finanzen view after all that: as after a reload.
  await nav(page, 'Maßnahmen');
  await expectFresh(page, browser, 'Maßnahmen after the sheet edits');
  await nav(page, 'Finanzen');
  await expectFresh(page, browser, 'Finanzen after the sheet edits');
});

test('Maßnahmen: a new measure, its undo and redo show in the table as after a reload', async ({ page, browser, workbench }) => {
  await nav(page, 'Maßnahmen');
  const before = await mainText(page);
  await page.getByRole('link', { name: 'Neue Maßnahme' }).click();
  const form = page.locator('form.measure-form');
  await form.getByLabel(/^Titel/u).fill('Sprachmittlerpool für Behördengänge');
  await form.getByRole('button', { name: 'Maßnahme anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sprachmittlerpool');
  await expectFresh(page, browser, 'sheet of the new measure');
  await nav(page, 'Maßnahmen');
  await expect(page.getByRole('table', { name: /Maßnahmen des Plans/u })).toContainText('Sprachmittlerpool für Behördengänge');
  await expectFresh(page, browser, 'table with the new measure');
  const after = await mainText(page);
  await undoButton(page).click();
  await expect.poll(() => mainText(page)).toBe(before);
  await expectFresh(page, browser, 'table, creation undone');
  await redoButton(page).click();
  await expect.poll(() => mainText(page)).toBe(after);
  await expectFresh(page, browser, 'table, creation redone');
  expect(scalar(workbench, "SELECT COUNT(*) FROM measures WHERE title = 'Sprachmittlerpool für Behördengänge'")).toBe(1);
});

test('Prioritäten: a score, its undo and redo; the undo label names the score step at once', async ({ page, browser, workbench }) => {
  await nav(page, 'Prioritäten');
  const cell = page.getByRole('textbox', { name: 'M-3.01, Wirkung auf Teilhabe und Zusammenhalt, Bewertung 1' });
  await roundTrip(page, browser, 'score', async () => {
    await cell.fill('10');
    await cell.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert: M-3.01' })).toBeVisible();
    // Stale case 2: the undo control names this step, not an older one.
    await expect(undoButton(page)).toHaveAccessibleName(/^Rückgängig: .*M-3\.01/u);
  });
  expect(scalar(workbench, "SELECT score FROM criterion_scores s JOIN measures m ON m.id = s.measure_id WHERE m.code = 'M-3.01' AND criterion_id = 'wirkung-teilhabe-zusammenhalt' AND rater = 1")).toBe(10);
});

test('Finanzplan: a Haushaltsrahmen, undone, shows the old amount; saving again does not bring the undone value back', async ({ page, browser, workbench }) => {
  await nav(page, 'Finanzplan');
  const frame2027 = page.getByRole('textbox', { name: 'Haushaltsrahmen 2027 in Euro' });
  const stored = () => scalar(workbench, 'SELECT amount_cents FROM budget_frames WHERE year = 2027');
  await expect(frame2027).toHaveValue('330.000,00');
  await roundTrip(page, browser, 'Haushaltsrahmen', async () => {
    await frame2027.fill('410.000');
    await page.getByRole('button', { name: 'Haushaltsrahmen speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Haushaltsrahmen 2027 gespeichert.' })).toBeVisible();
    // Stale case 2: the undo control names the frames step at once.
    await expect(undoButton(page)).toHaveAccessibleName(/^Rückgängig: .*Haushaltsrahmen/u);
  });
  expect(stored()).toBe(41_000_000);

  // Stale case 1: undo, then save the row again — the undone 410.000 must not come back.
  await undoButton(page).click();
  await expect(frame2027).toHaveValue('330.000,00');
  expect(stored()).toBe(33_000_000);
  await page.getByRole('button', { name: 'Haushaltsrahmen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Haushaltsrahmen sind unverändert.' })).toBeVisible();
  expect(stored()).toBe(33_000_000);
  await expect(frame2027).toHaveValue('330.000,00');
  await expectFresh(page, browser, 'Finanzplan after undo and save');
});

test('changed elsewhere: a write by another client shows once the window gets the focus back', async ({ page, browser, workbench }) => {
  const other = createClient(createHandlers(workbench.session));
  await openSheet(page, workbench, 'M-6.01');
  await nav(page, 'Maßnahmen');
  const row = page.getByRole('table', { name: /Maßnahmen des Plans/u }).locator('tbody tr').filter({ hasText: 'M-6.01' });
  await expect(row).toContainText('Rufbus für Randlagen und Abendstunden');
  await other['measures.update']({ id: idOf(workbench, 'M-6.01'), patch: { title: 'Rufbus, von anderswo umbenannt' } });
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(row).toContainText('Rufbus, von anderswo umbenannt');
  await expectFresh(page, browser, 'table after a change elsewhere');
});
