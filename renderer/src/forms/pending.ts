// The one save model of the workbench: every field saves itself on blur or Enter. Until it has,
// it is "pending" here: the registry knows every field (or form) whose typed text is not yet in
// the plan file, so leaving the view, switching the plan or closing the window can first save it
// (flush) or, when that is not possible (invalid input, a form that creates something), ask.
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';

export interface PendingEntry {
  /** German label of the field, shown in the "unsaved input" question ("Titel", "Neue Maßnahme"). */
  label: string;
  /** Saves now (or waits for the save in flight); true when the text is in the plan afterwards. */
  flush: () => Promise<boolean>;
  /** Throws the typed text away (the planner chose "Verwerfen"). */
  discard: () => void;
  /** Puts the focus back on the field (the planner chose to stay). */
  focus: () => void;
}

const entries = new Map<string, PendingEntry>();
const listeners = new Set<() => void>();
let snapshot: readonly PendingEntry[] = [];

function emit() {
  snapshot = [...entries.values()];
  for (const l of listeners) l();
}

/** Marks a field as holding unsaved input (again with the same key: updates the entry). */
export function setPending(key: string, entry: PendingEntry): void {
  const had = entries.get(key);
  entries.set(key, entry);
  if (!had || had.label !== entry.label) emit();
}

export function clearPending(key: string): void {
  if (entries.delete(key)) emit();
}

export function pendingEntries(): readonly PendingEntry[] {
  return snapshot;
}

/** Saves every pending field; returns those that could not be saved (still pending). */
export async function flushPending(): Promise<PendingEntry[]> {
  const all = [...entries.entries()];
  const results = await Promise.all(all.map(async ([, e]) => {
    try { return await e.flush(); } catch { return false; }
  }));
  return all.filter((_, i) => !results[i]).map(([, e]) => e);
}

export function discardPending(): void {
  for (const e of [...entries.values()]) e.discard();
  entries.clear();
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => { listeners.delete(l); };
}

/** The fields with unsaved input, re-rendering when the set changes. */
export function usePending(): readonly PendingEntry[] {
  return useSyncExternalStore(subscribe, pendingEntries);
}

/**
 * A form that adds or edits an item with its own button (a new Umsetzungsschritt, a budget line):
 * while it holds typed text it is pending and cannot be saved silently, so leaving asks first.
 */
export function usePendingForm(label: string, dirty: boolean, focus: () => void, discard: () => void): void {
  const key = useId();
  const latest = useRef({ focus, discard });
  useEffect(() => { latest.current = { focus, discard }; });
  useEffect(() => {
    if (!dirty) { clearPending(key); return; }
    setPending(key, { label, flush: async () => false, discard: () => latest.current.discard(), focus: () => latest.current.focus() });
  }, [dirty, key, label]);
  useEffect(() => () => clearPending(key), [key]);
}
