// `npm run web`: the workbench in a browser with the real backend (developers and UI tests).
// Options: --port N, --data-dir DIR, --plan FILE (open this plan), --open (print the URL to open).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers } from './backend.ts';
import { startDevServer } from './dev-server.ts';
import { openInitial } from './handlers/plan.ts';
import { Session } from './session.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.WERKBANK_PORT ?? '5178' },
    'data-dir': { type: 'string', default: process.env.WERKBANK_DATA_DIR ?? join(homedir(), '.zusammenhalt-werkbank') },
    plan: { type: 'string' },
    open: { type: 'boolean', default: false },
  },
});

const staticDir = resolve(import.meta.dirname, '../../dist/renderer');
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error('Die Oberfläche ist noch nicht gebaut. Bitte zuerst „npm run build:renderer“ ausführen.');
  process.exit(2);
}
const session = new Session({ dataDir: resolve(values['data-dir']!) });
if (values.plan) session.open(values.plan);
else await openInitial(session);
let server: Awaited<ReturnType<typeof startDevServer>>;
try {
  server = await startDevServer({ handlers: createHandlers(session), staticDir, port: Number(values.port) });
} catch (e) {
  session.close();
  const busy = (e as { code?: string }).code === 'EADDRINUSE';
  console.error(busy
    ? `Port ${values.port} ist belegt (läuft die Werkbank schon?). Anderen Port wählen: WERKBANK_PORT=5179 npm start`
    : `Die Werkbank konnte nicht starten: ${(e as Error).message}`);
  process.exit(1);
}
console.log(`${values.open ? 'Im Browser öffnen' : 'Zusammenhalt-Werkbank läuft auf'}: ${server.url}  (Plan: ${session.path})`);

const stop = async () => {
  await server.close();
  session.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
