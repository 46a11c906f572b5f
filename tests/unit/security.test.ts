// The Electron shell opens no door: the window's web preferences, who may call the backend, which
// files the app protocol serves, the IPC allowlist, the fuses and what is shipped – all checked
// without the Electron binary (electron/main/security.ts is plain data and pure functions).
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP as DEV_SERVER_CSP } from '../../electron/backend/dev-server.ts';
import {
  APP_ORIGIN, CONTENT_SECURITY_POLICY, isTrustedSender, resolveAppPath, windowOptions,
} from '../../electron/main/security.ts';
import { METHODS, isMethod } from '../../shared/api/contract.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

describe('window options', () => {
  const prefs = windowOptions('/app/preload.cjs').webPreferences!;

  it('isolate the page: context isolation, sandbox, no Node, no webview, web security on', () => {
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('keep the developer tools off unless explicitly asked for', () => {
    const before = process.env.WERKBANK_DEVTOOLS;
    delete process.env.WERKBANK_DEVTOOLS;
    expect(windowOptions('/p').webPreferences!.devTools).toBe(false);
    process.env.WERKBANK_DEVTOOLS = '1';
    expect(windowOptions('/p').webPreferences!.devTools).toBe(true);
    if (before === undefined) delete process.env.WERKBANK_DEVTOOLS;
    else process.env.WERKBANK_DEVTOOLS = before;
  });
});

describe('content security policy', () => {
  it('allows only our own scripts: no eval, no inline script, no plugins, no framing', () => {
    for (const csp of [CONTENT_SECURITY_POLICY, DEV_SERVER_CSP]) {
      expect(csp).not.toMatch(/unsafe-eval/u);
      expect(csp).toMatch(/script-src 'self'(;|$)/u);
      expect(csp).toMatch(/object-src 'none'/u);
      expect(csp).toMatch(/frame-ancestors 'none'/u);
      expect(csp).toMatch(/base-uri 'none'/u);
      expect(csp).toMatch(/default-src 'self'/u);
    }
    // The browser harness runs under the same policy as the app.
    expect(DEV_SERVER_CSP).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('trusted sender', () => {
  it('is our own page on app://werkbank only', () => {
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/`, `${APP_ORIGIN}/views/plan?x=1#y`]) expect(isTrustedSender(url), url).toBe(true);
    for (const url of [
      undefined, '', 'about:blank', 'file:///index.html', 'file:///C:/app/index.html', 'http://127.0.0.1:5178/', 'http://localhost/',
      'https://werkbank/', 'app://evil/', 'app://werkbank.evil/', 'app://evil.werkbank/', 'app://werkbank:8080/', 'APP://WERKBANK.EVIL/',
      'devtools://devtools/bundled/inspector.html', 'chrome-extension://abc/', 'data:text/html,<script>', 'blob:app://werkbank/123',
      'javascript:alert(1)', 'app:werkbank', 'app:///werkbank', 'not a url',
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });

  it('never trusts anything that does not parse as app://werkbank', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl(), fc.string()), (url) => {
      if (isTrustedSender(url)) {
        const u = new URL(url);
        expect(u.protocol).toBe('app:');
        expect(u.host).toBe('werkbank');
      }
    }), { numRuns: 2_000 });
  });
});

describe('app protocol: files below the renderer folder only', () => {
  const cases = [
    { sep: '/', normalize: path.posix.normalize, root: '/opt/werkbank/dist/renderer' },
    { sep: '\\', normalize: path.win32.normalize, root: 'C:\\Programme\\Werkbank\\dist\\renderer' },
  ];

  it.each(cases)('serves the page and its assets ($sep)', ({ sep, normalize, root }) => {
    expect(resolveAppPath(`${APP_ORIGIN}/index.html`, root, sep, normalize)).toBe(`${root}${sep}index.html`);
    expect(resolveAppPath(`${APP_ORIGIN}/`, root, sep, normalize)).toBe(`${root}${sep}index.html`);
    expect(resolveAppPath(`${APP_ORIGIN}/assets/app-1234.js`, root, sep, normalize)).toBe(normalize(`${root}${sep}assets/app-1234.js`));
  });

  it.each(cases)('refuses traversal, other hosts and schemes, broken escapes, NUL ($sep)', ({ sep, normalize, root }) => {
    for (const url of [
      `${APP_ORIGIN}/..%2f..%2f..%2fetc%2fpasswd`, `${APP_ORIGIN}/..%2F..%2Fetc%2Fpasswd`, `${APP_ORIGIN}/..%5c..%5cWindows%5cwin.ini`,
      `${APP_ORIGIN}/assets/..%2f..%2f..%2fsecret`, `${APP_ORIGIN}/%2e%2e%2f%2e%2e%2fsecret`, `${APP_ORIGIN}/..%252f..%252fsecret/..%2f..%2f..`,
      'app://evil/index.html', 'file:///etc/passwd', 'http://127.0.0.1/index.html', 'app:/../../etc/passwd',
      `${APP_ORIGIN}/%E0%A4%A`, `${APP_ORIGIN}/index.html%00.png`, `${APP_ORIGIN}/%0d%0aSet-Cookie`,
    ]) {
      const got = resolveAppPath(url, root, sep, normalize);
      expect(got, url).toBeNull();
    }
  });

  it.each(cases)('whatever the URL: null, or a path strictly below the folder ($sep)', ({ sep, normalize, root }) => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '..%2f', '..%5c', '%2f', '%5c', 'C:', '%00', '', 'index.html', '%E0%A4'), fc.string({ maxLength: 6 }));
    fc.assert(fc.property(fc.array(segment, { maxLength: 8 }), (parts) => {
      const url = `${APP_ORIGIN}/${parts.join('/')}`;
      let got: string | null;
      try {
        got = resolveAppPath(url, root, sep, normalize);
      } catch (e) {
        throw new Error(`resolveAppPath threw for ${url}: ${String(e)}`);
      }
      if (got !== null) {
        expect(got.startsWith(root + sep), url).toBe(true);
        expect(normalize(got)).toBe(got);
        expect(got.split(sep)).not.toContain('..');
      }
    }), { numRuns: 3_000 });
  });
});

describe('IPC allowlist', () => {
  it('knows every contract method, and nothing else (prototype names included)', () => {
    for (const m of METHODS) expect(isMethod(m), m).toBe(true);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', '', ' plan.open', 'plan.open ', 'PLAN.OPEN', 'plan', 'plan.', '.open', 42, null, undefined, {}, ['plan.open'], Symbol('plan.open')]) {
      expect(isMethod(name), String(typeof name === 'symbol' ? 'symbol' : JSON.stringify(name))).toBe(false);
    }
    fc.assert(fc.property(fc.string(), (s) => {
      expect(isMethod(s)).toBe((METHODS as string[]).includes(s));
    }), { numRuns: 5_000 });
  });

  it('main checks the sender before every handler it registers', () => {
    const main = read('electron/main/main.ts');
    const handlers = [...main.matchAll(/ipcMain\.handle\('([^']+)'[^{]*\{([\s\S]{0,200})/gu)];
    expect(handlers.length).toBeGreaterThan(0);
    for (const [, channel, body] of handlers) expect(body, channel).toMatch(/isTrustedSender\(event\.senderFrame\?\.url\)/u);
    expect(main).toMatch(/ipcMain\.handle\('api'[\s\S]{0,200}dispatch\(handlers, method, args\)/u);
    // No navigation, no new windows, no webviews, no permissions, no network.
    expect(main).toMatch(/will-navigate', \(e\) => e\.preventDefault\(\)/u);
    expect(main).toMatch(/will-attach-webview', \(e\) => e\.preventDefault\(\)/u);
    expect(main).toMatch(/setWindowOpenHandler\([\s\S]{0,300}action: 'deny'/u);
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/u);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/u);
    expect(main).toMatch(/onBeforeRequest\([\s\S]{0,200}cancel: !/u);
    expect(main).not.toMatch(/dev-server/u);
  });

  it('the preload exposes invoke/on only, never ipcRenderer itself', () => {
    const preload = read('electron/preload/preload.ts');
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\(/u);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/u);
    expect(preload).not.toMatch(/require\(|import\(.*node:/u);
  });
});

describe('packaging', () => {
  const yaml = createRequire(import.meta.url)('js-yaml') as { load: (s: string) => unknown };
  const cfg = yaml.load(read('electron-builder.yml')) as {
    asar: boolean; files: string[]; publish: unknown; electronFuses: Record<string, boolean>;
  };

  it('fuses: no run-as-node, no NODE_OPTIONS, no inspector, encrypted cookies, asar only and integrity-checked', () => {
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(cfg.asar).toBe(true);
    expect(cfg.publish).toBeNull();
  });

  it('ships the built app only: no sources, no dev server, no tests, no scripts', () => {
    for (const excluded of ['!electron/**', '!tests/**', '!scripts/**', '!renderer/**', '!shared/**']) expect(cfg.files).toContain(excluded);
    const included = cfg.files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['dist-electron/**', 'dist/renderer/**', 'package.json'].sort());
    // What goes into dist-electron is bundled from app entry points, never from the dev server or tests.
    const entries = [...read('scripts/build-electron.mjs').matchAll(/entryPoints: \['([^']+)'\]/gu)].map((m) => m[1]);
    expect(entries).toContain('electron/main/main.ts');
    expect(entries).toContain('electron/preload/preload.ts');
    for (const e of entries) expect(e, e).toMatch(/^electron\/(main|preload|backend)\/(?!.*dev-server)/u);
    const bundles = existsSync(path.join(ROOT, 'dist-electron')) ? readdirSync(path.join(ROOT, 'dist-electron')).filter((f) => f.endsWith('.cjs')) : [];
    for (const f of bundles) expect(read(`dist-electron/${f}`), f).not.toMatch(/x-werkbank-token|startDevServer|WERKBANK_TOKEN/u);
  });
});
