// Prioritäten: the Nutzwertanalyse. The ranking first (what a committee reads), then the criteria
// and weights, then the scoring grid. Every change is saved at once and can be undone.
import { useState } from 'react';
import { ErrorAlert, StatusLine } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import { CriteriaEditor } from './CriteriaEditor.tsx';
import { RankingTable } from './RankingTable.tsx';
import { ScoringGrid } from './ScoringGrid.tsx';

const DELTAS = [5, 10, 20];

export function PrioritiesView() {
  const wb = useWorkbench();
  const [delta, setDelta] = useState(10);
  const { data, error } = usePlanData('priorities.get', { sensitivityDelta: delta });
  const [status, setStatus] = useState<string | null>(null);

  if (!data) {
    return (
      <>
        <ViewHeading placeholder>Prioritäten</ViewHeading>
        <ErrorAlert message={error} />
        {!error ? <p>Die Nutzwertanalyse wird geladen…</p> : null}
      </>
    );
  }
  const fragile = data.sensitivity?.fragileCount ?? 0;
  return (
    <>
      <div className="view-head">
        <ViewHeading>Prioritäten</ViewHeading>
        <p className="lead">
          Nutzwertanalyse: Jede Maßnahme wird nach gewichteten Kriterien bewertet. Das Ergebnis ist eine nachvollziehbare Rangfolge –
          die Grundlage, um Prioritäten gemeinsam auszuhandeln, wenn das Geld nicht für alles reicht. Viele Beteiligte bewerten lassen:{' '}
          <a href={hrefFor({ view: 'beteiligung' })}>Beteiligungsrunde</a>.
        </p>
        <nav className="section-nav" aria-label="Abschnitte">
          <a className="link-cta" href="#sec-rangfolge" onClick={(e) => { e.preventDefault(); document.getElementById('sec-rangfolge')?.focus(); }}>Rangfolge</a>
          <a className="link-cta" href="#sec-kriterien" onClick={(e) => { e.preventDefault(); document.getElementById('sec-kriterien')?.focus(); }}>Kriterien und Gewichte</a>
          <a className="link-cta" href="#sec-bewertungen" onClick={(e) => { e.preventDefault(); document.getElementById('sec-bewertungen')?.focus(); }}>Bewertungen</a>
        </nav>
      </div>
      <ErrorAlert message={error} />
      <StatusLine className="notice">{status}</StatusLine>

      <section className="panel" aria-labelledby="sec-rangfolge">
        <div className="block-head">
          <h2 id="sec-rangfolge" tabIndex={-1}>Rangfolge</h2>
          <p className="muted small">
            {data.completeCount} von {data.measureCount} Maßnahmen vollständig bewertet
            {data.ranking ? ` · ${fragile === 0 ? 'keine Rangfolge hängt' : `${fragile} ${fragile === 1 ? 'Rang hängt' : 'Ränge hängen'}`} an ±${delta} Punkten Gewicht` : ''}
          </p>
        </div>
        <div className="inline-controls">
          <label htmlFor="prio-delta">Empfindlichkeit prüfen mit</label>
          <select id="prio-delta" value={delta} onChange={(e) => setDelta(Number(e.target.value))}>
            {DELTAS.map((d) => <option key={d} value={d}>±{d} Punkten Gewicht</option>)}
          </select>
        </div>
        <RankingTable data={data} />
      </section>

      <section className="panel" aria-labelledby="sec-kriterien">
        <CriteriaEditor headingId="sec-kriterien" criteria={data.criteria} onSaved={async (msg) => { setStatus(msg); }} />
      </section>

      <ScoringGrid headingId="sec-bewertungen" data={data} measures={wb.measures} />
    </>
  );
}
