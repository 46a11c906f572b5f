// Small pieces shared by the pages of the Export view.
import type { ReactNode } from 'react';
import { germanDateOf } from '../../../../shared/domain/snapshot-diff.ts';
import { exportHref } from './subRoute.ts';

/** "2026-03-12" → "12.03.2026"; empty stays empty. */
export const germanDate = (iso: string): string => (iso ? germanDateOf(iso) : '');

/** Today as "YYYY-MM-DD" in local time (for date inputs). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The bytes of a chosen file as base64 (what the import methods take). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** "Export ›" above the heading of a sub-page. */
export function ExportCrumbs({ children }: { children?: ReactNode }) {
  return (
    <nav className="crumbs" aria-label="Brotkrumen">
      <a href={exportHref({ page: 'overview' })}>Export</a>
      {children ? <> › {children}</> : null}
    </nav>
  );
}

/** "1 Maßnahme", "3 Maßnahmen" */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('de-DE')} ${n === 1 ? one : many}`;
}
