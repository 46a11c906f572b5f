// Script payloads typed into the text fields a planner fills in neither run in any view nor escape
// into the exported documents as markup.
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { part, unzip } from '../helpers/office.ts';
import { expect, test } from './fixtures.ts';
import { openView, scalar } from './helpers.ts';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload="window.__xss=1">',
  "javascript:window.__xss=1",
  '{ HYPERLINK "https://example.org" } MERGEFIELD Name',
];

test('XSS payloads in every text field of a measure, an actor and a Frage answer stay text everywhere', async ({ page, workbench }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });

  // Typed by hand into the Maßnahmenblatt: title and every free-text field.
  await openView(page, 'Maßnahmen');
  await page.getByRole('link', { name: 'M-1.01' }).first().click();
  const form = page.locator('form.measure-form');
  const fields = ['Ziel', 'Ausgangslage', 'Beschreibung', 'Bedarf', 'Hemmnisse / Risiken', 'Notizen'];
  await form.getByLabel(/^Titel/u).fill(`Titel ${PAYLOADS[0]}`);
  for (const [i, label] of fields.entries()) await form.getByLabel(label, { exact: true }).fill(`${label}: ${PAYLOADS[i % PAYLOADS.length]}`);
  await form.getByLabel('Notizen', { exact: true }).press('Control+Enter'); // each field saved when left; the last with Strg+Enter
  await expect.poll(() => scalar<string>(workbench, "SELECT title FROM measures WHERE code = 'M-1.01'")).toBe(`Titel ${PAYLOADS[0]}`);
  expect(scalar<string>(workbench, "SELECT goal FROM measures WHERE code = 'M-1.01'")).toBe(`Ziel: ${PAYLOADS[0]}`);

  // Entered through the same contract the UI uses: an actor and a Frage answer.
  const api = createClient(createHandlers(workbench.session));
  const actor = await api['actors.create']({ name: `Verein ${PAYLOADS[2]}`, kind: 'verein', orgUnit: PAYLOADS[1], contactPerson: PAYLOADS[3] });
  const [m] = await api['measures.list']({});
  await api['responsibilities.set']({ measureId: m.id, actorId: actor.id, role: 'mitwirkend' });
  await api['fragen.answer']({ frageId: 'B1-F-LV-1', answer: PAYLOADS[1] });

  // Every view that shows these texts renders them as text.
  for (const hash of ['#/massnahmen', `#/massnahme/${m.id}`, '#/akteure', '#/matrix', '#/auslastung', '#/zeitplan', '#/fragen/B1', '#/protokoll', '#/katalog/B1', '#/prioritaeten', '#/export']) {
    await page.goto(workbench.url + hash);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), hash).toBeUndefined();
    expect(await page.locator('main img[src="x"], main svg[onload], main script').count(), hash).toBe(0);
  }
  await page.goto(`${workbench.url}#/massnahme/${m.id}`);
  await expect(page.getByLabel(/^Titel/u)).toHaveValue(`Titel ${PAYLOADS[0]}`);
  expect(dialogs).toEqual([]);

  // The exports carry the payloads as escaped text, never as markup or Word fields.
  for (const method of ['export.docx', 'export.vorlage'] as const) {
    const { base64 } = await api[method]({});
    const xml = part(unzip(Buffer.from(base64, 'base64')), 'word/document.xml');
    expect(xml, method).toContain('&lt;img src=x onerror=');
    expect(xml, method).not.toMatch(/<img |<script|<svg /u);
    expect(xml, method).not.toMatch(/<w:fldSimple|<w:instrText/u);
  }
});
