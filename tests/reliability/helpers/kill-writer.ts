// Child process of the crash test: writes changes through the real Session and contract, as fast as
// it can, and prints each id only after its change was committed. The parent kills it with SIGKILL.
//   node kill-writer.ts <dataDir> <plan>
import { writeSync } from 'node:fs';
import { createHandlers, dispatch } from '../../../electron/backend/backend.ts';
import { Session } from '../../../electron/backend/session.ts';

const [dataDir, plan] = process.argv.slice(2);
const say = (line: string) => writeSync(1, `${line}\n`);
// Routine backups every 25 ms instead of 15 minutes, so kills also land in the middle of backups.
const session = new Session({ dataDir, user: 'schreiber', backupIntervalMs: 25 });
const handlers = createHandlers(session);

const opened = await dispatch(handlers, 'plan.open', { path: plan });
if (!opened.ok) {
  say(`error ${opened.error.code} ${opened.error.message}`);
  process.exit(3);
}
say('ready');
for (let n = 1; ; n++) {
  const m = await dispatch(handlers, 'measures.create', { title: `Absturztest ${process.pid}-${n}`, baustelleId: `B${1 + (n % 7)}`, description: 'Text '.repeat((n % 5) * 200) });
  if (!m.ok) {
    say(`fail ${m.error.code} ${m.error.message}`);
    process.exit(4);
  }
  const id = (m.value as { id: string }).id;
  say(`m ${id}`);
  if (n % 3 === 0) {
    const b = await dispatch(handlers, 'budget.create', { measureId: id, year: 2027, amountCents: n * 100 });
    if (!b.ok) {
      say(`fail ${b.error.code} ${b.error.message}`);
      process.exit(4);
    }
    say(`b ${(b.value as { id: string }).id}`);
  }
  if (n % 4 === 0) await dispatch(handlers, 'measures.update', { id, patch: { notes: `geändert ${n}` } });
}
