#!/usr/bin/env node
// npm bin of the Zusammenhalt-Werkbank (`npx werkbank …`). The command line itself is TypeScript
// (electron/backend/cli.ts); this launcher runs it with Node's built-in type stripping and passes
// the exit code through.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
const typeStripping = major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
if (!typeStripping) {
  process.stderr.write(`Die Werkbank braucht Node.js 24 oder neuer (gefunden: ${process.versions.node}).\n`);
  process.exit(1);
}

const cli = fileURLToPath(new URL('../electron/backend/cli.ts', import.meta.url));
const result = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  windowsHide: true,
});
if (result.error) {
  process.stderr.write(`Die Werkbank konnte nicht gestartet werden: ${result.error.message}\n`);
  process.exit(1);
}
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 1);
