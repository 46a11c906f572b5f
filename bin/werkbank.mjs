#!/usr/bin/env node
// npm bin of the Zusammenhalt-Werkbank (`npx werkbank …`). The command line itself is TypeScript
// (electron/backend/cli.ts); this launcher runs it with Node's built-in type stripping and passes
// the exit code through.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const node = createRequire(import.meta.url)('../scripts/check-node.cjs');
if (!node.isSupported()) {
  process.stderr.write(node.message() + '\n');
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
