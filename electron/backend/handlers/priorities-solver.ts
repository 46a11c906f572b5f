// Runs the optimiser off the backend's thread. HiGHS (WebAssembly) blocks the thread it solves on
// for up to the time limit; in the desktop app that thread is Electron's main process (menus, IPC),
// in the browser harness the dev server. So each job goes to one long-lived worker thread
// (node:worker_threads), started on first use and kept unref'd while idle.
//
// Where the worker comes from: next to this module as TypeScript (plain Node ≥ 24 strips the
// types itself: tests, dev server), or beside the bundle as dist-electron/priorities-worker.cjs
// (scripts/build-electron.mjs builds it as a separate entry). When neither exists or the worker
// cannot start (e.g. a host that refuses worker threads), the job runs in-process instead; the
// result says which (OptimiserRun.inWorker). WERKBANK_SOLVER=inline forces in-process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { runSolverJob, type SolverJob, type SolverResults } from './priorities-jobs.ts';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  job: SolverJob;
  timer: ReturnType<typeof setTimeout>;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string; message: string } };

function workerEntry(): URL | string | null {
  try {
    const url = new URL('./priorities-worker.ts', import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  } catch {
    // Bundled to CommonJS: import.meta.url is empty there.
  }
  if (typeof __dirname === 'string') {
    const bundled = join(__dirname, 'priorities-worker.cjs');
    if (existsSync(bundled)) return bundled;
  }
  return null;
}

class SolverHost {
  private worker: Worker | null = null;
  private online = false;
  /** The worker cannot be used in this process: run in-process from now on. */
  private unusable = process.env.WERKBANK_SOLVER === 'inline';
  private readonly pending = new Map<number, Pending>();
  private seq = 0;

  async run<K extends SolverJob['kind']>(job: Extract<SolverJob, { kind: K }>, hardLimitSeconds: number): Promise<{ value: SolverResults[K]; inWorker: boolean }> {
    if (!this.unusable) {
      const w = this.start();
      if (w) {
        try {
          return { value: (await this.post(w, job, hardLimitSeconds)) as SolverResults[K], inWorker: true };
        } catch (e) {
          if (!(e instanceof WorkerUnavailable)) throw e;
        }
      }
    }
    return { value: (await runSolverJob(job)) as SolverResults[K], inWorker: false };
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    const entry = workerEntry();
    if (!entry) {
      this.unusable = true;
      return null;
    }
    let w: Worker;
    try {
      w = new Worker(entry);
    } catch (e) {
      this.giveUp(e);
      return null;
    }
    this.worker = w;
    this.online = false;
    w.unref();
    w.on('online', () => { if (this.worker === w) this.online = true; });
    w.on('message', (msg: Reply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.settle(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new AppError(msg.error.code, msg.error.message));
    });
    w.on('error', (e) => this.fail(w, e));
    w.on('exit', (code) => this.fail(w, new Error(`worker exited with code ${code}`)));
    return w;
  }

  private post(w: Worker, job: SolverJob, hardLimitSeconds: number): Promise<unknown> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // HiGHS keeps its own time limit; this only catches a worker that stopped answering.
        if (!this.pending.has(id)) return;
        this.settle(id);
        reject(new AppError('solver-timeout', `Die Berechnung hat nach ${hardLimitSeconds} Sekunden nicht geantwortet und wurde abgebrochen. Bitte mit kürzerem Zeitlimit erneut versuchen.`));
        this.fail(w, new Error('no answer'));
        void w.terminate();
      }, hardLimitSeconds * 1000);
      timer.unref?.();
      this.pending.set(id, { resolve, reject, job, timer });
      w.ref();
      w.postMessage({ id, job });
    });
  }

  private settle(id: number): void {
    const p = this.pending.get(id);
    if (p) clearTimeout(p.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  /** The worker failed or ended: before it came up = unusable here (jobs fall back); later = the jobs fail. */
  private fail(w: Worker, e: unknown): void {
    if (this.worker !== w) return;
    const wasOnline = this.online;
    this.worker = null;
    const jobs = [...this.pending.entries()];
    for (const [id] of jobs) this.settle(id);
    if (!wasOnline) this.giveUp(e);
    for (const [, p] of jobs) {
      p.reject(wasOnline
        ? new AppError('solver-error', 'Der Optimierer ist unerwartet beendet worden. Bitte die Berechnung erneut starten.')
        : new WorkerUnavailable());
    }
  }

  private giveUp(e: unknown): void {
    if (!this.unusable) console.warn('[optimiser] worker thread not available, solving in-process:', e instanceof Error ? e.message : e);
    this.unusable = true;
  }

  stop(): void {
    const w = this.worker;
    if (!w) return;
    this.fail(w, new Error('stopped'));
    void w.terminate();
  }
}

class WorkerUnavailable extends Error {}

const host = new SolverHost();

/** Runs an optimiser job in the worker thread (or in-process as a fallback). */
export function runSolver<K extends SolverJob['kind']>(job: Extract<SolverJob, { kind: K }>, hardLimitSeconds: number): Promise<{ value: SolverResults[K]; inWorker: boolean }> {
  return host.run(job, hardLimitSeconds);
}

/** Ends the worker thread (it restarts on the next job). */
export function stopSolver(): void {
  host.stop();
}
