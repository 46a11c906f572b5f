// The contract over HTTP on 127.0.0.1, for the browser harness and the UI tests only.
// Never part of the packaged app (electron-builder.yml excludes it). It binds to loopback,
// requires a per-start token, checks the Host header and serves the built renderer with a CSP.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Handlers } from '../../shared/api/contract.ts';
import { dispatch } from './backend.ts';

export const TOKEN_HEADER = 'x-werkbank-token';
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MAX_BODY = 20 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json', '.ico': 'image/x-icon',
};

export interface DevServerOptions {
  handlers: Handlers;
  /** Folder with the built renderer (index.html); omitted: API only. */
  staticDir?: string;
  port?: number;
  token?: string;
}

export interface DevServer {
  server: Server;
  url: string;
  port: number;
  token: string;
  close: () => Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': CSP,
  });
  res.end(body);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

class BodyTooLarge extends Error {}

/** Reads the request body; throws BodyTooLarge as soon as it passes MAX_BODY (before reading it all). */
async function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) throw new BodyTooLarge();
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const TOO_LARGE = JSON.stringify({ ok: false, error: { code: 'too-large', message: `Die Anfrage ist zu groß (höchstens ${MAX_BODY / 1024 / 1024} MiB).` } });

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const root = opts.staticDir ? resolve(opts.staticDir) : undefined;
  let allowedHosts = new Set<string>();

  const server = createServer(async (req, res) => {
    try {
      // DNS rebinding guard: only our own loopback names.
      if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, JSON.stringify({ ok: false, error: { code: 'host', message: 'Unzulässiger Host.' } }));
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, JSON.stringify({ ok: false, error: { code: 'method', message: 'Nur POST.' } }));
        const given = req.headers[TOKEN_HEADER];
        if (typeof given !== 'string' || !sameToken(given, token)) {
          return send(res, 403, JSON.stringify({ ok: false, error: { code: 'token', message: 'Zugriff verweigert.' } }));
        }
        let args: unknown;
        try {
          const body = await readBody(req);
          args = body ? JSON.parse(body) : {};
        } catch (e) {
          if (e instanceof BodyTooLarge) {
            // Say so and stop reading; the rest of the body is not taken in.
            res.setHeader('Connection', 'close');
            res.on('finish', () => req.destroy());
            return send(res, 413, TOO_LARGE);
          }
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid', message: 'Die Anfrage ist kein gültiges JSON.' } }));
        }
        const result = await dispatch(opts.handlers, decodeURIComponent(url.pathname.slice('/api/'.length)), args);
        return send(res, 200, JSON.stringify(result));
      }
      if (!root || (req.method !== 'GET' && req.method !== 'HEAD')) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/u, '');
      const file = normalize(join(root, rel));
      if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'Forbidden', 'text/plain; charset=utf-8');
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      }
      if (rel === 'index.html') {
        // The page learns the per-start token from the page itself, never from a URL.
        body = Buffer.from(body.toString('utf8').replace('%WERKBANK_TOKEN%', token));
      }
      return send(res, 200, body, TYPES[extname(file)] ?? 'application/octet-stream');
    } catch (e) {
      console.error('[dev-server]', e);
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: 'internal', message: 'Interner Fehler.' } }));
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    server, port, token, url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
