// Helpers of the Maßnahmenblatt, overview and history suites: axe with optional screenshots,
// ids from the plan file, the main navigation's new entries.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, type Workbench } from './fixtures.ts';
import { scalar } from './helpers.ts';

// UI_SHOTS=1 (or a folder) also writes a screenshot of every audited state.
const SHOTS = process.env.UI_SHOTS ? (process.env.UI_SHOTS === '1' ? '/tmp/ui-shots' : process.env.UI_SHOTS) : null;

/** axe (WCAG 2.0/2.1 A and AA) must find nothing. */
export async function audit(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(found, `axe violations on ${name}`).toEqual([]);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
  }
}

export function idOf(workbench: Workbench, code: string): string {
  const id = scalar<string | undefined>(workbench, 'SELECT id FROM measures WHERE code = ?', code);
  if (!id) throw new Error(`no measure ${code}`);
  return id;
}

export type NewViewLabel = 'Abdeckung' | 'Fragen' | 'Zeitplan' | 'Zuständigkeiten' | 'Auslastung' | 'Protokoll' | 'Maßnahmen' | 'Plan' | 'Akteure';

/** Opens a view from the main navigation and waits until it has loaded (real heading, not the placeholder). */
export async function openNav(page: Page, label: NewViewLabel): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await expect(nav.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('#main-heading:not([data-placeholder])')).toBeVisible();
}
