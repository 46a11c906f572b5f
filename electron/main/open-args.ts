// Which plan file the operating system asks us to open: from the command line (Windows and Linux
// pass the double-clicked file as an argument, at the first start and to the running instance via
// `second-instance`), or from macOS's `open-file` event. Pure functions, unit-tested without Electron.
import { isAbsolute, resolve as resolvePosix } from 'node:path';
import { win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

const PLAN_EXT = /\.wirplan$/iu;

/** A file:// URL (Linux launchers with %U) or a path, as an absolute path; null when neither. */
function toPath(arg: string, cwd: string, platform: NodeJS.Platform): string | null {
  let p = arg;
  if (/^file:\/\//iu.test(p)) {
    try {
      p = fileURLToPath(p, { windows: platform === 'win32' });
    } catch {
      return null;
    }
  }
  if (platform === 'win32') return win32.isAbsolute(p) ? win32.normalize(p) : win32.resolve(cwd, p);
  return isAbsolute(p) ? resolvePosix(p) : resolvePosix(cwd, p);
}

/**
 * The plan file named on a command line, or null. `argv` is process.argv (or the argv of
 * `second-instance`): the executable, in development the app folder, Chromium's own switches
 * (`--…`) and then what the shell or the file manager passed. The last `.wirplan` argument wins;
 * switches, including `--name=x.wirplan`, are never taken for a file.
 */
export function planPathFromArgv(argv: readonly string[], cwd: string, platform: NodeJS.Platform = process.platform): string | null {
  let found: string | null = null;
  let afterDoubleDash = false;
  for (const arg of argv.slice(1)) {
    if (!afterDoubleDash && arg === '--') { afterDoubleDash = true; continue; }
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (arg.length === 0 || arg.length > 4096 || arg.includes('\0')) continue;
    const path = toPath(arg, cwd, platform);
    if (path && PLAN_EXT.test(path)) found = path;
  }
  return found;
}

/** The path of macOS's `open-file` event, if it is a plan file. */
export function planPathFromOpenFile(path: unknown): string | null {
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096 || path.includes('\0')) return null;
  return isAbsolute(path) && PLAN_EXT.test(path) ? resolvePosix(path) : null;
}
