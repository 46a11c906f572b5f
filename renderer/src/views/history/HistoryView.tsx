// Änderungsprotokoll of the whole plan: who changed what when, newest first; undone steps marked.
import { useId, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { HistoryTable } from './HistoryList.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import '../views.css';

const PAGE = 100;
type Kind = 'alle' | 'change' | 'undo';

export function HistoryView() {
  const id = useId();
  const [limit, setLimit] = useState(PAGE);
  const { data, error } = usePlanData('history.list', { limit: limit + 1 });
  const [query, setQuery] = useState('');
  const [user, setUser] = useState('');
  const [kind, setKind] = useState<Kind>('alle');

  const steps = useMemo(() => data?.slice(0, limit) ?? [], [data, limit]);
  const users = useMemo(() => [...new Set(steps.map((s) => s.user))].sort((a, b) => a.localeCompare(b, 'de')), [steps]);
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('de-DE');
    return steps.filter((s) => (!user || s.user === user)
      && (kind === 'alle' || (kind === 'change' ? s.kind === 'change' || s.kind === 'other' : s.kind === 'undo' || s.kind === 'redo'))
      && (!q || [s.summary, ...s.changes.map((c) => c.summary)].some((t) => t.toLocaleLowerCase('de-DE').includes(q))));
  }, [steps, query, user, kind]);
  const more = (data?.length ?? 0) > limit;

  if (!data && !error) return <ViewHeading placeholder>Änderungsprotokoll</ViewHeading>;
  return (
    <>
      <div className="view-head">
        <ViewHeading>Änderungsprotokoll</ViewHeading>
        <p className="lead">
          Jede Änderung am Plan mit Person und Zeitpunkt, neueste zuerst. Die Schritte lassen sich oben mit „Rückgängig“ (Strg+Z)
          und „Wiederherstellen“ (Strg+Y) der Reihe nach zurücknehmen – auch nach einem Neustart.
        </p>
      </div>
      <ErrorAlert message={error} />
      <div className="filters" role="search" aria-label="Protokoll filtern">
        <div className="field">
          <label htmlFor={`${id}-q`}>Suche</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="z. B. M-4.01, Budget, Jobcenter …" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-u`}>Person</label>
          <select id={`${id}-u`} value={user} onChange={(e) => setUser(e.target.value)}>
            <option value="">alle</option>
            {users.map((u) => <option key={u} value={u}>{u}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-k`}>Art</label>
          <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="alle">alle Einträge</option>
            <option value="change">nur Änderungen</option>
            <option value="undo">nur Rückgängig/Wiederherstellen</option>
          </select>
        </div>
      </div>
      <p className="table-count" role="status">{shown.length === steps.length ? (steps.length === 1 ? '1 Eintrag' : `${steps.length} Einträge`) : `${shown.length} von ${steps.length} Einträgen`}{more ? ' (die neuesten)' : ''}</p>
      <div className="table-wrap">
        {shown.length === 0 ? <p className="empty-note">Kein Eintrag passt zur Auswahl.</p>
          : <HistoryTable steps={shown} caption="Änderungsprotokoll des Plans, neueste zuerst" showMeasures />}
      </div>
      {more ? <p><button type="button" className="button" onClick={() => setLimit((l) => Math.min(l + PAGE * 2, 999))}>Ältere Einträge laden</button></p> : null}
    </>
  );
}
