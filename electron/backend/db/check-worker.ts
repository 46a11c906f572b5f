// Worker thread of the open gate: checks plan files (header, size, journal, schema, integrity)
// away from the main process, so a file whose check never ends cannot freeze the app.
// Long-lived: it answers one request after another ({ id, path, opts } → { id, ok, value }), so
// an open pays neither the thread start nor the module load nor the expected schema again. The
// runner terminates it when a check passes its deadline and starts a fresh one for the next.
// Runs as TypeScript under plain Node ≥ 24 and as dist-electron/check-worker.cjs in Electron.
import { parentPort } from 'node:worker_threads';
import { checkPlanFile, type CheckOptions } from './open.ts';
import { expectedSchema } from './schema.ts';
import { LATEST_VERSION } from './migrations/index.ts';

// The schema of the current version is what almost every file is compared with: build it now, while idle.
expectedSchema(LATEST_VERSION);

parentPort?.on('message', (m: { id: number; path: string; opts: CheckOptions }) => {
  try {
    parentPort?.postMessage({ id: m.id, ok: true, value: checkPlanFile(m.path, m.opts) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
