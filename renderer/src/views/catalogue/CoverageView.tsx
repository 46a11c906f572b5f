// Abdeckung: how far the plan covers the Impulspapier. Baustellen × actor groups: which Grundmauern
// were adopted into measures, which Fragen have answers; per Baustelle the measures and the funded
// ones. Every number opens the items behind it, with the way to the catalogue, measure or Fragen-Werkstatt.
import { useId, useMemo, useState } from 'react';
import { ACTOR_GROUP_LABELS, type ActorGroup } from '../../../../shared/catalogue/types.ts';
import { MEASURE_STATUS_LABELS } from '../../../../shared/domain/enums.ts';
import type { CoverageBaustelle, CoverageCell, MeasureRow } from '../../../../shared/domain/types.ts';
import { ErrorAlert } from '../../components/Messages.tsx';
import { ViewHeading } from '../../components/ViewHeading.tsx';
import { hrefFor } from '../../lib/useRoute.ts';
import { useWorkbench } from '../../useWorkbench.tsx';
import { usePlanData } from '../../data/usePlanData.ts';
import '../views.css';

const groupLabel = (g: string) => ACTOR_GROUP_LABELS[g as ActorGroup] ?? g;
/** Break points for the long German compounds of the group names in narrow column heads. */
const softHyphens = (label: string) => label.replace('Entscheidungsträger', 'Entscheidungs\u00ADträger').replace('Zivilgesellschaftliche', 'Zivil\u00ADgesellschaftliche');

interface Selection { baustelleId: string; group: string | null }

function share(part: number, whole: number): string {
  return whole === 0 ? '–' : `${part} von ${whole}`;
}

function cellTotals(cell: CoverageCell) {
  const g = cell.grundmauernAdopted.length + cell.grundmauernOpen.length;
  const f = cell.fragenAnswered.length + cell.fragenOpen.length;
  return { g, f, ga: cell.grundmauernAdopted.length, fa: cell.fragenAnswered.length };
}

export function CoverageView() {
  const wb = useWorkbench();
  const id = useId();
  const { data, error } = usePlanData('coverage.get', {});
  const [sel, setSel] = useState<Selection | null>(null);

  function choose(s: Selection) {
    setSel(s);
    requestAnimationFrame(() => {
      const h = document.getElementById(`${id}-detail`);
      h?.closest('section')?.scrollIntoView({ block: 'start' });
      h?.focus({ preventScroll: true });
    });
  }

  if (!data && !error) return <ViewHeading placeholder>Abdeckung</ViewHeading>;
  const list = data?.baustellen ?? [];
  const groups = data?.actorGroups ?? [];
  const noMeasure = list.filter((b) => b.measureCount === 0);
  const noFunded = list.filter((b) => b.measureCount > 0 && b.fundedMeasureCount === 0);
  const sum = (f: (b: CoverageBaustelle) => number) => list.reduce((n, b) => n + f(b), 0);
  const chosen = sel ? list.find((b) => b.baustelleId === sel.baustelleId) ?? null : null;

  return (
    <>
      <div className="view-head">
        <ViewHeading>Abdeckung</ViewHeading>
        <p className="lead">Wie weit der Plan die sieben Baustellen abdeckt: übernommene Grundmauern, beantwortete Fragen, Maßnahmen und ihre Finanzierung. Jede Zahl lässt sich öffnen.</p>
      </div>
      <ErrorAlert message={error} />
      {data ? (
        <>
          <div className="summary-strip" role="group" aria-label="Kennzahlen">
            <p><strong>{sum((b) => b.grundmauernAdopted)}</strong> von {sum((b) => b.grundmauernCount)} Grundmauern in Maßnahmen übernommen</p>
            <p><strong>{sum((b) => b.fragenAnswered)}</strong> von {sum((b) => b.fragenCount)} Fragen beantwortet</p>
            <p><strong>{sum((b) => b.measureCount)}</strong> Maßnahmen, davon <strong>{sum((b) => b.fundedMeasureCount)}</strong> finanziert</p>
          </div>
          {noMeasure.length || noFunded.length ? (
            <div className="rule-box" role="note" aria-label="Lücken">
              {noMeasure.length ? <p><span className="rule-icon" aria-hidden="true">⚠</span> <strong>Ohne Maßnahme:</strong> {noMeasure.map((b) => `Baustelle ${b.number} · ${b.shortTitle}`).join('; ')}</p> : null}
              {noFunded.length ? <p><span className="rule-icon" aria-hidden="true">⚠</span> <strong>Ohne finanzierte Maßnahme:</strong> {noFunded.map((b) => `Baustelle ${b.number} · ${b.shortTitle}`).join('; ')}</p> : null}
            </div>
          ) : <p className="ok-line"><span aria-hidden="true">✓ </span>Jede Baustelle hat mindestens eine finanzierte Maßnahme.</p>}

          <div className="table-wrap">
            <table className="data-table coverage-table">
              <caption className="visually-hidden">Abdeckung je Baustelle und Akteursgruppe: übernommene Grundmauern und beantwortete Fragen; Maßnahmen und finanzierte Maßnahmen je Baustelle</caption>
              <thead>
                <tr>
                  <th scope="col">Baustelle</th>
                  {groups.map((g) => <th key={g} scope="col" className="group-head">{softHyphens(groupLabel(g))}</th>)}
                  <th scope="col" className="group-head">ganze Baustelle</th>
                  <th scope="col" className="group-head">Maßnahmen</th>
                </tr>
              </thead>
              <tbody>
                {list.map((b) => (
                  <tr key={b.baustelleId} className={sel?.baustelleId === b.baustelleId ? 'selected' : undefined}>
                    <th scope="row" className="row-head">
                      <button type="button" className="link-button strong-link" onClick={() => choose({ baustelleId: b.baustelleId, group: null })}>
                        <span className="visually-hidden">Baustelle </span><span className="toc-num">{b.number}</span> {b.shortTitle}
                        <span className="visually-hidden">: alles anzeigen</span>
                      </button>
                      {b.measureCount === 0 ? <span className="badge danger block-badge">keine Maßnahme</span>
                        : b.fundedMeasureCount === 0 ? <span className="badge warn block-badge">keine finanzierte Maßnahme</span> : null}
                    </th>
                    {groups.map((g) => {
                      const t = cellTotals(b.cells[g]);
                      if (t.g + t.f === 0) return <td key={g} className="cov-cell empty-cell"><span className="muted small">keine Einträge</span></td>;
                      return (
                        <td key={g} className="cov-cell">
                          <button type="button" className="cov-button" onClick={() => choose({ baustelleId: b.baustelleId, group: g })}>
                            <CovLines g={t.g} ga={t.ga} f={t.f} fa={t.fa} />
                            <span className="visually-hidden"> – Baustelle {b.number}, {groupLabel(g)} öffnen</span>
                          </button>
                        </td>
                      );
                    })}
                    <td className="cov-sum"><CovLines g={b.grundmauernCount} ga={b.grundmauernAdopted} f={b.fragenCount} fa={b.fragenAnswered} /></td>
                    <td className="cov-sum">
                      <span className="cov-line"><strong>{b.measureCount}</strong> {b.measureCount === 1 ? 'Maßnahme' : 'Maßnahmen'}</span>
                      <span className={`cov-line${b.measureCount > 0 && b.fundedMeasureCount === 0 ? ' none' : ''}`}>davon finanziert <strong>{b.fundedMeasureCount}</strong></span>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Gesamt</th>
                  {groups.map((g) => {
                    const t = list.map((b) => cellTotals(b.cells[g])).reduce((a, x) => ({ g: a.g + x.g, f: a.f + x.f, ga: a.ga + x.ga, fa: a.fa + x.fa }), { g: 0, f: 0, ga: 0, fa: 0 });
                    return <td key={g} className="cov-sum"><CovLines {...t} /></td>;
                  })}
                  <td className="cov-sum"><CovLines g={sum((b) => b.grundmauernCount)} ga={sum((b) => b.grundmauernAdopted)} f={sum((b) => b.fragenCount)} fa={sum((b) => b.fragenAnswered)} /></td>
                  <td className="cov-sum">
                    <span className="cov-line"><strong>{sum((b) => b.measureCount)}</strong> {sum((b) => b.measureCount) === 1 ? 'Maßnahme' : 'Maßnahmen'}</span>
                    <span className="cov-line">davon finanziert <strong>{sum((b) => b.fundedMeasureCount)}</strong></span>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted small rule-text">{data.fundedRule}</p>

          <section className="panel coverage-detail" aria-labelledby={`${id}-detail`} hidden={!chosen}>
            {chosen && sel ? <CoverageDetail b={chosen} group={sel.group} groups={groups} headingId={`${id}-detail`}
              onAll={() => choose({ baustelleId: chosen.baustelleId, group: null })} onClose={() => setSel(null)} /> : null}
          </section>
        </>
      ) : null}
      {wb.catalogue ? null : <p className="muted">Katalog wird geladen…</p>}
    </>
  );
}

/** "Grundmauern 2 von 3 / Fragen 1 von 2", with none-yet marked in words by the numbers themselves. */
function CovLines({ g, ga, f, fa }: { g: number; ga: number; f: number; fa: number }) {
  return (
    <>
      <span className={`cov-line${g === 0 ? ' absent' : ga === 0 ? ' none' : ''}`}>Grundmauern {g === 0 ? 'keine' : <strong>{share(ga, g)}</strong>}</span>{' '}
      <span className={`cov-line${f === 0 ? ' absent' : fa === 0 ? ' none' : ''}`}>Fragen {f === 0 ? 'keine' : <strong>{share(fa, f)}</strong>}</span>
    </>
  );
}

function CoverageDetail({ b, group, groups, headingId, onAll, onClose }: {
  b: CoverageBaustelle; group: string | null; groups: string[]; headingId: string; onAll: () => void; onClose: () => void;
}) {
  const wb = useWorkbench();
  const linked = useMemo(() => {
    const map = new Map<string, MeasureRow[]>();
    for (const m of wb.measures) for (const x of [...m.grundmauerIds, ...m.frageIds]) map.set(x, [...(map.get(x) ?? []), m]);
    return map;
  }, [wb.measures]);
  const measures = wb.measures.filter((m) => m.baustelleId === b.baustelleId).sort((x, y) => x.code.localeCompare(y.code, 'de', { numeric: true }));
  const shownGroups = group ? [group] : groups.filter((g) => cellTotals(b.cells[g]).g + cellTotals(b.cells[g]).f > 0);
  const text = (itemId: string) => wb.index.items.get(itemId)?.text ?? itemId;
  const measureLinks = (itemId: string) => (linked.get(itemId) ?? []).map((m, i) => (
    <span key={m.id}>{i > 0 ? ', ' : ''}<a href={hrefFor({ view: 'massnahme', id: m.id })} title={m.title}>{m.code}</a></span>
  ));

  return (
    <>
      <div className="block-head">
        <h2 id={headingId} tabIndex={-1}>Baustelle {b.number} · {b.shortTitle}{group ? ` – ${groupLabel(group)}` : ''}</h2>
        <div className="actions-row tight">
          {group ? <button type="button" className="button small" onClick={onAll}>Alle Gruppen dieser Baustelle</button> : null}
          <a className="link-cta" href={hrefFor({ view: 'katalog', baustelleId: b.baustelleId })}>Im Katalog öffnen</a>
          <a className="link-cta" href={hrefFor({ view: 'fragen', baustelleId: b.baustelleId })}>In der Fragen-Werkstatt öffnen</a>
          <button type="button" className="button small" onClick={onClose}>Schließen</button>
        </div>
      </div>
      {!group ? (
        <>
          <h3>Maßnahmen dieser Baustelle ({measures.length})</h3>
          {measures.length === 0 ? <p>Noch keine Maßnahme. <a href={hrefFor({ view: 'neu', baustelleId: b.baustelleId })}>Neue Maßnahme in dieser Baustelle</a></p> : (
            <ul className="plain-list">
              {measures.map((m) => (
                <li key={m.id}><a href={hrefFor({ view: 'massnahme', id: m.id })} className="row-link">{m.code}</a> {m.title} <span className="muted small">· {MEASURE_STATUS_LABELS[m.status]}</span></li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {shownGroups.map((g) => {
        const cell = b.cells[g];
        return (
          <div key={g} className="cov-group">
            {!group ? <h3>{groupLabel(g)}</h3> : null}
            <div className="cov-columns">
              <div>
                <h4>Grundmauern</h4>
                {cell.grundmauernAdopted.length + cell.grundmauernOpen.length === 0 ? <p className="muted">Keine.</p> : (
                  <ul className="cov-items">
                    {cell.grundmauernAdopted.map((x) => (
                      <li key={x} className="adopted-item"><span className="badge ok">übernommen</span> {text(x)} <span className="muted small">in</span> {measureLinks(x)}</li>
                    ))}
                    {cell.grundmauernOpen.map((x) => (
                      <li key={x} className="open-item"><span className="badge warn">offen</span> {text(x)} <a href={hrefFor({ view: 'katalog', baustelleId: b.baustelleId })} className="small">im Katalog übernehmen</a></li>
                    ))}
                  </ul>
                )}
              </div>
              <div>
                <h4>Fragen für den gemeinsamen Weiterbau</h4>
                {cell.fragenAnswered.length + cell.fragenOpen.length === 0 ? <p className="muted">Keine.</p> : (
                  <ul className="cov-items">
                    {cell.fragenAnswered.map((x) => (
                      <li key={x} className="adopted-item"><span className="badge ok">beantwortet</span> {text(x)} <a href={hrefFor({ view: 'fragen', baustelleId: b.baustelleId, frageId: x })} className="small">Antwort lesen</a></li>
                    ))}
                    {cell.fragenOpen.map((x) => (
                      <li key={x} className="open-item"><span className="badge warn">offen</span> {text(x)} <a href={hrefFor({ view: 'fragen', baustelleId: b.baustelleId, frageId: x })} className="small">beantworten</a></li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </div>
        );
      })}
    </>
  );
}
