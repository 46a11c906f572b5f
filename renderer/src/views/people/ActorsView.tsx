// Akteure: the directory of actors the plan's measures are tied to.
import { countOf } from '../../../../shared/domain/plural.ts';
import { useId, useMemo, useState } from 'react';
import { ACTOR_KIND_LABELS } from '../../../../shared/domain/enums.ts';
import type { Actor } from '../../../../shared/domain/types.ts';
import { useBackend } from '../../backend/useBackend.tsx';
import { ActorDialog } from '../../components/ActorDialog.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/Messages.tsx';
import { messageOf } from '../../lib/format.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';

export function ActorsView() {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Actor | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Actor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const links = useMemo(() => {
    const map = new Map<string, number>();
    for (const r of wb.responsibilities) map.set(r.actorId, (map.get(r.actorId) ?? 0) + 1);
    return map;
  }, [wb.responsibilities]);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('de-DE');
    if (!q) return wb.actors;
    return wb.actors.filter((a) => [a.name, a.orgUnit, a.contactPerson, a.contactDetails, ACTOR_KIND_LABELS[a.kind]]
      .some((t) => t.toLocaleLowerCase('de-DE').includes(q)));
  }, [wb.actors, query]);

  async function remove(a: Actor) {
    setBusy(true); setError(null);
    try {
      await call('actors.delete', { id: a.id });
      setDeleting(null);
      wb.notify(`Akteur „${a.name}“ gelöscht.`);
    } catch (e) {
      setDeleting(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="view-head with-actions">
        <div>
          <ViewHeading>Akteure</ViewHeading>
          <p className="lead">Stellen, Gremien und Organisationen, die an den Maßnahmen beteiligt sind.</p>
        </div>
        <button type="button" className="button primary" onClick={() => { setError(null); setEditing('new'); }}>Akteur hinzufügen</button>
      </div>
      <div className="filters" role="search" aria-label="Akteure durchsuchen">
        <div className="field">
          <label htmlFor={`${id}-q`}>Suche</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name, Art, Einheit, Kontakt …" />
        </div>
      </div>
      <ErrorAlert message={error} />
      <p className="table-count" role="status">{query.trim() ? `${shown.length} von ${wb.actors.length} Akteuren` : countOf(wb.actors.length, 'Akteur', 'Akteure')}</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Akteure des Plans</caption>
          <thead>
            <tr>
              <th scope="col">Name</th><th scope="col">Art</th><th scope="col">Organisationseinheit</th>
              <th scope="col">Ansprechperson</th><th scope="col">Kontakt</th><th scope="col" className="num">Zuständigkeiten</th>
              <th scope="col"><span className="visually-hidden">Aktionen</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? <tr><td colSpan={7} className="empty">Kein Akteur gefunden.</td></tr> : shown.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="row-head">{a.name}</th>
                <td>{ACTOR_KIND_LABELS[a.kind]}</td>
                <td>{a.orgUnit}</td>
                <td>{a.contactPerson}</td>
                <td>{a.contactDetails}</td>
                <td className="num">{links.get(a.id) ?? 0}</td>
                <td className="actions">
                  <button type="button" className="button small quiet" onClick={() => { setError(null); setEditing(a); }} aria-label={`${a.name} bearbeiten`}>Bearbeiten</button>
                  <button type="button" className="button small quiet danger-text" onClick={() => { setError(null); setDeleting(a); }} aria-label={`${a.name} löschen`}>Löschen</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing ? (
        <ActorDialog actor={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={async (a) => {
          const isNew = editing === 'new';
          setEditing(null);
          wb.notify(isNew ? `Akteur „${a.name}“ hinzugefügt.` : `Akteur „${a.name}“ gespeichert.`);
        }} />
      ) : null}
      {deleting ? (
        <ConfirmDialog title="Akteur löschen?" confirmLabel="Löschen" busy={busy} onConfirm={() => void remove(deleting)} onClose={() => setDeleting(null)}>
          <p>Soll <strong>{deleting.name}</strong> aus dem Verzeichnis gelöscht werden?</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
