// `npm test`: typecheck, lint, Electronegativity, unit/db/docx/cli tests (vitest), UI tests (Playwright in Chromium),
// then one closing line "N passed, N failed" over all test cases.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const node = createRequire(import.meta.url)('./check-node.cjs');
if (!node.isSupported()) {
  console.error(node.message());
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), 'werkbank-test-'));
const vitestJson = join(out, 'vitest.json');
const playwrightJson = join(out, 'playwright.json');
const steps = [
  ['Typprüfung', 'npm', ['run', '-s', 'typecheck']],
  ['Lint', 'npm', ['run', '-s', 'lint']],
  ['Electron-Sicherheitsprüfung (Electronegativity)', 'node', ['scripts/electronegativity.mjs']],
  ['Unit-, Datenbank-, DOCX- und CLI-Tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
  ['Oberfläche bauen', 'npm', ['run', '-s', 'build:renderer']],
  ['UI-Tests (Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }],
];

let failedStep = null;
for (const [name, cmd, args, env] of steps) {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`--- ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
  passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
  failed += p.stats?.unexpected ?? 0;
  skipped += p.stats?.skipped ?? 0;
}
if (failedStep) console.error(`\nFehlgeschlagen: ${failedStep}`);
if (failedStep && failed === 0) failed = 1; // a failed typecheck/lint/build counts as a failure
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep ? 1 : 0);
