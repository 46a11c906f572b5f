// Worker thread of the open gate: checks one plan file (header, size, journal, schema, integrity)
// away from the main process, so a file whose check never ends cannot freeze the app.
// Runs as TypeScript under plain Node ≥ 24 and as dist-electron/check-worker.cjs in Electron.
import { parentPort, workerData } from 'node:worker_threads';
import { checkPlanFile, type CheckOptions } from './open.ts';

const { path, opts } = workerData as { path: string; opts: CheckOptions };
try {
  parentPort?.postMessage({ ok: true, value: checkPlanFile(path, opts) });
} catch (e) {
  parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
