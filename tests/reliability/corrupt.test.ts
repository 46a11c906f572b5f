// Damaged and foreign files: each class is refused by plan.open with its own German message, the
// file stays byte for byte as it was, nothing is written beside it, none is opened silently, and an
// already open plan stays open.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../electron/backend/db/migrations/index.ts';
import type { PlanInfo } from '../../shared/domain/types.ts';
import { flipMiddleBytes, truncateFile, zeroMiddlePage } from './helpers/corrupt.ts';
import { backend, looksGerman, makePlanFile, sha256File, tempDir } from './helpers/plans.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let goodPlan: string | undefined;
async function good(): Promise<string> {
  goodPlan ??= await makePlanFile(dir, 'vorlage.wirplan');
  return goodPlan;
}

/** Each class: how to make it, the error code, and words its message must contain. */
const CLASSES: { name: string; code: string; words: RegExp; make: (path: string) => Promise<void> | void }[] = [
  { name: 'random bytes', code: 'file-not-sqlite', words: /keine Plandatei/u, make: (p) => writeFileSync(p, randomBytes(64 * 1024)) },
  { name: 'empty', code: 'file-empty', words: /leer/u, make: (p) => writeFileSync(p, '') },
  { name: 'truncated', code: 'file-truncated', words: /unvollständig/u, make: async (p) => { copyFileSync(await good(), p); truncateFile(p, 0.5); } },
  { name: 'zeroed page', code: 'file-damaged', words: /beschädigt/u, make: async (p) => { copyFileSync(await good(), p); zeroMiddlePage(p); } },
  { name: 'flipped bytes in the middle', code: 'file-damaged', words: /beschädigt/u, make: async (p) => { copyFileSync(await good(), p); flipMiddleBytes(p); } },
  { name: 'a SQLite database of another application', code: 'file-wrong-app', words: /SQLite-Datenbank, aber keine Plandatei/u, make: (p) => {
    const db = new Database(p);
    db.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org')");
    db.close();
  } },
  { name: 'a plan from a future version', code: 'file-too-new', words: /neueren Version/u, make: async (p) => {
    copyFileSync(await good(), p);
    const db = new Database(p);
    db.pragma(`user_version = ${LATEST_VERSION + 7}`);
    db.close();
  } },
  { name: 'the SQLite header followed by garbage', code: 'file-damaged', words: /beschädigt/u, make: async (p) => {
    const bytes = readFileSync(await good());
    randomBytes(bytes.length - 100).copy(bytes, 100);
    writeFileSync(p, bytes);
  } },
  { name: 'a text file named .wirplan', code: 'file-not-sqlite', words: /keine Plandatei/u, make: (p) => writeFileSync(p, 'Maßnahmenplan\nM-1.01 Beteiligungswerkstätten\n') },
];

describe('damaged and foreign files', () => {
  const messages = new Map<string, string>();

  it.each(CLASSES)('$name: refused with its own message, bytes unchanged, nothing beside it', async ({ name, code, words, make }) => {
    const place = join(dir, name.replace(/\W+/gu, '-'));
    const data = join(dir, `data-${name.replace(/\W+/gu, '-')}`);
    rmSync(place, { recursive: true, force: true });
    mkdirSync(place);
    const path = join(place, 'plan.wirplan');
    await make(path);
    const hash = sha256File(path);
    const listing = readdirSync(place);

    const b = backend({ dataDir: data });
    // A good plan is open; the failed open must not close or touch it.
    const okPath = join(place, '..', `offen-${name.replace(/\W+/gu, '-')}.wirplan`);
    copyFileSync(await good(), okPath);
    const openInfo = await b.ok<PlanInfo>('plan.open', { path: okPath });

    const r = await b.call('plan.open', { path });
    expect(r.ok, `${name} was opened`).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(words);
    expect(looksGerman(r.error.message), r.error.message).toBe(true);
    expect(sha256File(path)).toBe(hash);
    expect(readdirSync(place)).toEqual(listing);
    expect(b.session.path).toBe(openInfo.path);
    expect((await b.ok<PlanInfo>('plan.info')).measureCount).toBe(openInfo.measureCount);
    b.session.close();
    messages.set(name, r.error.message);
  });

  it('the classes are told apart: a different cause never shares a message', () => {
    expect(messages.size).toBe(CLASSES.length);
    const codeOf = new Map(CLASSES.map((c) => [c.name, c.code]));
    for (const [a, ma] of messages) {
      for (const [b, mb] of messages) {
        if (codeOf.get(a) !== codeOf.get(b)) expect(ma, `${a} vs ${b}`).not.toBe(mb);
      }
    }
    expect(new Set(CLASSES.map((c) => c.code)).size).toBe(6);
  });

  it('random flips in the middle: either refused unchanged, or the structure is sound (SQLite has no content checksums)', async () => {
    const base = readFileSync(await good());
    let refused = 0;
    let contentOnly = 0;
    for (let i = 0; i < 40; i++) {
      const bytes = Buffer.from(base);
      const start = Math.floor(bytes.length / 3 + Math.random() * (bytes.length / 3));
      const n = 1 + Math.floor(Math.random() * 16);
      for (let k = start; k < start + n; k++) bytes[k] ^= 1 + Math.floor(Math.random() * 255);
      const place = join(dir, `flip-${i}`);
        mkdirSync(place);
      const path = join(place, 'plan.wirplan');
      writeFileSync(path, bytes);
      const hash = sha256File(path);
      const b = backend({ dataDir: join(place, 'data') });
      const r = await b.call('plan.open', { path });
      if (!r.ok) {
        refused++;
        expect(r.error.code).toMatch(/^file-/u);
        expect(looksGerman(r.error.message)).toBe(true);
        expect(sha256File(path)).toBe(hash);
      } else {
        contentOnly++;
        b.session.close();
        const db = new Database(path, { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        db.close();
      }
      b.session.close();
    }
    console.log(`[corrupt] random flips: ${refused} refused, ${contentOnly} opened with a sound structure (flips inside text or free space)`);
  });
});
