// Child processes running .ts helpers with the same Node as the tests (Node 24 strips types itself).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const HELPERS = import.meta.dirname;

export interface Child {
  proc: ChildProcess;
  lines: string[];
  /** Resolves with the first line matching, rejects when the child ends first or after `ms`. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<string>;
  exited: Promise<number | null>;
}

export function spawnHelper(script: string, args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(HELPERS, script), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(line)) w.resolve(line);
      else waiters.push(w);
    }
  });
  const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
  const waitFor = (pattern: RegExp, ms = 10_000) => new Promise<string>((resolve, reject) => {
    const seen = lines.find((l) => pattern.test(l));
    if (seen) return resolve(seen);
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${pattern}; got ${JSON.stringify(lines)}`)), ms);
    waiters.push({ pattern, resolve: (l) => { clearTimeout(timer); resolve(l); } });
    void exited.then(() => setTimeout(() => reject(new Error(`child ended before ${pattern}; got ${JSON.stringify(lines)}`)), 50));
  });
  return { proc, lines, waitFor, exited };
}
