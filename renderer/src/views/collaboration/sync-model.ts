// The pure parts of the Gemeinsamer-Plan section: the status words, the outcome sentence and the
// remembered server (prefs), kept apart from React so they are tested on their own.
import { countOf as n } from '../../../../shared/domain/plural.ts';
import type { SyncResult, SyncStatus } from '../../../../shared/domain/sync.ts';

/** The prefs key under which the plan remembers its server (address without password, and user). */
export const SERVER_PREF = 'sync.server';

export interface Remembered { url: string; user: string }

/** The remembered server, read defensively (prefs outlive code versions). */
export function rememberedFrom(value: unknown): Remembered | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return typeof v.url === 'string' ? { url: v.url, user: typeof v.user === 'string' ? v.user : '' } : null;
}

/** The address as it may be remembered: a password typed into the URL is dropped. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url.trim());
    if (u.password === '') return url.trim();
    u.password = '';
    return u.toString();
  } catch {
    return url.trim();
  }
}

/** „synchronisiert“, „offline“, „n Änderungen warten“ … for the polite status line. */
export function syncState(s: SyncStatus): string {
  const parts: string[] = [];
  if (s.offline) parts.push('offline');
  else if (s.lastError) parts.push('letzter Abgleich fehlgeschlagen');
  if (s.pending > 0) parts.push(`${n(s.pending, 'Änderung wartet', 'Änderungen warten')} auf den Abgleich`);
  if (parts.length === 0) parts.push(s.lastSyncAt ? 'synchronisiert' : 'noch nicht abgeglichen');
  return parts.join(', ');
}

export function outcomeText(r: SyncResult): string {
  return `Abgeglichen: ${n(r.pushed, 'Änderung', 'Änderungen')} gesendet, ${n(r.pulled, 'Änderung', 'Änderungen')} empfangen, `
    + `${n(r.changes, 'Änderung', 'Änderungen')} übernommen, ${n(r.conflicts.length, 'Konflikt', 'Konflikte')}.`;
}
