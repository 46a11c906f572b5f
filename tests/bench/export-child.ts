// Times one document export of a plan file in its own process, for the benchmark (tests/bench/steps.ts):
// the L Vorlage and the L plan document with the peak resident memory of the process (the export
// worker thread included). Usage: node tests/bench/export-child.ts <plan.wirplan> vorlage|plan [committees]
//   → prints one JSON line { ms, bytes, rssMiB }
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';

const [path, kind = 'vorlage', committees = '3'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'werkbank-export-'));
const session = new Session({ dataDir: dir, user: 'bench' });
try {
  const api = createClient(createHandlers(session));
  await api['plan.open']({ path });
  const n = Number(committees);
  const beratungsfolge = Array.from({ length: n }, (_, i) => ({
    gremium: i === n - 1 ? 'Kreistag' : `Ausschuss ${i + 1}`, sitzungsdatum: '', zustaendigkeit: i === n - 1 ? 'entscheidung' as const : 'vorberatung' as const,
  }));
  const t0 = performance.now();
  const r = kind === 'plan' ? await api['export.docx']({}) : await api['export.vorlage']({ beratungsfolge });
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms: Math.round(ms), bytes: Math.floor(r.base64.length * 0.75), rssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} finally {
  session.close();
  rmSync(dir, { recursive: true, force: true });
}
