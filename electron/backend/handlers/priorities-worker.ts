// Worker thread of the plan optimiser: HiGHS blocks its thread while it solves, so the backend
// (IPC, dev server) hands each solve to this thread and stays responsive. One job at a time per
// message; answers { id, ok, value } or { id, ok: false, error: { code, message } }.
// Runs as TypeScript under plain Node ≥ 24 and as dist-electron/priorities-worker.cjs in Electron.
import { parentPort } from 'node:worker_threads';
import { runSolverJob, type SolverJob } from './priorities-jobs.ts';

parentPort?.on('message', (msg: { id: number; job: SolverJob }) => {
  runSolverJob(msg.job).then(
    (value) => parentPort?.postMessage({ id: msg.id, ok: true, value }),
    (e: unknown) => {
      const err = e as { code?: unknown; message?: unknown };
      parentPort?.postMessage({
        id: msg.id, ok: false,
        error: { code: typeof err?.code === 'string' ? err.code : 'solver-error', message: typeof err?.message === 'string' ? err.message : String(e) },
      });
    },
  );
});
