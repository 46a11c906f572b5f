import { defineConfig } from '@playwright/test';

// UI tests: Debian's Chromium against the real backend through the dev server
// (each test starts its own server on a fresh temp data folder; see tests/ui/fixtures.ts).
export default defineConfig({
  testDir: 'tests/ui',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--lang=de-DE'],
    },
  },
});
