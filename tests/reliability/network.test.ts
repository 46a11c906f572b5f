// Plans on network drives: recognised (UNC, NFS/SMB mounts), never opened in place (WAL needs
// shared memory a share does not have); the workbench works on a local copy and writes every
// committed change back atomically (temp file beside the original, then rename). A real share is not
// available here, so the "network" is a folder named by an injected predicate.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkingCopy, isNetworkPath, isUncPath, networkMountOf } from '../../electron/backend/safety/network.ts';
import type { BackupInfo } from '../../shared/api/contract.ts';
import type { MeasureRow } from '../../shared/domain/types.ts';
import { backend, looksGerman, makePlanFile, tempDir, type Backend } from './helpers/plans.ts';

describe('network paths are recognised', () => {
  it('UNC paths, on any platform', () => {
    for (const p of ['\\\\kreis-fs01\\planung\\Maßnahmen.wirplan', '//kreis-fs01/planung/m.wirplan', '\\\\?\\UNC\\kreis-fs01\\planung\\m.wirplan', '\\\\10.0.0.5\\daten\\p.wirplan']) {
      expect(isUncPath(p), p).toBe(true);
    }
    for (const p of ['C:\\Users\\planer\\m.wirplan', '\\\\?\\C:\\Daten\\m.wirplan', '\\\\.\\pipe\\x', '/home/planer/m.wirplan', 'm.wirplan', '\\\\server']) {
      expect(isUncPath(p), p).toBe(false);
    }
  });

  it('paths below NFS/SMB mounts in /proc/mounts (longest mount point wins, escaped spaces)', () => {
    const mounts = [
      '/dev/sda1 / ext4 rw,relatime 0 0',
      'kreis-fs01:/export/planung /mnt/planung nfs4 rw,relatime 0 0',
      '//kreis-fs02/daten /media/Kreis\\040Daten cifs rw,relatime 0 0',
      'tmpfs /mnt/planung/lokal tmpfs rw 0 0',
      'sshfs#me@host: /home/me/remote fuse.sshfs rw 0 0',
    ].join('\n');
    expect(networkMountOf('/mnt/planung/2026/plan.wirplan', mounts)).toEqual({ mountPoint: '/mnt/planung', fsType: 'nfs4' });
    expect(networkMountOf('/media/Kreis Daten/plan.wirplan', mounts)?.fsType).toBe('cifs');
    expect(networkMountOf('/home/me/remote/p.wirplan', mounts)?.fsType).toBe('fuse.sshfs');
    expect(networkMountOf('/mnt/planung/lokal/p.wirplan', mounts)).toBeNull();
    expect(networkMountOf('/mnt/planungen/p.wirplan', mounts)).toBeNull();
    expect(networkMountOf('/home/planer/p.wirplan', mounts)).toBeNull();
  });

  it('the temp folder here is local', () => {
    expect(isNetworkPath(join(tmpdir(), 'p.wirplan'))).toBe(false);
  });
});

describe('a plan on a network drive', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });

  function setup() {
    const dir = tempDir();
    const share = join(dir, 'netz');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const onShare = (p: string) => p.startsWith(`${share}/`);
    const make = (name: string): Backend => {
      const b = backend({ dataDir: join(dir, `data-${name}`), isNetworkPath: onShare });
      cleanups.push(() => b.session.close());
      return b;
    };
    return { dir, share, make };
  }

  /** What a colleague would read from the share right now. */
  function titlesOnShare(path: string): string[] {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT title FROM measures ORDER BY title').pluck().all() as string[];
    } finally {
      db.close();
    }
  }

  function onlyPlanFiles(share: string): string[] {
    return readdirSync(share).filter((n) => !n.endsWith('.backups') && !n.startsWith('data-')).sort();
  }

  it('is worked on in a local copy; each committed change reaches the share at once, atomically, without WAL there', async () => {
    const { dir, share, make } = setup();
    const path = await makePlanFile(share, 'plan.wirplan');
    const b = make('a');
    await b.ok('plan.open', { path });
    expect(b.session.db.name).toBe(WorkingCopy.pathFor(path, join(dir, 'data-a')));
    expect(onlyPlanFiles(share)).toEqual(['plan.wirplan', 'plan.wirplan.lock']);
    for (let i = 1; i <= 5; i++) {
      await b.ok('measures.create', { title: `Netz ${i}`, baustelleId: 'B3' });
      expect(titlesOnShare(path)).toContain(`Netz ${i}`);
      // Rollback journal on the share (header bytes 18/19 = 1), and no -wal/-shm/temp files beside it.
      expect([...readFileSync(path).subarray(18, 20)]).toEqual([1, 1]);
      expect(onlyPlanFiles(share)).toEqual(['plan.wirplan', 'plan.wirplan.lock']);
    }
    await b.ok('plan.close');
    expect(onlyPlanFiles(share)).toEqual(['plan.wirplan']);
  });

  it('when the share is gone, the change stays in the local copy, the planner is told, and it is sent with the next change', async () => {
    const { share, make } = setup();
    const path = await makePlanFile(share, 'plan.wirplan');
    const b = make('a');
    await b.ok('plan.open', { path });
    renameSync(share, `${share}-weg`);
    const r = await b.call('measures.create', { title: 'Ohne Netz', baustelleId: 'B3' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('not-synced');
      expect(r.error.message).toMatch(/^Die Änderung ist in der lokalen Arbeitskopie gespeichert/u);
      expect(looksGerman(r.error.message)).toBe(true);
    }
    expect((await b.ok<MeasureRow[]>('measures.list')).map((m) => m.title)).toContain('Ohne Netz');
    renameSync(`${share}-weg`, share);
    await b.ok('measures.create', { title: 'Wieder im Netz', baustelleId: 'B3' });
    expect(titlesOnShare(path)).toEqual(expect.arrayContaining(['Ohne Netz', 'Wieder im Netz']));
    expect(onlyPlanFiles(share)).toEqual(['plan.wirplan', 'plan.wirplan.lock']);
  });

  it('changes not yet on the share are sent on close, or at the next open if the share was still away', async () => {
    const { share, make } = setup();
    const path = await makePlanFile(share, 'plan.wirplan');
    const b = make('a');
    await b.ok('plan.open', { path });
    renameSync(share, `${share}-weg`);
    await b.call('measures.create', { title: 'Beim Schließen', baustelleId: 'B3' });
    renameSync(`${share}-weg`, share);
    b.session.close();
    expect(titlesOnShare(path)).toContain('Beim Schließen');

    await b.ok('plan.open', { path });
    renameSync(share, `${share}-weg`);
    await b.call('measures.create', { title: 'Beim nächsten Öffnen', baustelleId: 'B3' });
    b.session.close(); // share still away: stays pending in the working copy
    renameSync(`${share}-weg`, share);
    expect(titlesOnShare(path)).not.toContain('Beim nächsten Öffnen');
    await b.ok('plan.open', { path });
    expect(titlesOnShare(path)).toContain('Beim nächsten Öffnen');
    expect((await b.ok<MeasureRow[]>('measures.list')).map((m) => m.title)).toContain('Beim nächsten Öffnen');
  });

  it('if someone else changed the share meanwhile, unsent changes are kept as a backup, never written over theirs', async () => {
    const { share, make } = setup();
    const path = await makePlanFile(share, 'plan.wirplan');
    const b = make('a');
    await b.ok('plan.open', { path });
    renameSync(share, `${share}-weg`);
    await b.call('measures.create', { title: 'Nur bei mir', baustelleId: 'B3' });
    b.session.close();
    renameSync(`${share}-weg`, share);
    // A colleague edits the share's file meanwhile (after our lock was released).
    const colleague = make('kollege');
    await colleague.ok('plan.open', { path });
    await colleague.ok('measures.create', { title: 'Vom Kollegen', baustelleId: 'B3' });
    await colleague.ok('plan.close');

    await b.ok('plan.open', { path });
    const titles = (await b.ok<MeasureRow[]>('measures.list')).map((m) => m.title);
    expect(titles).toContain('Vom Kollegen');
    expect(titles).not.toContain('Nur bei mir');
    const unsynced = (await b.ok<BackupInfo[]>('plan.backups')).find((x) => x.kind === 'unsynced');
    expect(unsynced).toMatchObject({ ok: true, kindLabel: 'Nicht zurückgeschriebene Arbeitskopie' });
    expect(titlesOnShare(unsynced!.path)).toContain('Nur bei mir');
  });

  it('a new plan on a share exists there at once, as a rollback-journal file', async () => {
    const { share, make } = setup();
    const b = make('a');
    const path = join(share, 'neu.wirplan');
    const missing = await b.call('plan.new', { path, title: 'Neu im Netz' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toBe(`Der Ordner „${share}“ wurde nicht gefunden oder ist nicht erreichbar.`);
    mkdirSync(share);
    await b.ok('plan.new', { path, title: 'Neu im Netz' });
    expect(existsSync(path)).toBe(true);
    expect([...readFileSync(path).subarray(18, 20)]).toEqual([1, 1]);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
