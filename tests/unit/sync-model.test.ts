// The status words and the remembered server of the Gemeinsamer-Plan section (renderer).
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/domain/sync.ts';
import { rememberedFrom, syncState, withoutPassword } from '../../renderer/src/views/collaboration/sync-model.ts';

const status = (s: Partial<SyncStatus>): SyncStatus => ({ server: null, pending: 0, lastSyncAt: null, lastError: null, offline: false, conflicts: 0, ...s });

describe('Gemeinsamer Plan: status line and remembered server', () => {
  it('says synchronisiert, offline, n Änderungen warten', () => {
    expect(syncState(status({}))).toBe('noch nicht abgeglichen');
    expect(syncState(status({ lastSyncAt: '2026-12-04T10:00:00Z' }))).toBe('synchronisiert');
    expect(syncState(status({ lastSyncAt: '2026-12-04T10:00:00Z', pending: 1 }))).toBe('1 Änderung wartet auf den Abgleich');
    expect(syncState(status({ pending: 1234 }))).toBe('1.234 Änderungen warten auf den Abgleich');
    expect(syncState(status({ offline: true, lastError: 'x', pending: 2 }))).toBe('offline, 2 Änderungen warten auf den Abgleich');
    expect(syncState(status({ offline: true, lastError: 'x' }))).toBe('offline');
    expect(syncState(status({ lastError: 'Anmeldung …', lastSyncAt: '2026-12-04T10:00:00Z' }))).toBe('letzter Abgleich fehlgeschlagen');
  });

  it('never remembers a password typed into the address', () => {
    expect(withoutPassword('postgres://anna:Geheim-1@db.kreis.local:5432/werkbank?sslmode=verify-full'))
      .toBe('postgres://anna@db.kreis.local:5432/werkbank?sslmode=verify-full');
    expect(withoutPassword(' postgres://db.kreis.local/werkbank ')).toBe('postgres://db.kreis.local/werkbank');
    expect(withoutPassword('kein url')).toBe('kein url');
  });

  it('reads the remembered server defensively', () => {
    expect(rememberedFrom({ url: 'postgres://h/db', user: 'anna' })).toEqual({ url: 'postgres://h/db', user: 'anna' });
    expect(rememberedFrom({ url: 'postgres://h/db', user: 3 })).toEqual({ url: 'postgres://h/db', user: '' });
    expect(rememberedFrom(null)).toBeNull();
    expect(rememberedFrom(['x'])).toBeNull();
    expect(rememberedFrom({ user: 'anna' })).toBeNull();
  });
});
