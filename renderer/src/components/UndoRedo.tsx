// Undo/Redo of plan changes: two buttons in the header that say what they would do, and
// Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) anywhere except in text fields, where the browser's own text
// undo keeps working. The steps live in the plan file, so undo works after a restart too.
import { useCallback, useEffect, useRef, useState } from 'react';
import { usePlanData } from '../data/usePlanData.ts';
import { BackendError, useBackend } from '../backend/useBackend.tsx';
import { messageOf } from '../lib/format.ts';
import { useWorkbench } from '../useWorkbench.tsx';
import { ErrorAlert } from './Messages.tsx';

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True while the focus is somewhere the browser's own Ctrl+Z means something (typing text, choosing in a list). */
export function isTextEditing(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(el.type);
  return false;
}

type Direction = 'undo' | 'redo';

export function UndoRedo() {
  const { call, transport } = useBackend();
  const wb = useWorkbench();
  // What undo/redo would do now, from the same cache as every view: any change anywhere updates it.
  const { data: status } = usePlanData('history.status', {});
  const [error, setError] = useState<string | null>(null);
  // Presses in quick succession run one after the other, each on the state the previous one left.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const hasPlan = wb.info !== null;
  const { notify } = wb;

  const step = useCallback(async (direction: Direction) => {
    setError(null);
    try {
      const r = await call(direction === 'undo' ? 'history.undo' : 'history.redo', {});
      notify(`${r.summary}.`);
    } catch (e) {
      if (e instanceof BackendError && (e.code === 'nothing-to-undo' || e.code === 'nothing-to-redo')) notify(e.message);
      else setError(messageOf(e));
    }
  }, [call, notify]);
  const run = useCallback((direction: Direction) => {
    queue.current = queue.current.then(() => step(direction));
    return queue.current;
  }, [step]);

  useEffect(() => {
    if (!hasPlan) return undefined;
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.altKey || !(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      const direction: Direction | null = key === 'z' ? (e.shiftKey ? 'redo' : 'undo') : key === 'y' && !e.shiftKey ? 'redo' : null;
      if (!direction) return;
      if (isTextEditing(document.activeElement)) return;
      // A modal dialog is about something else; undoing behind it would surprise.
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      void run(direction);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasPlan, run]);

  // The desktop app's Bearbeiten menu sends the same two commands.
  useEffect(() => transport.on('menu', ({ command }) => {
    if (command === 'history.undo') void run('undo');
    if (command === 'history.redo') void run('redo');
  }), [transport, run]);

  if (!hasPlan) return null;
  const undo = status?.undo ?? null;
  const redo = status?.redo ?? null;
  const undoName = undo ? `Rückgängig: ${undo.summary}` : 'Rückgängig';
  const redoName = redo ? `Wiederherstellen: ${redo.summary}` : 'Wiederherstellen';
  // What Ctrl+Z (or else Ctrl+Y) would do, in a small line under the buttons; the buttons carry it in their names.
  const caption = undo ? `Strg+Z: ${undo.summary}` : redo ? `Strg+Y: ${redo.summary}` : 'Nichts rückgängig zu machen';
  return (
    <div className="undo-redo" role="group" aria-label="Rückgängig und Wiederherstellen">
      <div className="undo-buttons">
        <button type="button" className="button small undo-button" disabled={!undo} aria-keyshortcuts="Control+Z" aria-label={undoName}
          title={undo ? `${undoName} (Strg+Z)` : 'Nichts rückgängig zu machen'} onClick={() => void run('undo')}>
          <span aria-hidden="true" className="undo-icon">↶</span> Rückgängig
        </button>
        <button type="button" className="button small undo-button" disabled={!redo} aria-keyshortcuts="Control+Y Control+Shift+Z" aria-label={redoName}
          title={redo ? `${redoName} (Strg+Y)` : 'Nichts wiederherzustellen'} onClick={() => void run('redo')}>
          <span aria-hidden="true" className="undo-icon">↷</span> Wiederherstellen
        </button>
      </div>
      <p className="undo-caption" aria-hidden="true" title={caption}>{caption}</p>
      {error ? <div className="host-error"><ErrorAlert message={error} /></div> : null}
    </div>
  );
}
