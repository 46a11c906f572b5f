// Abdeckung (numbers equal the backend's, every number opens its items), Fragen-Werkstatt (answers
// with who and when, a measure grown from a Frage) and Zeitplan (bars per quarter, filters).
import { coverage } from '../../electron/backend/repos/insights.ts';
import { ACTOR_GROUP_LABELS, type ActorGroup } from '../../shared/catalogue/types.ts';
import { expect, test } from './fixtures.ts';
import { inPlan, scalar } from './helpers.ts';
import { audit, idOf, openNav } from './views-helpers.ts';

const share = (part: number, whole: number) => (whole === 0 ? 'keine' : `${part} von ${whole}`);
const lines = (g: number, ga: number, f: number, fa: number) => [`Grundmauern ${share(ga, g)}`, `Fragen ${share(fa, f)}`];

test('coverage shows the backend\'s numbers per Baustelle and actor group, and every number opens its items', async ({ page, workbench }) => {
  const cov = coverage(workbench.session.db);
  await openNav(page, 'Abdeckung');
  const table = page.getByRole('table', { name: /Abdeckung je Baustelle/u });
  await expect(table.locator('tbody tr')).toHaveCount(7);
  for (const b of cov.baustellen) {
    const row = table.locator('tbody tr').nth(b.number - 1);
    await expect(row.getByRole('rowheader')).toContainText(b.shortTitle);
    const cells = row.locator('td');
    for (const [i, g] of cov.actorGroups.entries()) {
      const c = b.cells[g];
      const gTotal = c.grundmauernAdopted.length + c.grundmauernOpen.length;
      const fTotal = c.fragenAnswered.length + c.fragenOpen.length;
      if (gTotal + fTotal === 0) await expect(cells.nth(i)).toHaveText('keine Einträge');
      else await expect(cells.nth(i).locator('.cov-line')).toHaveText(lines(gTotal, c.grundmauernAdopted.length, fTotal, c.fragenAnswered.length));
    }
    await expect(cells.nth(cov.actorGroups.length).locator('.cov-line')).toHaveText(lines(b.grundmauernCount, b.grundmauernAdopted, b.fragenCount, b.fragenAnswered));
    await expect(cells.nth(cov.actorGroups.length + 1).locator('.cov-line')).toHaveText([`${b.measureCount} ${b.measureCount === 1 ? 'Maßnahme' : 'Maßnahmen'}`, `davon finanziert ${b.fundedMeasureCount}`]);
  }
  const sum = (f: (b: (typeof cov.baustellen)[number]) => number) => cov.baustellen.reduce((n, b) => n + f(b), 0);
  await expect(page.getByRole('group', { name: 'Kennzahlen' })).toContainText(`${sum((b) => b.grundmauernAdopted)} von ${sum((b) => b.grundmauernCount)} Grundmauern in Maßnahmen übernommen`);
  await expect(page.getByRole('group', { name: 'Kennzahlen' })).toContainText(`${sum((b) => b.fragenAnswered)} von ${sum((b) => b.fragenCount)} Fragen beantwortet`);
  // The demo plan's measures against the file.
  expect(sum((b) => b.measureCount)).toBe(scalar(workbench, 'SELECT COUNT(*) FROM measures'));
  await audit(page, 'views-abdeckung');

  // A cell opens its Grundmauern and Fragen; an adopted Grundmauer links to its measure.
  const b4 = cov.baustellen.find((b) => b.number === 4)!;
  await table.getByRole('button', { name: /Baustelle 4, Lokale Verwaltung öffnen$/u }).click();
  const detail = page.getByRole('region', { name: `Baustelle 4 · ${b4.shortTitle} – ${ACTOR_GROUP_LABELS['lokale-verwaltung']}` });
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(detail.locator('li.adopted-item')).toHaveCount(b4.cells['lokale-verwaltung'].grundmauernAdopted.length);
  await expect(detail.locator('li.open-item')).toHaveCount(b4.cells['lokale-verwaltung'].grundmauernOpen.length + b4.cells['lokale-verwaltung'].fragenOpen.length);
  await audit(page, 'views-abdeckung-detail');
  await detail.locator('li.adopted-item').first().getByRole('link', { name: 'M-4.01' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('M-4.01');

  // An open Frage leads to the Fragen-Werkstatt, focused on that Frage; an open Grundmauer to the catalogue.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abdeckung');
  const b3 = cov.baustellen.find((b) => b.number === 3)!;
  const group3 = (Object.keys(b3.cells) as ActorGroup[]).find((g) => b3.cells[g].fragenOpen.length > 0)!;
  const openFrage = b3.cells[group3].fragenOpen[0];
  const frageText = scalar<string>(workbench, 'SELECT text FROM catalogue_items WHERE id = ?', openFrage);
  await table.getByRole('button', { name: new RegExp(`Baustelle 3, ${ACTOR_GROUP_LABELS[group3]} öffnen$`, 'u') }).click();
  await page.getByRole('region', { name: /^Baustelle 3 · /u }).locator('li.open-item').filter({ hasText: frageText }).getByRole('link', { name: 'beantworten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fragen-Werkstatt');
  await expect(page.getByText(frageText, { exact: true })).toBeFocused();
  await page.goBack();
  await table.getByRole('button', { name: /^Baustelle 3 .*: alles anzeigen$/u }).click();
  const all3 = page.getByRole('region', { name: `Baustelle 3 · ${b3.shortTitle}` });
  await expect(all3.getByRole('heading', { level: 3, name: /^Maßnahmen dieser Baustelle/u })).toHaveText(`Maßnahmen dieser Baustelle (${b3.measureCount})`);
  await all3.locator('li.open-item').filter({ hasText: /./u }).first().getByRole('link', { name: 'im Katalog übernehmen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Baustelle 3/u })).toBeFocused();
});

test('Fragen-Werkstatt: an answer is saved with user and time, and a measure grows from a Frage', async ({ page, workbench }) => {
  await openNav(page, 'Fragen');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fragen-Werkstatt');
  const total = scalar(workbench, "SELECT COUNT(*) FROM catalogue_items WHERE kind = 'frage'");
  const answered = () => scalar(workbench, 'SELECT COUNT(*) FROM frage_answers');
  await expect(page.getByText(`${answered()} von ${total} Fragen beantwortet`)).toBeVisible();
  await audit(page, 'views-fragen');

  // Only the unanswered ones, in Baustelle 7.
  await page.getByLabel('Anzeigen').selectOption({ label: 'nur unbeantwortete' });
  await page.getByRole('navigation', { name: 'Baustellen' }).getByRole('link', { name: /Starke Beziehungen/u }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Baustelle 7/u })).toBeFocused();
  const text = scalar<string>(workbench, "SELECT text FROM catalogue_items WHERE id = 'B7-F-PE-2'");
  const card = page.getByRole('article', { name: text });
  await expect(card).toContainText('offen');
  const before = answered();
  await card.getByLabel('Antwort des Landkreises / Notiz').fill('Über den Integrationsbeirat und Brücke e. V.; Einladung durch die Bürgermeister:innen.');
  await expect(card.getByText('nicht gespeichert')).toBeVisible();
  await card.getByRole('button', { name: 'Antwort speichern' }).click();
  await expect(card).toContainText('beantwortet');
  const row = inPlan(workbench, (db) => db.prepare("SELECT answer, answered_by AS by, updated_at AS at FROM frage_answers WHERE frage_id = 'B7-F-PE-2'").get()) as { answer: string; by: string; at: string };
  expect(row).toMatchObject({ answer: 'Über den Integrationsbeirat und Brücke e. V.; Einladung durch die Bürgermeister:innen.', by: 'planerin' });
  expect(Date.now() - Date.parse(row.at)).toBeLessThan(60_000);
  expect(answered()).toBe(before + 1);
  const when = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(row.at));
  await expect(card).toContainText(`von planerin am ${when}`);
  await expect(page.getByRole('status').filter({ hasText: 'Antwort gespeichert.' })).toBeVisible();

  // "Maßnahme daraus anlegen": a new measure in Baustelle 7, status Idee, linked to the Frage.
  const measures = scalar(workbench, 'SELECT COUNT(*) FROM measures');
  await card.getByRole('button', { name: 'Maßnahme daraus anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Maßnahme M-7\.03 angelegt/u })).toBeVisible();
  expect(scalar(workbench, 'SELECT COUNT(*) FROM measures')).toBe(measures + 1);
  const created = inPlan(workbench, (db) => db.prepare("SELECT m.id, m.code, m.status, m.baustelle_id AS b FROM measures m JOIN measure_items i ON i.measure_id = m.id WHERE i.item_id = 'B7-F-PE-2'").get()) as { id: string; code: string; status: string; b: string };
  expect(created).toMatchObject({ code: 'M-7.03', status: 'idee', b: 'B7' });
  await card.getByRole('link', { name: 'M-7.03' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('M-7.03');
  await expect(page.getByRole('group', { name: 'Bezug zum Impulspapier' })).toContainText(text);
  expect(created.id).toBe(idOf(workbench, 'M-7.03'));
});

test('the timeline shows a bar per dated measure with its steps, as a table, and filters like the measures table', async ({ page, workbench }) => {
  await openNav(page, 'Zeitplan');
  const table = page.getByRole('table', { name: /Zeitplan/u });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(scalar(workbench, 'SELECT COUNT(*) FROM measures'));
  // Every dated measure has a bar; its length equals its quarters (demo periods have both quarters).
  const periods = inPlan(workbench, (db) => db.prepare('SELECT code, start_year * 4 + start_quarter AS s, end_year * 4 + end_quarter AS e FROM measures').all()) as { code: string; s: number; e: number }[];
  for (const p of periods) {
    const row = rows.filter({ has: page.getByRole('link', { name: p.code, exact: true }) });
    await expect(row.locator('td.bar')).toHaveCount(p.e - p.s + 1);
  }
  const m501 = rows.filter({ has: page.getByRole('link', { name: 'M-5.01', exact: true }) });
  await expect(m501.locator('td').first()).toContainText('Q2/2026 – Q4/2026');
  await expect(m501.locator('td').first()).toContainText('kurzfristig');
  // Steps are markers with a text, in their quarter's column.
  const headers = await table.locator('thead tr').nth(1).locator('th').allTextContents();
  const q3 = headers.indexOf('Q3/2026');
  expect(q3).toBeGreaterThanOrEqual(0);
  const now = new Date();
  const late = 2026 * 4 + 2 < now.getFullYear() * 4 + Math.floor(now.getMonth() / 3); // Q3/2026 before the current quarter
  // The demo marks this step done (with its day, for the Sachstandsbericht); the marker follows the data.
  const done = scalar(workbench, "SELECT done FROM milestones s JOIN measures m ON m.id = s.measure_id WHERE m.code = 'M-5.01' AND s.title = 'Befragung abgeschlossen'") === 1;
  await expect(m501.locator('td').nth(1 + q3)).toHaveText(done ? '◆Umsetzungsschritt Befragung abgeschlossen, erledigt'
    : late ? '!Umsetzungsschritt Befragung abgeschlossen, überfällig' : '◇Umsetzungsschritt Befragung abgeschlossen, offen');
  await audit(page, 'views-zeitplan');

  // Filters: Baustelle, Status, verantwortlich.
  await page.getByLabel('Baustelle').selectOption({ label: '6 · Bedarfsgerechte Mobilität' });
  await expect(rows.getByRole('rowheader')).toHaveText([/M-6\.02/u, /M-6\.01/u]);
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await page.getByLabel('Status').selectOption({ label: 'Idee' });
  const ideas = inPlan(workbench, (db) => db.prepare("SELECT code FROM measures WHERE status = 'idee' ORDER BY code").pluck().all()) as string[];
  await expect(rows).toHaveCount(ideas.length);
  await page.getByLabel('Status').selectOption({ label: 'alle' });
  await page.getByLabel('verantwortlich').selectOption({ label: 'Stabsstelle Integration und Teilhabe' });
  const stab = inPlan(workbench, (db) => db.prepare(`SELECT m.code FROM measures m JOIN responsibilities r ON r.measure_id = m.id JOIN actors a ON a.id = r.actor_id
    WHERE r.role = 'verantwortlich' AND a.name = 'Stabsstelle Integration und Teilhabe' ORDER BY m.code`).pluck().all()) as string[];
  await expect(rows).toHaveCount(stab.length);
  expect((await rows.locator('th .row-link').allInnerTexts()).sort()).toEqual(stab);
  await expect(page.getByText(`${stab.length} von ${periods.length} Maßnahmen`)).toBeVisible();
});
