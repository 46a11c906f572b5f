// Remembered server passwords for `sync.run`, encrypted by the operating system (Electron's
// safeStorage: DPAPI on Windows, Keychain on macOS, the Secret Service on Linux), in a file of
// their own in the app's data folder, never in the plan file. No electron import here: main.ts
// passes safeStorage in, so the wrapper runs under plain Node in tests.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Handlers } from '../../shared/api/contract.ts';
import { serverLabel } from '../backend/sync/pg.ts';

export interface Cipher {
  /** False when the OS offers no real encryption (e.g. Linux without a keyring): nothing is stored then. */
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

function load(file: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function save(file: string, entries: Record<string, string>): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(entries), { mode: 0o600 });
  renameSync(tmp, file);
}

/**
 * `sync.run` with a password remembers it (after the server accepted it) under the server's
 * label (role@host:port/database); `sync.run` without one uses the remembered password.
 */
export function withStoredCredentials(handlers: Handlers, file: string, cipher: Cipher): Handlers {
  const run = handlers['sync.run'];
  return {
    ...handlers,
    'sync.run': async ({ server }) => {
      const label = serverLabel(server);
      const given = server.password !== undefined && server.password !== '';
      const hasUrlPassword = (() => { try { return new URL(server.url).password !== ''; } catch { return false; } })();
      let args = server;
      if (!given && !hasUrlPassword && cipher.available()) {
        const stored = load(file)[label];
        if (stored) {
          try {
            args = { ...server, password: cipher.decrypt(Buffer.from(stored, 'base64')) };
          } catch { /* unreadable (other user or machine): asked for again */ }
        }
      }
      const result = await run({ server: args });
      if (given && cipher.available()) save(file, { ...load(file), [label]: cipher.encrypt(server.password!).toString('base64') });
      return result;
    },
  };
}
