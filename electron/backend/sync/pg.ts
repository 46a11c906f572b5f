// Sync with a shared plan on the Kreis's PostgreSQL (node-postgres, no server of our own). The
// plan file stays the working copy; the database holds every change and the membership
// (electron/backend/sync/setup.sql). One sync: pull the changes after our cursor and merge them
// through the same code as a copy (conflicts alike), advancing the cursor in the same SQLite
// transaction; then push our changes not yet on the server in one PostgreSQL transaction with
// ON CONFLICT DO NOTHING, and mark them pushed afterwards. A crash or a killed server at any point
// loses nothing: the next sync pulls again from the cursor and pushes again what is unmarked.
import pg from 'pg';
import type { ServerArgs, SyncResult, SyncStatus } from '../../../shared/domain/sync.ts';
import type { Db } from '../db/open.ts';
import { AppError } from '../errors.ts';
import type { ChangeContext } from '../repos/changelog.ts';
import { stmt } from '../repos/stmt.ts';
import { captureBaseline, getState, setState, type FieldChange } from './fieldlog.ts';
import { analyse, applyMerge, planIdOf, validateIncoming } from './merge.ts';
import type { ConflictView } from '../../../shared/domain/sync.ts';

export interface SyncOptions {
  /** Rows per pull/push round trip (default 5,000). */
  batch?: number;
  /** Test hook: runs after the push was sent and before it commits. */
  beforePushCommit?: () => Promise<void>;
  /** Test hook: runs after the push committed and before the plan marks the changes as sent. */
  afterPushCommit?: () => Promise<void>;
}

/** Host, port, database and user of the server, never the password: what the plan remembers. */
export function serverLabel(conn: ServerArgs): string {
  try {
    const u = new URL(conn.url);
    const user = conn.user || decodeURIComponent(u.username);
    return `${user ? `${user}@` : ''}${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    throw new AppError('sync-url', 'Die Serveradresse ist ungültig (Beispiel: postgres://db.kreis.local:5432/werkbank?sslmode=verify-full).');
  }
}

/** Host, port and database: which server's change list the plan's cursor and marks refer to. */
function serverKey(conn: ServerArgs): string {
  const u = new URL(conn.url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

const changeKey = (c: { hlc: string; node: string; entity: string; entityId: string; field: string }) =>
  `${c.hlc}\u0001${c.node}\u0001${c.entity}\u0001${c.entityId}\u0001${c.field}`;

function clientConfig(conn: ServerArgs): pg.ClientConfig {
  serverLabel(conn);
  // node-postgres lets the connection string override separate user/password fields (a URL
  // without password then logs in without one), so user and password go into the URL here.
  const u = new URL(conn.url);
  if (conn.user) u.username = encodeURIComponent(conn.user);
  if (conn.password !== undefined && conn.password !== '') u.password = encodeURIComponent(conn.password);
  return {
    connectionString: u.toString(),
    connectionTimeoutMillis: 10_000,
    query_timeout: 60_000,
    statement_timeout: 60_000,
    application_name: 'zusammenhalt-werkbank',
  };
}

const OFFLINE = 'Der Server ist nicht erreichbar (offline). Die Änderungen bleiben im Plan gespeichert und werden beim nächsten Abgleich übertragen.';

/** A German message for what went wrong with the server; never contains the password. */
export function serverError(e: unknown, conn: ServerArgs): AppError {
  if (e instanceof AppError) return e;
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  let role = conn.user ?? '';
  try { role ||= decodeURIComponent(new URL(conn.url).username); } catch { /* label checked before */ }
  if (code === '28P01') return new AppError('sync-auth', `Anmeldung am Server fehlgeschlagen: das Passwort für „${role}“ ist falsch (oder die Rolle gibt es nicht).`);
  if (code === '28000') return new AppError('sync-auth', `Anmeldung am Server abgelehnt: die Datenbankrolle „${role}“ gibt es nicht oder sie darf sich nicht anmelden.`);
  if (code === '3D000') return new AppError('sync-database', 'Die angegebene Datenbank gibt es auf dem Server nicht. Bitte die Serveradresse prüfen.');
  if (code === '42501') return new AppError('sync-permission', `Die Datenbankrolle „${role}“ hat keine Berechtigung für die Werkbank-Tabellen. Die Kreis-IT nimmt Planer in die Gruppe werkbank_user auf.`);
  if (code === '42P01' || code === '3F000') return new AppError('sync-setup', 'Auf dem Server ist die Werkbank-Datenbank nicht eingerichtet (die Kreis-IT führt einmal setup.sql aus).');
  const msg = err.message ?? '';
  // node-postgres, when the server asks for a password and none was given.
  if (/client password must be a string|password authentication|no password/i.test(msg)) {
    return new AppError('sync-auth', `Anmeldung am Server fehlgeschlagen: für die Datenbankrolle „${role}“ fehlt das Passwort.`);
  }
  if (/ssl|tls|certificate/i.test(msg) || /^(DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|CERT_|ERR_TLS)/.test(code)) {
    return new AppError('sync-tls', 'Die verschlüsselte Verbindung (TLS) zum Server kam nicht zustande: Zertifikat oder sslmode prüfen.');
  }
  if (/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|57P0[1-3])$/.test(code)
    || /terminat|timeout|Connection|ECONN/i.test(msg)) {
    return new AppError('sync-offline', OFFLINE);
  }
  return new AppError('sync-failed', 'Der Abgleich mit dem Server ist fehlgeschlagen. Die Änderungen bleiben im Plan gespeichert; bitte später erneut versuchen.');
}

export function pendingCount(db: Db): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM sync_changes WHERE pushed = 0').get() as { n: number }).n;
}

export function syncStatus(db: Db): SyncStatus {
  const server = getState(db, 'server');
  return {
    server,
    pending: server ? pendingCount(db) : pendingCount(db),
    lastSyncAt: getState(db, 'last_sync_at'),
    lastError: getState(db, 'last_error'),
    offline: getState(db, 'last_error_code') === 'sync-offline',
    conflicts: (stmt(db, 'SELECT COUNT(*) AS n FROM sync_conflicts WHERE resolved IS NULL').get() as { n: number }).n,
  };
}

interface ServerRow { seq: string; hlc: string; node: string; entity: string; entity_id: string; field: string; value_json: string }

/** One complete sync of the open plan with the server. */
export async function syncWithServer(db: Db, ctx: ChangeContext, conn: ServerArgs, opts: SyncOptions = {}): Promise<SyncResult> {
  const batch = opts.batch ?? 5_000;
  const label = serverLabel(conn);
  captureBaseline(db);
  const planId = planIdOf(db);
  const client = new pg.Client(clientConfig(conn));
  // A server that dies while idle must not crash the app: the error surfaces at the next query.
  client.on('error', () => {});
  let pulled = 0;
  let pushed = 0;
  let changes = 0;
  let entities = 0;
  const conflicts: ConflictView[] = [];
  const skipped: string[] = [];
  try {
    await client.connect();
    const member = await client.query<{ ok: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM werkbank.members WHERE plan_id = $1 AND role_name = current_user) AS ok', [planId]);
    if (!member.rows[0]?.ok) {
      const who = (await client.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u ?? '';
      throw new AppError('sync-not-member', `Die Datenbankrolle „${who}“ ist nicht Mitglied dieses Plans auf dem Server (Plan-Kennung ${planId}). Die Kreis-IT trägt den Plan und seine Mitglieder in werkbank.plans und werkbank.members ein.`);
    }
    const where = serverKey(conn);
    if (getState(db, 'server_key') !== where) {
      // Another server (or the first): everything is to be pushed there, and pulled from the start.
      // Only once the server accepted us: a failed attempt changes nothing in the plan.
      db.transaction(() => {
        stmt(db, 'UPDATE sync_changes SET pushed = 0 WHERE pushed = 1').run();
        setState(db, 'server_key', where);
        setState(db, 'cursor', '0');
      })();
    }
    if (getState(db, 'server') !== label) setState(db, 'server', label);
    // Pull.
    for (;;) {
      const cursor = getState(db, 'cursor') ?? '0';
      const res = await client.query<ServerRow>(
        'SELECT seq::text AS seq, hlc, node, entity, entity_id, field, value_json FROM werkbank.changes WHERE plan_id = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3',
        [planId, cursor, batch]);
      if (res.rows.length === 0) break;
      const incoming: FieldChange[] = res.rows.map((r) => ({ hlc: r.hlc, node: r.node, entity: r.entity, entityId: r.entity_id, field: r.field, value: r.value_json }));
      validateIncoming(incoming);
      const last = res.rows.at(-1)!.seq;
      // A change of ours the server already has (another copy of the plan sent it) is shared, not
      // ours alone: no Konflikt with it, and not to be sent again.
      const onServer = new Set(incoming.map(changeKey));
      const a = analyse(db, incoming, (r) => r.pushed === 0 && !onServer.has(changeKey(r)));
      const markShared = stmt(db, 'UPDATE sync_changes SET pushed = 1 WHERE pushed = 0 AND hlc = ? AND node = ? AND entity = ? AND entity_id = ? AND field = ?');
      const out = applyMerge(db, ctx, a, 'dem gemeinsamen Plan auf dem Server', () => {
        for (const c of incoming) markShared.run(c.hlc, c.node, c.entity, c.entityId, c.field);
        setState(db, 'cursor', last);
      }, 1);
      pulled += res.rows.length;
      changes += out.changes;
      entities += out.entities;
      conflicts.push(...out.conflicts);
      skipped.push(...out.skipped);
      if (res.rows.length < batch) break;
    }
    // Push, in one server transaction.
    const pending = stmt(db, 'SELECT rowid AS rowid, hlc, node, entity, entity_id, field, value_json FROM sync_changes WHERE pushed = 0 ORDER BY hlc, node')
      .all() as (Omit<ServerRow, 'seq'> & { rowid: number })[];
    if (pending.length > 0) {
      await client.query('BEGIN');
      let ownCursor: string | null = null;
      try {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`werkbank:${planId}`]);
        // Under the lock: when nobody pushed since our pull, the rows up to the new maximum are
        // ours, so the cursor may skip them (the next sync does not pull our own changes back).
        const maxSeq = 'SELECT COALESCE(max(seq), 0)::text AS m FROM werkbank.changes WHERE plan_id = $1';
        const upToDate = (await client.query<{ m: string }>(maxSeq, [planId])).rows[0]?.m === (getState(db, 'cursor') ?? '0');
        for (let i = 0; i < pending.length; i += batch) {
          const part = pending.slice(i, i + batch);
          await client.query(
            `INSERT INTO werkbank.changes (plan_id, hlc, node, entity, entity_id, field, value_json)
             SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
             ON CONFLICT (plan_id, hlc, node, entity, entity_id, field) DO NOTHING`,
            [planId, part.map((p) => p.hlc), part.map((p) => p.node), part.map((p) => p.entity), part.map((p) => p.entity_id),
              part.map((p) => p.field), part.map((p) => p.value_json)]);
        }
        if (upToDate) ownCursor = (await client.query<{ m: string }>(maxSeq, [planId])).rows[0]?.m ?? null;
        await opts.beforePushCommit?.();
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
      await opts.afterPushCommit?.();
      const mark = stmt(db, 'UPDATE sync_changes SET pushed = 1 WHERE rowid IN (SELECT value FROM json_each(?))');
      db.transaction(() => {
        for (let i = 0; i < pending.length; i += 10_000) mark.run(JSON.stringify(pending.slice(i, i + 10_000).map((p) => p.rowid)));
        if (ownCursor !== null) setState(db, 'cursor', ownCursor);
      })();
      pushed = pending.length;
    }
    db.transaction(() => {
      setState(db, 'last_sync_at', ctx.now());
      setState(db, 'last_error', null);
      setState(db, 'last_error_code', null);
    })();
  } catch (e) {
    const err = serverError(e, conn);
    try {
      db.transaction(() => {
        setState(db, 'last_error', err.message);
        setState(db, 'last_error_code', err.code);
      })();
    } catch { /* the plan may be closed meanwhile */ }
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
  return { pushed, pulled, changes, entities, conflicts, skipped, status: syncStatus(db) };
}
