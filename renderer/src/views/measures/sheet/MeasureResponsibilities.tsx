// Zuständigkeiten of a measure: who is verantwortlich, federführend, mitwirkend or zu informieren.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ACTOR_KIND_LABELS, ROLES, ROLE_LABELS, type Role } from '../../../../../shared/domain/enums.ts';
import type { MeasureDetail } from '../../../../../shared/domain/types.ts';
import { useBackend } from '../../../backend/useBackend.tsx';
import { ActorDialog } from '../../../components/ActorDialog.tsx';
import { ErrorAlert, StatusLine } from '../../../components/Messages.tsx';
import { messageOf } from '../../../lib/format.ts';
import { useWorkbench } from '../../../useWorkbench.tsx';

const ROLE_SUMMARY_LABELS: Record<Role, string> = {
  verantwortlich: 'Verantwortlich', federfuehrend: 'Federführung', mitwirkend: 'Beteiligt (mitwirkend)', 'zu-informieren': 'Zu informieren',
};

export function MeasureResponsibilities({ detail }: { detail: MeasureDetail }) {
  const { call } = useBackend();
  const wb = useWorkbench();
  const id = useId();
  const measureId = detail.measure.id;
  const [actorId, setActorId] = useState('');
  const [role, setRole] = useState<Role>('mitwirkend');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);

  const actorsById = useMemo(() => new Map(wb.actors.map((a) => [a.id, a])), [wb.actors]);
  const rows = useMemo(() => [...detail.responsibilities].sort((a, b) =>
    ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || (actorsById.get(a.actorId)?.name ?? '').localeCompare(actorsById.get(b.actorId)?.name ?? '', 'de')),
  [detail.responsibilities, actorsById]);
  const linked = new Set(detail.responsibilities.map((r) => r.actorId));
  const available = wb.actors.filter((a) => !linked.has(a.id));

  async function run(what: () => Promise<unknown>, done: string, succeeded?: () => void) {
    setBusy(true); setError(null); setStatus(null);
    try {
      await what();
      succeeded?.();
      setStatus(done);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!actorId) { setError('Bitte zuerst einen Akteur auswählen.'); return; }
    const name = actorsById.get(actorId)?.name ?? '';
    await run(() => call('responsibilities.set', { measureId, actorId, role }), `${name} als „${ROLE_LABELS[role]}“ eingetragen.`, () => setActorId(''));
  }

  return (
    <section className="panel jump-target" aria-labelledby="sec-zustaendigkeiten">
      <h2 id="sec-zustaendigkeiten" tabIndex={-1}>Zuständigkeiten: Federführung und Beteiligte</h2>
      <p className="muted">Genau eine Stelle ist verantwortlich, sobald die Maßnahme über den Status „Idee“ hinaus ist.</p>
      {rows.length > 0 ? (
        <dl className="facts role-summary">
          {ROLES.map((role) => {
            const names = rows.filter((r) => r.role === role).map((r) => actorsById.get(r.actorId)?.name ?? 'unbekannter Akteur');
            return (
              <div key={role}>
                <dt>{ROLE_SUMMARY_LABELS[role]}</dt>
                <dd>{names.length ? names.join('; ') : <span className="muted">{role === 'verantwortlich' && detail.measure.status !== 'idee' ? 'fehlt – bitte eintragen' : '–'}</span>}</dd>
              </div>
            );
          })}
        </dl>
      ) : null}
      {rows.length === 0 ? <p>Noch keine Zuständigkeiten eingetragen.</p> : (
        <table className="data-table compact">
          <caption className="visually-hidden">Zuständigkeiten der Maßnahme {detail.measure.code}</caption>
          <thead>
            <tr><th scope="col">Akteur</th><th scope="col">Art</th><th scope="col">Rolle</th><th scope="col"><span className="visually-hidden">Aktionen</span></th></tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const a = actorsById.get(r.actorId);
              const name = a?.name ?? 'unbekannter Akteur';
              return (
                <tr key={r.actorId}>
                  <th scope="row" className="row-head">{name}{a?.orgUnit ? <span className="muted block">{a.orgUnit}</span> : null}</th>
                  <td>{a ? ACTOR_KIND_LABELS[a.kind] : ''}</td>
                  <td>
                    <select aria-label={`Rolle von ${name}`} value={r.role} disabled={busy}
                      onChange={(e) => void run(() => call('responsibilities.set', { measureId, actorId: r.actorId, role: e.target.value as Role }), `Rolle von ${name}: ${ROLE_LABELS[e.target.value as Role]}.`)}>
                      {ROLES.map((x) => <option key={x} value={x}>{ROLE_LABELS[x]}</option>)}
                    </select>
                  </td>
                  <td className="actions">
                    <button type="button" className="button small quiet" disabled={busy} aria-label={`${name} entfernen`}
                      onClick={() => void run(() => call('responsibilities.remove', { measureId, actorId: r.actorId }), `${name} entfernt.`)}>
                      Entfernen
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <form className="inline-form" onSubmit={add} noValidate aria-label="Zuständigkeit hinzufügen">
        <div className="field grow">
          <label htmlFor={`${id}-a`}>Akteur</label>
          <select id={`${id}-a`} value={actorId} onChange={(e) => setActorId(e.target.value)}>
            <option value="">Bitte wählen…</option>
            {available.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-r`}>Rolle</label>
          <select id={`${id}-r`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((x) => <option key={x} value={x}>{ROLE_LABELS[x]}</option>)}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={busy}>Zuständigkeit hinzufügen</button>
        <button type="button" className="button" onClick={() => setCreating(true)}>Neuen Akteur anlegen…</button>
      </form>
      <ErrorAlert message={error} />
      <StatusLine>{status}</StatusLine>
      {creating ? (
        <ActorDialog onClose={() => setCreating(false)} onSaved={async (a) => {
          setCreating(false);
          setActorId(a.id);
          setStatus(`Akteur „${a.name}“ angelegt. Wählen Sie die Rolle und fügen Sie ihn hinzu.`);
        }} />
      ) : null}
    </section>
  );
}
