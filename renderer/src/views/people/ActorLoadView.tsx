// Auslastung: per actor, for how many measures it is verantwortlich, federführend, mitwirkend or
// zu informieren, and who carries too much. A click on an actor lists its measures.
import { countOf } from '../../../../shared/domain/plural.ts';
import { useId, useMemo, useState } from 'react';
import { ACTOR_KIND_LABELS, MEASURE_STATUS_LABELS, ROLES, ROLE_LABELS, type Role } from '../../../../shared/domain/enums.ts';
import type { ActorLoad } from '../../../../shared/domain/types.ts';
import { ErrorAlert } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { SortHeader, type Sort } from '../../components/SortHeader.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import '../views.css';

type Key = 'name' | Role | 'total' | 'activeResponsible';

const COLUMNS: { key: Key; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Akteur' },
  ...ROLES.map((r) => ({ key: r as Key, label: ROLE_LABELS[r], numeric: true })),
  { key: 'total', label: 'gesamt', numeric: true },
  { key: 'activeResponsible', label: 'davon laufend verantwortlich', numeric: true },
];

function value(a: ActorLoad, key: Key): string | number {
  switch (key) {
    case 'name': return a.name;
    case 'total': return a.total;
    case 'activeResponsible': return a.activeResponsible;
    default: return a.counts[key];
  }
}

export function ActorLoadView() {
  const wb = useWorkbench();
  const id = useId();
  const { data, error } = usePlanData('actors.load', {});
  const [query, setQuery] = useState('');
  const [onlyOverloaded, setOnlyOverloaded] = useState(false);
  const [sort, setSort] = useState<Sort<Key>>({ key: 'activeResponsible', desc: true });
  const [selected, setSelected] = useState<string | null>(null);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('de-DE');
    const list = (data?.actors ?? []).filter((a) => (!onlyOverloaded || a.overloaded)
      && (!q || [a.name, ACTOR_KIND_LABELS[a.kind]].some((t) => t.toLocaleLowerCase('de-DE').includes(q))));
    const dir = sort.desc ? -1 : 1;
    return list.sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'de');
      return c * dir || a.name.localeCompare(b.name, 'de');
    });
  }, [data, query, onlyOverloaded, sort]);

  const overloaded = data?.actors.filter((a) => a.overloaded) ?? [];
  const chosen = data?.actors.find((a) => a.actorId === selected) ?? null;

  function choose(actorId: string) {
    setSelected(actorId);
    requestAnimationFrame(() => {
      const h = document.getElementById(`${id}-detail`);
      h?.closest('section')?.scrollIntoView({ block: 'nearest' });
      h?.focus({ preventScroll: true });
    });
  }

  if (!data && !error) return <ViewHeading placeholder>Auslastung der Akteure</ViewHeading>;
  return (
    <>
      <div className="view-head">
        <ViewHeading>Auslastung der Akteure</ViewHeading>
        <p className="lead">Für wie viele Maßnahmen jede Stelle in welcher Rolle eingetragen ist – und wer zu viel trägt.</p>
      </div>
      <ErrorAlert message={error} />
      {data ? (
        <>
          <div className="summary-strip" aria-label="Kennzahlen" role="group">
            <p><strong>{data.activeMeasures}</strong> laufende Maßnahmen im Plan</p>
            <p><strong>{data.actors.length}</strong> Akteure</p>
            <p className={overloaded.length ? 'warn-text' : undefined}>
              <strong>{overloaded.length}</strong> {overloaded.length === 1 ? 'Akteur überlastet' : 'Akteure überlastet'}
              {overloaded.length ? `: ${overloaded.map((a) => a.name).join(', ')}` : ''}
            </p>
          </div>
          <p className="muted small rule-text">{data.rule}</p>

          <div className="filters" role="search" aria-label="Akteure filtern">
            <div className="field">
              <label htmlFor={`${id}-q`}>Suche</label>
              <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name oder Art …" />
            </div>
            <label className="check filter-check">
              <input type="checkbox" checked={onlyOverloaded} onChange={(e) => setOnlyOverloaded(e.target.checked)} />
              nur überlastete
            </label>
          </div>
          <p className="table-count" role="status">{shown.length === data.actors.length ? countOf(shown.length, 'Akteur', 'Akteure') : `${shown.length} von ${data.actors.length} Akteuren`}</p>
          <div className="table-wrap">
            <table className="data-table load-table">
              <caption className="visually-hidden">Auslastung der Akteure: Zahl der Maßnahmen je Rolle. Spaltenköpfe sortieren.</caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => <SortHeader key={c.key} column={c.key} label={c.label} numeric={c.numeric} sort={sort} onSort={setSort} />)}
                  <th scope="col" className="load-col">Auslastung</th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 ? <tr><td colSpan={COLUMNS.length + 1} className="empty">Kein Akteur gefunden.</td></tr> : shown.map((a) => (
                  <tr key={a.actorId} className={[a.overloaded ? 'overloaded' : '', selected === a.actorId ? 'selected' : ''].join(' ').trim() || undefined}>
                    <th scope="row" className="row-head">
                      <button type="button" className="link-button strong-link" aria-expanded={selected === a.actorId}
                        aria-controls={`${id}-detail-section`} onClick={() => choose(a.actorId)}>{a.name}</button>
                      <span className="muted block small">{ACTOR_KIND_LABELS[a.kind]}</span>
                    </th>
                    {ROLES.map((r) => <td key={r} className="num">{a.counts[r] || <span className="muted">0</span>}</td>)}
                    <td className="num strong">{a.total}</td>
                    <td className="num">{a.activeResponsible}</td>
                    <td className="load-col">
                      {a.overloaded
                        ? <span className="load-flag"><span className="badge warn"><span aria-hidden="true">⚠ </span>überlastet</span> <span className="small">{a.overloadReason}</span></span>
                        : a.total === 0 ? <span className="muted">keine Maßnahme</span> : <span className="muted">im Rahmen</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section id={`${id}-detail-section`} className="panel actor-measures" aria-labelledby={`${id}-detail`} hidden={!chosen}>
            {chosen ? <ActorMeasures actorId={chosen.actorId} name={chosen.name} headingId={`${id}-detail`} onClose={() => setSelected(null)} /> : null}
          </section>
          {!chosen ? <p className="muted small">Einen Akteur anklicken, um seine Maßnahmen zu sehen.</p> : null}
        </>
      ) : null}
      {wb.actors.length === 0 && data ? <p>Noch keine Akteure. Legen Sie sie unter <a href={hrefFor({ view: 'akteure' })}>Akteure</a> an.</p> : null}
    </>
  );
}

function ActorMeasures({ actorId, name, headingId, onClose }: { actorId: string; name: string; headingId: string; onClose: () => void }) {
  const wb = useWorkbench();
  const rows = useMemo(() => {
    const byId = new Map(wb.measures.map((m) => [m.id, m]));
    return wb.responsibilities.filter((r) => r.actorId === actorId)
      .map((r) => ({ role: r.role, m: byId.get(r.measureId) }))
      .filter((x): x is { role: Role; m: NonNullable<typeof x.m> } => !!x.m)
      .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.m.code.localeCompare(b.m.code, 'de', { numeric: true }));
  }, [wb.measures, wb.responsibilities, actorId]);
  return (
    <>
      <div className="block-head">
        <h2 id={headingId} tabIndex={-1}>Maßnahmen von {name}</h2>
        <button type="button" className="button small" onClick={onClose}>Schließen</button>
      </div>
      {rows.length === 0 ? <p>Für keine Maßnahme eingetragen.</p> : (
        <table className="data-table compact">
          <caption className="visually-hidden">Maßnahmen, für die {name} eingetragen ist</caption>
          <thead><tr><th scope="col">Rolle</th><th scope="col">Nr.</th><th scope="col">Titel</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {rows.map(({ role, m }) => (
              <tr key={m.id}>
                <td>{ROLE_LABELS[role]}</td>
                <td><a href={hrefFor({ view: 'massnahme', id: m.id })} className="row-link">{m.code}</a></td>
                <td>{m.title}</td>
                <td><span className={`status-badge s-${m.status}`}>{MEASURE_STATUS_LABELS[m.status]}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
