// Bundles Electron's main (with the backend) and the preload into dist-electron/ as CommonJS.
// Sandboxed preloads must be CommonJS; better-sqlite3 stays external (native module).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: false, logLevel: 'warning', external: ['electron', 'better-sqlite3', 'highs'] };
await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist-electron/preload.cjs' });
// The optimiser's worker thread (electron/backend/handlers/priorities-solver.ts looks for it beside main.cjs).
await build({ ...common, entryPoints: ['electron/backend/handlers/priorities-worker.ts'], outfile: 'dist-electron/priorities-worker.cjs' });
// The open gate's check worker (electron/backend/db/check-runner.ts looks for it beside main.cjs).
await build({ ...common, entryPoints: ['electron/backend/db/check-worker.ts'], outfile: 'dist-electron/check-worker.cjs' });
// The document exports' worker thread (electron/backend/handlers/export-jobs.ts looks for it beside main.cjs).
await build({ ...common, entryPoints: ['electron/backend/handlers/export-worker.ts'], outfile: 'dist-electron/export-worker.cjs' });
console.log('built dist-electron/main.cjs, preload.cjs and the workers (priorities, check, export)');
