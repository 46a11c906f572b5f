// Helpers for the documents specs (Sitzungsvorlage, Stände, XLSX/CSV exchange): axe with optional
// screenshots, and a look into a downloaded DOCX.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

// Screenshots for a human look: UI_SHOTS=1 (or a folder) writes them to /tmp/ui-shots.
const SHOTS = process.env.UI_SHOTS ? (process.env.UI_SHOTS === '1' ? '/tmp/ui-shots' : process.env.UI_SHOTS) : null;

export async function audit(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(found, `axe violations on ${name}`).toEqual([]);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: opts.fullPage ?? false });
  }
}

/** The bytes of a download, checked to be a ZIP container (DOCX, XLSX start with "PK"). */
export async function zipBytes(download: Download): Promise<{ path: string; bytes: Buffer }> {
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  return { path, bytes };
}

/** One part of a ZIP container as text (unzip -p). */
export function zipPart(path: string, part: string): string {
  return execFileSync('unzip', ['-p', path, part], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}
