// Each UI test gets its own real backend (Session + dev server) on a fresh temp folder,
// opened on the demo plan, and a Chromium page on it. No mocks.
import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../electron/backend/backend.ts';
import { startDevServer } from '../../electron/backend/dev-server.ts';
import { openInitial } from '../../electron/backend/handlers/plan.ts';
import { Session } from '../../electron/backend/session.ts';

export interface Workbench {
  url: string;
  dir: string;
  session: Session;
}

export const test = base.extend<{ workbench: Workbench }>({
  workbench: async ({ page }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'werkbank-ui-'));
    const session = new Session({ dataDir: join(dir, 'data'), user: 'planerin' });
    await openInitial(session);
    const server = await startDevServer({ handlers: createHandlers(session), staticDir: resolve('dist/renderer') });
    // The app must never reach outside its own origin.
    const foreign: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url()); });
    // Uncaught exceptions in the page are bugs even when the test's assertions pass.
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e.stack ?? e)));
    await page.goto(server.url);
    await use({ url: server.url, dir, session });
    expect(foreign, 'requests outside the app origin').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    await server.close();
    session.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
