// Child process for the transaction test: another program (not the workbench, no lock file)
// that holds SQLite's write lock on a plan for a while, then commits.
//   node external-writer.ts <plan> <holdMs>
import Database from 'better-sqlite3';

const [plan, holdMs] = process.argv.slice(2);
const db = new Database(plan);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO meta (key, value) VALUES ('external', 'ja') ON CONFLICT (key) DO UPDATE SET value = 'ja'").run();
process.stdout.write('locked\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(holdMs));
db.exec('COMMIT');
db.close();
process.stdout.write('done\n');
