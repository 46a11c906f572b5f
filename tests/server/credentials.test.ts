// Remembered server passwords (electron/main/credentials.ts) around the real backend and a real
// cluster. The OS encryption (Electron's safeStorage) is stood in for by AES-256-GCM with a key
// held in memory, as the OS holds its key outside the file.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import { planIdOf } from '../../electron/backend/sync/merge.ts';
import { withStoredCredentials, type Cipher } from '../../electron/main/credentials.ts';
import { tempDir } from '../helpers/plan.ts';
import { addPlan, createPlanner, startWerkbankServer, type WerkbankServer } from './pg-cluster.ts';

const SECRET = 'Gespeichertes-Passwort-6612';
let srv: WerkbankServer;
let dir: string;
let session: Session;

function aes(available = true): Cipher {
  const key = randomBytes(32);
  return {
    available: () => available,
    encrypt: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt: (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

beforeAll(async () => {
  srv = await startWerkbankServer();
  await createPlanner(srv.admin, 'anna', SECRET);
  dir = tempDir('werkbank-cred-');
  session = new Session({ dataDir: join(dir, 'data'), user: 'anna' });
  const api = createClient(createHandlers(session));
  const path = join(dir, 'plan.wirplan');
  await api['plan.new']({ path, title: 'Plan', landkreis: 'Landkreis Test' });
  await addPlan(srv.admin, planIdOf(session.db), 'Plan', ['anna']);
}, 60_000);

afterAll(async () => {
  session?.close();
  await srv?.admin.end().catch(() => {});
  srv?.cluster.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('remembered server passwords', () => {
  it('remembers an accepted password encrypted and uses it when none is given', async () => {
    const file = join(dir, 'server-credentials.json');
    const api = createClient(withStoredCredentials(createHandlers(session), file, aes()));
    const url = `postgres://anna@127.0.0.1:${srv.cluster.port}/werkbank?sslmode=disable`;
    // A wrong password is not remembered.
    await expect(api['sync.run']({ server: { url, password: 'Falsch-1' } })).rejects.toThrow(/Anmeldung am Server fehlgeschlagen/);
    expect(existsSync(file)).toBe(false);
    await api['sync.run']({ server: { url, password: SECRET } });
    const stored = readFileSync(file);
    expect(stored.includes(Buffer.from(SECRET))).toBe(false);
    expect(Object.keys(JSON.parse(stored.toString('utf8')) as object)).toEqual([`anna@127.0.0.1:${srv.cluster.port}/werkbank`]);
    const again = await api['sync.run']({ server: { url } });
    expect(again.status.lastError).toBeNull();
    // Another role on the same server is not given Anna's password.
    await expect(api['sync.run']({ server: { url: url.replace('anna@', 'bernd@') } })).rejects.toThrow(/Anmeldung am Server fehlgeschlagen: für die Datenbankrolle „bernd“ fehlt das Passwort/);
  });

  it('stores nothing where the OS offers no encryption; a sync without password is then refused', async () => {
    const file = join(dir, 'ohne-schluesselbund.json');
    const api = createClient(withStoredCredentials(createHandlers(session), file, aes(false)));
    const url = `postgres://anna@127.0.0.1:${srv.cluster.port}/werkbank?sslmode=disable`;
    await api['sync.run']({ server: { url, password: SECRET } });
    expect(existsSync(file)).toBe(false);
    await expect(api['sync.run']({ server: { url } })).rejects.toThrow(/für die Datenbankrolle „anna“ fehlt das Passwort/);
  });
});
