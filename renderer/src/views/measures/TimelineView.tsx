// Zeitplan: the measures on a quarter axis, as bars with their Umsetzungsschritte as markers.
// It is a real table (rows = measures, columns = quarters) with the period in words in its own
// column, so it reads without colour and with a screen reader; filterable like the measures table.
import { countOf } from '../../../../shared/domain/plural.ts';
import { useId, useMemo, useState } from 'react';
import { MEASURE_STATUSES, MEASURE_STATUS_LABELS, type MeasureStatus } from '../../../../shared/domain/enums.ts';
import { LAUFZEIT_LABELS, formatPeriod, quarterIndex } from '../../../../shared/domain/period.ts';
import type { TimelineQuarter, TimelineRow } from '../../../../shared/domain/types.ts';
import { ErrorAlert } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { baustelleLabel } from '../../lib/format.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import '../views.css';

const NONE = '__none__';

function yearGroups(quarters: TimelineQuarter[]): { year: number; span: number }[] {
  const out: { year: number; span: number }[] = [];
  for (const q of quarters) {
    const last = out[out.length - 1];
    if (last?.year === q.year) last.span += 1;
    else out.push({ year: q.year, span: 1 });
  }
  return out;
}

export function TimelineView() {
  const wb = useWorkbench();
  const id = useId();
  const { data, error } = usePlanData('timeline.get', {});
  const [baustelle, setBaustelle] = useState('');
  const [status, setStatus] = useState('');
  const [responsible, setResponsible] = useState('');
  const [query, setQuery] = useState('');
  const [now] = useState(() => new Date());

  const measureById = useMemo(() => new Map(wb.measures.map((m) => [m.id, m])), [wb.measures]);
  const responsibleActors = useMemo(() => {
    const ids = new Set(wb.measures.map((m) => m.responsibleActorId).filter((x): x is string => !!x));
    return wb.actors.filter((a) => ids.has(a.id)).sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }, [wb.measures, wb.actors]);

  const rows = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('de-DE');
    return (data?.rows ?? []).filter((r) => {
      const m = measureById.get(r.measureId);
      if (baustelle && r.baustelleId !== baustelle && !m?.furtherBaustellenIds.includes(baustelle)) return false;
      if (status && r.status !== status) return false;
      if (responsible === NONE ? m?.responsibleActorId != null : responsible && m?.responsibleActorId !== responsible) return false;
      if (q && ![r.code, r.title, m?.responsibleActorName ?? ''].some((t) => t.toLocaleLowerCase('de-DE').includes(q))) return false;
      return true;
    });
  }, [data, measureById, baustelle, status, responsible, query]);

  const quarters = data?.quarters ?? [];
  const nowQuarter = quarterIndex(now.getFullYear(), Math.floor(now.getMonth() / 3) + 1);
  const nowIndex = quarters.findIndex((q) => quarterIndex(q.year, q.quarter) === nowQuarter);
  const codeOf = (mid: string) => measureById.get(mid)?.code ?? '?';

  if (!data && !error) return <ViewHeading placeholder>Zeitplan</ViewHeading>;
  const total = data?.rows.length ?? 0;
  const anyFilter = baustelle || status || responsible || query.trim();
  return (
    <>
      <div className="view-head">
        <ViewHeading>Zeitplan</ViewHeading>
        <p className="lead">Laufzeiten der Maßnahmen nach Quartalen, mit ihren Umsetzungsschritten. Der Zeitraum steht in jeder Zeile auch in Worten.</p>
      </div>
      <ErrorAlert message={error} />
      <div className="filters" role="search" aria-label="Zeitplan filtern">
        <div className="field">
          <label htmlFor={`${id}-q`}>Suche</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Nummer, Titel, verantwortlich …" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-b`}>Baustelle</label>
          <select id={`${id}-b`} value={baustelle} onChange={(e) => setBaustelle(e.target.value)}>
            <option value="">alle Baustellen</option>
            {wb.catalogue?.baustellen.map((b) => <option key={b.id} value={b.id}>{baustelleLabel(b)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>Status</label>
          <select id={`${id}-s`} value={status} onChange={(e) => setStatus(e.target.value as MeasureStatus | '')}>
            <option value="">alle</option>
            {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{MEASURE_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-r`}>verantwortlich</label>
          <select id={`${id}-r`} value={responsible} onChange={(e) => setResponsible(e.target.value)}>
            <option value="">alle</option>
            <option value={NONE}>nicht festgelegt</option>
            {responsibleActors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
        {anyFilter ? (
          <button type="button" className="button small filter-reset" onClick={() => { setBaustelle(''); setStatus(''); setResponsible(''); setQuery(''); }}>Filter zurücksetzen</button>
        ) : null}
      </div>
      <div className="matrix-help">
        <p className="table-count" role="status">{anyFilter ? `${rows.length} von ${countOf(total, 'Maßnahme', 'Maßnahmen')}` : countOf(total, 'Maßnahme', 'Maßnahmen')}</p>
        <p className="legend" aria-label="Legende">
          <span><span className="lg-bar" aria-hidden="true" /> Laufzeit</span>
          <span><span className="lg-bar tentative" aria-hidden="true" /> Laufzeit einer Idee oder zurückgestellten Maßnahme</span>
          <span><span className="ms-mark done" aria-hidden="true">◆</span> Umsetzungsschritt erledigt</span>
          <span><span className="ms-mark" aria-hidden="true">◇</span> Umsetzungsschritt offen</span>
          <span><span className="ms-mark late" aria-hidden="true">!</span> Umsetzungsschritt überfällig</span>
          {nowIndex >= 0 ? <span><span className="lg-now" aria-hidden="true" /> aktuelles Quartal</span> : null}
        </p>
      </div>

      {quarters.length === 0 ? <p className="panel">Noch keine Maßnahme hat einen Zeitraum. Beginn und Ende tragen Sie im Maßnahmenblatt ein.</p> : (
        <div className="table-wrap timeline-wrap">
          <table className="data-table timeline">
            <caption className="visually-hidden">Zeitplan: Maßnahmen in den Zeilen, Quartale in den Spalten. Die Spalte „Zeitraum“ nennt Beginn und Ende.</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2} className="tl-measure">Maßnahme</th>
                <th scope="col" rowSpan={2} className="tl-period">Zeitraum</th>
                {yearGroups(quarters).map((g) => <th key={g.year} scope="colgroup" colSpan={g.span} className="tl-year">{g.year}</th>)}
              </tr>
              <tr>
                {quarters.map((q, i) => (
                  <th key={q.label} scope="col" className={`tl-q${q.quarter === 1 ? ' year-start' : ''}${i === nowIndex ? ' now' : ''}`}>
                    Q{q.quarter}<span className="visually-hidden">/{q.year}{i === nowIndex ? ' (aktuelles Quartal)' : ''}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? <tr><td colSpan={2 + quarters.length} className="empty">Keine Maßnahme passt zu den Filtern.</td></tr> : rows.map((r) => (
                <TimelineLine key={r.measureId} r={r} quarters={quarters} nowIndex={nowIndex} nowQuarter={nowQuarter} codeOf={codeOf} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function TimelineLine({ r, quarters, nowIndex, nowQuarter, codeOf }: {
  r: TimelineRow; quarters: TimelineQuarter[]; nowIndex: number; nowQuarter: number; codeOf: (id: string) => string;
}) {
  const start = r.startIndex;
  const end = r.endIndex ?? (start != null ? quarters.length - 1 : null);
  const tentative = r.status === 'idee' || r.status === 'zurueckgestellt';
  const dated = start != null;
  return (
    <tr>
      <th scope="row" className="tl-measure row-head">
        <a href={hrefFor({ view: 'massnahme', id: r.measureId })} className="row-link">{r.code}</a> <span className="tl-title">{r.title}</span>
        <span className="muted block small">
          {MEASURE_STATUS_LABELS[r.status]}
          {r.dependsOn.length ? ` · nach ${r.dependsOn.map(codeOf).join(', ')}` : ''}
        </span>
      </th>
      <td className="tl-period small">
        {formatPeriod(r)}
        {r.laufzeit ? <span className="muted block">{LAUFZEIT_LABELS[r.laufzeit].replace(/ \(.*\)$/u, '')}</span> : null}
        {r.milestones.length ? <span className="muted block">{r.milestones.filter((m) => m.done).length}/{r.milestones.length} Schritte erledigt</span> : null}
      </td>
      {!dated && r.milestones.every((m) => m.index == null)
        ? <td colSpan={quarters.length} className="tl-undated muted small">ohne Zeitraum</td>
        : quarters.map((q, i) => {
          const inBar = start != null && end != null && i >= start && i <= end;
          const steps = r.milestones.filter((m) => m.index === i);
          const cls = ['tl-cell', q.quarter === 1 ? 'year-start' : '', i === nowIndex ? 'now' : '',
            inBar ? 'bar' : '', inBar && tentative ? 'tentative' : '', inBar && i === start ? 'bar-start' : '', inBar && i === end ? (r.endIndex == null ? 'bar-open' : 'bar-end') : ''].filter(Boolean).join(' ');
          return (
            <td key={q.label} className={cls}>
              {steps.map((s) => {
                const late = !s.done && s.dueYear != null && quarterIndex(s.dueYear, s.dueQuarter ?? 4) < nowQuarter;
                const state = s.done ? 'erledigt' : late ? 'überfällig' : 'offen';
                return (
                  <span key={s.id} className={`ms-mark${s.done ? ' done' : late ? ' late' : ''}`} title={`${s.title} (${q.label}, ${state})`}>
                    <span aria-hidden="true">{s.done ? '◆' : late ? '!' : '◇'}</span>
                    <span className="visually-hidden">Umsetzungsschritt {s.title}, {state}</span>
                  </span>
                );
              })}
            </td>
          );
        })}
    </tr>
  );
}
