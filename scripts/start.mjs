// `npm start`: build, then launch the Electron app with the demo plan. Where no Electron binary can
// be had (none downloaded, and no network to fetch it), start the browser mode instead and say so
// in one line. Build output is shown only when a build fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const node = require('./check-node.cjs');
if (!node.isSupported()) {
  console.error(node.message());
  process.exit(1);
}

function quiet(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    console.error(`Bauen fehlgeschlagen: ${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

/**
 * The Electron binary, or why there is none. Never `require('electron')`: that downloads the binary
 * with its output on our console ("TypeError: fetch failed" when offline).
 */
function electronBinary() {
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'Paket electron nicht installiert' };
  }
  const pathFile = join(dir, 'path.txt');
  const binary = () => (existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null);
  let found = binary();
  if (found && existsSync(found)) return { path: found };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return { reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD=1 ist gesetzt' };
  // One quiet attempt to fetch it (electron's own installer), as `require('electron')` would.
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  found = binary();
  if (r.status === 0 && found && existsSync(found)) return { path: found };
  return { reason: 'Download nicht möglich' };
}

quiet('npm', ['run', '-s', 'build:renderer', '--', '--logLevel', 'error']);
const electron = electronBinary();
if (electron.path) {
  quiet('npm', ['run', '-s', 'build:electron']);
  const child = spawn(electron.path, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Keine Electron-Programmdatei (${electron.reason}) – die Werkbank startet im Browser-Modus.`);
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'electron/backend/dev-server-cli.ts', '--open', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
