// Hardening decisions in one place, as plain data and pure functions, so unit tests can check them
// without the Electron binary.
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'werkbank';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Zusammenhalt-Werkbank',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in a new window; the window-open handler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: process.env.WERKBANK_DEVTOOLS === '1',
    },
  };
}

/** Only our own page, served from the app protocol, may call the backend. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  if (!frameUrl) return false;
  try {
    const u = new URL(frameUrl);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Maps an app:// URL to a file below the renderer folder, or null when it would leave it. */
export function resolveAppPath(url: string, rootDir: string, sep: string, normalize: (p: string) => string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname).replace(/^\/+/u, '') || 'index.html';
  } catch {
    return null; // broken percent-escapes (URIError): not one of our files
  }
  // Our files have plain names: no backslash (a separator on Windows), no control characters, no dot-dot.
  // oxlint-disable-next-line no-control-regex -- rejecting control characters is the point here
  if (/[\\\u0000-\u001f\u007f]/u.test(rel) || rel.split('/').includes('..')) return null;
  const full = normalize(`${rootDir}${sep}${rel}`);
  return full.startsWith(rootDir + sep) ? full : null;
}
