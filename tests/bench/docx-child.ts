// Runs export.docx on one plan file in its own process, for the benchmark (tests/bench/steps.ts):
// a document that exhausts the heap then ends this process, not the benchmark.
// Usage: node tests/bench/docx-child.ts <plan.wirplan> <runs>   → prints one JSON line { ms, bytes, rssMiB }
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import { docxRuns } from './steps.ts';

const [path, runs = '3'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'werkbank-docx-'));
const session = new Session({ dataDir: dir, user: 'bench' });
try {
  const api = createClient(createHandlers(session));
  await api['plan.open']({ path });
  const r = await docxRuns(api, Number(runs));
  console.log(JSON.stringify(r));
} finally {
  session.close();
  rmSync(dir, { recursive: true, force: true });
}
