// Writes tests/fixtures/plans/v1.wirplan: the demo plan in schema version 1 (run once, commit the file).
//   node tests/reliability/helpers/make-v1-fixture.ts [out]
// The demo of today is made with the current code, then its data in the columns and tables that
// version 1 had is copied into a file built with migration 0001 alone (as the app of version 1 did).
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migration as m0001 } from '../../../electron/backend/db/migrations/0001-initial.ts';
import { APPLICATION_ID } from '../../../electron/backend/db/open.ts';
import { createClient, createHandlers } from '../../../electron/backend/backend.ts';
import { createDemo } from '../../../electron/backend/handlers/plan.ts';
import { Session } from '../../../electron/backend/session.ts';

const out = resolve(process.argv[2] ?? join(import.meta.dirname, '../../fixtures/plans/v1.wirplan'));
if (existsSync(out)) {
  console.error(`${out} exists; remove it first (released fixtures are never rewritten).`);
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'werkbank-fixture-'));
const demoPath = join(tmp, 'demo.wirplan');
const s = new Session({ dataDir: join(tmp, 'data'), user: 'fixture', now: () => '2025-11-03T09:00:00.000Z' });
createDemo(s, demoPath);
// A few edits, so the Änderungsprotokoll and the link tables have rows to carry over.
const api = createClient(createHandlers(s));
const [first, second] = await api['measures.list']({});
await api['measures.update']({ id: first.id, patch: { furtherBaustellenIds: ['B3', 'B5'], notes: 'Mit Gemeinden abgestimmt.' } });
await api['measures.update']({ id: second.id, patch: { furtherBaustellenIds: ['B1'] } });
const actor = await api['actors.create']({ name: 'Seniorenbeirat des Landkreises', kind: 'beirat' });
await api['responsibilities.set']({ measureId: second.id, actorId: actor.id, role: 'mitwirkend' });
await api['budget.create']({ measureId: first.id, year: 2028, amountCents: 1_234_567, costKind: 'sachkosten', fundingKind: 'kreishaushalt' });
s.close();

const db = new Database(out);
db.pragma('journal_mode = DELETE');
db.pragma(`application_id = ${APPLICATION_ID}`);
db.exec(m0001.up);
db.pragma('user_version = 1');
db.exec(`ATTACH DATABASE '${demoPath.replace(/'/gu, "''")}' AS src`);
const tables = db.prepare(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
db.transaction(() => {
  for (const t of tables) {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).map((c) => `"${c}"`).join(', ');
    db.exec(`INSERT INTO main."${t}" (${cols}) SELECT ${cols} FROM src."${t}"`);
  }
})();
db.exec('DETACH DATABASE src');
const fk = db.pragma('foreign_key_check') as unknown[];
const ok = db.pragma('integrity_check', { simple: true });
if (fk.length || ok !== 'ok') throw new Error(`fixture not sound: ${JSON.stringify({ fk, ok })}`);
db.exec('VACUUM');
for (const t of tables) console.log(t.padEnd(20), db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get());
db.close();
rmSync(tmp, { recursive: true, force: true });
console.log(`written ${out}`);
