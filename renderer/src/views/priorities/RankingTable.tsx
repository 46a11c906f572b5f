// The ranking of the Nutzwertanalyse: rank, Nutzwert, Teilnutzen (bar + text) and the markers a
// committee needs to read a rank honestly: KO, not fully scored, raters disagree, rank depends on
// the weights, fixed in or out.
import type { PrioritiesResult, PriorityRow } from '../../../../shared/domain/priorities.ts';
import { hrefFor } from '../../lib/useRoute.ts';
import { CriteriaLegend, NutzwertBar } from './common.tsx';

function Markers({ row, delta }: { row: PriorityRow; delta: number }) {
  const items: { key: string; cls: string; label: string; detail: string }[] = [];
  if (row.fixed === 'in') items.push({ key: 'in', cls: 'ok', label: 'fest eingeplant', detail: row.fixedReason });
  if (row.fixed === 'out') items.push({ key: 'out', cls: 'neutral', label: 'ausgeschlossen', detail: row.fixedReason });
  if (row.ko) {
    items.push({ key: 'ko', cls: 'bad', label: 'KO', detail: row.koFailures.map((k) => `„${k.criterionName}“ mit ${String(k.score).replace('.', ',')} unter der Schwelle ${k.threshold}`).join('; ') });
  }
  if (!row.complete) items.push({ key: 'open', cls: 'warn', label: 'unvollständig', detail: `nicht bewertet: ${row.missing.map((m) => m.criterionName).join(', ')} (zählt 0)` });
  if (row.divergences.length > 0) {
    items.push({ key: 'div', cls: 'warn', label: 'Bewertungen weichen ab', detail: row.divergences.map((d) => `${d.criterionName}: ${d.a} und ${d.b}`).join('; ') });
  }
  if (items.length === 0 && !row.fragile) return <span className="muted">–</span>;
  const range = row.bestRank === row.worstRank ? `Rang ${row.bestRank ?? '–'}` : `Rang ${row.bestRank ?? '–'} bis ${row.worstRank ?? '–'}`;
  return (
    <ul className="markers">
      {items.map((m) => (
        <li key={m.key}><span className={`marker ${m.cls}`}>{m.label}</span>{m.detail ? <span className="marker-detail">{m.detail}</span> : null}</li>
      ))}
      {row.fragile ? (
        <li>
          <span className="marker info">Rang hängt an den Gewichten</span>
          <details className="marker-detail moves">
            <summary>bei ±{delta} Punkten {range}</summary>
            <ul>
              {row.rankMoves.map((m) => (
                <li key={`${m.criterionId}${m.delta}`}>{m.criterionName} {m.delta > 0 ? '+' : '−'}{Math.abs(m.delta)} Punkte → Rang {m.to ?? '–'}</li>
              ))}
            </ul>
          </details>
        </li>
      ) : null}
    </ul>
  );
}

export function RankingTable({ data }: { data: PrioritiesResult }) {
  const ranking = data.ranking;
  if (!ranking) {
    return (
      <div className="callout warn" role="note">
        <p className="strong">Keine Rangfolge, solange die Gewichte nicht stimmen.</p>
        <ul>{data.weightProblems.map((p) => <li key={p}>{p}</li>)}</ul>
        <p>Bitte unter „Kriterien und Gewichte“ die Gewichte auf zusammen 100 Punkte bringen und speichern.</p>
      </div>
    );
  }
  const delta = data.sensitivity?.delta ?? 10;
  return (
    <>
      <CriteriaLegend criteria={data.criteria} />
      <div className="table-wrap">
        <table className="data-table ranking-table">
          <caption className="visually-hidden">Rangfolge der Maßnahmen nach Nutzwert</caption>
          <thead>
            <tr>
              <th scope="col" className="num">Rang</th>
              <th scope="col">Maßnahme</th>
              <th scope="col" className="num">Nutzwert <span className="muted small">(0–10)</span></th>
              <th scope="col">Teilnutzen je Kriterium</th>
              <th scope="col">Hinweise</th>
            </tr>
          </thead>
          <tbody>
            {ranking.map((r) => (
              <tr key={r.measureId} className={r.ko ? 'is-ko' : undefined}>
                <td className="num rank-cell">{r.rank ?? <span title="durch ein KO-Kriterium ausgeschlossen">KO</span>}</td>
                <th scope="row" className="row-head">
                  <a href={hrefFor({ view: 'massnahme', id: r.measureId })} className="row-link">{r.code}</a>{' '}
                  <span className="measure-title">{r.title}</span>
                </th>
                <td className="num strong">{r.nutzwertText}</td>
                <td className="nw-cell"><NutzwertBar row={r} criteria={data.criteria} /></td>
                <td className="markers-cell"><Markers row={r} delta={delta} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Nutzwert = Summe aus Gewicht × Bewertung je Kriterium, auf der Skala 0 bis 10. Bei zwei Bewertungen zählt der Mittelwert.
        Nicht bewertete Kriterien zählen 0. „Rang hängt an den Gewichten“: Verschiebt man ein Gewicht um ±{delta} Punkte
        (die übrigen passen sich an), ändert sich der Rang.
      </p>
    </>
  );
}
