// Type-checks each environment with its own tsconfig, so a layer crossing
// (DOM in the backend, node:* in shared, ...) is a compile error.
import { spawnSync } from 'node:child_process';
const projects = ['shared', 'electron/backend', 'electron', 'renderer', 'tests'];
let failed = false;
for (const p of projects) {
  const r = spawnSync('npx', ['tsc', '-p', `${p}/tsconfig.json`], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) { console.error(`typecheck failed: ${p}`); failed = true; }
}
if (failed) process.exit(1);
console.log(`typecheck ok: ${projects.join(', ')}`);
