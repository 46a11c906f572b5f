// Electron's own code stays thin: lifecycle, window, menu, dialogs, IPC wiring, hardening.
// All plan logic lives in electron/backend, which runs the same under plain Node.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session as electronSession, shell, type MenuItemConstructorOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHandlers, dispatch } from '../backend/backend.ts';
import { openInitial } from '../backend/handlers/plan.ts';
import { Session } from '../backend/session.ts';
import type { HostEvents } from '../../shared/api/contract.ts';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isTrustedSender, resolveAppPath, windowOptions } from './security.ts';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// German date pickers, file buttons and spell-check language whatever the Windows display language.
app.commandLine.appendSwitch('lang', 'de-DE');

if (!app.requestSingleInstanceLock()) app.quit();

const rendererDir = join(__dirname, '..', 'dist', 'renderer');
let win: BrowserWindow | null = null;

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
  try {
    await openInitial(planSession);
  } catch (e) {
    console.error('[main] could not open a plan at start', e);
  }
  const handlers = createHandlers(planSession);

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
    await writeFile(r.filePath, Buffer.from(base64, 'base64'));
    return true;
  });

  buildMenu();
  win = new BrowserWindow(windowOptions(join(__dirname, 'preload.cjs')));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser only for https and mailto; nothing opens inside the app.
    if (url.startsWith('https://') || url.startsWith('mailto:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win?.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => {
    planSession.close();
    app.quit();
  });
}

void main();
