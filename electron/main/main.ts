// Electron's own code stays thin: lifecycle, window, menu, dialogs, IPC wiring, hardening.
// All plan logic lives in electron/backend, which runs the same under plain Node.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session as electronSession, shell, type MenuItemConstructorOptions } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHandlers, dispatch } from '../backend/backend.ts';
import { openInitial } from '../backend/handlers/plan.ts';
import { Session } from '../backend/session.ts';
import { describeWriteError, writeFileAtomic } from '../backend/safety/atomic.ts';
import type { HostEvents } from '../../shared/api/contract.ts';
import { safeStorage } from 'electron';
import { withStoredCredentials } from './credentials.ts';
import type { PlanInfo } from '../../shared/domain/types.ts';
import { planPathFromArgv, planPathFromOpenFile } from './open-args.ts';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isTrustedSender, resolveAppPath, windowOptions } from './security.ts';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// German date pickers, file buttons and spell-check language whatever the Windows display language.
app.commandLine.appendSwitch('lang', 'de-DE');

// One instance per user: a second start (a double-clicked .wirplan) hands its command line to the
// running one (`second-instance` below) and ends here, before any window, session or lock file.
const hasInstanceLock = app.requestSingleInstanceLock();
if (!hasInstanceLock) app.quit();

const rendererDir = join(__dirname, '..', 'dist', 'renderer');
let win: BrowserWindow | null = null;

// A plan the operating system asked us to open: at the first start from argv (Windows, Linux) or
// open-file (macOS, which may arrive before 'ready'); later from second-instance or open-file.
let pendingPlanPath: string | null = planPathFromArgv(process.argv, process.cwd());
let openPlanPath: ((path: string) => Promise<void>) | null = null;

function focusWindow(): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function askToOpen(path: string | null): void {
  focusWindow();
  if (!path) return;
  if (openPlanPath) void openPlanPath(path);
  else pendingPlanPath = path;
}

app.on('open-file', (event, path) => {
  const plan = planPathFromOpenFile(path);
  if (!plan) return;
  event.preventDefault();
  askToOpen(plan);
});
app.on('second-instance', (_event, argv, workingDirectory) => {
  askToOpen(planPathFromArgv(argv, workingDirectory));
});

function send<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void {
  win?.webContents.send('event', event, payload);
}

function buildMenu(): void {
  const cmd = (command: HostEvents['menu']['command']) => () => send('menu', { command });
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Datei',
      submenu: [
        { label: 'Neuer Plan…', accelerator: 'CmdOrCtrl+N', click: cmd('plan.new') },
        { label: 'Öffnen…', accelerator: 'CmdOrCtrl+O', click: cmd('plan.open') },
        { label: 'Speichern unter…', accelerator: 'CmdOrCtrl+Shift+S', click: cmd('plan.saveAs') },
        { type: 'separator' },
        { label: 'Als DOCX exportieren…', accelerator: 'CmdOrCtrl+E', click: cmd('export.docx') },
        { type: 'separator' },
        { role: 'quit', label: 'Beenden' },
      ],
    },
    {
      label: 'Bearbeiten',
      submenu: [
        // No accelerators here: Ctrl+Z/Ctrl+Y reach the page, which undoes plan changes outside
        // text fields and leaves the fields' own text undo alone.
        { label: 'Planänderung rückgängig machen', click: cmd('history.undo') },
        { label: 'Planänderung wiederherstellen', click: cmd('history.redo') },
        { type: 'separator' },
        { role: 'undo', label: 'Texteingabe rückgängig', accelerator: '' },
        { role: 'redo', label: 'Texteingabe wiederherstellen', accelerator: '' },
        { type: 'separator' },
        { role: 'cut', label: 'Ausschneiden' }, { role: 'copy', label: 'Kopieren' }, { role: 'paste', label: 'Einfügen' }, { role: 'selectAll', label: 'Alles auswählen' },
      ],
    },
    { label: 'Ansicht', submenu: [{ role: 'resetZoom', label: 'Originalgröße' }, { role: 'zoomIn', label: 'Vergrößern' }, { role: 'zoomOut', label: 'Verkleinern' }, { role: 'togglefullscreen', label: 'Vollbild' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function main(): Promise<void> {
  await app.whenReady();
  const planSession = new Session({ dataDir: app.getPath('userData') });
  // Server passwords for sync.run: remembered only where the OS really encrypts them.
  const handlers = withStoredCredentials(createHandlers(planSession), join(app.getPath('userData'), 'server-credentials.json'), {
    available: () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  });
  // The file the system asked for, else the last plan (or the demo plan).
  const requested = pendingPlanPath;
  pendingPlanPath = null;
  let startMessage: string | null = null;
  if (requested) {
    const r = await dispatch(handlers, 'plan.open', { path: requested });
    if (!r.ok) startMessage = `„${requested}“ konnte nicht geöffnet werden: ${r.error.message}`;
  }
  if (!planSession.isOpen) {
    try {
      await openInitial(planSession);
    } catch (e) {
      console.error('[main] could not open a plan at start', e);
    }
  }

  // Serve the renderer from app://werkbank/ with path checks and a strict CSP.
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, rendererDir, sep, normalize);
    if (!file) return new Response('Forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(res.body, { status: res.status, headers });
  });

  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No network at all: anything that is not our own protocol is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools:') || details.url.startsWith('blob:') || details.url.startsWith('data:')) });
  });

  ipcMain.handle('api', async (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: { code: 'forbidden', message: 'Zugriff verweigert.' } };
    return dispatch(handlers, method, args);
  });
  ipcMain.handle('host:choosePlanPath', async (event, mode: unknown, suggested: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url) || !win) return null;
    const filters = [{ name: 'Plandatei der Zusammenhalt-Werkbank', extensions: ['wirplan'] }];
    if (mode === 'open') {
      const r = await dialog.showOpenDialog(win, { title: 'Plan öffnen', filters, properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    }
    const r = await dialog.showSaveDialog(win, { title: 'Plan speichern unter', filters, defaultPath: typeof suggested === 'string' ? suggested : undefined });
    return r.canceled ? null : (r.filePath ?? null);
  });
  ipcMain.handle('host:saveFile', async (event, fileName: unknown, base64: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url) || !win || typeof fileName !== 'string' || typeof base64 !== 'string') return false;
    const ext = fileName.split('.').pop() ?? '';
    const r = await dialog.showSaveDialog(win, { title: 'Speichern', defaultPath: fileName, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] });
    if (r.canceled || !r.filePath) return false;
    // Temp file beside the target, fsync, rename: a full disk leaves the previous file intact.
    try {
      await writeFileAtomic(r.filePath, Buffer.from(base64, 'base64'));
    } catch (e) {
      await dialog.showMessageBox(win, { type: 'error', title: 'Speichern fehlgeschlagen', message: `Die Datei konnte nicht gespeichert werden (${describeWriteError(e)}). Eine vorhandene Datei ist unverändert.` });
      return false;
    }
    return true;
  });

  buildMenu();
  // The options come from windowOptions(); the hardening flags are repeated literally so the
  // Electronegativity scan (scripts/electronegativity.mjs) sees them here.
  const options = windowOptions(join(__dirname, 'preload.cjs'));
  win = new BrowserWindow({
    ...options,
    webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  // The renderer holds back the close while a field has unsaved input (beforeunload, forms/LeaveGuard);
  // Electron would then keep the window open silently, so ask: close anyway, or stay and save.
  win.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win!, {
      type: 'question', buttons: ['Zurück zur Eingabe', 'Schließen ohne zu speichern'], defaultId: 0, cancelId: 0, noLink: true,
      title: 'Eingaben nicht gespeichert', message: 'Einige Eingaben sind noch nicht gespeichert.',
      detail: 'Gültige Eingaben werden gerade gespeichert. Was nicht gespeichert werden kann (z. B. ein zu langer Titel), geht beim Schließen verloren.',
    });
    if (choice === 1) e.preventDefault(); // preventDefault here lets the window close after all
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser only for https and mailto; nothing opens inside the app.
    if (url.startsWith('https://') || url.startsWith('mailto:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win?.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);

  openPlanPath = async (path) => {
    const r = await dispatch(handlers, 'plan.open', { path });
    if (r.ok) send('plan.changed', { path: (r.value as PlanInfo).path });
    else if (win) await dialog.showMessageBox(win, { type: 'error', title: 'Plan öffnen', message: `„${path}“ konnte nicht geöffnet werden: ${r.error.message}` });
  };
  if (startMessage) void dialog.showMessageBox(win, { type: 'error', title: 'Plan öffnen', message: startMessage });
  // A request that came in while the window was loading.
  if (pendingPlanPath) {
    const p = pendingPlanPath;
    pendingPlanPath = null;
    void openPlanPath(p);
  }
  app.on('window-all-closed', () => {
    planSession.close();
    app.quit();
  });
}

if (hasInstanceLock) void main();
