// `npm start`: build, then launch the Electron app. Where the Electron binary could not be
// downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1), start the browser harness instead, so the
// command still opens the workbench with the demo plan.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npm', ['run', '-s', 'build']);
let electronPath = null;
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
  try {
    // Resolves the binary; on a machine with internet, electron downloads it on first use.
    electronPath = createRequire(import.meta.url)('electron');
  } catch {
    electronPath = null;
  }
}
if (typeof electronPath === 'string') {
  const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron-Programmdatei nicht installiert (ELECTRON_SKIP_BINARY_DOWNLOAD). Starte die Werkbank im Browser-Modus.');
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'electron/backend/dev-server-cli.ts', '--open', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
