// Test helpers: a real backend on a real plan file in a fresh temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, createHandlers } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import type { Api } from '../../shared/api/contract.ts';

export interface TestPlan {
  dir: string;
  path: string;
  session: Session;
  api: Api;
  cleanup: () => void;
}

export function tempDir(prefix = 'werkbank-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A session on a temp data folder; with `demo`, the demo plan is created and opened. */
export async function openTestPlan(opts: { demo?: boolean; user?: string } = {}): Promise<TestPlan> {
  const dir = tempDir();
  const session = new Session({ dataDir: join(dir, 'data'), user: opts.user ?? 'test' });
  const api = createClient(createHandlers(session));
  const path = join(dir, 'plan.wirplan');
  if (opts.demo) await api['plan.createDemo']({ path });
  else await api['plan.new']({ path, title: 'Testplan', landkreis: 'Landkreis Test' });
  return {
    dir, path, session, api,
    cleanup: () => {
      session.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
