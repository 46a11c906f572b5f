// Runs document exports (Sitzungsvorlage, plan document) off the backend's thread: building a large
// DOCX blocks its thread for seconds, and in the desktop app that thread is Electron's main process
// (menus, IPC). Each export gets its own worker thread (node:worker_threads), ended when the
// document is written, so "Abbrechen" (export.cancel) can stop it at once: the worker is
// terminated and the call fails with „Der Export wurde abgebrochen.“ Nothing is written by a
// cancelled export; the plan is only read.
//
// Where the worker comes from: export-worker.ts beside this module (plain Node ≥ 24: tests, dev
// server) or dist-electron/export-worker.cjs beside the bundle. Without either, or with
// WERKBANK_EXPORT=inline, the export runs in-process (not cancellable mid-way).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { runExport, type ExportJob } from '../export/jobs.ts';

function workerEntry(): URL | string | null {
  try {
    const url = new URL('./export-worker.ts', import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  } catch {
    // Bundled to CommonJS: import.meta.url is empty there.
  }
  if (typeof __dirname === 'string') {
    const bundled = join(__dirname, 'export-worker.cjs');
    if (existsSync(bundled)) return bundled;
  }
  return null;
}

const running = new Set<{ worker: Worker; cancel: () => void }>();
let unusable = process.env.WERKBANK_EXPORT === 'inline';

export const CANCELLED_MESSAGE = 'Der Export wurde abgebrochen.';

/** Builds the document in a worker thread (or in-process as a fallback) and returns its bytes. */
export async function runExportJob(job: ExportJob): Promise<Uint8Array> {
  const entry = unusable ? null : workerEntry();
  if (!entry) return runExport(job);
  let worker: Worker;
  try {
    // A larger young generation than a worker's default: building a document makes short-lived
    // objects by the million, and with the default the worker spent most of an L export in GC.
    worker = new Worker(entry, { resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 4096 } });
  } catch {
    unusable = true;
    return runExport(job);
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    let done = false;
    const entryRef = {
      worker,
      cancel: () => {
        if (done) return;
        done = true;
        running.delete(entryRef);
        void worker.terminate();
        reject(new AppError('cancelled', CANCELLED_MESSAGE));
      },
    };
    running.add(entryRef);
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      running.delete(entryRef);
      f();
      void worker.terminate();
    };
    worker.on('message', (msg: { ok: true; bytes: Uint8Array } | { ok: false; error: { code: string; message: string } }) => {
      finish(() => (msg.ok ? resolve(msg.bytes) : reject(new AppError(msg.error.code, msg.error.message))));
    });
    worker.on('error', (e) => finish(() => reject(e instanceof AppError ? e : new AppError('export-failed', `Der Export ist fehlgeschlagen: ${e instanceof Error ? e.message : String(e)}`))));
    worker.on('exit', (code) => finish(() => reject(new AppError('export-failed', `Der Export wurde unerwartet beendet (Code ${code}). Bitte erneut versuchen.`))));
    worker.postMessage(job);
  });
}

/** Stops every running export; true when one was running. */
export function cancelExports(): boolean {
  const all = [...running];
  for (const r of all) r.cancel();
  return all.length > 0;
}
