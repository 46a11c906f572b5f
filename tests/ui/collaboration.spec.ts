// Zusammenarbeit: a colleague's copy of the demo plan is taken over in the real window — preview with
// the counts and both values of the Konflikt, apply, then the Konflikt decided by keyboard.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import { expect, test } from './fixtures.ts';
import { scalar } from './helpers.ts';
import { audit, idOf } from './views-helpers.ts';

async function loaded(page: Page) {
  await expect(page.locator('#main-heading:not([data-placeholder])')).toBeVisible();
}

test('takes over a copy: preview, apply, decide the Konflikt; axe clean', async ({ page, workbench }) => {
  const plan = workbench.session.path!;
  const copy = join(workbench.dir, 'kopie.wirplan');
  workbench.session.close();
  copyFileSync(plan, copy);
  workbench.session.open(plan);
  const id = idOf(workbench, 'M-6.01');
  const other = idOf(workbench, 'M-1.01');
  const bernd = new Session({ dataDir: join(workbench.dir, 'data-bernd'), user: 'bernd' });
  bernd.open(copy);
  const api = createClient(createHandlers(bernd));
  await api['measures.update']({ id, patch: { title: 'Rufbus (Bernd)' } });
  await api['measures.update']({ id: other, patch: { notes: 'Notiz aus der Kopie' } });
  bernd.close();
  const mine = createClient(createHandlers(workbench.session));
  await mine['measures.update']({ id, patch: { title: 'Rufbus (Anna)' } });

  await page.reload();
  await loaded(page);
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await nav.getByRole('link', { name: 'Zusammenarbeit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zusammenarbeit' })).toBeVisible();
  await expect(page.getByText('Keine offenen Konflikte.')).toBeVisible();

  await page.getByLabel('Pfad der Kopie (.wirplan)').fill(copy);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/4 Änderungen an 2 Einträgen,\s+1 Konflikt\./u)).toBeVisible();
  const previewTable = page.getByRole('table', { name: 'Konflikte der Vorschau' });
  await expect(previewTable.getByRole('cell', { name: 'Rufbus (Anna)', exact: true })).toBeVisible();
  await expect(previewTable.getByRole('cell', { name: 'Rufbus (Bernd)', exact: true })).toBeVisible();
  await audit(page, 'Zusammenarbeit (Vorschau)');

  await page.getByRole('button', { name: 'Änderungen übernehmen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Übernommen:' })).toContainText('1 Konflikt');
  expect(scalar<string>(workbench, 'SELECT notes FROM measures WHERE id = ?', other)).toBe('Notiz aus der Kopie');

  const open = page.getByRole('table', { name: '1 offener Konflikt' });
  await expect(open).toBeVisible();
  const keep = open.getByRole('button', { name: /^Meinen Wert behalten: /u });
  await keep.focus();
  await expect(keep).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Keine offenen Konflikte.')).toBeVisible();
  expect(scalar<string>(workbench, 'SELECT title FROM measures WHERE id = ?', id)).toBe('Rufbus (Anna)');
  await audit(page, 'Zusammenarbeit');
});

test('a copy of a different plan is refused with a German message, nothing changed', async ({ page, workbench }) => {
  const fremd = join(workbench.dir, 'fremd.wirplan');
  const s = new Session({ dataDir: join(workbench.dir, 'data-x'), user: 'x' });
  const api = createClient(createHandlers(s));
  await api['plan.new']({ path: fremd, title: 'Anderer Plan', landkreis: 'Anderswo' });
  s.close();
  const before = scalar<number>(workbench, 'SELECT COUNT(*) FROM change_log');
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Zusammenarbeit', exact: true }).click();
  await page.getByLabel('Pfad der Kopie (.wirplan)').fill(fremd);
  await page.getByRole('button', { name: 'Vorschau' }).click();
  await expect(page.getByRole('alert')).toContainText(/Plan/u);
  await expect(page.getByRole('button', { name: 'Änderungen übernehmen' })).toHaveCount(0);
  expect(scalar<number>(workbench, 'SELECT COUNT(*) FROM change_log')).toBe(before);
});
