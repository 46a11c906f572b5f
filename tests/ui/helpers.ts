// Helpers for the UI tests: look into the plan file the way an auditor would (read-only,
// straight from SQLite), and move around the workbench the way a planner does.
import Database from 'better-sqlite3';
import { formatCents } from '../../shared/domain/money.ts';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import type { Workbench } from './fixtures.ts';

/** Runs `fn` on a read-only connection to the plan file that is open right now. */
export function inPlan<T>(workbench: Workbench, fn: (db: Database.Database) => T): T {
  const path = workbench.session.path;
  if (!path) throw new Error('no plan open');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function scalar<T = number>(workbench: Workbench, sql: string, ...args: unknown[]): T {
  return inPlan(workbench, (db) => db.prepare(sql).pluck().get(...args) as T);
}

/** Amounts as the dense measures table shows them: formatCents without the € sign ("Beträge in €"). */
export const tableEuro = (cents: number): string => formatCents(cents, { symbol: false });

export type ViewLabel = 'Plan' | 'Katalog' | 'Maßnahmen' | 'Akteure' | 'Finanzen' | 'Export';

/** Opens a view from the main navigation and waits for its heading. */
export async function openView(page: Page, label: ViewLabel): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await expect(nav.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('#main-heading')).toBeVisible();
}

/** Creates a new, empty plan through "Neuer Plan…" (so that the plan open before is closed). */
export async function createPlanInUi(page: Page, path: string, title: string): Promise<void> {
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: 'Neuer Plan…' }).click();
  const create = page.getByRole('dialog', { name: 'Neuen Plan anlegen' });
  await create.getByLabel('Titel des Plans').fill(title);
  await create.getByLabel('Dateipfad').fill(path);
  await create.getByRole('button', { name: 'Plan anlegen' }).click();
  await expect(header).toContainText(title);
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, opts: { max?: number; back?: boolean } = {}): Promise<void> {
  const max = opts.max ?? 60;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** The rows of the measures table body. */
export function measureRows(page: Page): Locator {
  return page.getByRole('table').first().locator('tbody tr');
}

/** The text of one column of a table, by the column header's text. */
export async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const headers = await table.locator('thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[▲▼↕]/gu, '').trim() === header);
  if (index < 0) throw new Error(`no column ${header} in ${headers.join(' | ')}`);
  return table.locator(`tbody tr td:nth-child(${index + 1}), tbody tr th:nth-child(${index + 1})`).allInnerTexts();
}
