// A throwaway PostgreSQL cluster for the server tests and the bench: initdb in a temp folder, its
// own free port on 127.0.0.1 and its own socket folder, started with pg_ctl -w, stopped (and the
// folder removed) by stop(), also when the process exits early. As root the server runs as the
// Debian package's `postgres` user (runuser), otherwise as the current user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const SETUP_SQL = new URL('../../electron/backend/sync/setup.sql', import.meta.url).pathname;

function findBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'pg_ctl'))) return join(root, v, 'bin');
  throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql/*/bin');
}

/** A port on 127.0.0.1 nobody listens on right now (also: a closed port for "server unreachable"). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  port: number;
  dir: string;
  /** Connection URL over TCP with password authentication (scram-sha-256). */
  url(user: string, password: string, database?: string): string;
  /** A superuser client over the socket (trust), for the test's own setup and inspection. */
  admin(database?: string): Promise<pg.Client>;
  /** Runs SQL as superuser with psql (ON_ERROR_STOP), e.g. setup.sql. */
  psqlFile(file: string, database?: string): string;
  /** Kills the postmaster and all its backends with SIGKILL (no shutdown, no checkpoint). */
  kill9(): void;
  start(): void;
  running(): boolean;
  stop(): void;
  log(): string;
}

// By absolute path: /usr/sbin is not on a plain user's PATH (nor on the CI's).
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p)) ?? 'runuser';

export async function startCluster(): Promise<PgCluster> {
  const bin = findBin();
  const asRoot = process.getuid?.() === 0;
  const base = mkdtempSync(join(tmpdir(), 'werkbank-pg-'));
  const data = join(base, 'data');
  const sock = join(base, 'sock');
  const logFile = join(base, 'server.log');
  mkdirSync(sock);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(base, uid, gid);
    chownSync(sock, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const cmd = asRoot ? RUNUSER : join(bin, tool);
    const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, full, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.error?.message ?? ''} ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const opts = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c max_connections=40 -c shared_buffers=32MB`;
  let stopped = false;
  const running = () => existsSync(join(data, 'postmaster.pid')) && spawnSync(asRoot ? RUNUSER : join(bin, 'pg_ctl'),
    asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), 'status', '-D', data] : ['status', '-D', data]).status === 0;
  const start = () => { run('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', logFile, '-o', opts]); };
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    if (running()) spawnSync(asRoot ? RUNUSER : join(bin, 'pg_ctl'),
      asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), 'stop', '-m', 'immediate', '-D', data] : ['stop', '-m', 'immediate', '-D', data], { timeout: 30_000 });
    rmSync(base, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  start();
  const cluster: PgCluster = {
    port,
    dir: base,
    url: (user, password, database = 'werkbank') =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}?sslmode=disable`,
    admin: async (database = 'postgres') => {
      const c = new pg.Client({ host: sock, port, user: 'postgres', database });
      c.on('error', () => {});
      await c.connect();
      return c;
    },
    psqlFile: (file, database = 'postgres') => {
      const r = spawnSync(join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', sock, '-p', String(port), '-U', 'postgres', '-d', database, '-f', file],
        { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`psql -f ${file} failed: ${r.stderr}`);
      return r.stdout + r.stderr;
    },
    kill9: () => {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
      process.kill(pid, 'SIGKILL');
      for (const c of children) {
        try { process.kill(c, 'SIGKILL'); } catch { /* already gone */ }
      }
      // Wait until the postmaster is gone, so a restart finds its lock file stale.
      for (let i = 0; i < 200; i++) {
        try { process.kill(pid, 0); } catch { return; }
        spawnSync('sleep', ['0.05']);
      }
    },
    start,
    running,
    stop: stopNow,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
  return cluster;
}

export interface WerkbankServer { cluster: PgCluster; admin: pg.Client }

/** A cluster with database `werkbank` set up by setup.sql (as the Kreis IT would). */
export async function startWerkbankServer(): Promise<WerkbankServer> {
  const cluster = await startCluster();
  try {
    const root = await cluster.admin();
    await root.query('CREATE DATABASE werkbank');
    await root.end();
    cluster.psqlFile(SETUP_SQL, 'werkbank');
    const admin = await cluster.admin('werkbank');
    return { cluster, admin };
  } catch (e) {
    cluster.stop();
    throw e;
  }
}

/** A planner's login role in werkbank_user (as the README tells the Kreis IT). */
export async function createPlanner(admin: pg.Client, role: string, password: string): Promise<void> {
  await admin.query(`CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${pg.escapeLiteral(password)} IN ROLE werkbank_user`);
}

export async function addPlan(admin: pg.Client, planId: string, title: string, members: string[]): Promise<void> {
  await admin.query('INSERT INTO werkbank.plans (id, title) VALUES ($1, $2) ON CONFLICT DO NOTHING', [planId, title]);
  for (const m of members) await admin.query('INSERT INTO werkbank.members (plan_id, role_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [planId, m]);
}
