// The dev server (browser harness and UI tests only) opens no door either: loopback only, a token
// per start, a Host check against DNS rebinding, no file outside the renderer folder, and the CSP.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, TOKEN_HEADER, type DevServer } from '../../electron/backend/dev-server.ts';
import { backend, makePlanFile, tempDir, type Backend } from './helpers/plans.ts';

const dir = tempDir('werkbank-dev-');
const SECRET = 'GEHEIM-nicht-ausliefern';
let server: DevServer;
let b: Backend;

beforeAll(async () => {
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><meta name="werkbank-token" content="%WERKBANK_TOKEN%"><script src="/assets/app.js"></script>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  writeFileSync(join(dir, 'web-secret.txt'), SECRET); // a sibling whose name starts like the folder
  b = backend({ dataDir: join(dir, 'data') });
  await b.ok('plan.open', { path: await makePlanFile(dir) });
  server = await startDevServer({ handlers: b.handlers, staticDir: web });
});
afterAll(async () => {
  await server?.close();
  b?.session.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A raw request: the path goes out exactly as written (no client-side normalisation). */
function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: opts.host ?? '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (method: string, token: string | undefined, body = '{}', headers: Record<string, string> = {}) =>
  send({ method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { [TOKEN_HEADER]: token }), ...headers }, body });

describe('dev server', () => {
  it('listens on 127.0.0.1 only', async () => {
    const address = server.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    await expect(send({ path: '/', host: '::1' })).rejects.toThrow();
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) await expect(send({ path: '/', host: external.address })).rejects.toThrow(/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/u);
  });

  it('refuses API calls without the token or with a wrong one (403), answers with it', async () => {
    for (const token of [undefined, '', 'falsch', server.token.slice(0, -1), `${server.token}x`, server.token.toUpperCase() === server.token ? 'A' : server.token.toUpperCase()]) {
      const r = await api('plan.info', token);
      expect(r.status, String(token)).toBe(403);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'token', message: 'Zugriff verweigert.' } });
    }
    const ok = await api('plan.info', server.token);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).ok).toBe(true);
  });

  it('refuses a foreign Host header (DNS rebinding) with 421, before looking at anything else', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1.nip.io:${server.port}`, `127.0.0.1:${server.port + 1}`, `localhost.evil:${server.port}`]) {
      const r = await api('plan.info', server.token, '{}', { host });
      expect(r.status, `api with host ${JSON.stringify(host)}`).toBe(421);
      const s = await send({ path: '/', headers: { host } });
      expect(s.status, `page with host ${JSON.stringify(host)}`).toBe(421);
    }
    expect((await send({ path: '/', headers: { host: `localhost:${server.port}` } })).status).toBe(200);
    // No Host header at all (HTTP/1.0 over a raw socket).
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(server.port, '127.0.0.1', () => sock.end(`POST /api/plan.info HTTP/1.0\r\n${TOKEN_HEADER}: ${server.token}\r\nContent-Length: 2\r\n\r\n{}`));
      let data = '';
      sock.on('data', (c) => { data += c.toString(); });
      sock.on('end', () => resolve(data));
      sock.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 421 /u);
  });

  it('serves no file outside the renderer folder, however the path is spelled', async () => {
    for (const path of [
      '/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt',
      '/../web-secret.txt', '/..%2fweb-secret.txt', '//../secret.txt', `/${encodeURIComponent(join(dir, 'secret.txt'))}`, '/%00', '/%E0%A4%A',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const r = await send({ path });
      expect(r.body, path).not.toContain(SECRET);
      expect([400, 403, 404, 500], `${path} → ${r.status}`).toContain(r.status);
    }
    expect((await send({ path: '/assets/app.js' })).body).toBe('console.log(1)');
  });

  it('sends the CSP (without unsafe-eval) and nosniff on every answer', async () => {
    const replies = [await send({ path: '/' }), await send({ path: '/assets/app.js' }), await send({ path: '/gibt-es-nicht' }), await api('plan.info', undefined), await api('plan.info', server.token)];
    for (const r of replies) {
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'/u);
      expect(csp).not.toMatch(/unsafe-eval/u);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });

  it('answers a body over the limit with 413 in German without reading it all; deep nesting is a validation error', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/plan.update', headers: { [TOKEN_HEADER]: server.token, 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', (e) => { if (!req.destroyed) reject(e); });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => { while (sent < 30 && req.write(chunk)) sent++; if (sent < 30) req.once('drain', () => { sent++; pump(); }); else req.end(); };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.message).toMatch(/^Die Anfrage ist zu groß \(höchstens 20 MiB\)\.$/u);
    // The server goes on serving.
    expect((await api('plan.info', server.token)).status).toBe(200);
    // A value nested deeper than the validator's stack (z.json recurses): refused, not a crash.
    const depth = 100_000;
    const deep = `{"key":"tabelle.spalten","value":${'['.repeat(depth)}1${']'.repeat(depth)}}`;
    const r = await api('prefs.set', server.token, deep);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(r.body).not.toMatch(/RangeError|\n\s+at /u);
  });

  it('hands the token to its own page only inside the page, and answers bad requests in German', async () => {
    const page = await send({ path: '/' });
    expect(page.body).toContain(`content="${server.token}"`);
    expect(server.url).not.toContain(server.token);
    expect((await send({ method: 'GET', path: '/api/plan.info', headers: { [TOKEN_HEADER]: server.token } })).status).toBe(405);
    const bad = await api('plan.info', server.token, '{kaputt');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toBe('Die Anfrage ist kein gültiges JSON.');
    const proto = await api('__proto__', server.token);
    expect(JSON.parse(proto.body)).toEqual({ ok: false, error: { code: 'unknown-method', message: 'Unbekannte Funktion.' } });
    const broken = await api('%E0%A4%A', server.token);
    expect(broken.body).not.toMatch(/URIError|\n\s+at /u);
  });
});
