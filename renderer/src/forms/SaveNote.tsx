// The sidebar's word on saving: how the save model works, and how many fields wait to be saved.
import { flushPending, usePending } from './pending.ts';

export function SaveNote() {
  const pending = usePending();
  return (
    <div className="nav-note" role="status">
      {pending.length === 0
        ? 'Jedes Feld wird beim Verlassen (oder mit Enter) in der Plandatei gespeichert.'
        : <>
            <span className="nav-unsaved"><span aria-hidden="true">● </span>{pending.length === 1 ? '1 Eingabe' : `${pending.length} Eingaben`} nicht gespeichert</span>{' '}
            <button type="button" className="button small" onClick={() => void flushPending()}>Jetzt speichern</button>
          </>}
    </div>
  );
}
