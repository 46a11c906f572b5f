// A mailed plan file is untrusted input (issue 12). Each attack on the file's schema is refused by
// plan.open with a German message naming the object, and the file stays as it was (bytes + mtime).
// Also: the schema of released versions is pinned, a planted undo step cannot wipe the plan, a hot
// journal is never played back silently, a sparse 1.8 GB file is refused without being read,
// `werkbank check` leaves nothing beside the file, and the clean copy keeps the rows.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaFingerprint } from '../../electron/backend/db/schema.ts';
import { openInitial } from '../../electron/backend/handlers/plan.ts';
import { backend, makePlanFile, sha256File, tempDir } from './helpers/plans.ts';

const dir = tempDir('werkbank-attack-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let base: string | undefined;
async function plan(name: string): Promise<string> {
  base ??= await makePlanFile(dir, 'base.wirplan');
  const p = join(dir, name);
  copyFileSync(base, p);
  return p;
}

function state(p: string): { hash: string; mtime: number; beside: string[] } {
  const name = p.split('/').at(-1)!;
  return { hash: sha256File(p), mtime: statSync(p).mtimeMs, beside: readdirSync(dir).filter((f) => f.startsWith(name) && f !== name) };
}

function headOf(p: string): string {
  const buf = Buffer.alloc(65_536);
  const fd = openSync(p, 'r');
  try { readSync(fd, buf, 0, buf.length, 0); } finally { closeSync(fd); }
  return buf.toString('base64');
}

function tamper(p: string, sql: string): void {
  const db = new Database(p);
  db.exec(sql);
  db.pragma('journal_mode = DELETE');
  db.close();
}

const ATTACKS: { name: string; sql: string; words: RegExp }[] = [
  { name: 'trigger', sql: "CREATE TRIGGER steal AFTER UPDATE ON budget_lines BEGIN UPDATE budget_lines SET amount_cents = 0; END;", words: /Trigger „steal“ gehört nicht/u },
  { name: 'view', sql: 'CREATE VIEW peek AS SELECT * FROM measures;', words: /Sicht \(View\) „peek“ gehört nicht/u },
  { name: 'index', sql: 'CREATE INDEX extra_idx ON measures(title);', words: /Index „extra_idx“ gehört nicht/u },
  { name: 'expression index', sql: "CREATE INDEX expr_idx ON measures(length(title) + 1);", words: /Index „expr_idx“ gehört nicht/u },
  { name: 'extra column', sql: "ALTER TABLE measures ADD COLUMN hidden TEXT DEFAULT 'x';", words: /Tabelle „measures“ wurde verändert/u },
  { name: 'altered table (dropped and re-created without its checks)', sql: 'PRAGMA foreign_keys = OFF; DROP TABLE meta; CREATE TABLE meta (key TEXT, value TEXT);', words: /Tabelle „meta“ wurde verändert/u },
  { name: 'foreign table', sql: 'CREATE TABLE exfil (x BLOB);', words: /Tabelle „exfil“ gehört nicht/u },
];

describe('schema attacks on a plan file', () => {
  for (const a of ATTACKS) {
    it(`${a.name}: refused in German, naming the object; file untouched`, async () => {
      const p = await plan(`${a.name.split(' ')[0]}-${ATTACKS.indexOf(a)}.wirplan`);
      tamper(p, a.sql);
      const before = state(p);
      const b = backend({ dataDir: join(dir, `data-${ATTACKS.indexOf(a)}`) });
      const r = await b.call('plan.open', { path: p });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('file-foreign-schema');
      expect(r.error.message).toMatch(a.words);
      expect(r.error.message).toMatch(/nicht geöffnet und nicht verändert/u);
      expect(state(p)).toEqual(before);
      b.session.close();
    });
  }

  it('an endless recursive-CTE view is refused at once (its SQL is never run), no hang', async () => {
    const p = await plan('endless.wirplan');
    tamper(p, 'CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n;');
    const before = state(p);
    const b = backend({ dataDir: join(dir, 'data-endless') });
    const started = performance.now();
    const r = await b.call('plan.open', { path: p });
    const ms = performance.now() - started;
    console.log(`[schema-attack] endless view refused in ${ms.toFixed(0)} ms`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Sicht \(View\) „forever“ gehört nicht/u);
    expect(ms).toBeLessThan(5_000);
    expect(state(p)).toEqual(before);
    b.session.close();
  });

  it('a check that passes its deadline ends through the worker with a German message; the file stays closed', async () => {
    const p = await plan('deadline.wirplan');
    const before = state(p);
    const b = backend({ dataDir: join(dir, 'data-deadline') });
    const started = performance.now();
    await expect(b.session.openChecked(p, { deadlineMs: 1 })).rejects.toThrow(/länger als .* Sekunden und wurde abgebrochen/u);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(b.session.isOpen).toBe(false);
    expect(state(p)).toEqual(before);
    // The next open starts a fresh worker and succeeds.
    await b.session.openChecked(p);
    expect(b.session.isOpen).toBe(true);
    b.session.close();
  });
});

describe('released schema versions are pinned', () => {
  // Literals: a released migration changed by mistake changes its fingerprint and fails here.
  const PINNED: Record<number, string> = {
    1: 'd667a1b30f50055c4563908f0b0d8f87d64f6cc2907611c95b7c2c3923d41421',
    2: '99116607b111eedd42dc302114acd9cde9b1852ad7457d923470a5f92d1f4565',
    3: 'b9ab60607fae04988fbb1906ba6b188346a6e7e64b1dcfa359b403b2c345e0a0',
    4: '13401850d2439e0b613884acbdbb4d1aba874f79d54689b6b49acd73154a099a',
    5: 'b5521f9a66cf07361578716bdc226d33bbb88280222eb05c3614a54196df691f',
    6: 'bae0becec838e6a8b90eecc925a6dcb0849bee20ef4e1665720eba2df3c4d3b3',
    7: '93da13347df8e16d40d685a2868e6c82c9a4db37e2b8503bac131a6002457134',
    8: '37133b08da1cceedc81c85b8552f43eea041695f4c63011802ce4e1e4a42582c',
    9: 'b67b6c72de4b792ee2dcdead1f07343a559f3ae4faf8e8d84323e3b3b302c854',
    10: '5f05a322e7524e17dfcf66c3711352c7f7735772d602f9e9d7da7441434ff122',
    11: 'ad6a6aed866abc15fd9ef7ee15edf4f6ccd13a44baad9d89899f59e7b72ff975',
  };
  for (const [v, hash] of Object.entries(PINNED)) {
    it(`version ${v}`, () => expect(schemaFingerprint(Number(v))).toBe(hash));
  }
});

describe('a planted undo step', () => {
  it('that would delete every measure is refused; the plan is unchanged', async () => {
    const p = await plan('planted.wirplan');
    const b = backend({ dataDir: join(dir, 'data-planted') });
    await b.ok('plan.open', { path: p });
    const count = (await b.ok<unknown[]>('measures.list')).length;
    expect(count).toBeGreaterThan(0);
    const db = b.session.db;
    // A step "these measures were created" for every measure of the plan: undoing it would remove them all.
    const ids = db.prepare('SELECT id FROM measures').pluck().all() as string[];
    const template = db.prepare("SELECT * FROM measures LIMIT 1").get() as Record<string, unknown>;
    expect(template).toBeTruthy();
    const image = (id: string) => JSON.stringify({
      id, code: 'X', title: 'Gepflanzt', description: '', baustelleId: null, status: 'idee', priority: 'mittel',
      startYear: null, startQuarter: null, endYear: null, endQuarter: null, ausgangslage: '', risks: '', frageIds: [],
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    });
    const ins = db.prepare("INSERT INTO change_log (at, user, entity, entity_id, action, summary, before_json, after_json, txn, undone) VALUES ('2099-01-01T00:00:00Z', 'x', 'measure', ?, 'create', 'gepflanzt', NULL, ?, 'planted', 0)");
    db.transaction(() => { for (const id of ids) ins.run(id, image(id)); })();
    const r = await b.call('history.undo');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/ungültig und wurde nicht ausgeführt/u);
    expect((await b.ok<unknown[]>('measures.list')).length).toBe(count);
    b.session.close();
  });
});

describe('a planted undo step two levels up', () => {
  it('"this budget line was created" is refused while Ist-Werte of the line exist (they would go with it)', async () => {
    const p = await plan('planted-line.wirplan');
    const b = backend({ dataDir: join(dir, 'data-planted-line') });
    await b.ok('plan.open', { path: p });
    const db = b.session.db;
    const line = db.prepare('SELECT id, measure_id AS measureId, year FROM budget_lines ORDER BY id LIMIT 1').get() as { id: string; measureId: string; year: number };
    await b.ok('actuals.save', { budgetLineId: line.id, kind: 'ist', year: line.year, quarter: 2, amountCents: 12_345, source: 'Kämmerei', note: '' });
    const actuals = () => db.prepare('SELECT COUNT(*) FROM budget_actuals WHERE budget_line_id = ?').pluck().get(line.id) as number;
    const before = actuals();
    expect(before).toBeGreaterThan(0);
    const image = JSON.stringify(db.prepare(`SELECT id, measure_id AS measureId, year, amount_cents AS amountCents, cost_kind AS costKind,
      funding_kind AS fundingKind, produkt, kostenstelle, programme, foerderquote_bp AS foerderquoteBp, state, note, series_id AS seriesId
      FROM budget_lines WHERE id = ?`).get(line.id));
    db.prepare("INSERT INTO change_log (at, user, entity, entity_id, action, summary, before_json, after_json, txn, undone) VALUES ('2099-01-01T00:00:00Z', 'x', 'budget', ?, 'create', 'gepflanzt', NULL, ?, 'planted-line', 0)")
      .run(line.id, image);
    const r = await b.call('history.undo');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/mehr Einträge entfernen/u);
    expect(actuals()).toBe(before);
    expect(db.prepare('SELECT COUNT(*) FROM budget_lines WHERE id = ?').pluck().get(line.id)).toBe(1);
    b.session.close();
  });

  it('a real measure delete (with its Ist-Werte, Messwerte and Folgekosten) undoes and redoes completely', async () => {
    const p = await plan('real-delete.wirplan');
    const b = backend({ dataDir: join(dir, 'data-real-delete') });
    await b.ok('plan.open', { path: p });
    const db = b.session.db;
    const line = db.prepare('SELECT id, measure_id AS measureId, year FROM budget_lines ORDER BY id LIMIT 1').get() as { id: string; measureId: string; year: number };
    await b.ok('actuals.save', { budgetLineId: line.id, kind: 'ist', year: line.year, quarter: null, amountCents: 50_000, source: '', note: '' });
    const all = () => ['budget_actuals', 'budget_lines', 'indicator_values', 'milestone_done', 'measure_haushalt', 'ampel_overrides', 'measures']
      .map((t) => `${t}=${String(db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get())}`).join(' ');
    const full = all();
    await b.ok('measures.delete', { id: line.measureId });
    expect(all()).not.toBe(full);
    await b.ok('history.undo');
    expect(all()).toBe(full);
    await b.ok('history.redo');
    await b.ok('history.undo');
    expect(all()).toBe(full);
    b.session.close();
  });
});

describe('a plan that failed to open', () => {
  it('is not reopened at the next start; a file that never was a plan does not join the recent list', async () => {
    const data = join(dir, 'data-restart');
    const p = join(dir, 'zuletzt.wirplan');
    const first = backend({ dataDir: data });
    await first.ok('plan.new', { path: p, title: 'Zuletzt', landkreis: 'Landkreis Test' });
    first.session.close();
    tamper(p, 'CREATE TRIGGER later AFTER INSERT ON measures BEGIN DELETE FROM budget_lines; END;');
    const tampered = state(p);

    // Next start: the last plan is tried, refused by the schema gate, marked; the demo plan opens instead.
    const second = backend({ dataDir: data });
    await openInitial(second.session);
    expect(second.session.path).not.toBe(p);
    const marked = (await second.ok<{ path: string; failed?: string; failedAt?: string }[]>('plan.recent')).find((r) => r.path === p);
    expect(marked?.failed).toMatch(/Trigger „later“/u);
    const bogus = join(dir, 'keinplan.wirplan');
    writeFileSync(bogus, 'Nur Text.\n');
    expect((await second.call('plan.open', { path: bogus })).ok).toBe(false);
    expect((await second.ok<{ path: string }[]>('plan.recent')).some((r) => r.path === bogus)).toBe(false);
    second.session.close();

    // The start after that does not try the file again (its mark keeps its time), and the file is untouched.
    const third = backend({ dataDir: data });
    await openInitial(third.session);
    expect(third.session.path).not.toBe(p);
    const again = (await third.ok<{ path: string; failedAt?: string }[]>('plan.recent')).find((r) => r.path === p);
    expect(again?.failedAt).toBe(marked?.failedAt);
    expect(state(p)).toEqual(tampered);
    third.session.close();
  });
});

describe('hot journal', () => {
  it('is detected, nothing is rolled back silently; keep-aside opens the file as it is and keeps the journal', async () => {
    const p = await plan('journal.wirplan');
    tamper(p, 'SELECT 1;');
    // A journal that SQLite would play back: a real one, left by a writer killed mid-transaction, is simulated by its name and content.
    writeFileSync(`${p}-journal`, Buffer.alloc(4096, 7));
    const before = state(p);
    const b = backend({ dataDir: join(dir, 'data-journal') });
    const r = await b.call('plan.open', { path: p });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('file-hot-journal');
      expect(r.error.message).toMatch(/Journaldatei/u);
    }
    expect(state(p)).toEqual(before);
    expect(existsSync(`${p}-journal`)).toBe(true);
    const info = await b.ok<{ journalAside?: string }>('plan.open', { path: p, journal: 'keep-aside' });
    expect(existsSync(`${p}-journal`)).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith('journal.wirplan.journal-beiseite-'))).toBe(true);
    // The open says where the journal went.
    expect(info.journalAside).toMatch(/journal\.wirplan\.journal-beiseite-\w+$/u);
    expect(existsSync(info.journalAside!)).toBe(true);
    b.session.close();
  });
});

describe('size bounds', () => {
  it('a sparse 1.8 GB file is refused without reading it', async () => {
    const p = await plan('sparse.wirplan');
    truncateSync(p, 1800 * 1024 * 1024);
    // Hashing 1.8 GB of holes would dominate the test: size, mtime and the header page stand for the bytes here.
    const sparseState = () => { const st = statSync(p); return { size: st.size, mtime: st.mtimeMs, head: headOf(p) }; };
    const before = sparseState();
    const b = backend({ dataDir: join(dir, 'data-sparse') });
    const started = performance.now();
    const r = await b.call('plan.open', { path: p });
    const ms = performance.now() - started;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/größer, als ihr Inhalt laut Dateikopf sein dürfte/u);
    expect(ms).toBeLessThan(2_000);
    expect(sparseState()).toEqual(before);
    // `werkbank check` on it: refused, and its peak memory stays far below the file's size.
    const t = spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M', process.execPath, 'bin/werkbank.mjs', 'check', p], { encoding: 'utf8', timeout: 30_000 });
    const rss = Number(/RSS_KB=(\d+)/u.exec(t.stderr)?.[1]);
    console.log(`[schema-attack] sparse 1.8 GB: plan.open refused in ${ms.toFixed(0)} ms; werkbank check exit ${t.status}, peak RSS ${(rss / 1024).toFixed(0)} MiB`);
    expect(t.status).toBe(1);
    expect(rss).toBeLessThan(400 * 1024);
    expect(sparseState()).toEqual(before);
    b.session.close();
  });
});

describe('read-only CLI', () => {
  it('werkbank check and export leave no -wal/-shm and keep the mtime', async () => {
    const p = await plan('cli.wirplan');
    const before = state(p);
    const c = spawnSync(process.execPath, ['bin/werkbank.mjs', 'check', p], { encoding: 'utf8', timeout: 60_000 });
    expect(c.status, c.stderr).toBe(0);
    const out = join(dir, 'cli.docx');
    const e = spawnSync(process.execPath, ['bin/werkbank.mjs', 'export', p, '--docx', out], { encoding: 'utf8', timeout: 60_000 });
    expect(e.status, e.stderr + e.stdout).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(state(p)).toEqual(before);
  });
});

describe('clean copy', () => {
  it('„Als bereinigte Kopie öffnen“ copies the rows and reports what was dropped', async () => {
    const p = await plan('dirty.wirplan');
    tamper(p, "CREATE TRIGGER steal AFTER UPDATE ON budget_lines BEGIN UPDATE budget_lines SET amount_cents = 0; END; CREATE TABLE exfil (x BLOB);");
    const before = state(p);
    const count = (new Database(p, { readonly: true }).prepare('SELECT COUNT(*) FROM measures').pluck().get()) as number;
    const b = backend({ dataDir: join(dir, 'data-clean') });
    const r = await b.ok<{ path: string; copiedRows: number; dropped: string[] }>('plan.openCleanCopy', { path: p });
    expect(r.copiedRows).toBeGreaterThan(count);
    expect(r.dropped.join(' ')).toMatch(/steal/u);
    expect(r.dropped.join(' ')).toMatch(/exfil/u);
    expect((await b.ok<unknown[]>('measures.list')).length).toBe(count);
    const names = b.session.db.prepare('SELECT name FROM sqlite_schema').pluck().all() as string[];
    expect(names).not.toContain('steal');
    expect(names).not.toContain('exfil');
    expect(state(p).hash).toBe(before.hash);
    expect(state(p).mtime).toBe(before.mtime);
    b.session.close();
  });
});
