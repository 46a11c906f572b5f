// Worker thread of the document exports (see export-jobs.ts): one job per worker, answers
// { ok, bytes } (transferred) or { ok: false, error: { code, message } }.
// Runs as TypeScript under plain Node ≥ 24 and as dist-electron/export-worker.cjs in Electron.
import { parentPort } from 'node:worker_threads';
import { runExport, type ExportJob } from '../export/jobs.ts';

parentPort?.once('message', (job: ExportJob) => {
  runExport(job).then(
    (bytes) => parentPort?.postMessage({ ok: true, bytes }, [bytes.buffer as ArrayBuffer]),
    (e: unknown) => {
      const err = e as { code?: unknown; message?: unknown };
      parentPort?.postMessage({
        ok: false,
        error: { code: typeof err?.code === 'string' ? err.code : 'export-failed', message: typeof err?.message === 'string' ? err.message : String(e) },
      });
    },
  );
});
