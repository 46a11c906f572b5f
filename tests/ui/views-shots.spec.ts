// Screenshots of the Maßnahmenblatt and the overview views for a human look (UI_SHOTS=1 or a folder).
import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

const SHOTS = process.env.UI_SHOTS ? (process.env.UI_SHOTS === '1' ? '/tmp/ui-shots' : process.env.UI_SHOTS) : null;

test('screenshots of the new views', async ({ page, workbench }) => {
  expect(workbench.session.isOpen).toBe(true);
  test.skip(!SHOTS, 'only with UI_SHOTS');
  mkdirSync(SHOTS!, { recursive: true });
  const shot = async (name: string, fullPage = false) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(page.getByRole('heading', { level: 1, name: 'Plan' })).toBeVisible();
  await nav.getByRole('link', { name: 'Maßnahmen', exact: true }).click();
  await page.getByRole('link', { name: 'M-4.01' }).click();
  await expect(page.getByRole('region', { name: /Umsetzungsschritte/u })).toBeVisible();
  await shot('s1-blatt');
  await shot('s1-blatt-full', true);
  await page.getByRole('navigation', { name: 'Abschnitte der Maßnahme' }).getByRole('button', { name: /Umsetzungsschritte/u }).click();
  await shot('s1-blatt-schritte');
  await page.getByRole('navigation', { name: 'Abschnitte der Maßnahme' }).getByRole('button', { name: /Abhängigkeiten/u }).click();
  await shot('s1-blatt-abhaengigkeiten');
  await page.getByRole('navigation', { name: 'Abschnitte der Maßnahme' }).getByRole('button', { name: /Zuständigkeiten/u }).click();
  await shot('s1-blatt-zustaendigkeiten');
  for (const [label, name] of [['Auslastung', 's2-auslastung'], ['Zuständigkeiten', 's3-matrix'], ['Abdeckung', 's4-abdeckung'], ['Fragen', 's5-fragen'], ['Zeitplan', 's6-zeitplan'], ['Protokoll', 's7-protokoll']] as const) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await expect(page.locator('#main-heading:not([data-placeholder])')).toBeVisible();
    await page.waitForTimeout(300);
    await shot(name);
  }
});
