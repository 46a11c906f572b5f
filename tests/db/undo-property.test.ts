// The undo invariant as a property: any sequence of contract writes through the real dispatcher on
// a real plan file, followed by k undos, leaves every table exactly as it was k steps earlier; k
// redos bring back the state after the sequence. Refused writes (fast-check finds plenty) are no step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/backend/backend.ts';
import { Session } from '../../electron/backend/session.ts';
import type { Handlers, Method } from '../../shared/api/contract.ts';
import { ACTOR_KINDS, MEASURE_STATUSES, ROLES } from '../../shared/domain/enums.ts';

let dir: string;
let session: Session;
let handlers: Handlers;
let run = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'werkbank-undo-prop-'));
  session = new Session({ dataDir: join(dir, 'data'), user: 'test' });
  handlers = createHandlers(session);
});
afterAll(() => { session.close(); rmSync(dir, { recursive: true, force: true }); });

/** The undo log itself is not plan data; every other table is compared in full. */
// The field log (sync_changes) and its clock (sync_state) only grow: an undo is itself a new change for merging and sync.
const NOT_DATA = new Set(['change_log', 'sync_changes', 'sync_state']);

function dump(): Record<string, string[]> {
  const db = session.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[])
    .filter((t) => !NOT_DATA.has(t));
  const out: Record<string, string[]> = {};
  // Rows as sets (a row brought back by undo may get another rowid): sorted JSON of each row.
  for (const t of tables) out[t] = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
  return out;
}

const ids = (sql: string): string[] => session.db.prepare(sql).pluck().all() as string[];
const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);
const revision = (): number => session.db.prepare('SELECT COALESCE(MAX(seq), 0) FROM change_log').pluck().get() as number;

type Action = { kind: string; i: number; j: number; n: number; s: string };
const text = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcdefgh ÄÖüß-'.split('')) });
const action: fc.Arbitrary<Action> = fc.record({
  kind: fc.constantFrom('measure.create', 'measure.title', 'measure.status', 'measure.delete', 'budget.create', 'budget.update', 'budget.delete',
    'actor.create', 'actor.rename', 'resp.set', 'resp.remove', 'milestone.save', 'milestone.delete', 'indicator.save', 'indicator.delete',
    'score.set', 'frames.set', 'frage.answer'),
  i: fc.nat(1_000), j: fc.nat(1_000), n: fc.integer({ min: -1, max: 10_000 }), s: text,
});

/** The contract call an action stands for in the current plan, or null when it has no target. */
function toCall(a: Action): [Method, unknown] | null {
  const m = pick(ids('SELECT id FROM measures ORDER BY code'), a.i);
  const actor = pick(ids('SELECT id FROM actors ORDER BY id'), a.j);
  switch (a.kind) {
    case 'measure.create': return ['measures.create', { title: a.s, baustelleId: `B${(a.i % 7) + 1}` }];
    case 'measure.title': return m ? ['measures.update', { id: m, patch: { title: a.s } }] : null;
    case 'measure.status': return m ? ['measures.update', { id: m, patch: { status: MEASURE_STATUSES[a.j % MEASURE_STATUSES.length] } }] : null;
    case 'measure.delete': return m ? ['measures.delete', { id: m }] : null;
    case 'budget.create': return m ? ['budget.create', { measureId: m, year: 2026 + (a.j % 4), amountCents: Math.max(0, a.n) * 100 }] : null;
    case 'budget.update': { const b = pick(ids('SELECT id FROM budget_lines ORDER BY id'), a.i); return b ? ['budget.update', { id: b, patch: { amountCents: Math.max(0, a.n) * 100 } }] : null; }
    case 'budget.delete': { const b = pick(ids('SELECT id FROM budget_lines ORDER BY id'), a.i); return b ? ['budget.delete', { id: b }] : null; }
    case 'actor.create': return ['actors.create', { name: `Akteur ${a.s}`, kind: ACTOR_KINDS[a.j % ACTOR_KINDS.length] }];
    case 'actor.rename': return actor ? ['actors.update', { id: actor, patch: { name: `Stelle ${a.s}` } }] : null;
    case 'resp.set': return m && actor ? ['responsibilities.set', { measureId: m, actorId: actor, role: ROLES[a.n < 0 ? 0 : a.n % ROLES.length] }] : null;
    case 'resp.remove': return m && actor ? ['responsibilities.remove', { measureId: m, actorId: actor }] : null;
    case 'milestone.save': return m ? ['milestones.save', { measureId: m, title: a.s, dueYear: 2026 + (a.j % 4) }] : null;
    case 'milestone.delete': { const x = pick(ids('SELECT id FROM milestones ORDER BY id'), a.i); return x ? ['milestones.delete', { id: x }] : null; }
    case 'indicator.save': return m ? ['indicators.save', { measureId: m, name: a.s, target: String(a.n) }] : null;
    case 'indicator.delete': { const x = pick(ids('SELECT id FROM indicators ORDER BY id'), a.i); return x ? ['indicators.delete', { id: x }] : null; }
    case 'score.set': {
      const c = pick(ids('SELECT id FROM criteria ORDER BY id'), a.j);
      return m && c ? ['scores.set', { measureId: m, criterionId: c, rater: a.n % 2 === 0 ? 1 : 2, score: a.n < 0 ? null : a.n % 11 }] : null;
    }
    case 'frames.set': return ['frames.set', { frames: [{ year: 2026 + (a.i % 4), amountCents: a.n < 0 ? null : a.n * 10_000 }] }];
    case 'frage.answer': { const f = pick(ids("SELECT id FROM catalogue_items WHERE kind = 'frage' ORDER BY id"), a.i); return f ? ['fragen.answer', { frageId: f, answer: a.n < 0 ? '' : a.s }] : null; }
    default: return null;
  }
}

async function must(method: Method, args: unknown = {}) {
  const r = await dispatch(handlers, method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

describe('undo invariant', () => {
  it('k undos restore every table as it was k steps earlier; k redos bring the end state back', async () => {
    const started = performance.now();
    let steps = 0;
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), fc.nat(12), async (actions, kRaw) => {
      await must('plan.createDemo', { path: join(dir, `p${run++}.wirplan`) });
      const states = [dump()];
      for (const a of actions) {
        const c = toCall(a);
        if (!c) continue;
        const before = revision();
        const r = await dispatch(handlers, c[0], c[1]);
        if (!r.ok) {
          // Refused: nothing changed, no step.
          expect(revision()).toBe(before);
          continue;
        }
        if (revision() > before) states.push(dump());
      }
      const end = states[states.length - 1];
      const k = Math.min(kRaw, states.length - 1);
      steps += states.length - 1;
      for (let u = 1; u <= k; u++) {
        await must('history.undo');
        expect(dump(), `after ${u} undo(s) of ${states.length - 1} steps`).toEqual(states[states.length - 1 - u]);
      }
      for (let u = 1; u <= k; u++) await must('history.redo');
      expect(dump(), `after ${k} redo(s)`).toEqual(end);
    }), { numRuns: 60, seed: Number(process.env.UNDO_SEED ?? 20261203), endOnFailure: true });
    console.log(`[undo-property] 60 runs, ${steps} undoable steps, ${Math.round(performance.now() - started)} ms`);
  }, 60_000);
});
