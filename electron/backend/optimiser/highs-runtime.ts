// Loads the HiGHS solver (C++ compiled to WebAssembly, npm `highs`) once per process and
// reuses it. The wasm bytes are read from disk explicitly, so loading works the same under
// plain Node, vitest and a bundled/packaged Electron app (where the loader's own
// `new URL('highs.wasm', import.meta.url)` lookup may point into a bundle). A packaged app
// whose highs.wasm lives elsewhere (e.g. app.asar.unpacked) calls configureHighs({ wasmPath }).
import highsModule, { type Highs, type InitOptions } from 'highs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// `highs` ships one CommonJS-flavoured types.d.ts for both entry points, so under "nodenext"
// TypeScript types the default import as the module object; at run time Node's ESM import
// yields the loader function itself. Accept both shapes.
type Loader = (options?: InitOptions) => Promise<Highs>;
const highsLoader: Loader = typeof highsModule === 'function'
  ? (highsModule as unknown as Loader)
  : (highsModule as unknown as { default: Loader }).default;

let wasmPathOverride: string | null = null;
let pending: Promise<Highs> | null = null;

/** Sets where highs.wasm is read from (absolute path); takes effect for the next load. */
export function configureHighs(opts: { wasmPath?: string | null }): void {
  wasmPathOverride = opts.wasmPath ?? null;
  pending = null;
}

/** Forgets the loaded instance, e.g. after a WebAssembly trap left it in an unknown state. */
export function discardHighs(): void {
  pending = null;
}

function defaultWasmPath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('highs/runtime');
  } catch {
    // Bundled to CommonJS (import.meta.url is empty there): use the bundle's own require.
    try {
      return typeof require === 'function' ? require.resolve('highs/runtime') : null;
    } catch {
      return null;
    }
  }
}

async function load(): Promise<Highs> {
  const path = wasmPathOverride ?? defaultWasmPath();
  try {
    if (path) return await highsLoader({ wasmBinary: await readFile(path) });
    return await highsLoader();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new Error(`Der Optimierer (HiGHS) konnte nicht geladen werden${path ? ` (${path})` : ''}: ${detail}`, { cause: e });
  }
}

/** The shared HiGHS runtime; loaded on first use (≈ 40 ms), then reused. */
export function loadHighs(): Promise<Highs> {
  if (!pending) {
    const p = load();
    pending = p;
    p.catch(() => { if (pending === p) pending = null; });
  }
  return pending;
}
