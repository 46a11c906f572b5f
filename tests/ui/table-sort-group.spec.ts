// Multi-column sort (Shift+click, Shift+Enter) checked against the plan's data, and grouping by
// Baustelle, Status and verantwortliche Stelle with subtotals equal to SQL sums per group that add
// up to the footer.
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, type MeasureStatus } from '../../shared/domain/enums.ts';
import { expect, test } from './fixtures.ts';
import { columnTexts, inPlan, openView, tableEuro } from './helpers.ts';

interface M { code: string; b: string; bn: number; status: MeasureStatus; resp: string | null; cents: number; byYear: Record<string, number> }

function measures(workbench: Parameters<typeof inPlan>[0]): M[] {
  return inPlan(workbench, (db) => {
    const rows = db.prepare(`SELECT m.id, m.code, m.baustelle_id AS b, bs.number AS bn, m.status,
        (SELECT a.name FROM responsibilities r JOIN actors a ON a.id = r.actor_id WHERE r.measure_id = m.id AND r.role = 'verantwortlich') AS resp
      FROM measures m JOIN baustellen bs ON bs.id = m.baustelle_id`).all() as (Omit<M, 'cents' | 'byYear'> & { id: string })[];
    const lines = db.prepare('SELECT measure_id AS id, year, SUM(amount_cents) AS cents FROM budget_lines GROUP BY measure_id, year').all() as { id: string; year: number; cents: number }[];
    return rows.map((r) => {
      const byYear: Record<string, number> = {};
      for (const l of lines) if (l.id === r.id) byYear[l.year] = l.cents;
      return { code: r.code, b: r.b, bn: r.bn, status: r.status, resp: r.resp, byYear, cents: Object.values(byYear).reduce((a, c) => a + c, 0) };
    });
  });
}

const dash = (cents: number) => (cents === 0 ? '–' : tableEuro(cents));

test('Shift adds a sort: status ascending, then Summe; the order matches the data', async ({ page, workbench }) => {
  const data = measures(workbench);
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  const status = table.getByRole('columnheader', { name: /^Status/u });
  const sum = table.getByRole('columnheader', { name: /^Summe/u });
  const nr = table.getByRole('columnheader', { name: /^Nr\./u });
  await expect(nr).toHaveAttribute('aria-sort', 'ascending');

  await status.getByRole('button').click();
  await expect(status).toHaveAttribute('aria-sort', 'ascending');
  await expect(nr).not.toHaveAttribute('aria-sort');
  await sum.getByRole('button').click({ modifiers: ['Shift'] });
  // One primary sort for aria-sort; the second is described on its button.
  await expect(sum).not.toHaveAttribute('aria-sort');
  await expect(sum.getByRole('button')).toHaveAccessibleDescription(/2\. Sortierung, absteigend/u);
  const rank = (s: MeasureStatus) => MEASURE_STATUSES.indexOf(s);
  const byStatusThenSumDesc = [...data].sort((a, b) => rank(a.status) - rank(b.status) || b.cents - a.cents || a.code.localeCompare(b.code));
  expect(await columnTexts(table, 'Nr.')).toEqual(byStatusThenSumDesc.map((m) => m.code));

  // Shift+Enter on the focused Summe button turns the second sort around.
  await sum.getByRole('button').focus();
  await page.keyboard.press('Shift+Enter');
  await expect(sum.getByRole('button')).toHaveAccessibleDescription(/2\. Sortierung, aufsteigend/u);
  const byStatusThenSumAsc = [...data].sort((a, b) => rank(a.status) - rank(b.status) || a.cents - b.cents || a.code.localeCompare(b.code));
  expect(await columnTexts(table, 'Nr.')).toEqual(byStatusThenSumAsc.map((m) => m.code));
  await expect(status).toHaveAttribute('aria-sort', 'ascending');

  // A plain click starts over with one sort.
  await nr.getByRole('button').click();
  await expect(sum.getByRole('button')).not.toHaveAccessibleDescription(/Sortierung,/u);
  expect(await columnTexts(table, 'Nr.')).toEqual(data.map((m) => m.code).sort());
});

test('grouping shows group rows whose subtotals equal the SQL sums per group and add up to the footer', async ({ page, workbench }) => {
  const data = measures(workbench);
  const years = [...new Set(data.flatMap((m) => Object.keys(m.byYear)))].sort();
  await openView(page, 'Maßnahmen');
  const table = page.getByRole('table', { name: /Maßnahmen des Plans/u });
  const groups = table.locator('tbody tr.mt-group');
  const footer = table.locator('tfoot tr');
  const planSum = data.reduce((a, m) => a + m.cents, 0);

  async function check(by: string, keyOf: (m: M) => string, labelOf: (key: string) => RegExp, order: string[]) {
    await page.getByLabel('Gruppieren nach').selectOption({ label: by });
    await expect(groups).toHaveCount(order.length);
    const fromFooter = await footer.locator('td.num').allInnerTexts();
    expect(fromFooter).toEqual([...years.map((y) => tableEuro(data.reduce((a, m) => a + (m.byYear[y] ?? 0), 0))), tableEuro(planSum)]);
    for (const [i, key] of order.entries()) {
      const members = data.filter((m) => keyOf(m) === key);
      const row = groups.nth(i);
      await expect(row.getByRole('button')).toHaveAccessibleName(labelOf(key));
      await expect(row).toContainText(members.length === 1 ? '1 Maßnahme' : `${members.length} Maßnahmen`);
      const expected = [...years.map((y) => dash(members.reduce((a, m) => a + (m.byYear[y] ?? 0), 0))), dash(members.reduce((a, m) => a + m.cents, 0))];
      expect(await row.locator('td.num').allInnerTexts(), `subtotals of ${key}`).toEqual(expected);
    }
    // Subtotals add up to the footer, in integer cents.
    const groupTotals = data.reduce((acc, m) => acc.set(keyOf(m), (acc.get(keyOf(m)) ?? 0) + m.cents), new Map<string, number>());
    expect([...groupTotals.values()].reduce((a, c) => a + c, 0)).toBe(planSum);
  }

  const bNumbers = [...new Set(data.map((m) => m.b))].sort((a, b) => data.find((m) => m.b === a)!.bn - data.find((m) => m.b === b)!.bn);
  await check('Baustelle', (m) => m.b, (b) => new RegExp(`^Baustelle ${data.find((m) => m.b === b)!.bn} · `, 'u'), bNumbers);
  const statuses = MEASURE_STATUSES.filter((s) => data.some((m) => m.status === s));
  await check('Status', (m) => m.status, (s) => new RegExp(`^${MEASURE_STATUS_LABELS[s as MeasureStatus]}\\b`, 'u'), statuses);
  const bodies = [...new Set(data.map((m) => m.resp ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'de')));
  await check('verantwortliche Stelle', (m) => m.resp ?? '', (r) => new RegExp(`^${(r || 'nicht festgelegt').replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')}`, 'u'), bodies);

  // A group folds away; the footer still counts every measure shown by the filters.
  const first = groups.first().getByRole('button');
  const before = await table.locator('tbody tr').count();
  await first.click();
  await expect(first).toHaveAttribute('aria-expanded', 'false');
  const members = data.filter((m) => (m.resp ?? '') === bodies[0]).length;
  await expect(table.locator('tbody tr')).toHaveCount(before - members);
  await expect(footer.locator('td.num').last()).toHaveText(tableEuro(planSum));
  await first.click();
  await expect(first).toHaveAttribute('aria-expanded', 'true');
});
