// Zusammenarbeit: take over the changes of a copy of the plan (a colleague's laptop, a mail
// attachment) field by field, or sync with the shared plan on the Kreis's server; a field changed
// differently on both sides is a Konflikt, decided here.
import { useId, useState } from 'react';
import type { CopyPreview, MergeOutcome } from '../../../../shared/domain/sync.ts';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { useBackend } from '../../backend/useBackend.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { messageOf } from '../../lib/format.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { ServerSyncSection } from './ServerSyncSection.tsx';
import '../views.css';

const n = (count: number, one: string, many: string) => `${count.toLocaleString('de-DE')} ${count === 1 ? one : many}`;

export function CollaborationView() {
  const id = useId();
  const wb = useWorkbench();
  const { call } = useBackend();
  const conflicts = usePlanData('sync.conflicts', {});
  const [path, setPath] = useState('');
  const [preview, setPreview] = useState<{ path: string; value: CopyPreview } | null>(null);
  const [outcome, setOutcome] = useState<MergeOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const readOnly = wb.info?.readOnly ?? null;

  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(messageOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const check = () => run(async () => {
    setOutcome(null);
    const value = await call('sync.copyPreview', { path: path.trim() });
    setPreview({ path: path.trim(), value });
  });
  const apply = () => run(async () => {
    if (!preview) return;
    const result = await call('sync.copyMerge', { path: preview.path });
    setOutcome(result);
    setPreview(null);
    wb.refresh();
  });
  const decide = (conflictId: string, choice: 'mine' | 'theirs') => run(async () => {
    await call('sync.resolve', { id: conflictId, choice });
    wb.refresh();
  });

  return (
    <>
      <div className="view-head">
        <ViewHeading>Zusammenarbeit</ViewHeading>
        <p className="lead">
          Änderungen aus einer Kopie dieses Plans übernehmen oder mit dem gemeinsamen Plan auf dem Server abgleichen, Feld für Feld. Wurde dasselbe Feld hier und in der Kopie (oder auf dem Server)
          verschieden geändert, ist das ein Konflikt: beide Werte bleiben erhalten, Sie entscheiden unten.
        </p>
      </div>
      <ErrorAlert message={error ?? conflicts.error} />
      <section aria-labelledby={`${id}-copy`}>
        <h2 id={`${id}-copy`}>Änderungen aus einer Kopie übernehmen</h2>
        <form className="filters" onSubmit={(e) => { e.preventDefault(); void check(); }}>
          <div className="field">
            <label htmlFor={`${id}-path`}>Pfad der Kopie (.wirplan)</label>
            <input id={`${id}-path`} type="text" value={path} onChange={(e) => { setPath(e.target.value); setPreview(null); }}
              placeholder="z. B. /home/anna/Plan (Kopie).wirplan" size={50} />
          </div>
          <button type="submit" disabled={busy || path.trim() === ''}>Vorschau</button>
        </form>
        {preview ? (
          <div className="preview">
            <p>
              Kopie „{preview.value.title}“: {n(preview.value.changes, 'Änderung', 'Änderungen')} an {n(preview.value.entities, 'Eintrag', 'Einträgen')},
              {' '}{n(preview.value.conflicts.length, 'Konflikt', 'Konflikte')}.
            </p>
            {preview.value.conflicts.length > 0 ? (
              <table>
                <caption>Konflikte der Vorschau</caption>
                <thead><tr><th scope="col">Feld</th><th scope="col">Hier</th><th scope="col">In der Kopie</th></tr></thead>
                <tbody>
                  {preview.value.conflicts.map((c, i) => (
                    <tr key={i}><td>{c.label}</td><td>{c.mine}</td><td>{c.theirs}</td></tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <button type="button" onClick={() => void apply()} disabled={busy || readOnly !== null || preview.value.changes === 0}>
              Änderungen übernehmen
            </button>
          </div>
        ) : null}
        <StatusLine>
          {outcome ? `Übernommen: ${n(outcome.changes, 'Änderung', 'Änderungen')} an ${n(outcome.entities, 'Eintrag', 'Einträgen')}, ${n(outcome.conflicts.length, 'Konflikt', 'Konflikte')}.` : null}
        </StatusLine>
      </section>
      <ServerSyncSection readOnly={readOnly !== null} />
      <section aria-labelledby={`${id}-conflicts`}>
        <h2 id={`${id}-conflicts`}>Offene Konflikte</h2>
        {conflicts.data && conflicts.data.length === 0 ? <p>Keine offenen Konflikte.</p> : null}
        {conflicts.data && conflicts.data.length > 0 ? (
          <table>
            <caption>{n(conflicts.data.length, 'offener Konflikt', 'offene Konflikte')}</caption>
            <thead><tr><th scope="col">Feld</th><th scope="col">Mein Wert</th><th scope="col">Deren Wert</th><th scope="col">Herkunft</th><th scope="col">Entscheidung</th></tr></thead>
            <tbody>
              {conflicts.data.map((c) => (
                <tr key={c.id}>
                  <td>{c.label}</td><td>{c.mine}</td><td>{c.theirs}</td><td>{c.source}</td>
                  <td>
                    <button type="button" disabled={busy || readOnly !== null} onClick={() => void decide(c.id, 'mine')} aria-label={`Meinen Wert behalten: ${c.label}`}>Meinen Wert behalten</button>
                    {' '}
                    <button type="button" disabled={busy || readOnly !== null} onClick={() => void decide(c.id, 'theirs')} aria-label={`Deren Wert übernehmen: ${c.label}`}>Deren Wert übernehmen</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
