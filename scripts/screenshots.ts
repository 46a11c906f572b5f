// Screenshots of the main views on the demo plan for the README: `npm run screenshots`
// (needs a built renderer: `npm run build:renderer`, and Debian's Chromium).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHandlers } from '../electron/backend/backend.ts';
import { startDevServer } from '../electron/backend/dev-server.ts';
import { openInitial } from '../electron/backend/handlers/plan.ts';
import { Session } from '../electron/backend/session.ts';

const VIEWS: [file: string, hash: string][] = [
  ['massnahmen', '#/massnahmen'], ['katalog', '#/katalog/B2'], ['prioritaeten', '#/prioritaeten'],
  ['optimierung', '#/optimierung'], ['matrix', '#/matrix'], ['zeitplan', '#/zeitplan'],
  ['abdeckung', '#/abdeckung'], ['vorlage', '#/export/vorlage'],
];
const out = resolve('docs/screenshots');
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'werkbank-shots-'));
const session = new Session({ dataDir: join(dir, 'data'), user: 'planerin' });
await openInitial(session);
const server = await startDevServer({ handlers: createHandlers(session), staticDir: resolve('dist/renderer') });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=de-DE'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
await page.goto(server.url);
const [, first] = (await page.evaluate(() => fetch('./api/measures.list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-werkbank-token': document.querySelector<HTMLMetaElement>('meta[name="werkbank-token"]')!.content }, body: '{}' }).then((r) => r.json()))).value;
for (const [file, hash] of [...VIEWS, ['massnahmenblatt', `#/massnahme/${first.id}`] as [string, string]]) {
  await page.goto(server.url + hash);
  await page.waitForLoadState('networkidle');
  if (file === 'optimierung') {
    const run = page.getByRole('button', { name: /berechnen|Optimierung starten|Plan berechnen/i }).first();
    if (await run.isVisible().catch(() => false)) { await run.click(); await page.waitForTimeout(2500); }
  }
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${file}.png`) });
  console.log(`docs/screenshots/${file}.png`);
}
await browser.close();
await server.close();
session.close();
rmSync(dir, { recursive: true, force: true });
