// "Ansicht": named table states kept in the plan (filters, sorting, grouping, columns), e.g.
// „Beschlussreif für den Sozialausschuss“. Choose one to apply it; save the current state as a new
// view or over the chosen one (which also renames it); delete the chosen one.
import { useId, useState, type FormEvent } from 'react';
import type { SavedView } from '../../../../shared/domain/types.ts';
import { ConfirmDialog, Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { messageOf } from '../../lib/format.ts';

export function SavedViews({ views, activeId, modified, onApply, onSave, onDelete }: {
  views: SavedView[];
  activeId: string | null;
  /** The table no longer shows exactly what the active view saved. */
  modified: boolean;
  onApply: (id: string | null) => void;
  /** overwriteId: replace (and rename) that view; otherwise a new one. */
  onSave: (name: string, overwriteId: string | null) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}) {
  const id = useId();
  const [dialog, setDialog] = useState<'save' | 'delete' | null>(null);
  const active = views.find((v) => v.id === activeId) ?? null;
  return (
    <div className="mt-views">
      <label htmlFor={`${id}-v`} className="mt-inline-label">Ansicht</label>
      <select id={`${id}-v`} value={active?.id ?? ''} onChange={(e) => onApply(e.target.value || null)} aria-describedby={modified ? `${id}-m` : undefined}>
        <option value="">Standard (alle Maßnahmen)</option>
        {views.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
      </select>
      {modified ? <span id={`${id}-m`} className="mt-modified">geändert</span> : null}
      <button type="button" className="button small" onClick={() => setDialog('save')}>Ansicht speichern…</button>
      {active ? <button type="button" className="button small quiet danger-text" onClick={() => setDialog('delete')}>Ansicht löschen…</button> : null}
      {dialog === 'save' ? <SaveDialog active={active} onClose={() => setDialog(null)} onSave={async (name, overwrite) => { await onSave(name, overwrite); setDialog(null); }} /> : null}
      {dialog === 'delete' && active ? <DeleteDialog view={active} onClose={() => setDialog(null)} onDelete={async () => { await onDelete(active.id); setDialog(null); }} /> : null}
    </div>
  );
}

function SaveDialog({ active, onClose, onSave }: {
  active: SavedView | null; onClose: () => void; onSave: (name: string, overwriteId: string | null) => Promise<void>;
}) {
  const id = useId();
  const [mode, setMode] = useState<'overwrite' | 'new'>(active ? 'overwrite' : 'new');
  const [name, setName] = useState(active?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      await onSave(name, mode === 'overwrite' && active ? active.id : null);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title="Ansicht speichern" onClose={onClose}
      description="Speichert Filter, Suche, Sortierung, Gruppierung und die angezeigten Spalten unter einem Namen im Plan.">
      <form className="form" onSubmit={submit} noValidate>
        {active ? (
          <fieldset className="checks">
            <legend>Speichern als</legend>
            <label className="check block">
              <input type="radio" name={`${id}-mode`} checked={mode === 'overwrite'} onChange={() => { setMode('overwrite'); setName(active.name); }} />
              <span>„{active.name}“ aktualisieren (ein geänderter Name benennt sie um)</span>
            </label>
            <label className="check block">
              <input type="radio" name={`${id}-mode`} checked={mode === 'new'} onChange={() => { setMode('new'); setName(''); }} />
              <span>neue Ansicht</span>
            </label>
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-n`}>Name der Ansicht</label>
          <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} data-autofocus
            placeholder="z. B. Beschlussreif für den Sozialausschuss" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-e` : undefined} />
        </div>
        <ErrorAlert message={error} id={`${id}-e`} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>Speichern</button>
          <button type="button" className="button" onClick={onClose}>Abbrechen</button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ view, onClose, onDelete }: { view: SavedView; onClose: () => void; onDelete: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog title="Ansicht löschen?" confirmLabel="Ansicht löschen" busy={busy} onClose={onClose}
      onConfirm={async () => {
        setBusy(true); setError(null);
        try { await onDelete(); } catch (e) { setError(messageOf(e)); setBusy(false); }
      }}>
      <p>Die gespeicherte Ansicht „{view.name}“ wird aus dem Plan entfernt. Die Maßnahmen bleiben unverändert.</p>
      <ErrorAlert message={error} />
    </ConfirmDialog>
  );
}
