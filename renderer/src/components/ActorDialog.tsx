// Add or edit an actor (Akteur). Used in the directory and from a measure's Zuständigkeiten.
import { useId, useState, type FormEvent } from 'react';
import { ACTOR_KINDS, ACTOR_KIND_LABELS, type ActorKind } from '../../../shared/domain/enums.ts';
import type { Actor } from '../../../shared/domain/types.ts';
import { useBackend } from '../backend/useBackend.tsx';
import { messageOf } from '../lib/format.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorAlert } from './Messages.tsx';

export function ActorDialog({ actor, onClose, onSaved }: { actor?: Actor; onClose: () => void; onSaved: (a: Actor) => void | Promise<void> }) {
  const { call } = useBackend();
  const id = useId();
  const [name, setName] = useState(actor?.name ?? '');
  const [kind, setKind] = useState<ActorKind>(actor?.kind ?? 'kreisverwaltung');
  const [orgUnit, setOrgUnit] = useState(actor?.orgUnit ?? '');
  const [contactPerson, setContactPerson] = useState(actor?.contactPerson ?? '');
  const [contactDetails, setContactDetails] = useState(actor?.contactDetails ?? '');
  const [notes, setNotes] = useState(actor?.notes ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const fields = { name, kind, orgUnit, contactPerson, contactDetails, notes };
      const saved = actor ? await call('actors.update', { id: actor.id, patch: fields }) : await call('actors.create', fields);
      await onSaved(saved);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={actor ? 'Akteur bearbeiten' : 'Akteur hinzufügen'} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-n`}>Name <span className="req">(Pflichtfeld)</span></label>
          <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} data-autofocus />
        </div>
        <div className="field">
          <label htmlFor={`${id}-k`}>Art</label>
          <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as ActorKind)}>
            {ACTOR_KINDS.map((k) => <option key={k} value={k}>{ACTOR_KIND_LABELS[k]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-o`}>Organisationseinheit</label>
          <input id={`${id}-o`} value={orgUnit} onChange={(e) => setOrgUnit(e.target.value)} placeholder="z. B. Dezernat II – Soziales" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`}>Ansprechperson</label>
          <input id={`${id}-p`} value={contactPerson} onChange={(e) => setContactPerson(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-c`}>Kontakt</label>
          <input id={`${id}-c`} value={contactDetails} onChange={(e) => setContactDetails(e.target.value)} placeholder="Telefon, E-Mail" aria-describedby={`${id}-ch`} />
          <p id={`${id}-ch`} className="hint">Personenbezogene Daten: bitte nur dienstliche Kontaktangaben eintragen.</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-x`}>Notizen</label>
          <textarea id={`${id}-x`} value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
        </div>
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>{actor ? 'Änderungen speichern' : 'Akteur hinzufügen'}</button>
          <button type="button" className="button" onClick={onClose}>Abbrechen</button>
        </div>
      </form>
    </Dialog>
  );
}
