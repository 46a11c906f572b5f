// Finanzplan, Optimierung and Szenarien in the browser against the real backend on the demo plan:
// frames edited per year, the optimiser's in/out lists with reasons, "Warum nicht?", what-if,
// fixed decisions, an infeasible frame explained, scenarios saved and compared; axe on each view.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { scalar } from './helpers.ts';

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

async function open(page: Page, label: 'Finanzplan' | 'Optimierung' | 'Szenarien') {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
}

const inPlan = (page: Page) => page.getByRole('table', { name: /^Im Plan \(/u });
const outOfPlan = (page: Page) => page.getByRole('table', { name: /^Nicht im Plan \(/u });

test('Optimierung: status, in/out with reasons, Warum nicht?, what-if; axe finds nothing', async ({ page, workbench }) => {
  expect(workbench.session.isOpen).toBe(true);
  await open(page, 'Optimierung');
  await expect(page.getByText('Status: optimal (bewiesen)')).toBeVisible();
  await expect(page.getByText('Bester Plan berechnet und bewiesen: 9 von 12 Maßnahmen, Gesamtnutzwert 62,18.')).toBeVisible();
  await expect(inPlan(page)).toHaveAccessibleName('Im Plan (9 Maßnahmen, Gesamtnutzwert 62,18)');
  await expect(inPlan(page).locator('tbody tr').filter({ hasText: 'M-7.01' })).toContainText('Fest eingeplant: Förderrichtlinie vom Kreistag beschlossen (KT/2026/014).');
  const rufbus = outOfPlan(page).locator('tbody tr').filter({ hasText: 'M-6.01' });
  await expect(rufbus).toContainText('kein Platz mehr im Rahmen');
  await expect(rufbus).toContainText('2027 fehlen 79.000,00 €');
  // Unused money per year.
  const use = page.getByRole('table', { name: 'Haushaltsrahmen und Eigenanteil der ausgewählten Maßnahmen' });
  await expect(use.getByRole('row', { name: /^ungenutzt/u })).toContainText('9.600,00 €');

  await page.getByRole('button', { name: 'Warum nicht? – M-1.02' }).click();
  const why = page.getByRole('region', { name: 'Warum nicht im Plan: M-1.02' });
  await expect(why).toContainText('Damit sie hineinpasst, müsste weichen: M-1.01 (Rang 3, Nutzwert 7,30).');
  await expect(why.getByRole('row', { name: /^2026/u })).toContainText('16.400,00 €');
  await audit(page, 'p3-optimierung');
  await why.getByRole('button', { name: 'Was wäre, wenn der Rahmen 2026 um 16.400,00 € wächst?' }).click();
  await expect(page.getByText('Mit 16.400,00 € mehr im Jahr 2026 käme M-1.02 hinzu (Gesamtnutzwert +6,08).')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Was wäre, wenn der Rahmen wächst?' })).toBeFocused();

  await page.getByRole('combobox', { name: 'Rahmen im Jahr' }).selectOption('2027');
  await page.getByRole('textbox', { name: 'erhöhen um (€)' }).fill('80.000');
  await page.getByRole('button', { name: 'Durchrechnen' }).click();
  await expect(page.getByText('Mit 80.000,00 € mehr im Jahr 2027 käme M-6.01 hinzu (Gesamtnutzwert +6,68).')).toBeVisible();
  await expect(page.getByText(/Mehrbedarf an Eigenanteil in anderen Jahren: 2028: \+92\.000,00 €, 2029: \+94\.000,00 €/u)).toBeVisible();
});

test('Finanzplan: frames per year, exact sums, warnings; a larger frame brings a measure in', async ({ page, workbench }) => {
  await open(page, 'Finanzplan');
  const table = page.getByRole('table', { name: 'Gesamtkosten je Haushaltsjahr' });
  await expect(table.getByRole('row', { name: /^Gesamtkosten/u })).toContainText('2.014.500,00 €');
  await expect(table.getByRole('row', { name: /^davon Eigenanteil Kreis/u })).toContainText('1.411.900,00 €');
  await expect(page.getByText(/2027: Der Eigenanteil aller Maßnahmen \(456\.000,00 €\) übersteigt den Haushaltsrahmen \(330\.000,00 €\)/u)).toBeVisible();
  await expect(page.getByText('M-4.01, 2026: Der Förderantrag über 36.000,00 € (Förderquote 60 %) ist gestellt, aber noch nicht bewilligt.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Zeilen zeigen' }).selectOption({ label: 'Eigenanteil Kreis' });
  await expect(page.getByRole('table', { name: 'Eigenanteil Kreis je Haushaltsjahr' })).toBeVisible();
  await audit(page, 'p2-finanzplan');

  await page.getByRole('textbox', { name: 'Haushaltsrahmen 2027 in Euro' }).fill('410.000');
  await page.getByRole('button', { name: 'Haushaltsrahmen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Haushaltsrahmen 2027 gespeichert.' })).toBeVisible();
  expect(scalar(workbench, 'SELECT amount_cents FROM budget_frames WHERE year = 2027')).toBe(41_000_000);
  await expect(page.getByRole('table', { name: 'Haushaltsrahmen und Eigenanteil je Jahr' }).getByRole('row', { name: /^2027/u })).toContainText('Fehlbetrag 46.000,00 €');
  await page.getByRole('textbox', { name: 'Haushaltsrahmen 2027 in Euro' }).fill('viel');
  await page.getByRole('button', { name: 'Haushaltsrahmen speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Rahmen 2027: Bitte einen Betrag in Euro eintragen');

  await open(page, 'Optimierung');
  await expect(inPlan(page).locator('tbody tr').filter({ hasText: 'M-6.01' })).toContainText('Im Plan: Rang 7, Nutzwert 6,68;');
});

test('fixed decisions and an infeasible frame: the reason names the measure', async ({ page, workbench }) => {
  expect(workbench.session.isOpen).toBe(true);
  await open(page, 'Optimierung');
  await expect(page.getByText('Status: optimal (bewiesen)')).toBeVisible();
  await page.getByRole('button', { name: 'Festlegen… – M-3.01' }).click();
  const dialog = page.getByRole('dialog', { name: 'Festlegung für M-3.01' });
  await dialog.getByRole('radio', { name: /Fest eingeplant/u }).check();
  await dialog.getByRole('textbox', { name: 'Begründung' }).fill('Zusage des Landrats');
  await dialog.getByRole('button', { name: 'Festlegung speichern' }).click();
  await expect(dialog).toBeHidden();
  await expect(inPlan(page).locator('tbody tr').filter({ hasText: 'M-3.01' })).toContainText('Fest eingeplant: Zusage des Landrats.');
  await expect(page.getByRole('status').filter({ hasText: 'M-3.01 ist fest eingeplant.' })).toBeVisible();

  await open(page, 'Finanzplan');
  await page.getByRole('textbox', { name: 'Haushaltsrahmen 2026 in Euro' }).fill('50.000');
  await page.getByRole('button', { name: 'Haushaltsrahmen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Haushaltsrahmen 2026 gespeichert.' })).toBeVisible();
  await open(page, 'Optimierung');
  await expect(page.getByText('Status: keine zulässige Lösung')).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: 'Kein Plan möglich' });
  await expect(alert).toContainText('Im Jahr 2026 übersteigen die fest eingeplanten Maßnahmen den Haushaltsrahmen um 62.000,00 € (benötigt 112.000,00 €, Rahmen 50.000,00 €): M-3.01, M-7.01.');
  await audit(page, 'p3b-optimierung-unmoeglich');
  // The fixed measures named in the reason can be released right there.
  await alert.getByRole('button', { name: 'Festlegen… M-3.01' }).click();
  const again = page.getByRole('dialog', { name: 'Festlegung für M-3.01' });
  await again.getByRole('radio', { name: /Die Optimierung entscheidet/u }).check();
  await again.getByRole('button', { name: 'Festlegung speichern' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Kein Plan möglich' })).toContainText('um 50.000,00 € (benötigt 100.000,00 €, Rahmen 50.000,00 €): M-7.01.');
});

test('Szenarien: save, change, compare side by side, apply; axe finds nothing', async ({ page, workbench }) => {
  await open(page, 'Szenarien');
  await page.getByRole('textbox', { name: 'Name' }).fill('Verwaltungsentwurf');
  await page.getByRole('button', { name: 'Szenario speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Szenario „Verwaltungsentwurf“ gespeichert.' })).toBeVisible();

  await open(page, 'Finanzplan');
  await page.getByRole('textbox', { name: 'Haushaltsrahmen 2027 in Euro' }).fill('410.000');
  await page.getByRole('button', { name: 'Haushaltsrahmen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Haushaltsrahmen 2027 gespeichert.' })).toBeVisible();

  await open(page, 'Szenarien');
  await page.getByRole('textbox', { name: 'Name' }).fill('Mobilität zuerst');
  await page.getByRole('button', { name: 'Szenario speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Szenario „Mobilität zuerst“ gespeichert.' })).toBeVisible();
  await page.getByRole('combobox', { name: 'A', exact: true }).selectOption({ label: 'Szenario „Verwaltungsentwurf“' });
  await page.getByRole('combobox', { name: 'B', exact: true }).selectOption({ label: 'Szenario „Mobilität zuerst“' });
  await page.getByRole('button', { name: 'Vergleichen' }).click();
  await expect(page.getByText('Nur in „Mobilität zuerst“:')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Nur in „Mobilität zuerst“:' })).toContainText('M-6.01 Rufbus für Randlagen und Abendstunden');
  await expect(page.getByRole('listitem').filter({ hasText: 'Gesamtnutzwert B gegenüber A:' })).toContainText('+6,68');
  await expect(page.getByRole('region', { name: 'A: Verwaltungsentwurf' })).toContainText('optimal (bewiesen)');
  await audit(page, 'p4-szenarien');

  await page.getByRole('button', { name: 'Szenario Verwaltungsentwurf anwenden' }).click();
  await page.getByRole('dialog', { name: 'Szenario anwenden?' }).getByRole('button', { name: 'Anwenden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Szenario „Verwaltungsentwurf“ ist jetzt der Arbeitsstand.' })).toBeVisible();
  expect(scalar(workbench, 'SELECT amount_cents FROM budget_frames WHERE year = 2027')).toBe(33_000_000);
});
