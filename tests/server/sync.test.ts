// Sync with a shared plan on PostgreSQL (issue 15 §4): a real throwaway cluster set up with
// setup.sql, real plan files in real sessions, the real backend (sync.run).
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planIdOf } from '../../electron/backend/sync/merge.ts';
import { pendingCount, syncWithServer } from '../../electron/backend/sync/pg.ts';
import { tempDir } from '../helpers/plan.ts';
import { contentTables, openCopy, type Copy } from '../helpers/sync.ts';
import { addPlan, createPlanner, startWerkbankServer, type WerkbankServer } from './pg-cluster.ts';

const PASSWORDS: Record<string, string> = { anna: 'Anna-Geheim-7431', bernd: 'Bernd-Geheim-9912', clara: 'Clara-Geheim-5520', dora: 'Dora-Geheim-3307' };

let srv: WerkbankServer;
let dir: string;
let template: string;
let planA: string;
let world: { measures: string[]; lines: string[] };
const open: Copy[] = [];

const server = (user: string, password = PASSWORDS[user]) => ({ url: srv.cluster.url(user, password) });
const tables = (c: Copy) => contentTables(c.session.db);

function serverSet(rows: { hlc: string; node: string; entity: string; entity_id: string; field: string; value_json: string }[]): string[] {
  return rows.map((r) => [r.hlc, r.node, r.entity, r.entity_id, r.field, r.value_json].join('\u0001')).sort();
}
function localSet(c: Copy): string[] {
  return serverSet(c.session.db.prepare('SELECT hlc, node, entity, entity_id, field, value_json FROM sync_changes').all() as never);
}
async function serverRows(planId: string): Promise<string[]> {
  const r = await srv.admin.query('SELECT hlc, node, entity, entity_id, field, value_json FROM werkbank.changes WHERE plan_id = $1', [planId]);
  return serverSet(r.rows);
}

let n = 0;
/** A fresh copy of the template plan for `user` (a colleague's workbench with its own file). */
function copyFor(user: string): Copy {
  const path = join(dir, `${user}-${++n}.wirplan`);
  copyFileSync(template, path);
  const c = openCopy(dir, path, user);
  open.push(c);
  return c;
}
function close(...cs: Copy[]): void {
  for (const c of cs) {
    c.session.close();
    open.splice(open.indexOf(c), 1);
  }
}

beforeAll(async () => {
  srv = await startWerkbankServer();
  for (const [role, pw] of Object.entries(PASSWORDS)) await createPlanner(srv.admin, role, pw);
  dir = tempDir('werkbank-server-');
  template = join(dir, 'vorlage.wirplan');
  const a = openCopy(dir, template, 'anna', true);
  await a.api['plan.new']({ path: template, title: 'Gemeinsamer Plan', landkreis: 'Landkreis Test' });
  const cat = await a.api['catalogue.get']({});
  world = { measures: [], lines: [] };
  for (let i = 0; i < 3; i++) {
    const m = await a.api['measures.create']({ title: `Maßnahme ${i + 1}`, baustelleId: cat.baustellen[i].id });
    world.measures.push(m.id);
    for (const year of [2026, 2027]) world.lines.push((await a.api['budget.create']({ measureId: m.id, year, amountCents: 100_000 * (i + 1) })).id);
  }
  planA = planIdOf(a.session.db);
  a.session.close();
  await addPlan(srv.admin, planA, 'Gemeinsamer Plan', ['anna', 'bernd', 'clara']);
}, 60_000);

afterAll(async () => {
  for (const c of open.splice(0)) c.session.close();
  await srv?.admin.end().catch(() => {});
  srv?.cluster.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('sync with the shared plan on PostgreSQL', () => {
  it('runs setup.sql a second time without harm', () => {
    expect(() => srv.cluster.psqlFile(new URL('../../electron/backend/sync/setup.sql', import.meta.url).pathname, 'werkbank')).not.toThrow();
  });

  it('brings edits of three planners together, conflicts listed, tables identical', async () => {
    await srv.admin.query('DELETE FROM werkbank.changes WHERE plan_id = $1', [planA]);
    const [a, b, c] = [copyFor('anna'), copyFor('bernd'), copyFor('clara')];
    const [m0, m1] = world.measures;
    await a.api['measures.update']({ id: m0, patch: { title: 'Dorfladen' } });
    await b.api['measures.update']({ id: m0, patch: { description: 'Treffpunkt im Ort' } });
    await c.api['measures.update']({ id: m1, patch: { title: 'Bürgerbus' } });
    await b.api['measures.update']({ id: m1, patch: { title: 'Mitfahrbank' } });
    const ra = await a.api['sync.run']({ server: server('anna') });
    expect(ra.pulled).toBe(0);
    expect(ra.pushed).toBeGreaterThan(0);
    const rb = await b.api['sync.run']({ server: server('bernd') });
    expect(rb.conflicts).toEqual([]);
    const rc = await c.api['sync.run']({ server: server('clara') });
    // Clara's title and Bernd's title of the same measure: a Konflikt with both values.
    expect(rc.conflicts.map((k) => [k.mine, k.theirs])).toEqual([['Bürgerbus', 'Mitfahrbank']]);
    await a.api['sync.run']({ server: server('anna') });
    await b.api['sync.run']({ server: server('bernd') });
    expect(tables(a)).toEqual(tables(b));
    expect(tables(b)).toEqual(tables(c));
    const got = await a.api['measures.get']({ id: m0 });
    expect([got.measure.title, got.measure.description]).toEqual(['Dorfladen', 'Treffpunkt im Ort']);
    const status = await a.api['sync.status']({});
    expect(status).toMatchObject({ pending: 0, lastError: null, server: expect.stringContaining(`anna@127.0.0.1:${srv.cluster.port}/werkbank`) });
    expect(status.server).not.toContain(PASSWORDS.anna);
    for (const x of [a, b, c]) expect(localSet(x)).toEqual(await serverRows(planA));
    close(a, b, c);
  });

  it('keeps offline edits and sends them at the next sync', async () => {
    await srv.admin.query('DELETE FROM werkbank.changes WHERE plan_id = $1', [planA]);
    const [a, b] = [copyFor('anna'), copyFor('bernd')];
    await a.api['sync.run']({ server: server('anna') });
    await b.api['sync.run']({ server: server('bernd') });
    // Anna's laptop leaves the network: the server's port answers no more.
    const offline = { url: `postgres://anna:${PASSWORDS.anna}@127.0.0.1:1/werkbank?sslmode=disable` };
    await a.api['measures.update']({ id: world.measures[2], patch: { title: 'Unterwegs geändert' } });
    await a.api['budget.update']({ id: world.lines[4], patch: { amountCents: 4_200_000 } });
    const pending = pendingCount(a.session.db);
    expect(pending).toBeGreaterThan(0);
    await expect(a.api['sync.run']({ server: offline })).rejects.toThrow(/nicht erreichbar \(offline\).*nächsten Abgleich/);
    expect(pendingCount(a.session.db)).toBe(pending);
    expect(await a.api['sync.status']({})).toMatchObject({ offline: true, pending, lastError: expect.stringMatching(/offline/) });
    await a.api['measures.update']({ id: world.measures[2], patch: { description: 'Noch eine Änderung im Zug' } });
    const back = await a.api['sync.run']({ server: server('anna') });
    expect(back.pushed).toBeGreaterThan(pending);
    expect(back.status).toMatchObject({ pending: 0, offline: false, lastError: null });
    await b.api['sync.run']({ server: server('bernd') });
    const got = await b.api['measures.get']({ id: world.measures[2] });
    expect([got.measure.title, got.measure.description]).toEqual(['Unterwegs geändert', 'Noch eine Änderung im Zug']);
    expect(got.budgetLines.find((l) => l.id === world.lines[4])?.amountCents).toBe(4_200_000);
    expect(tables(a)).toEqual(tables(b));
    close(a, b);
  });

  it('loses nothing when PostgreSQL is killed with -9 mid-sync; the next sync after the restart completes', async () => {
    await srv.admin.query('DELETE FROM werkbank.changes WHERE plan_id = $1', [planA]);
    const [a, b] = [copyFor('anna'), copyFor('bernd')];
    for (let i = 0; i < 40; i++) await a.api['measures.update']({ id: world.measures[i % 3], patch: { description: `Stand ${i}` } });
    const pending = pendingCount(a.session.db);
    // Killed after the push was sent, before it committed.
    await expect(syncWithServer(a.session.db, a.session.ctx, server('anna'), { batch: 50, beforePushCommit: async () => srv.cluster.kill9() }))
      .rejects.toThrow(/nicht erreichbar \(offline\)/);
    expect(srv.cluster.running()).toBe(false);
    expect(pendingCount(a.session.db)).toBe(pending);
    expect(a.session.db.prepare(`SELECT value FROM sync_state WHERE key = 'last_error'`).pluck().get()).toMatch(/offline/);
    srv.cluster.start();
    await srv.admin.end().catch(() => {});
    srv.admin = await srv.cluster.admin('werkbank');
    // Nothing half-written on the server.
    expect(await serverRows(planA)).toEqual([]);
    const ok = await a.api['sync.run']({ server: server('anna') });
    expect(ok.pushed).toBe(pending);
    expect(ok.status).toMatchObject({ pending: 0, lastError: null });
    // The workbench itself dies after the server committed, before the plan marked the changes as
    // sent: they are sent again at the next sync and stored once.
    await a.api['measures.update']({ id: world.measures[0], patch: { title: 'Nach dem Neustart' } });
    const before = (await serverRows(planA)).length;
    await expect(syncWithServer(a.session.db, a.session.ctx, server('anna'), { afterPushCommit: async () => { throw new Error('Absturz'); } }))
      .rejects.toThrow(/Abgleich mit dem Server ist fehlgeschlagen/);
    const resent = pendingCount(a.session.db);
    expect(resent).toBeGreaterThan(0);
    expect((await serverRows(planA)).length).toBe(before + resent);
    const again = await a.api['sync.run']({ server: server('anna') });
    expect(again.status.pending).toBe(0);
    const rows = await serverRows(planA);
    // The server already had them: the pull recognises them as sent, nothing is stored twice.
    expect(rows.length).toBe(before + resent);
    expect(localSet(a)).toEqual(rows);
    await b.api['sync.run']({ server: server('bernd') });
    expect(tables(a)).toEqual(tables(b));
    expect((await b.api['measures.get']({ id: world.measures[0] })).measure.title).toBe('Nach dem Neustart');
    close(a, b);
  });

  it('refuses a wrong password and an unknown role with a German message naming the role, not the password', async () => {
    const a = copyFor('anna');
    await a.api['measures.update']({ id: world.measures[0], patch: { title: 'Nicht gesendet' } });
    const pending = pendingCount(a.session.db);
    const wrong = 'Falsch-123-xyz';
    const err1 = await a.api['sync.run']({ server: server('anna', wrong) }).catch((e: Error) => e);
    expect(err1).toBeInstanceOf(Error);
    expect((err1 as Error).message).toMatch(/^Anmeldung am Server fehlgeschlagen: das Passwort für „anna“ ist falsch/);
    expect((err1 as Error).message).not.toContain(wrong);
    const err2 = await a.api['sync.run']({ server: { url: srv.cluster.url('niemand', 'egal-4711') } }).catch((e: Error) => e);
    expect((err2 as Error).message).toMatch(/Anmeldung am Server fehlgeschlagen: das Passwort für „niemand“ ist falsch \(oder die Rolle gibt es nicht\)/);
    expect(pendingCount(a.session.db)).toBe(pending);
    expect(await a.api['sync.status']({})).toMatchObject({ offline: false, lastError: expect.stringMatching(/^Anmeldung am Server fehlgeschlagen/) });
    close(a);
  });

  it('lets a member of plan A neither read nor write plan B (row-level security, as that role)', async () => {
    // Plan B: its own plan (a new file), Dora its only member.
    const bPath = join(dir, 'plan-b.wirplan');
    const d = openCopy(dir, bPath, 'dora', true);
    open.push(d);
    await d.api['plan.new']({ path: bPath, title: 'Plan B', landkreis: 'Landkreis Test' });
    await d.api['measures.create']({ title: 'Geheimes Vorhaben B', baustelleId: (await d.api['catalogue.get']({})).baustellen[0].id });
    const planB = planIdOf(d.session.db);
    await addPlan(srv.admin, planB, 'Plan B', ['dora']);
    await d.api['sync.run']({ server: server('dora') });
    const a = copyFor('anna');
    await a.api['sync.run']({ server: server('anna') });
    // Anna, connected as herself, sees only plan A's rows, members and plan.
    const anna = new pg.Client({ connectionString: srv.cluster.url('anna', PASSWORDS.anna) });
    await anna.connect();
    try {
      const plans = (await anna.query<{ id: string }>('SELECT id FROM werkbank.plans')).rows.map((r) => r.id);
      expect(plans).toEqual([planA]);
      const ids = (await anna.query<{ plan_id: string }>('SELECT DISTINCT plan_id FROM werkbank.changes')).rows.map((r) => r.plan_id);
      expect(ids).toEqual([planA]);
      expect((await anna.query('SELECT 1 FROM werkbank.changes WHERE plan_id = $1', [planB])).rowCount).toBe(0);
      expect((await anna.query('SELECT 1 FROM werkbank.changes WHERE value_json LIKE $1', ['%Geheimes Vorhaben B%'])).rowCount).toBe(0);
      expect((await anna.query<{ role_name: string }>('SELECT role_name FROM werkbank.members')).rows.map((r) => r.role_name)).toEqual(['anna']);
      // Writing into plan B, or under another name, or changing history, is refused by the server.
      await expect(anna.query(`INSERT INTO werkbank.changes (plan_id, hlc, node, entity, entity_id, field, value_json) VALUES ($1, '0', 'x', 'measure', 'm', 'title', '"x"')`, [planB]))
        .rejects.toMatchObject({ code: '42501' });
      await expect(anna.query(`INSERT INTO werkbank.changes (plan_id, hlc, node, entity, entity_id, field, value_json, pushed_by) VALUES ($1, '0', 'x', 'measure', 'm', 'title', '"x"', 'bernd')`, [planA]))
        .rejects.toMatchObject({ code: '42501' });
      await expect(anna.query('UPDATE werkbank.changes SET value_json = $1', ['"x"'])).rejects.toMatchObject({ code: '42501' });
      await expect(anna.query('DELETE FROM werkbank.changes')).rejects.toMatchObject({ code: '42501' });
      await expect(anna.query('INSERT INTO werkbank.members (plan_id, role_name) VALUES ($1, $2)', [planB, 'anna'])).rejects.toMatchObject({ code: '42501' });
    } finally {
      await anna.end();
    }
    // Syncing plan B's file as Anna is refused in German, nothing changes.
    const stolen = join(dir, 'plan-b-kopie.wirplan');
    d.session.close();
    copyFileSync(bPath, stolen);
    d.session.open(bPath);
    const x = openCopy(dir, stolen, 'anna');
    open.push(x);
    const before = tables(x);
    await expect(x.api['sync.run']({ server: server('anna') })).rejects.toThrow(/Datenbankrolle „anna“ ist nicht Mitglied dieses Plans/);
    expect(tables(x)).toEqual(before);
    close(a, d, x);
  });

  it('never writes the password into the plan file, its journal, backups or logs', async () => {
    const a = copyFor('anna');
    await a.api['measures.update']({ id: world.measures[1], patch: { title: 'Mit Passwort im Adressfeld' } });
    await a.api['sync.run']({ server: server('anna') });
    await a.api['sync.run']({ server: { url: srv.cluster.url('anna', 'Tippfehler-Passwort-42') } }).catch(() => {});
    await a.api['sync.run']({ server: { url: srv.cluster.url('anna', '').replace(':@', '@'), user: 'anna', password: PASSWORDS.anna } });
    const path = a.path;
    close(a);
    const files: string[] = [];
    const walk = (p: string) => {
      for (const e of readdirSync(p)) {
        const f = join(p, e);
        if (statSync(f).isDirectory()) walk(f);
        else files.push(f);
      }
    };
    walk(dir);
    expect(files).toContain(path);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const secret of [...Object.values(PASSWORDS), 'Tippfehler-Passwort-42']) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${f}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${f}`).toBe(false);
      }
    }
  });
});

// ---- property: three clients, random interleavings of edits and syncs -------------------------

type Edit =
  | { k: 'title'; m: number; v: string }
  | { k: 'desc'; m: number; v: string }
  | { k: 'amount'; l: number; v: number }
  | { k: 'addLine'; m: number; year: number; v: number }
  | { k: 'delLine'; l: number }
  | { k: 'actor'; v: string }
  | { k: 'undo' };
type Step = { c: number; edit: Edit } | { c: number; sync: true } | { all: true };

const words = fc.constantFrom('Dorfladen', 'Bürgerbus', 'Treffpunkt', 'Ehrenamt', 'Sprachcafé');
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('title' as const), m: fc.nat(2), v: words }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('desc' as const), m: fc.nat(2), v: words }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('amount' as const), l: fc.nat(5), v: fc.integer({ min: 0, max: 5_000_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('addLine' as const), m: fc.nat(2), year: fc.integer({ min: 2026, max: 2030 }), v: fc.integer({ min: 1, max: 900_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delLine' as const), l: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('actor' as const), v: words }) },
  { weight: 1, arbitrary: fc.constant({ k: 'undo' as const }) },
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ c: fc.nat(2), edit: editArb }) },
  { weight: 2, arbitrary: fc.record({ c: fc.nat(2), sync: fc.constant(true as const) }) },
  { weight: 1, arbitrary: fc.constant({ all: true as const }) },
);

async function edit(c: Copy, e: Edit): Promise<boolean> {
  try {
    if (e.k === 'title') await c.api['measures.update']({ id: world.measures[e.m], patch: { title: e.v } });
    else if (e.k === 'desc') await c.api['measures.update']({ id: world.measures[e.m], patch: { description: e.v } });
    else if (e.k === 'amount') await c.api['budget.update']({ id: world.lines[e.l], patch: { amountCents: e.v } });
    else if (e.k === 'addLine') await c.api['budget.create']({ measureId: world.measures[e.m], year: e.year, amountCents: e.v });
    else if (e.k === 'delLine') await c.api['budget.delete']({ id: world.lines[e.l] });
    else if (e.k === 'actor') await c.api['actors.create']({ name: e.v, kind: 'kreisverwaltung' });
    else await c.api['history.undo']({});
    return true;
  } catch {
    // Editing a line this copy already deleted is refused, as for a planner.
    return false;
  }
}

describe('property: three planners, random interleavings of edits and syncs (also simultaneous)', () => {
  it('converge to identical tables and to the server’s changes', async () => {
    const users = ['anna', 'bernd', 'clara'];
    let runs = 0;
    let edits = 0;
    let syncs = 0;
    let withConflicts = 0;
    await fc.assert(fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 14 }), async (steps) => {
      runs++;
      await srv.admin.query('DELETE FROM werkbank.changes WHERE plan_id = $1', [planA]);
      const cs = users.map((u) => copyFor(u));
      const sync = async (i: number) => {
        syncs++;
        return cs[i].api['sync.run']({ server: server(users[i]) });
      };
      let conflicts = 0;
      try {
        for (const s of steps) {
          if ('edit' in s) edits += (await edit(cs[s.c], s.edit)) ? 1 : 0;
          else if ('sync' in s) conflicts += (await sync(s.c)).conflicts.length;
          else for (const r of await Promise.all([0, 1, 2].map(sync))) conflicts += r.conflicts.length;
        }
        for (const i of [0, 1, 2, 0, 1]) conflicts += (await sync(i)).conflicts.length;
        if (conflicts > 0) withConflicts++;
        const t0 = tables(cs[0]);
        expect(tables(cs[1])).toEqual(t0);
        expect(tables(cs[2])).toEqual(t0);
        const onServer = await serverRows(planA);
        for (const c of cs) expect(localSet(c)).toEqual(onServer);
      } finally {
        close(...cs);
      }
    }), { numRuns: 20, seed: 415 });
    console.log(`sync property: ${runs} runs, ${edits} edits, ${syncs} syncs, ${withConflicts} runs with Konflikte`);
    expect(edits).toBeGreaterThan(80);
    expect(withConflicts).toBeGreaterThan(2);
  });
});
