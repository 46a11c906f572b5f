// Leaving with unsaved input: a change of view, another plan (new, open, demo, recent) or closing
// the window first saves every pending field; what cannot be saved (invalid input, a form that
// would create something) is asked about — stay and fix it, or discard it and go on.
import { useEffect, useState } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { setRouteGate } from '../lib/useRoute.ts';
import { discardPending, flushPending, pendingEntries, type PendingEntry } from './pending.ts';

interface Question { failed: PendingEntry[]; resolve: (leave: boolean) => void }

let ask: ((failed: PendingEntry[]) => Promise<boolean>) | null = null;

/**
 * Before the plan is switched or the window leaves: saves what can be saved and asks about the
 * rest. Resolves true when it is fine to go on (nothing unsaved left, or the planner discarded it).
 */
export async function confirmLeave(): Promise<boolean> {
  if (pendingEntries().length === 0) return true;
  const failed = await flushPending();
  if (failed.length === 0) return true;
  if (!ask) return false;
  return ask(failed);
}

export function LeaveGuard() {
  const [question, setQuestion] = useState<Question | null>(null);

  useEffect(() => {
    ask = (failed) => new Promise<boolean>((resolve) => setQuestion({ failed, resolve }));
    let leaving = false;
    setRouteGate((_from, to) => {
      if (leaving || pendingEntries().length === 0) return true;
      leaving = true;
      void confirmLeave().then((ok) => {
        if (ok) window.location.hash = to;
        leaving = false;
      });
      return false;
    });
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (pendingEntries().length === 0) return;
      void flushPending();
      e.preventDefault();
      // Older engines need returnValue set to show the question.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      ask = null;
      setRouteGate(null);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, []);

  if (!question) return null;
  const answer = (leave: boolean) => {
    setQuestion(null);
    if (leave) discardPending();
    // After the dialog has handed the focus back to its opener.
    else { const first = question.failed[0]; setTimeout(() => first?.focus(), 0); }
    question.resolve(leave);
  };
  const labels = question.failed.map((f) => f.label);
  return (
    <Dialog title="Eingaben nicht gespeichert" onClose={() => answer(false)}
      description="Diese Eingaben konnten nicht gespeichert werden. Sie gehen verloren, wenn Sie jetzt wechseln.">
      <ul className="unsaved-list">
        {labels.map((l, i) => <li key={`${i}-${l}`}>{l}</li>)}
      </ul>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={() => answer(false)} data-autofocus>Zurück zur Eingabe</button>
        <button type="button" className="button danger" onClick={() => answer(true)}>Verwerfen und wechseln</button>
      </div>
    </Dialog>
  );
}
