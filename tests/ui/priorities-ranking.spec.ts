// Prioritäten in the browser against the real backend on the demo plan: the ranking with its
// Teilnutzen and markers, weights with a live sum that must be 100, ranks that change when the
// weights do, scores in the grid, keyboard use, and axe on the view.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { scalar, tabTo } from './helpers.ts';

const SHOTS = process.env.UI_SHOTS ? (process.env.UI_SHOTS === '1' ? '/tmp/ui-shots' : process.env.UI_SHOTS) : null;

async function audit(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(found, `axe violations on ${name}`).toEqual([]);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
    const panels = page.locator('main section.panel');
    for (let i = 0; i < Math.min(await panels.count(), 6); i++) await panels.nth(i).screenshot({ path: `${SHOTS}/${name}-${i + 1}.png` });
  }
}

async function openPriorities(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: 'Prioritäten', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prioritäten' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Rangfolge der Maßnahmen nach Nutzwert' })).toBeVisible();
}

const ranking = (page: Page) => page.getByRole('table', { name: 'Rangfolge der Maßnahmen nach Nutzwert' });
const firstRanked = (page: Page) => ranking(page).locator('tbody tr').first();

test('the ranking shows Nutzwert, Teilnutzen in text and the markers with their reasons; axe finds nothing', async ({ page, workbench }) => {
  expect(workbench.session.isOpen).toBe(true);
  await openPriorities(page);
  const rows = ranking(page).locator('tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(firstRanked(page)).toContainText('M-2.01');
  await expect(firstRanked(page)).toContainText('8,55');
  // Teilnutzen as text, not only as a coloured bar: K1 = 30 × 9 / 100 = 2,70.
  await expect(firstRanked(page)).toContainText('K1 2,70');
  const rufbus = rows.filter({ hasText: 'M-6.01' });
  await expect(rufbus).toContainText('Bewertungen weichen ab');
  await expect(rufbus).toContainText('Umsetzbarkeit vor Ort: 5 und 2');
  await expect(rufbus).toContainText('Rang hängt an den Gewichten');
  await expect(rows.filter({ hasText: 'M-7.01' })).toContainText('fest eingeplant');
  await expect(page.getByRole('list', { name: 'Kriterien der Nutzwertanalyse' })).toContainText('Wirkung auf Teilhabe und Zusammenhalt (30 Punkte)');
  await audit(page, 'p1-prioritaeten');
});

test('weights: the live sum must be 100, saving changes the ranks, and undo brings them back', async ({ page, workbench }) => {
  await openPriorities(page);
  const sum = page.locator('.weight-sum');
  await expect(sum).toHaveText(/100 von 100 Punkten – stimmt\./u);
  const weight = (name: string) => page.getByRole('textbox', { name: `Gewicht von ${name} in Punkten` });
  await weight('Wirkung auf Teilhabe und Zusammenhalt').fill('0');
  await expect(sum).toHaveText(/70 von 100 Punkten – noch 30 Punkte zu verteilen\./u);
  await page.getByRole('button', { name: 'Kriterien und Gewichte speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Die Gewichte ergeben zusammen 70 statt 100 Punkte');
  expect(scalar(workbench, "SELECT weight FROM criteria WHERE id = 'wirkung-teilhabe-zusammenhalt'")).toBe(30);

  await weight('Beteiligung der Betroffenen').fill('40');
  await expect(sum).toHaveText(/100 von 100 Punkten – stimmt\./u);
  await page.getByRole('button', { name: 'Kriterien und Gewichte speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kriterien und Gewichte gespeichert' })).toBeVisible();
  // Participation weighs most now: M-1.01 (Beteiligung 10) leads with 0×7 + 15×6 + 15×7 + 15×8 + 40×10 + 15×7 = 820 → 8,20.
  await expect(firstRanked(page)).toContainText('M-1.01');
  await expect(firstRanked(page)).toContainText('8,20');
  expect(scalar(workbench, 'SELECT SUM(weight) FROM criteria')).toBe(100);
  expect(scalar(workbench, "SELECT weight FROM criteria WHERE id = 'beteiligung-betroffene'")).toBe(40);

  // Undo (Ctrl+Z is the shell's; here through the contract's log) restores the weights and the ranking.
  await page.evaluate(async () => {
    const token = document.querySelector('meta[name="werkbank-token"]')?.getAttribute('content') ?? '';
    await fetch('/api/history.undo', { method: 'POST', headers: { 'content-type': 'application/json', 'x-werkbank-token': token }, body: '{}' });
  });
  await page.reload();
  await openPriorities(page);
  await expect(firstRanked(page)).toContainText('M-2.01');
  expect(scalar(workbench, "SELECT weight FROM criteria WHERE id = 'beteiligung-betroffene'")).toBe(10);
});

test('scores in the grid: keyboard only, refused values in German, the rank follows', async ({ page, workbench }) => {
  await openPriorities(page);
  const grid = page.getByRole('table', { name: /Bewertungen je Maßnahme und Kriterium/u });
  const cell = grid.getByRole('textbox', { name: 'M-3.01, Wirkung auf Teilhabe und Zusammenhalt, Bewertung 1' });
  await expect(cell).toHaveValue('3');
  await tabTo(page, cell, { max: 200 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('11');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('M-3.01, „Wirkung auf Teilhabe und Zusammenhalt“: Bitte eine ganze Zahl von 0 bis 10 eintragen');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('status').filter({ hasText: 'Gespeichert: M-3.01, „Wirkung auf Teilhabe und Zusammenhalt“ = 10.' })).toBeVisible();
  expect(scalar(workbench, "SELECT score FROM criterion_scores s JOIN measures m ON m.id = s.measure_id WHERE m.code = 'M-3.01' AND criterion_id = 'wirkung-teilhabe-zusammenhalt' AND rater = 1")).toBe(10);
  // With the second rater (4, 2, 5, 9, 4, 5): K1 (10+4)/2 = 7, K4 8,5 → 210 + 30 + 75 + 127,5 + 40 + 75 = 557,5 → 5,58 (was 4,53).
  await expect(ranking(page).locator('tbody tr').filter({ hasText: 'M-3.01' })).toContainText('5,58');

  // Second rater: switch, clear a score (= not scored).
  await page.getByRole('radio', { name: 'Bewertung 2 (Zweitbewertung)' }).check();
  const second = grid.getByRole('textbox', { name: 'M-6.01, Umsetzbarkeit vor Ort, Bewertung 2' });
  await expect(second).toHaveValue('2');
  await second.fill('');
  await second.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Gespeichert: M-6.01, „Umsetzbarkeit vor Ort“ = nicht bewertet.' })).toBeVisible();
  await expect(ranking(page).locator('tbody tr').filter({ hasText: 'M-6.01' })).not.toContainText('Bewertungen weichen ab');
});
