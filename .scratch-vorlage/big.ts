import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, createHandlers } from '../electron/backend/backend.ts';
import { Session } from '../electron/backend/session.ts';
import { generatePlan } from '../electron/backend/synthetic.ts';
const dir = mkdtempSync('/tmp/vbig-');
const session = new Session({ dataDir: join(dir, 'data'), user: 'test' });
const api = createClient(createHandlers(session));
await api['plan.new']({ path: join(dir, 'p.wirplan'), title: 'T' });
generatePlan(join(dir, 'gross.wirplan'), 'M', 7, { session });
for (let i = 0; i < 2; i++) {
const t0 = performance.now(); const c0 = process.cpuUsage();
const r = await api['export.vorlage']({});
const c = process.cpuUsage(c0);
console.log('vorlage', (performance.now() - t0).toFixed(0), 'ms wall', ((c.user + c.system) / 1000).toFixed(0), 'ms cpu', r.base64.length);
writeFileSync(join(dir, 'big.docx'), Buffer.from(r.base64, 'base64'));
const t1 = performance.now();
const x = await api['export.xlsx']({});
console.log('xlsx', (performance.now() - t1).toFixed(0), x.base64.length);
}
console.log(dir);
session.close();
