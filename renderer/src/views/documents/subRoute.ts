// Pages inside the Export view: "#/export/vorlage", "#/export/import", "#/export/stand/<id>".
// The shell's router knows only "#/export" (and ignores further parts), so the Export view reads
// the rest of the hash itself; back/forward and links work as for any other view.
import { useSyncExternalStore } from 'react';

export type ExportPage =
  | { page: 'overview' }
  | { page: 'vorlage'; changesSince?: string }
  | { page: 'import' }
  | { page: 'profil' }
  | { page: 'stand'; id: string };

export function parseExportHash(hash: string): ExportPage {
  const parts = hash.replace(/^#\/?/u, '').split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts[0] !== 'export') return { page: 'overview' };
  switch (parts[1]) {
    case 'vorlage': return parts[2] ? { page: 'vorlage', changesSince: parts[2] } : { page: 'vorlage' };
    case 'import': return { page: 'import' };
    case 'profil': return { page: 'profil' };
    case 'stand': return parts[2] ? { page: 'stand', id: parts[2] } : { page: 'overview' };
    default: return { page: 'overview' };
  }
}

export function exportHref(p: ExportPage): string {
  switch (p.page) {
    case 'overview': return '#/export';
    case 'vorlage': return p.changesSince ? `#/export/vorlage/${encodeURIComponent(p.changesSince)}` : '#/export/vorlage';
    case 'import': return '#/export/import';
    case 'profil': return '#/export/profil';
    case 'stand': return `#/export/stand/${encodeURIComponent(p.id)}`;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
const getHash = () => window.location.hash;

/** The page of the Export view the hash names; re-renders on every hash change. */
export function useExportPage(): ExportPage {
  return parseExportHash(useSyncExternalStore(subscribe, getHash));
}
