// Festgeschriebene Stände: festschreiben, a later change of a budget, the Änderungsliste, delete.
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { formatCents } from '../../shared/domain/money.ts';
import { expect, test } from './fixtures.ts';
import { openView, scalar } from './helpers.ts';
import { audit } from './documents-helpers.ts';

test('Stand festschreiben, then a budget change shows in the Änderungsliste; deleting asks first', async ({ page, workbench }) => {
  await openView(page, 'Export');
  await page.getByRole('button', { name: 'Stand festschreiben…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stand festschreiben' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await audit(page, 'documents-stand-dialog');
  await page.keyboard.type('Beschluss Kreistag');
  await dialog.getByLabel('Sitzungsdatum').fill('2026-03-12');
  await dialog.getByLabel('Gremium').fill('Kreistag');
  await dialog.getByRole('button', { name: 'Festschreiben' }).click();
  await expect(dialog).toBeHidden();
  const stände = page.getByRole('region', { name: 'Festgeschriebene Stände' });
  const row = stände.getByRole('row').filter({ hasText: 'Beschluss Kreistag' });
  await expect(row).toContainText('12.03.2026');
  await expect(row.getByRole('cell').nth(2)).toHaveText('12');
  expect(scalar(workbench, 'SELECT COUNT(*) FROM decision_snapshots')).toBe(1);
  await audit(page, 'documents-export', { fullPage: true });

  // The Kämmerei raises a budget line of M-4.01 afterwards (through the backend, as another window would).
  const api = createClient(createHandlers(workbench.session));
  const measure = (await api['measures.list']({})).find((m) => m.code === 'M-4.01')!;
  const lines = (await api['measures.get']({ id: measure.id })).budgetLines;
  const line = lines[0];
  const yearBefore = lines.filter((l) => l.year === line.year).reduce((sum, l) => sum + l.amountCents, 0);
  await api['budget.update']({ id: line.id, patch: { amountCents: line.amountCents + 1_234_500 } });

  await row.getByRole('link', { name: 'Änderungsliste seit „Beschluss Kreistag“' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Änderungsliste seit „Beschluss Kreistag“' })).toBeFocused();
  await expect(page.locator('.lead')).toContainText('keine neuen Maßnahmen, 1 geänderte, keine entfallenen');
  const changed = page.getByRole('region', { name: 'Geändert (1)' });
  await expect(changed.getByRole('rowheader')).toHaveText(`${measure.code} ${measure.title}`);
  const yearRow = changed.getByRole('row').filter({ hasText: `Kosten ${line.year}` });
  await expect(yearRow).toHaveText(`Kosten ${line.year}${formatCents(yearBefore)}${formatCents(yearBefore + 1_234_500)} (+${formatCents(1_234_500)})`);
  await expect(changed.getByRole('row').filter({ hasText: 'Kosten' }).first()).toContainText(formatCents(measure.totalCents + 1_234_500));
  await expect(page.getByRole('region', { name: 'Neu aufgenommen (0)' })).toBeVisible();
  await audit(page, 'documents-aenderungsliste', { fullPage: true });

  // Back on the overview: delete asks first; Abbrechen keeps it.
  await page.getByRole('navigation', { name: 'Brotkrumen' }).getByRole('link', { name: 'Export' }).click();
  await row.getByRole('button', { name: 'Stand „Beschluss Kreistag“ löschen' }).click();
  const confirm = page.getByRole('dialog', { name: 'Stand löschen?' });
  await confirm.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(confirm).toBeHidden();
  expect(scalar(workbench, 'SELECT COUNT(*) FROM decision_snapshots')).toBe(1);
  await row.getByRole('button', { name: 'Stand „Beschluss Kreistag“ löschen' }).click();
  await confirm.getByRole('button', { name: 'Stand löschen' }).click();
  await expect(stände.getByText('Noch kein Stand festgeschrieben.')).toBeVisible();
  expect(scalar(workbench, 'SELECT COUNT(*) FROM decision_snapshots')).toBe(0);
});
