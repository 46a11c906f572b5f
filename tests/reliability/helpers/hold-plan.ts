// Child process for the lock tests: opens a plan through the real Session as another user and
// keeps it open until killed or its stdin closes.
//   node hold-plan.ts <dataDir> <plan> <user>
import { Session } from '../../../electron/backend/session.ts';

const [dataDir, plan, user] = process.argv.slice(2);
const s = new Session({ dataDir, user });
try {
  s.open(plan);
  process.stdout.write('ready\n');
} catch (e) {
  process.stdout.write(`error ${(e as Error).message}\n`);
  process.exit(1);
}
process.stdin.resume();
process.stdin.on('end', () => {
  s.close();
  process.exit(0);
});
