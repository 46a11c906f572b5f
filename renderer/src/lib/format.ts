// Small parsing and formatting helpers for the edges of the UI (inputs and labels).
// Money stays integer cents; amounts are formatted only with shared/domain/money.ts.
import type { Baustelle, Catalogue, CatalogueItem } from '../../../shared/catalogue/types.ts';
import { BackendError } from '../backend/useBackend.tsx';

const dateFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' });

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateFormat.format(d);
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dayFormat.format(d);
}

/** The German message of a failed call; never a raw stack or English text. */
export function messageOf(e: unknown): string {
  if (e instanceof BackendError) return e.message;
  return 'Ein unerwarteter Fehler ist aufgetreten. Die Änderung wurde nicht gespeichert.';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** '' -> null, '2027' -> 2027; anything else is refused with a German message naming the field. */
export function parseYear(text: string, field: string): Parsed<number | null> {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!/^-?\d+$/u.test(t)) return { ok: false, message: `${field}: Das Jahr muss eine ganze Zahl sein (z. B. 2027).` };
  return { ok: true, value: Number(t) };
}

/** Förderquote typed as percent ("80", "62,5", "75 %") -> basis points (8000, 6250, 7500). */
export function parsePercentToBp(text: string): Parsed<number | null> {
  const t = text.trim().replace(/\s*%$/u, '');
  if (t === '') return { ok: true, value: null };
  const m = /^(\d{1,3})(?:,(\d{1,2}))?$/u.exec(t);
  if (!m) return { ok: false, message: 'Die Förderquote bitte als Prozentzahl angeben, z. B. 80 oder 62,5.' };
  return { ok: true, value: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
}

/** 8000 -> "80 %", 6250 -> "62,5 %" */
export function formatBp(bp: number | null): string {
  if (bp == null) return '';
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  const frac = rest === 0 ? '' : `,${String(rest).padStart(2, '0').replace(/0$/u, '')}`;
  return `${whole}${frac} %`;
}

/** 8000 -> "80", for an input field */
export function bpToInput(bp: number | null): string {
  return formatBp(bp).replace(/ %$/u, '');
}

export function baustelleLabel(b: Baustelle): string {
  return `${b.number} · ${b.shortTitle}`;
}

export interface CatalogueIndex {
  baustellen: Map<string, Baustelle>;
  items: Map<string, CatalogueItem & { kind: 'grundmauer' | 'frage' }>;
}

export function indexCatalogue(c: Catalogue | null): CatalogueIndex {
  const baustellen = new Map<string, Baustelle>();
  const items = new Map<string, CatalogueItem & { kind: 'grundmauer' | 'frage' }>();
  for (const b of c?.baustellen ?? []) {
    baustellen.set(b.id, b);
    for (const g of b.grundmauern) items.set(g.id, { ...g, kind: 'grundmauer' });
    for (const f of b.fragen) items.set(f.id, { ...f, kind: 'frage' });
  }
  return { baustellen, items };
}

/** Items grouped by actor group in printed order (the first appearance of a group decides its place). */
export function groupByActor(items: CatalogueItem[]): { group: CatalogueItem['actorGroup']; items: CatalogueItem[] }[] {
  const out: { group: CatalogueItem['actorGroup']; items: CatalogueItem[] }[] = [];
  for (const item of items) {
    let g = out.find((x) => x.group === item.actorGroup);
    if (!g) out.push((g = { group: item.actorGroup, items: [] }));
    g.items.push(item);
  }
  return out;
}

/** The folder of a path (either separator), with its trailing separator. */
export function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '' : path.slice(0, i + 1);
}
