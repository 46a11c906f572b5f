// A plan file beyond the in-memory limit of the check (256 MiB) is checked on a private temp copy.
// That copy used to be opened with a URI file name (`file:…?immutable=1`), which better-sqlite3 does
// not open: every plan over 256 MiB was reported as damaged (found by the L bench, whose plan grows
// past the limit after its edits). The same path, forced here with a limit of 0 on a demo plan.
import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openForCheck } from '../../electron/backend/db/open.ts';
import { makePlanFile, sha256File, tempDir } from './helpers/plans.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checking a plan file too large to read into memory', () => {
  it('reads it from a private copy, leaves nothing beside the file and does not change it', async () => {
    const path = await makePlanFile(dir);
    const before = sha256File(path);
    const conn = openForCheck(path, 0);
    try {
      expect(conn.db.prepare('SELECT COUNT(*) FROM measures').pluck().get()).toBe(12);
      expect(conn.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      conn.close();
    }
    for (const side of ['-wal', '-shm', '-journal']) expect(existsSync(`${path}${side}`), side).toBe(false);
    expect(sha256File(path)).toBe(before);
  });
});
