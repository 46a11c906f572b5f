// Runs the open gate (checkPlanFile) in a worker thread with a deadline and a memory cap. When the
// deadline passes or the planner cancels, the answer is given at once (the worker is terminated;
// SQLite's native loop ends with it at the next return to JavaScript) and the file is not opened.
// Where the worker comes from: beside this module as TypeScript (plain Node: tests, dev server,
// CLI) or beside the bundle as dist-electron/check-worker.cjs (scripts/build-electron.mjs). Where
// no worker can start, the check runs in-process (still ordered so that nothing in the file's
// schema is evaluated before the schema is verified).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkPlanFile, type CheckOptions, type PlanFileCheck } from './open.ts';

/** Default deadline of one check; WERKBANK_CHECK_DEADLINE_MS overrides it (tests). */
export const CHECK_DEADLINE_MS = 20_000;
/** JavaScript heap cap of the check worker; SQLite's own memory is bounded by cache_size and the file-size check. */
const WORKER_HEAP_MB = 256;

export function checkDeadlineMs(): number {
  const env = Number(process.env.WERKBANK_CHECK_DEADLINE_MS);
  return Number.isFinite(env) && env > 0 ? env : CHECK_DEADLINE_MS;
}

function workerEntry(): URL | string | null {
  try {
    const url = new URL('./check-worker.ts', import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  } catch {
    // Bundled to CommonJS: import.meta.url is empty there.
  }
  if (typeof __dirname === 'string') {
    const bundled = join(__dirname, 'check-worker.cjs');
    if (existsSync(bundled)) return bundled;
  }
  return null;
}

/** Identifies the file as it was checked, so the open that follows can tell it was not swapped meanwhile. */
export interface FileIdentity { size: number; mtimeMs: number; ino: number }

export function fileIdentity(path: string): FileIdentity | null {
  try {
    const st = statSync(path);
    return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
  } catch {
    return null;
  }
}

export function sameIdentity(a: FileIdentity | null, b: FileIdentity | null): boolean {
  return a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

export interface BoundedCheck {
  result: Promise<PlanFileCheck & { identity: FileIdentity | null; inWorker: boolean }>;
  /** Stops the check; the result says "abgebrochen". */
  cancel: () => void;
}

const cancelled = (): PlanFileCheck => ({ ok: false, code: 'timeout', message: 'Das Öffnen wurde abgebrochen. Die Datei wurde nicht geöffnet und nicht verändert.' });
const timedOut = (ms: number): PlanFileCheck => ({
  ok: false, code: 'timeout',
  message: `Die Prüfung der Plandatei dauerte länger als ${Math.round(ms / 1000)} Sekunden und wurde abgebrochen. `
    + 'Die Datei wurde nicht geöffnet und nicht verändert; sie wird beim nächsten Start nicht automatisch geöffnet. '
    + 'Sie kann als bereinigte Kopie geöffnet werden.',
});

type WorkerReply = { id: number; ok: true; value: PlanFileCheck } | { id: number; ok: false; message: string };

const DAMAGED = 'Die Plandatei ist beschädigt und kann nicht gelesen werden. Bitte eine Sicherung öffnen.';

/**
 * The one long-lived check worker (started on first use or by warmCheckWorker). Checks run one at
 * a time in it; a check that passes its deadline or is cancelled terminates it, and the next check
 * starts a fresh one. Starting a worker costs ~100 ms (thread, module load, expected schema), which
 * an open of an ordinary plan (a few ms) would otherwise pay every time.
 */
interface Shared {
  worker: Worker;
  pending: Map<number, (c: PlanFileCheck) => void>;
  /** Resolves when the checks queued before have finished. */
  tail: Promise<unknown>;
}
let shared: Shared | null = null;
let nextId = 1;

function failAll(s: Shared, c: PlanFileCheck): void {
  if (shared === s) shared = null;
  for (const f of s.pending.values()) f(c);
  s.pending.clear();
}

function sharedWorker(entry: URL | string): Shared {
  if (shared) return shared;
  const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 } });
  const s: Shared = { worker, pending: new Map(), tail: Promise.resolve() };
  worker.on('message', (m: WorkerReply) => {
    const f = s.pending.get(m.id);
    s.pending.delete(m.id);
    f?.(m.ok ? m.value : { ok: false, code: 'damaged', message: DAMAGED });
  });
  worker.on('error', (e) => {
    const oom = /heap|memory/iu.test(String(e));
    failAll(s, { ok: false, code: 'damaged', message: oom
      ? 'Die Prüfung der Plandatei brauchte mehr Arbeitsspeicher als erlaubt und wurde abgebrochen. Die Datei wurde nicht geöffnet und nicht verändert.'
      : DAMAGED });
  });
  worker.on('exit', () => failAll(s, { ok: false, code: 'damaged', message: 'Die Prüfung der Plandatei wurde unerwartet beendet. Die Datei wurde nicht geöffnet und nicht verändert.' }));
  // After the listeners (adding a 'message' listener refs the worker again): an idle worker never keeps the process alive.
  worker.unref();
  shared = s;
  return s;
}

/** Starts the check worker in the background, so the first open does not wait for it. */
export function warmCheckWorker(): void {
  const entry = workerEntry();
  if (!entry || process.env.WERKBANK_CHECK === 'inline') return;
  try {
    sharedWorker(entry);
  } catch {
    // No worker here: checks run in-process.
  }
}

/** Checks `path` off the main thread; never takes longer than `deadlineMs`. */
export function checkPlanFileBounded(path: string, opts: CheckOptions & { deadlineMs?: number } = {}): BoundedCheck {
  const deadline = opts.deadlineMs ?? checkDeadlineMs();
  const identity = fileIdentity(path);
  const entry = workerEntry();
  const checkOpts: CheckOptions = { journal: opts.journal };
  if (!entry || process.env.WERKBANK_CHECK === 'inline') {
    return { result: Promise.resolve({ ...checkPlanFile(path, checkOpts), identity, inWorker: false }), cancel: () => {} };
  }
  let s: Shared;
  try {
    s = sharedWorker(entry);
  } catch {
    return { result: Promise.resolve({ ...checkPlanFile(path, checkOpts), identity, inWorker: false }), cancel: () => {} };
  }
  const id = nextId++;
  let settle: ((c: PlanFileCheck) => void) | null = null;
  const result = new Promise<PlanFileCheck>((resolve) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (c: PlanFileCheck, stop = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.pending.delete(id);
      // A check that did not end: the worker is still inside SQLite; end it (the next check starts a new one).
      if (stop) {
        if (shared === s) shared = null;
        void s.worker.terminate();
      }
      resolve(c);
    };
    settle = (c) => finish(c, true);
    // Queued behind the checks already running; the deadline counts from the start of this check.
    const prior = s.tail;
    s.tail = prior.then(() => new Promise<void>((ran) => {
      if (done) { ran(); return; }
      s.pending.set(id, (c) => { finish(c); ran(); });
      timer = setTimeout(() => { finish(timedOut(deadline), true); ran(); }, deadline);
      s.worker.postMessage({ id, path, opts: checkOpts });
    }));
  });
  return {
    result: result.then((c) => ({ ...c, identity, inWorker: true })),
    cancel: () => settle?.(cancelled()),
  };
}
