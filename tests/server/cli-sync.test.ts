// `werkbank sync <plan> --server <url>`, run as users run it (the real bin under Node) against a
// throwaway PostgreSQL cluster set up with setup.sql.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/plan.ts';
import { openCopy } from '../helpers/sync.ts';
import { addPlan, createPlanner, startWerkbankServer, type WerkbankServer } from './pg-cluster.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/werkbank.mjs');
const SECRET = 'Kreis-Passwort-8841';

interface Run { status: number | null; stdout: string; stderr: string; all: string }

function werkbank(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PGPASSWORD: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}${r.stderr}` };
}

let srv: WerkbankServer;
let dir: string;
let plan: string;
let url: string;

const read = <T>(path: string, sql: string): T => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  srv = await startWerkbankServer();
  await createPlanner(srv.admin, 'anna', SECRET);
  dir = tempDir('werkbank-cli-sync-');
  plan = join(dir, 'musterland.wirplan');
  expect(werkbank(['demo', plan]).status).toBe(0);
  const planId = read<{ value: string }>(plan, `SELECT value FROM meta WHERE key = 'plan_id'`).value;
  await addPlan(srv.admin, planId, 'Musterland', ['anna']);
  url = `postgres://anna@127.0.0.1:${srv.cluster.port}/werkbank?sslmode=disable`;
}, 60_000);

afterAll(async () => {
  await srv?.admin.end().catch(() => {});
  srv?.cluster.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('werkbank sync', () => {
  it('sends the plan with PGPASSWORD, brings a colleague’s edit back, and never prints the password', async () => {
    const copy = join(dir, 'kollegin.wirplan');
    copyFileSync(plan, copy);
    const first = werkbank(['sync', plan, '--server', url], { PGPASSWORD: SECRET });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^Abgeglichen mit anna@127\\.0\\.0\\.1:${srv.cluster.port}/werkbank in \\d+ ms: [\\d.]+ Änderungen gesendet, 0 Änderungen empfangen`));
    const onServer = Number((await srv.admin.query<{ n: string }>('SELECT count(*) AS n FROM werkbank.changes')).rows[0].n);
    expect(onServer).toBeGreaterThan(100);

    // The colleague edits her copy in the workbench, then syncs with the password in the URL.
    const c = openCopy(dir, copy, 'bernd');
    const m = read<{ id: string }>(copy, 'SELECT id FROM measures ORDER BY code LIMIT 1');
    await c.api['measures.update']({ id: m.id, patch: { title: 'Dorfladen mit Café (Kollegin)' } });
    c.session.close();
    const withUrlPassword = url.replace('anna@', `anna:${SECRET}@`);
    const second = werkbank(['sync', copy, `--server=${withUrlPassword}`]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/[1-9]\d* Änderungen? gesendet/);

    const third = werkbank(['sync', plan, '--server', url], { PGPASSWORD: SECRET });
    expect(third.status).toBe(0);
    expect(third.stdout).toMatch(/ 0 Änderungen gesendet, [1-9] Änderungen? empfangen, [1-9]\d* (Eintrag|Einträge) aktualisiert/);
    expect(read<{ title: string }>(plan, `SELECT title FROM measures WHERE id = '${m.id}'`).title).toBe('Dorfladen mit Café (Kollegin)');
    for (const r of [first, second, third]) expect(r.all).not.toContain(SECRET);
    for (const f of [plan, copy]) expect(readFileSync(f).includes(Buffer.from(SECRET))).toBe(false);
  });

  it('refuses a wrong password in German (exit 1), without printing or storing it', () => {
    const r = werkbank(['sync', plan, '--server', url], { PGPASSWORD: 'Falsches-Passwort-1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Anmeldung am Server fehlgeschlagen: das Passwort für „anna“ ist falsch/);
    expect(r.all).not.toContain('Falsches-Passwort-1');
    expect(read<{ value: string }>(plan, `SELECT value FROM sync_state WHERE key = 'last_error'`).value).toMatch(/^Anmeldung/);
    expect(readFileSync(plan).includes(Buffer.from('Falsches-Passwort-1'))).toBe(false);
  });

  it('reports an unreachable server as offline (exit 1) and a missing --server as a usage error (exit 2)', () => {
    const off = werkbank(['sync', plan, '--server', 'postgres://anna@127.0.0.1:1/werkbank?sslmode=disable'], { PGPASSWORD: SECRET });
    expect(off.status).toBe(1);
    expect(off.stderr).toMatch(/nicht erreichbar \(offline\)/);
    const usage = werkbank(['sync', plan]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--server/);
    const bad = werkbank(['sync', plan, '--server', 'http://example.org']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/beginnt mit postgres:\/\//);
  });
});
