// Sync with PostgreSQL (issue 15 §4), on a throwaway cluster (tests/server/pg-cluster.ts):
//   sync push of 10,000 changes, sync pull of 10,000 changes (target < 2 s each);
//   five clients with 1,000 edits each until all tables are identical (time, rounds).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { planIdOf } from '../../electron/backend/sync/merge.ts';
import { pendingCount } from '../../electron/backend/sync/pg.ts';
import { contentTables, openCopy, type Copy } from '../helpers/sync.ts';
import { addPlan, createPlanner, startWerkbankServer } from '../server/pg-cluster.ts';
import type { BenchRow } from './steps.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchSync(opts: { dir: string; runs: number; log: (s: string) => void }): Promise<BenchRow[]> {
  const srv = await startWerkbankServer();
  const open: Copy[] = [];
  try {
    const users = ['anna', 'bernd', 'clara', 'dora', 'emil'];
    for (const u of users) await createPlanner(srv.admin, u, `${u}-bench-pw`);
    const server = (u: string) => ({ url: srv.cluster.url(u, `${u}-bench-pw`) });
    const templatePath = join(opts.dir, 'sync-vorlage.wirplan');
    const t = openCopy(opts.dir, templatePath, 'anna', true);
    await t.api['plan.new']({ path: templatePath, title: 'Sync-Bench', landkreis: 'Landkreis Bench' });
    const cat = await t.api['catalogue.get']({});
    const measures: string[] = [];
    for (let i = 0; i < 20; i++) measures.push((await t.api['measures.create']({ title: `Maßnahme ${i + 1}`, baustelleId: cat.baustellen[i % cat.baustellen.length].id })).id);
    const planId = planIdOf(t.session.db);
    t.session.close();
    await addPlan(srv.admin, planId, 'Sync-Bench', users);
    let n = 0;
    const copy = (from: string, user: string) => {
      const p = join(opts.dir, `sync-${user}-${++n}.wirplan`);
      copyFileSync(from, p);
      const c = openCopy(opts.dir, p, user);
      open.push(c);
      return c;
    };
    const close = (c: Copy) => {
      c.session.close();
      open.splice(open.indexOf(c), 1);
    };
    const reset = async () => {
      await srv.admin.query('DELETE FROM werkbank.changes WHERE plan_id = $1', [planId]);
    };

    // The template's own history is on the server first, so the 10,000 are exactly the edits.
    await reset();
    const base = copy(templatePath, 'anna');
    await base.api['sync.run']({ server: server('anna') });
    close(base);
    const baseMax = (await srv.admin.query<{ m: string }>('SELECT max(seq)::text AS m FROM werkbank.changes')).rows[0].m;

    // 10,000 changes made on one workbench.
    const editor = copy(templatePath, 'anna');
    const inherited = pendingCount(editor.session.db);
    for (let i = 0; pendingCount(editor.session.db) - inherited < 10_000; i++) {
      await editor.api['measures.update']({ id: measures[i % measures.length], patch: { description: `Stand ${i}` } });
    }
    const changes = pendingCount(editor.session.db) - inherited;
    const edited = editor.path;
    close(editor);

    const push: number[] = [];
    const pull: number[] = [];
    for (let r = 0; r < opts.runs; r++) {
      await srv.admin.query('DELETE FROM werkbank.changes WHERE plan_id = $1 AND seq > $2::bigint', [planId, baseMax]);
      const a = copy(edited, 'anna');
      const b = copy(templatePath, 'bernd');
      await b.api['sync.run']({ server: server('bernd') });
      let t0 = performance.now();
      const pa = await a.api['sync.run']({ server: server('anna') });
      push.push(performance.now() - t0);
      t0 = performance.now();
      const pb = await b.api['sync.run']({ server: server('bernd') });
      pull.push(performance.now() - t0);
      const onServer = (await srv.admin.query<{ n: string }>('SELECT count(*) AS n FROM werkbank.changes WHERE seq > $1::bigint', [baseMax])).rows[0].n;
      opts.log(`sync run ${r + 1}: pushed ${pa.pushed}, pulled ${pb.pulled} (incl. rows it already had), new on server ${onServer}`);
      if (pa.pushed < 10_000 || pb.pulled < 10_000) throw new Error(`sync bench: pushed ${pa.pushed}, pulled ${pb.pulled}`);
      close(a);
      close(b);
    }
    opts.log(`sync: ${changes} changes per run, push ${push.map((x) => x.toFixed(0)).join('/')} ms, pull ${pull.map((x) => x.toFixed(0)).join('/')} ms`);

    // Five clients, 1,000 edits each (offline), then syncs in turn until all tables agree.
    await reset();
    const cs = users.map((u) => copy(templatePath, u));
    for (const [k, c] of cs.entries()) {
      for (let i = 0; i < 1_000; i++) {
        const m = measures[(i * 7 + k * 3) % measures.length];
        if (i % 2 === 0) await c.api['measures.update']({ id: m, patch: { description: `${users[k]} ${i}` } });
        else await c.api['measures.update']({ id: m, patch: { title: `Maßnahme ${users[k]} ${i}` } });
      }
    }
    const t0 = performance.now();
    let syncs = 0;
    let conflicts = 0;
    for (const i of [0, 1, 2, 3, 4, 0, 1, 2, 3]) {
      conflicts += (await cs[i].api['sync.run']({ server: server(users[i]) })).conflicts.length;
      syncs++;
    }
    const converge = performance.now() - t0;
    const first = JSON.stringify(contentTables(cs[0].session.db));
    const same = cs.every((c) => JSON.stringify(contentTables(c.session.db)) === first);
    for (const c of [...cs]) close(c);
    if (!same) throw new Error('sync bench: the five clients did not converge');
    opts.log(`sync: five clients × 1,000 edits converged in ${syncs} syncs, ${converge.toFixed(0)} ms, ${conflicts} Konflikte listed`);
    return [
      { size: '–', step: `sync push ${changes.toLocaleString('en')} changes`, ours: { kind: 'median', ms: median(push), runs: push.length }, floor: null, note: 'one workbench, local PostgreSQL 15' },
      { size: '–', step: `sync pull ${changes.toLocaleString('en')} changes`, ours: { kind: 'median', ms: median(pull), runs: pull.length }, floor: null, note: 'merged into the plan, one undo step' },
      { size: '–', step: 'sync five clients × 1,000 edits converge', ours: { kind: 'median', ms: converge, runs: 1 }, floor: null, note: `${syncs} syncs in turn, ${conflicts} Konflikte listed, tables identical` },
    ];
  } finally {
    for (const c of open.splice(0)) c.session.close();
    await srv.admin.end().catch(() => {});
    srv.cluster.stop();
  }
}
